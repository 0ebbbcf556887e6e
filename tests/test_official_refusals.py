"""Old, altered, wrong or unknown forms are refused with a message that says what to do."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject, TextStringObject

from assembler.render.forms.official.backend import OfficialBackend
from assembler.render.forms.official.fingerprint import FormRefused
from assembler.render.forms.official.prepared import prepare


def folder_with(tmp_path: Path, official: Path, **files: str) -> Path:
    """A forms folder whose <ID>.pdf files are copies of the named files in ../shared."""
    for form_id, source in files.items():
        shutil.copy(official / source, tmp_path / f"{form_id.replace('_', '-')}.pdf")
    return tmp_path


def test_the_2017_petition_is_refused_naming_the_current_revision_and_where_to_get_it(official_forms_dir, tmp_path):
    folder = folder_with(tmp_path, official_forms_dir, CR_180="CR-180.rev2017.pdf")
    with pytest.raises(FormRefused) as refused:
        OfficialBackend(folder).fill("CR-180", {"caption.case_number": "X1"})
    message = str(refused.value)
    assert "superseded CR-180 [Rev. January 1, 2017]" in message
    assert "Rev. January 1, 2024" in message and "courts.ca.gov/documents/cr180.pdf" in message
    assert "relief forms fetch" in message


def test_the_2017_order_is_refused_too(official_forms_dir, tmp_path):
    folder = folder_with(tmp_path, official_forms_dir, CR_181="CR-181.rev2017.pdf")
    with pytest.raises(FormRefused, match=r"superseded CR-181 \[Rev. January 1, 2017\].*Rev. January 1, 2024"):
        OfficialBackend(folder).revision("CR-181")


def test_a_form_with_a_renamed_field_is_refused_saying_what_differs(official_forms_dir, tmp_path):
    writer = PdfWriter(clone_from=PdfReader(official_forms_dir / "CR-180.pdf"))
    for annot in writer.pages[0]["/Annots"]:
        field = annot.get_object()
        if field.get("/T") == "ConvictionDate[0]":
            field[NameObject("/T")] = TextStringObject("ConvictionDay[0]")
    altered = tmp_path / "CR-180.pdf"
    with altered.open("wb") as out:
        writer.write(out)
    with pytest.raises(FormRefused) as refused:
        prepare("CR-180", altered)
    message = str(refused.value)
    assert "says CR-180 [Rev. January 1, 2024] but its fields differ" in message
    assert "1 field(s) missing (CR-180.Page1.LI1.li1.ConvictionDate)" in message
    assert "1 unexpected field(s) (CR-180.Page1.LI1.li1.ConvictionDay)" in message
    assert "unaltered copy" in message


def test_the_wrong_form_under_the_right_name_is_refused(official_forms_dir, tmp_path):
    folder = folder_with(tmp_path, official_forms_dir, CR_180="CR-181.pdf")
    with pytest.raises(FormRefused, match=r"not a revision this tool knows \(the file reads: CR-181"):
        OfficialBackend(folder).revision("CR-180")


def test_a_damaged_file_is_refused_not_crashed_on(tmp_path):
    broken = tmp_path / "CR-180.pdf"
    broken.write_bytes(b"%PDF-1.7\nthis is not really a pdf")
    with pytest.raises(FormRefused, match="download it again"):
        prepare("CR-180", broken)


def test_a_missing_form_says_how_to_get_it(tmp_path):
    from assembler.render.forms.official.store import FormsNotFound
    with pytest.raises(FormsNotFound, match="relief forms fetch"):
        OfficialBackend(tmp_path).revision("CR-180")


def test_forms_named_as_courts_ca_gov_names_them_are_found(official_forms_dir, tmp_path):
    shutil.copy(official_forms_dir / "MC-025.pdf", tmp_path / "mc025.pdf")
    assert OfficialBackend(tmp_path).revision("MC-025") == "Rev. July 1, 2009"
