"""A rendition fill is an update appended to its blank, and the read-back finds every value in it the way
a reader does: these check that what it accepts PDFium and pypdf read too, and that it refuses a file
that lost or changed a value."""

from __future__ import annotations

import re
from io import BytesIO

import pypdfium2
import pytest
from pypdf import PdfReader

from assembler.render.forms.rendition import RenditionBackend, load_spec
from assembler.render.forms.rendition.fields import check_values
from assembler.render.forms.rendition.prepared import prepared
from assembler.render.forms.rendition.readback import ReadBackError, read_back

BACKEND = RenditionBackend()
VALUES = {"caption.case_number": "RIF1801234", "caption.defendant": "Zoë Łukasz Núñez-O'Brien",
          "item1.row1.code": "PC", "item1.row1.section": "459", "item2.c.text": "Ms. Núñez completed probation."}


def _checked_box(form: str) -> str:
    return next(f.name for f in load_spec(form).fields if f.kind == "check")


def _fill(flatten: bool = False) -> tuple[dict, bytes]:
    values = {**VALUES, _checked_box("CR-180"): True}
    return values, BACKEND.fill("CR-180", values, flatten=flatten).data


def _squash(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize("flatten", [False, True])
def test_what_the_read_back_accepts_pdfium_and_pypdf_read(flatten):
    values, data = _fill(flatten)
    assert data.startswith(prepared("CR-180", editable=not flatten).base)  # the blank, byte for byte
    pdf = pypdfium2.PdfDocument(data)
    spec = load_spec("CR-180")
    for name, value in values.items():
        if isinstance(value, str):
            for number in spec.pages_of(name):
                page = pdf[number - 1]
                assert _squash(value) in _squash(page.get_textpage().get_text_range()), (name, number)
    if not flatten:
        fields = PdfReader(BytesIO(data)).get_fields()
        for name, value in values.items():
            assert fields[name]["/V"] == ("/Yes" if value is True else value)


def _refused(data: bytes, flattened: bool = False) -> str:
    spec = load_spec("CR-180")
    values = check_values(spec, {**VALUES, _checked_box("CR-180"): True})
    with pytest.raises(ReadBackError) as refused:
        read_back(spec, data, values, flattened=flattened)
    return str(refused.value)


def _update(data: bytes) -> tuple[int, bytes]:
    """Where the fill's update starts, and the update itself."""
    start = len(prepared("CR-180", editable=True).base)
    return start, data[start:]


def test_a_page_that_lost_its_values_is_refused():
    _, data = _fill()
    start, update = _update(data)
    contents = re.search(rb"/Contents \[ (\d+) 0 R [^\]]* (\d+) 0 R \]", update)
    save, values = contents.group(1), contents.group(2)
    assert len(save) == len(values)
    at = start + contents.start(2)
    tampered = data[:at] + save + data[at + len(values):]  # the page ends with the "q" stream instead
    assert "not printed on page 1" in _refused(tampered)


def test_a_field_that_holds_another_value_is_refused():
    _, data = _fill()
    tampered = data.replace(b"(RIF1801234)", b"(RIF1801235)")
    assert tampered != data
    assert "caption.case_number: field does not hold the value" in _refused(tampered)


def test_a_check_box_shown_off_is_refused():
    _, data = _fill()
    start, update = _update(data)
    tampered = data[:start] + update.replace(b"/AS /Yes", b"/AS /Off", 1)
    assert "does not show /Yes" in _refused(tampered)


def test_a_cut_or_misindexed_file_is_refused():
    _, data = _fill()
    assert "startxref" in _refused(data[:-12])
    xref = int(re.search(rb"startxref\n(\d+)\n", data[-32:]).group(1))
    moved = data[:-32] + data[-32:].replace(b"\n%d\n" % xref, b"\n%d\n" % (xref - 1))
    assert "not where the cross-reference says" in _refused(moved)
    assert "does not start with the blank" in _refused(b"%PDF-1.7" + data[8:])
