"""The packet a person prints: what `assemble` puts in it, read back as text with pdftotext."""

import io
import json
import stat
from datetime import date
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from assembler.profile.load import load_profile, parse_profile
from assembler.bundle.pipeline import assemble, write_packet
from tests.conftest import overprinted, page_words, pdf_text

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
AS_OF = date(2026, 11, 1)


def packet_for(name: str, **options):
    return assemble(load_profile(EXAMPLES / f"{name}.yaml", AS_OF), AS_OF, **options)


def text_of(data: bytes, tmp_path: Path, name: str = "p.pdf") -> str:
    """The PDF's words with line breaks folded, so a phrase wrapped across lines still matches."""
    path = tmp_path / name
    path.write_bytes(data)
    return " ".join(pdf_text(path).split())


@pytest.mark.parametrize("example, cases, court, petition", [
    ("dismissal-misdemeanor", ["9CJ01234"], "Wiley|Los Angeles", "PETITION FOR DISMISSAL"),
    ("wobbler-17b-then-dismissal", ["RIF1801234"], "Riverside", "PETITION FOR DISMISSAL"),
    ("arrest-sealing", ["22-031557"], "Alameda", "PETITION TO SEAL ARREST"),
    ("two-counties", ["M221987", "4CA05512"], "San Diego", "PETITION FOR DISMISSAL"),
])
def test_packet_shows_petitioner_cases_court_service_and_instructions(tmp_path, example, cases, court, petition):
    packet = packet_for(example)
    text = text_of(packet.pdf, tmp_path)
    person = load_profile(EXAMPLES / f"{example}.yaml", AS_OF).petitioner
    name = person.legal_name
    assert name in text
    for number in cases:
        assert number in text
    assert any(part in text for part in court.split("|"))
    assert petition in text.upper()
    assert "PROOF OF SERVICE BY MAIL" in text
    assert {"en": "Packet page 1 of", "es": "Página 1 de"}[person.preferred_language] in text  # the packet's language
    instructions = [f for f in packet.files if f.startswith("instructions_")]
    listed = {entry["file"] for entry in json.loads(packet.files["manifest.json"])["documents"]}
    assert instructions and set(instructions) <= listed
    assert "How to file your papers" in text or "Cómo presentar" in text


def test_cover_lists_every_signature_spot_with_its_page(tmp_path):
    packet = packet_for("wobbler-17b-then-dismissal")
    reader = PdfReader(io.BytesIO(packet.pdf))
    cover = " ".join(reader.pages[0].extract_text().split())
    pages = [p.extract_text() for p in reader.pages]
    signature_pages = [n for n, page in enumerate(pages, start=1)
                       if "SIGNATURE OF PETITIONER" in page or "SIGNATURE OF DECLARANT" in page]
    assert signature_pages, "the petition and declaration have signature lines"
    for page in signature_pages:
        assert f"p. {page}:" in cover, f"signature on packet page {page} is not listed on the cover"


def test_declaration_with_missing_facts_shows_marked_blanks_listed_on_the_cover(tmp_path):
    packet = packet_for("wobbler-17b-then-dismissal")
    text = text_of(packet.pdf, tmp_path)
    assert "[Write here: what happened, in a few sentences, in your own words]" in text
    cover = " ".join(PdfReader(io.BytesIO(packet.pdf)).pages[0].extract_text().split())
    assert "what happened, in a few sentences" in cover
    assert any("what happened" in blank for blank in packet.blanks)


def test_full_facts_leave_no_blank(tmp_path):
    data = json.loads(json.dumps(load_profile(EXAMPLES / "wobbler-17b-then-dismissal.yaml", AS_OF)
                                 .model_dump(mode="json")))
    data["cases"][0]["what_happened"] = "I took tools from a store to sell them."
    data["facts"] |= {"education": "none", "why_now": "I want to rent an apartment."}
    profile = parse_profile(data, AS_OF)
    blanks = assemble(profile, AS_OF).blanks
    assert not any("what happened, in a few" in b or "why you are asking now" in b for b in blanks)


def test_sealing_serves_prosecutor_and_arresting_agency(tmp_path):
    text = text_of(packet_for("arrest-sealing").files["proof-of-service_case1.pdf"], tmp_path)
    assert "Alameda County District Attorney" in text
    assert "Oakland Police Department" in text and "arresting agency" in text


def test_two_counties_get_separate_sections_and_instructions(tmp_path):
    packet = packet_for("two-counties")
    assert {"instructions_San-Diego_es.pdf", "instructions_Los-Angeles_es.pdf"} <= set(packet.files)
    outline = [item.title for item in PdfReader(io.BytesIO(packet.pdf)).outline if not isinstance(item, list)]
    san_diego = outline.index("Instrucciones — Condado de San Diego")
    los_angeles = outline.index("Instrucciones — Condado de Los Angeles")
    petitions = [i for i, t in enumerate(outline) if t.startswith("Petición de desestimación (CR-180)")]
    assert san_diego < petitions[0] < los_angeles < petitions[1]


def test_duplex_starts_every_document_on_a_front_page():
    packet = packet_for("two-counties", duplex=True)
    reader = PdfReader(io.BytesIO(packet.pdf))
    starts = [reader.get_destination_page_number(item) for item in reader.outline if not isinstance(item, list)]
    assert starts and all(page % 2 == 0 for page in starts)  # 0-based even = printed front side


def test_manifest_hashes_every_file_and_names_revisions():
    packet = packet_for("dismissal-misdemeanor")
    manifest = json.loads(packet.files["manifest.json"])
    import hashlib
    for entry in manifest["documents"]:
        assert hashlib.sha256(packet.files[entry["file"]]).hexdigest() == entry["sha256"]
    cr180 = next(e for e in manifest["documents"] if e["file"].startswith("CR-180_"))
    assert cr180["revision"] == "Rev. January 1, 2024" and cr180["source"] == "rendition"
    assert manifest["remedies"][0]["remedies"][0]["remedy"] == "1203.4"


def test_written_files_are_private(tmp_path):
    written = write_packet(packet_for("dismissal-misdemeanor"), tmp_path / "out")
    assert written
    for path in written:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "out").stat().st_mode) == 0o700


def test_every_page_is_numbered_the_packet_opens_on_its_bookmarks_and_has_no_live_fields(tmp_path):
    packet = packet_for("two-counties")
    reader = PdfReader(io.BytesIO(packet.pdf))
    total = len(reader.pages)
    path = tmp_path / "packet.pdf"
    path.write_bytes(packet.pdf)
    pages = pdf_text(path).split("\f")[:total]
    assert len(pages) == total
    for number, page in enumerate(pages, start=1):
        assert f"Página {number} de {total} del paquete" in page, number  # two-counties is a Spanish packet
    assert reader.trailer["/Root"]["/PageMode"] == "/UseOutlines"
    assert not reader.get_fields(), "the packet is for printing: every form in it is flattened"
    assert all("/Annots" not in page for page in reader.pages)


def test_every_font_on_every_packet_page_is_embedded():
    """Print shops and e-filing checks reject a PDF that relies on the reader's own fonts."""
    import pikepdf

    pdf = pikepdf.open(io.BytesIO(packet_for("two-counties").pdf))
    missing = set()
    for number, page in enumerate(pdf.pages, start=1):
        for font in page.Resources.get("/Font", {}).values():
            descriptor = font.get("/FontDescriptor")
            if descriptor is None or not {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor.keys()):
                missing.add((number, str(font.BaseFont)))
    assert not missing


def _gray(pdf: Path, page: int) -> bytes:
    """Page `page` rendered by poppler at 50 dpi in grey, without the bottom half inch (where the
    packet prints its page numbers)."""
    import subprocess

    result = subprocess.run(["pdftoppm", "-gray", "-r", "50", "-f", str(page), "-l", str(page), "-x", "0", "-y", "0",
                             "-W", "425", "-H", "525", str(pdf)], capture_output=True, check=True)
    return result.stdout


def test_the_packet_prints_each_form_page_exactly_as_the_filled_form_prints(tmp_path):
    """The packet's copy is flattened (no fields), yet every value and every checked box prints the same."""
    packet = packet_for("wobbler-17b-then-dismissal")
    reader = PdfReader(io.BytesIO(packet.pdf))
    starts = {item.title: reader.get_destination_page_number(item) + 1 for item in reader.outline
              if not isinstance(item, list)}
    (packet_path := tmp_path / "packet.pdf").write_bytes(packet.pdf)
    (form_path := tmp_path / "cr180.pdf").write_bytes(packet.files["CR-180_RIF1801234.pdf"])
    first = starts["Petition for Dismissal (CR-180), RIF1801234"]
    for page in range(1, len(PdfReader(form_path).pages) + 1):
        assert _gray(packet_path, first + page - 1) == _gray(form_path, page), f"CR-180 page {page}"


@pytest.mark.parametrize("duplex", [False, True])
def test_the_manifest_counts_the_packet_pages(duplex):
    packet = packet_for("two-counties", duplex=duplex)
    assert packet.manifest["packet"]["pages"] == len(PdfReader(io.BytesIO(packet.pdf)).pages)


def test_the_printed_declaration_rules_lines_under_a_blank(tmp_path):
    packet = packet_for("wobbler-17b-then-dismissal")
    path = tmp_path / "mc031.pdf"
    path.write_bytes(packet.files["CR-180_RIF1801234_MC-031_1.pdf"])
    lines = pdf_text(path, layout=True).splitlines()
    at = next(i for i, line in enumerate(lines) if "[Write here: what happened, in a few sentences" in line)
    ruled = [line for line in lines[at + 1:at + 8] if line.strip() and set(line.strip()) == {"_"}]
    assert len(ruled) == 3 and all(len(line.strip()) > 80 for line in ruled)


def test_packets_built_at_once_in_threads_are_the_packets_built_one_by_one():
    """The web interview builds packets in a thread pool; the PDFs kept for the whole process (blanks,
    the font) are shared by them."""
    from concurrent.futures import ThreadPoolExecutor

    names = ["dismissal-misdemeanor", "wobbler-17b-then-dismissal", "arrest-sealing", "two-counties"] * 2
    alone = {name: packet_for(name).pdf for name in set(names)}
    with ThreadPoolExecutor(4) as pool:
        together = list(pool.map(lambda name: packet_for(name).pdf, names))
    assert together == [alone[name] for name in names]


@pytest.mark.parametrize("duplex", [False, True])
def test_two_cases_in_one_packet_each_keep_their_own_values_on_their_own_pages(tmp_path, duplex):
    """qpdf copies a page it copied before from that first copy: two CR-180s (and their MC-025s) once
    printed both cases' numbers, counties and courts on top of each other in packet.pdf."""
    packet = packet_for("two-counties", duplex=duplex)
    path = tmp_path / "packet.pdf"
    path.write_bytes(packet.pdf)
    pages = page_words(path)
    drawn_over = {n: overprinted(words) for n, words in enumerate(pages, start=1)}
    assert not {n: pairs for n, pairs in drawn_over.items() if pairs}
    numbers = {"M221987", "4CA05512"}
    petition_pages = [{w[4] for w in words} for words in pages if "PETITION" in {w[4] for w in words}]
    assert len(petition_pages) >= 2
    for words in petition_pages:
        assert len(numbers & words) == 1  # each petition page shows its own case number, and only it


@pytest.mark.parametrize("unknown", [{"pending_charges_unknown": True}, {"supervision_unknown": True},
                                     {"serving_sentence": None}])
def test_an_unknown_status_is_never_sworn_on_the_petition(tmp_path, unknown):
    """Pen. Code § 1203.4(a)(1): relief of right needs a person "not then serving a sentence for any offense,
    on probation for any offense, or charged with the commission of any offense"; CR-180 item 2's printed
    words assert it. Unknown, the box is left for the person and the cover says so."""
    from tests.test_backends_agree import rendition_item_values

    data = yaml.safe_load((EXAMPLES / "dismissal-misdemeanor.yaml").read_text(encoding="utf-8"))
    data["status"].update(unknown)
    packet = assemble(parse_profile(data, AS_OF), AS_OF, forms="rendition")
    assert packet.assessment.cases[0].remedy("1203.4").status.value == "needs_review"
    petition = rendition_item_values("CR-180", packet.files["CR-180_9CJ01234.pdf"])
    assert petition["item2"] is False and petition["item2.a"] is True
    cover = text_of(packet.files["cover.pdf"], tmp_path)
    assert "item 2: check this box only if you are not serving a sentence" in cover


def _reduction_packet(tmp_path, **probation):
    data = yaml.safe_load((EXAMPLES / "wobbler-17b-then-dismissal.yaml").read_text(encoding="utf-8"))
    data["cases"][0]["sentence"]["probation"].update(probation)
    packet = assemble(parse_profile(data, AS_OF), AS_OF, forms="rendition")
    declarations = sorted(n for n in packet.files if "_MC-031_" in n or "_MC-025_att" in n)
    text = " ".join(text_of(packet.files[n], tmp_path, n) for n in declarations)
    return packet, declarations, text


def test_a_reduction_goes_out_with_the_persons_declaration_even_when_the_dismissal_is_of_right(tmp_path):
    """Pen. Code § 17(b)(3): the reduction is the court's discretion, weighed on "the nature and circumstances of
    the offense, the defendant's appreciation of and attitude toward the offense, or his traits of character"
    (People v. Superior Court (Alvarez) (1997) 14 Cal.4th 968, 978): with § 1203.4 of right (no item 2c text),
    the request still carries an MC-031 declaration, and the cover lists its blanks."""
    packet, declarations, text = _reduction_packet(tmp_path, outcome="completed", violations=False)
    assert packet.assessment.cases[0].remedy("1203.4").status.value == "mandatory"
    assert any("_MC-031_" in n for n in declarations)
    assert "reduce the felony to a misdemeanor under Penal Code section 17(b)" in text
    assert "Since 2022 I have worked full time as a warehouse lead" in text  # the person's own words
    assert any("what you understand now about the offense" in b for b in packet.blanks)


def test_a_discretionary_dismissal_and_a_reduction_share_one_declaration(tmp_path):
    packet, declarations, text = _reduction_packet(tmp_path)
    assert [n for n in declarations if "_MC-031_" in n] == ["CR-180_RIF1801234_MC-031_1.pdf"]
    assert "in the interest of justice, and to reduce the felony to a misdemeanor under Penal Code section 17(b)" in text


def test_a_packet_with_an_open_question_tells_the_person_to_check_with_legal_aid_first(tmp_path):
    data = yaml.safe_load((EXAMPLES / "dismissal-misdemeanor.yaml").read_text(encoding="utf-8"))
    data["cases"][0]["sentence"]["probation"]["violations"] = None
    packet = assemble(parse_profile(data, AS_OF), AS_OF, forms="rendition")
    cover = text_of(packet.files["cover.pdf"], tmp_path)
    assert "Check with legal aid before you file" in cover and "1203.4 (9CJ01234):" in cover
    clean = text_of(packet_for("dismissal-misdemeanor").files["cover.pdf"], tmp_path, "clean.pdf")
    assert "Check with legal aid" not in clean
