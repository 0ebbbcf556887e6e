"""The rendition backend: real fields named after the items, values read back, never cut.

None of these tests needs ../shared: the renditions are the project's own drawings.
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from assembler.plan.backend import FormBackend
from assembler.plan.formmap.items import items
from assembler.plan.formmap.values import Caption, FormValues
from assembler.plan.placement import place
from assembler.render.forms.rendition import RenditionBackend, available_forms, load_spec, render
from assembler.render.forms.rendition.fields import FillError
from tests.conftest import pdf_text

FORMS = ("CR-180", "CR-181", "CR-409", "CR-410", "MC-025", "MC-031")
BACKEND = RenditionBackend()
LETTER = (612, 792)


def reader(data: bytes) -> PdfReader:
    return PdfReader(BytesIO(data))


def test_every_form_has_a_rendition():
    assert set(FORMS) <= set(available_forms())


def test_the_backend_implements_the_shared_interface():
    assert isinstance(BACKEND, FormBackend)
    assert BACKEND.name == "rendition"
    assert BACKEND.revision("CR-180") == "Rev. January 1, 2024"


@pytest.mark.parametrize("form_id", FORMS)
def test_fields_are_exactly_the_logical_items(form_id):
    """One field per item of forms/<ID>/items.yaml, of the same kind, on the same pages."""
    spec = load_spec(form_id)
    known = items(form_id)
    assert set(spec.items) == set(known)
    for name in spec.items:
        pages = tuple(sorted({p.number for p in spec.pages for f in p.fields if f.name == name}))
        assert pages == known[name].pages, name
        assert (spec.field(name).kind == "check") == (known[name].type == "checkbox"), name
    fields = reader(render(form_id)).get_fields()
    assert set(fields) == set(known)


@pytest.mark.parametrize("form_id", FORMS)
def test_blank_rendition_is_letter_size_with_embedded_fonts_and_its_form_number(form_id, tmp_path):
    data = render(form_id)
    pdf = reader(data)
    assert len(pdf.pages) == len(load_spec(form_id).pages)
    for page in pdf.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == LETTER
        fonts = page["/Resources"]["/Font"]
        for ref in fonts.values():
            font = ref.get_object()
            if font["/Subtype"] == "/TrueType":
                assert "/FontFile2" in font["/FontDescriptor"], font["/BaseFont"]
    path = tmp_path / "blank.pdf"
    path.write_bytes(data)
    pages = pdf_text(path).split("\f")[:-1]
    assert all(form_id in page for page in pages), "the form number prints on every page"


def test_page_text_uses_only_the_embedded_typeface():
    """The printed page draws with Vera only; Helvetica is just the editing default of the fields."""
    pdf = reader(BACKEND.fill("CR-180", {"caption.defendant": "JANE DOE"}).data)
    for page in pdf.pages:
        content = page.get_contents().get_data()
        used = {name for name, ref in page["/Resources"]["/Font"].items() if f"{name} ".encode() in content}
        for name in used:
            assert "Vera" in str(page["/Resources"]["/Font"][name].get_object()["/BaseFont"])


CR180_VALUES = {
    "caption.attorney.name": "Jane Quinn Doe",
    "caption.attorney.attorney_for": "In pro per",
    "caption.court.county": "Riverside",
    "caption.defendant": "Jane Quinn Doe",
    "caption.case_number": "RIF1801234",
    "item1.date": "04/02/2018",
    "item1.row1.code": "Penal",
    "item1.row1.section": "460(b)",
    "item1.row1.type": "felony",
    "item1.row1.reduce_17b": "yes",
    "item1.row1.reduce_17d2": "no",
    "item2": True,
    "item2.a": True,
    "item2.c.text": "I have worked as a warehouse lead since 2022.\nThe record keeps me from renting an apartment.",
    "item8": None,
}


def _values():
    return {k: v for k, v in CR180_VALUES.items() if v is not None and k in items("CR-180")}


def test_fill_then_read_back_field_values_and_printed_text(tmp_path):
    values = _values()
    filled = BACKEND.fill("CR-180", values)
    assert filled.source == "rendition" and filled.revision == "Rev. January 1, 2024"
    fields = reader(filled.data).get_fields()
    for name, value in values.items():
        if isinstance(value, bool):
            assert fields[name]["/V"] not in (None, "/Off"), name
        else:
            assert fields[name]["/V"] == value, name
    untouched = set(items("CR-180")) - set(values)
    for name in untouched:
        assert fields[name].get("/V") in (None, "", "/Off"), f"{name} should stay blank"
    path = tmp_path / "filled.pdf"
    path.write_bytes(filled.data)
    text = " ".join(pdf_text(path, layout=True).split())
    for value in values.values():
        if isinstance(value, str):
            assert " ".join(value.split()) in text or all(line in text for line in value.split("\n"))


def test_a_caption_item_is_one_field_shown_on_every_page(tmp_path):
    filled = BACKEND.fill("CR-180", {"caption.case_number": "RIF1801234"})
    pdf = reader(filled.data)
    field = pdf.get_fields()["caption.case_number"]
    assert field["/V"] == "RIF1801234"
    widgets = [w for p in pdf.pages for w in (a.get_object() for a in p.get("/Annots", []))
               if "/Parent" in w and w["/Parent"].get_object().get("/T") == "caption.case_number"]
    assert len(widgets) == 3  # one field, one widget on each page
    path = tmp_path / "f.pdf"
    path.write_bytes(filled.data)
    assert all("RIF1801234" in page for page in pdf_text(path).split("\f")[:-1])


def test_flattened_copy_has_no_fields_and_prints_every_value(tmp_path):
    values = _values()
    flat = BACKEND.fill("CR-180", values, flatten=True)
    pdf = reader(flat.data)
    assert not pdf.get_fields()
    assert all("/Annots" not in page for page in pdf.pages)
    path = tmp_path / "flat.pdf"
    path.write_bytes(flat.data)
    text = pdf_text(path)
    assert "RIF1801234" in text and "warehouse lead" in text


def test_a_filled_rendition_can_still_be_edited():
    """The fields stay live: pypdf (as any editor) can change a value in the filled copy."""
    from pypdf import PdfWriter

    filled = BACKEND.fill("CR-180", _values())
    writer = PdfWriter(clone_from=reader(filled.data))
    writer.update_page_form_field_values(writer.pages[0], {"item1.row1.section": "459"}, auto_regenerate=False)
    out = BytesIO()
    writer.write(out)
    assert reader(out.getvalue()).get_fields()["item1.row1.section"]["/V"] == "459"


def test_a_value_too_long_for_its_field_is_refused_not_cut():
    with pytest.raises(FillError, match="does not fit"):
        BACKEND.fill("CR-180", {"item1.row1.section": "12345678901234567890 and a great deal more text"})


def test_unknown_items_are_refused_by_name():
    with pytest.raises(FillError, match="item99"):
        BACKEND.fill("CR-180", {"item99": "x"})


def test_text_box_is_measured_in_the_drawn_font_and_the_narrowest_widget():
    box = BACKEND.text_box("CR-180", "caption.defendant")
    spec = load_spec("CR-180")
    assert box.font.startswith("RenditionVera")
    assert box.width == min(w.width for w in spec.widgets("caption.defendant")) - 4
    assert box.multiline is False
    assert BACKEND.text_box("CR-180", "item2.c.text").multiline is True
    with pytest.raises(KeyError):
        BACKEND.text_box("CR-180", "item2")


def test_long_text_continues_on_an_mc025_rendition_never_cut():
    """The shared overflow module with this backend: what does not fit goes to MC-025 pages."""
    long = " ".join(["I have kept steady work and finished every class the court asked of me."] * 40)
    caption = Caption("People v. Jane Quinn Doe", "RIF1801234", "Jane Quinn Doe", "11/01/2026")
    form = FormValues("CR-180", {**_values(), "item2.c.text": long}, caption)
    placed = place(form, BACKEND)
    assert placed[0].values["item2.c.text"].startswith("See Attachment")
    attachments = [p for p in placed[1:] if p.form_id == "MC-025"]
    assert attachments
    printed = []
    for values in placed:
        filled = BACKEND.fill(values.form_id, values.values)
        if values.form_id == "MC-025":
            printed.append(values.values["body"])
        assert filled.data.startswith(b"%PDF")
    assert " ".join(" ".join(printed).split()) == long


def test_cli_renders_a_blank_form(tmp_path):
    from typer.testing import CliRunner

    from assembler.cli import app

    out = tmp_path / "cr409.pdf"
    result = CliRunner().invoke(app, ["forms", "render", "CR-409", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert len(reader(out.read_bytes()).pages) == 2
    bad = CliRunner().invoke(app, ["forms", "render", "XX-1", "-o", str(tmp_path / "x.pdf")])
    assert bad.exit_code != 0 and "renditions exist for" in bad.output


def test_forms_list_shows_the_renditions():
    from typer.testing import CliRunner

    from assembler.cli import app

    result = CliRunner().invoke(app, ["forms", "list", "--forms-dir", str(Path(__file__).parent)])
    for form_id in FORMS:
        assert f"{form_id}  " in result.output
    assert "rendition" in result.output


def test_relief_build_uses_the_renditions_by_default_with_no_official_pdfs(tmp_path, monkeypatch):
    """A fresh machine: no ../shared, no forms folder; the arrest-sealing example still gets its
    CR-409 and CR-410, drawn by us."""
    import json

    from typer.testing import CliRunner

    from assembler.cli import app

    monkeypatch.setenv("CA_RELIEF_SHARED", str(tmp_path / "absent"))
    monkeypatch.setenv("CA_RELIEF_FORMS_DIR", str(tmp_path / "absent"))
    example = Path(__file__).resolve().parents[1] / "examples" / "arrest-sealing.yaml"
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["build", str(example), "-o", str(out), "--as-of", "2026-11-01"])
    assert result.exit_code == 0, result.output
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["forms"] == "rendition"
    forms = {d["form"]: d for d in manifest["documents"] if d.get("form")}
    assert {"CR-409", "CR-410"} <= set(forms)
    petition = reader((out / "CR-409_case1.pdf").read_bytes()).get_fields()
    assert petition["item3.h.of_right"]["/V"] not in (None, "/Off")
    assert petition["item3.c.agency"]["/V"] == "Oakland Police Department"


def test_a_character_the_typeface_cannot_print_is_refused_naming_the_item():
    """Never a silent box or a dropped letter in a legal name: the fill stops and says which item."""
    with pytest.raises(FillError, match=r"caption\.defendant.*Ễ"):
        BACKEND.fill("CR-180", {"caption.defendant": "NGUYỄN VAN AN"})


def test_spanish_and_windows_1252_characters_print_as_written(tmp_path):
    name = "José Peña O’Brien — Łukasz"
    filled = BACKEND.fill("CR-180", {"caption.defendant": name})
    assert reader(filled.data).get_fields()["caption.defendant"]["/V"] == name
    path = tmp_path / "f.pdf"
    path.write_bytes(filled.data)
    assert name in pdf_text(path)


def _editing_sizes(data: bytes, name: str) -> set[float]:
    """The font size in /DA of the field and of each of its widgets."""
    import pikepdf

    with pikepdf.open(BytesIO(data)) as pdf:
        field = next(f for f in pdf.Root.AcroForm.Fields if str(f.T) == name)
        holders = [field, *field.get("/Kids", [])]
        return {float(str(h.DA).split()[1]) for h in holders if "/DA" in h}


def test_the_editing_font_size_is_the_size_the_value_was_printed_at():
    """A long value shrinks to fit; a viewer that redraws the field must use that size, not the default."""
    long_name = "Maria Guadalupe Hernandez-Villanueva de la Cruz y Santos Ochoa Ruiz"  # fits at 8 pt, not 9
    default = load_spec("CR-180").field("caption.defendant").size
    shrunk = _editing_sizes(BACKEND.fill("CR-180", {"caption.defendant": long_name}).data, "caption.defendant")
    assert len(shrunk) == 1 and shrunk.pop() < default
    assert _editing_sizes(BACKEND.fill("CR-180", {"caption.defendant": "Ana Lee"}).data, "caption.defendant") == {default}
