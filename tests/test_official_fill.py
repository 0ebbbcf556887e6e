"""Filling the real 2024 forms: values in the fields, on the page, real on-states, overflow, read-back."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from assembler.plan.formmap import cr180, cr181
from assembler.render.forms.official.backend import OfficialBackend
from assembler.render.forms.official.fieldmaps import current
from assembler.render.forms.official.readback import FillError
from assembler.plan.backend import DoesNotFit
from assembler.plan.placement import DECLARATION_POINTER, place
from conftest import pdf_text
from formcases import COURT, count, decision, profile

WOBBLER_AND_DISMISSAL = [decision("17b", "discretionary"), decision("1203.4", "discretionary",
                                                                    discretion=["PROBATION_VIOLATION"])]


@pytest.fixture
def backend(official_forms_dir) -> OfficialBackend:
    return OfficialBackend(official_forms_dir)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def field_values(data: bytes) -> dict[str, str]:
    reader = PdfReader(io.BytesIO(data))
    return {name: str(f.get("/V", "")) for name, f in reader.get_fields().items()}


def fill_documents(backend, form, *, flatten=False):
    return [(d, backend.fill(d.form_id, d.values, flatten=flatten).data) for d in place(form, backend)]


def violated_profile(**extra):
    return profile(sentence={"probation": {"outcome": "violated_reinstated", "violations": True}}, **extra)


def test_cr180_every_field_holds_its_value_and_untouched_fields_stay_blank(backend):
    p = violated_profile()
    doc, data = fill_documents(backend, cr180.values(p, p.cases[0], WOBBLER_AND_DISMISSAL, COURT))[0]
    got = field_values(data)
    fields = current("CR-180").fields
    expected_pdf = {}
    for item, value in doc.values.items():
        for name in fields[item].pdf:
            expected_pdf[name] = fields[item].on if value is True else ("" if value is False else value)
    for name in current("CR-180").field_names:
        want = expected_pdf.get(name, "")
        have = got.get(name, "")
        assert have in (want, "/Off" if not want else want), f"{name}: {have!r} != {want!r}"
    assert got[fields["item2.c"].pdf[0]] == "/3"  # the box's own on-state, not /Yes
    assert got[fields["caption.case_number"].pdf[2]] == "RIF1801234"  # repeated on page 3


def test_check_boxes_carry_their_real_on_state_in_v_and_as(backend):
    p = violated_profile()
    _, data = fill_documents(backend, cr180.values(p, p.cases[0], WOBBLER_AND_DISMISSAL, COURT))[0]
    reader = PdfReader(io.BytesIO(data))
    by_name = {}
    for page in reader.pages:
        for annot in page["/Annots"]:
            by_name[annot.get_object().get("/T")] = annot.get_object()
    assert by_name["ProbationGranted[0]"]["/AS"] == "/1"
    reasons = [a.get_object() for a in reader.pages[0]["/Annots"]
               if a.get_object().get("/T") == "ProbationGrantedReason[0]"]
    assert sorted(str(a.get("/AS", "/Off")) for a in reasons) == ["/3", "/Off", "/Off"]  # 2a, 2b off; 2c on


def test_no_xfa_and_no_usage_rights_signature_remain(backend):
    p = violated_profile()
    for data in (d for _, d in fill_documents(backend, cr180.values(p, p.cases[0], WOBBLER_AND_DISMISSAL,
                                                                   COURT))):
        root = PdfReader(io.BytesIO(data)).trailer["/Root"]
        assert "/Perms" not in root and "/XFA" not in root["/AcroForm"]


def test_flattened_petition_prints_the_values_and_has_no_form_layer(backend, tmp_path):
    p = violated_profile()
    docs = fill_documents(backend, cr180.values(p, p.cases[0], WOBBLER_AND_DISMISSAL, COURT),
                          flatten=True)
    path = write(tmp_path, "cr180.pdf", docs[0][1])
    text = pdf_text(path, layout=True)
    for value in ("Jane Quinn Doe", "In pro per", "PO Box 12", "4100 Main Street", "04/02/2018", "460(b)"):
        assert value in text, value
    everything = " ".join(" ".join(pdf_text(write(tmp_path, f"{i}.pdf", d)).split()) for i, (_, d) in enumerate(docs))
    assert "I have worked as a warehouse lead since 2022." in everything  # on the form or its MC-031
    assert text.count("RIF1801234") == 3  # the case number on every page
    assert "/AcroForm" not in PdfReader(path).trailer["/Root"]
    assert "Print this form" not in text  # screen-only buttons are not printed


def test_proposed_order_fills_caption_and_requested_relief_only(backend, tmp_path):
    p = violated_profile()
    _, data = fill_documents(backend, cr181.values(p, p.cases[0], WOBBLER_AND_DISMISSAL, COURT))[0]
    got = field_values(data)
    on = {name for name, v in got.items() if v.startswith("/") and v.lower() != "/off"}
    f = current("CR-181").fields
    assert on == {f[i].pdf[0] for i in ("item1", "item1.a", "item3", "item3.1203_4", "item3.a")}
    assert got[f["order.date"].pdf[0]] == ""
    assert got[f["caption.case_number"].pdf[1]] == "RIF1801234"


def test_seven_offenses_continue_on_mc025_and_the_table_says_see_attachment(backend, tmp_path):
    sections = ["460(b)", "487(a)", "496(a)", "530.5(a)", "594(b)(1)", "666", "10851(a)"]
    p = profile(*[count(s) for s in sections[:6]], count("10851(a)", code="VC"))
    docs = fill_documents(backend, cr180.values(p, p.cases[0], WOBBLER_AND_DISMISSAL, COURT),
                          flatten=True)
    table = [(d, data) for d, data in docs if d.form_id == "MC-025" and d.values["attachment_number"] == "1"]
    assert docs[0][0].form_id == "CR-180" and len(table) == 1
    form_text = pdf_text(write(tmp_path, "cr180.pdf", docs[0][1]), layout=True)
    assert "See Attachment 1" in form_text or "see Attachment 1" in form_text
    for section in sections[:5]:
        assert section in form_text
    attachment = pdf_text(write(tmp_path, "mc025.pdf", table[0][1]))
    assert "6. Code: Penal; Section: 666" in attachment
    assert "7. Code: Vehicle; Section: 10851(a)" in attachment
    assert "1. Code" not in attachment and "5. Code" not in attachment
    assert "People v. Jane Quinn Doe" in attachment and "RIF1801234" in attachment


def test_long_interest_of_justice_text_goes_on_mc031_and_the_field_says_so(backend, tmp_path):
    long_facts = {"employment": " ".join(f"Sentence {i} about my work and my family since my conviction."
                                         for i in range(40))}
    p = violated_profile(facts=long_facts)
    docs = fill_documents(backend, cr180.values(p, p.cases[0], WOBBLER_AND_DISMISSAL, COURT),
                          flatten=True)
    assert [d.form_id for d, _ in docs][:2] == ["CR-180", "MC-031"]
    assert docs[0][0].values["item2.c.text"] == DECLARATION_POINTER
    assert DECLARATION_POINTER in pdf_text(write(tmp_path, "cr180.pdf", docs[0][1]), layout=True)
    sworn = [data for d, data in docs[1:] if d.form_id == "MC-031" or d.values.get("attachment_number") == "2c-D"]
    declaration = " ".join(" ".join(pdf_text(write(tmp_path, f"d{i}.pdf", data)).split())
                           for i, data in enumerate(sworn))
    assert "Sentence 0 about" in declaration and "Sentence 39 about my work" in declaration
    assert "Jane Quinn Doe" in declaration


def test_a_declaration_longer_than_one_page_continues_on_mc025_with_every_word(backend, tmp_path):
    words = [f"w{i}" for i in range(1500)]
    p = violated_profile(facts={"hardship": " ".join(words)})
    docs = fill_documents(backend, cr180.values(p, p.cases[0], WOBBLER_AND_DISMISSAL, COURT),
                          flatten=True)
    kinds = [d.form_id for d, _ in docs]
    assert kinds[:2] == ["CR-180", "MC-031"] and set(kinds[2:]) == {"MC-025"}
    text = " ".join(pdf_text(write(tmp_path, f"{i}.pdf", data)) for i, (_, data) in enumerate(docs[1:]))
    found = [w for w in text.split() if w.startswith("w") and w[1:].isdigit()]
    assert found == words
    assert "Continued on Attachment 2c-D" in text


def test_a_value_that_would_be_cut_is_refused_not_drawn(backend):
    with pytest.raises(DoesNotFit, match="caption.case_number"):
        backend.fill("CR-180", {"caption.case_number": "X" * 200})


def test_read_back_fails_loudly_when_a_value_is_missing(backend, monkeypatch):
    from assembler.render.forms.official import incremental
    original = incremental.Update.put
    first_page_field = backend.form("CR-180").item_widgets("caption.case_number")[0].ref.idnum

    def drop_the_case_number(self, number, body):
        if number != first_page_field:
            original(self, number, body)

    monkeypatch.setattr(incremental.Update, "put", drop_the_case_number)
    with pytest.raises(FillError, match="caption.case_number"):
        backend.fill("CR-180", {"caption.case_number": "RIF1801234"})


def test_encrypted_attachment_forms_fill(backend):
    for form_id, item in (("MC-025", "body"), ("MC-031", "body")):
        data = backend.fill(form_id, {item: "Continued text."}).data
        assert not PdfReader(io.BytesIO(data)).is_encrypted


@pytest.mark.parametrize("flatten", [False, True])
def test_filled_files_are_well_formed_for_a_strict_reader(backend, flatten):
    """The incremental update must chain to the form and every object must parse (strict pypdf)."""
    p = violated_profile()
    for _, data in fill_documents(backend, cr181.values(p, p.cases[0], WOBBLER_AND_DISMISSAL, COURT),
                                  flatten=flatten):
        reader = PdfReader(io.BytesIO(data), strict=True)
        for number in range(1, int(reader.trailer["/Size"])):
            reader.get_object(number)
        assert len(reader.pages) == 2
        assert data.startswith(backend.form("CR-181").base)  # only appended to, never rewritten


def test_an_aes256_owner_encrypted_copy_as_published_is_recognised_and_filled(official_forms_dir, tmp_path):
    """courts.ca.gov publishes CR-180 owner-encrypted (AES-256, empty user password)."""
    writer = PdfWriter(clone_from=PdfReader(official_forms_dir / "CR-180.pdf"))
    writer.encrypt(user_password="", owner_password="owner-only", algorithm="AES-256")
    folder = tmp_path / "forms"
    folder.mkdir()
    with (folder / "cr180.pdf").open("wb") as out:
        writer.write(out)
    assert PdfReader(folder / "cr180.pdf").is_encrypted
    filled = OfficialBackend(folder).fill("CR-180", {"caption.case_number": "RIF1801234"}, flatten=True)
    assert filled.revision == "Rev. January 1, 2024"
    assert "RIF1801234" in pdf_text(write(tmp_path, "out.pdf", filled.data))


def test_accented_names_print_as_typed_and_other_scripts_fold_or_are_refused(backend, tmp_path):
    from assembler.render.forms.official.appearance import NotPrintable
    data = backend.fill("CR-180", {"caption.defendant": "José Núñez-Peña"}, flatten=True).data
    assert "José Núñez-Peña" in pdf_text(write(tmp_path, "accents.pdf", data))
    folded = backend.fill("CR-180", {"caption.defendant": "Trần Văn Nguyễn"}, flatten=True).data
    assert "Tran Van Nguyen" in pdf_text(write(tmp_path, "folded.pdf", folded))
    with pytest.raises(NotPrintable, match="caption.defendant"):
        backend.fill("CR-180", {"caption.defendant": "王小明"})


def test_a_name_mixing_accents_keeps_those_the_font_has(backend, tmp_path):
    data = backend.fill("CR-180", {"caption.defendant": "José Trần"}, flatten=True).data
    assert "José Tran" in pdf_text(write(tmp_path, "mixed.pdf", data))
