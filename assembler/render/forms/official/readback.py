"""Read every value back from the written bytes, and fail loudly if one is missing.

The check reads the file the way a PDF reader does: from `startxref` to the cross-reference section
the fill appended, from there to each object's offset, and then looks in that object for what was
written: a text field's /V and the appearance it points to (which must show every line of the
value), a check box's on-state in /V and /AS; a box that should be unchecked must not be on. A
flattened copy must have dropped the form layer and draw every filled appearance on its page.
This costs well under a millisecond; the tests also re-open every output with pypdf and pdftotext.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assembler.errors import ReliefError
from assembler.render.forms.official.pdfbytes import ref, text_string
from assembler.render.forms.official.prepared import PreparedForm
from assembler.render.forms.official.widgets import Widget


class FillError(ReliefError, RuntimeError):
    """A value written to the form is not in the result; the message names the items."""


@dataclass(frozen=True)
class Expected:
    item: str
    widget: Widget
    value: str | None  # text, a check box's on-state, or None for "not checked"
    stream: int | None = None  # the appearance stream written for a text value
    lines: tuple | list = ()  # the encoded lines that stream must show


class _Written:
    """The objects of the last update section of a PDF, by number."""

    def __init__(self, data: bytes, base_startxref: int):
        match = re.search(rb"startxref\n(\d+)\n%%EOF\n$", data[-64:])
        if match is None:
            raise FillError("the filled file does not end with startxref/%%EOF")
        at = int(match.group(1))
        trailer_at = data.index(b"trailer", at)
        if not data.startswith(b"xref\n", at) or b"/Prev %d" % base_startxref not in data[trailer_at:]:
            raise FillError("the filled file's last cross-reference section does not chain to the form")
        self.data = data
        self.offsets = _xref(data[at + 5 : trailer_at])

    def body(self, number: int) -> bytes | None:
        offset = self.offsets.get(number)
        if offset is None:
            return None
        header = b"%d 0 obj\n" % number
        if not self.data.startswith(header, offset):
            raise FillError(f"object {number} is not where the cross-reference says")
        return self.data[offset + len(header) : self.data.index(b"\nendobj", offset)]


def _xref(section: bytes) -> dict[int, int]:
    offsets, lines, i = {}, section.split(b"\n"), 0
    while i < len(lines) and lines[i].strip():
        first, count = (int(v) for v in lines[i].split())
        for k in range(count):
            offsets[first + k] = int(lines[i + 1 + k][:10])
        i += 1 + count
    return offsets


def verify(form: PreparedForm, data: bytes, expected: list[Expected], *, flattened: bool) -> None:
    written = _Written(data, form.startxref)
    check = _flattened if flattened else _field
    problems = [p for e in expected if (p := check(written, form, e))]
    if flattened and b"/AcroForm" in (written.body(form.root_number) or b"/AcroForm"):
        problems.append("a flattened copy still has a form layer (/AcroForm)")
    if problems:
        raise FillError(f"{form.form_id}: filled copy failed read-back: " + "; ".join(problems))


def _field(written: _Written, form: PreparedForm, e: Expected) -> str | None:
    widget = written.body(e.widget.ref.idnum)
    field = written.body(e.widget.field_ref.idnum)
    if e.value is None:
        on = widget is not None and re.search(rb"/AS /(?!Off\b)", widget)
        return f"{e.item}: box is checked but should not be" if on else None
    if widget is None or field is None:
        return f"{e.item}: not written"
    if e.stream is None:
        if b"/AS " + e.value.encode() not in widget or b"/V " + e.value.encode() not in field:
            return f"{e.item}: box is not in its on-state {e.value}"
        return None
    if b"/V " + text_string(e.value) not in field:
        return f"{e.item}: /V does not hold the value"
    if b"/AP << /N " + ref(e.stream) + b" >>" not in widget:
        return f"{e.item}: its appearance stream is missing"
    return _shows(written, e)


def _flattened(written: _Written, form: PreparedForm, e: Expected) -> str | None:
    if e.value is None:
        return None
    page = written.body(form.page_parts[e.widget.page].number) or b""
    number = e.stream if e.stream is not None else e.widget.states[e.value].ref.idnum
    if ref(number) not in page:
        return f"{e.item}: not drawn on page {e.widget.page + 1}"
    return _shows(written, e) if e.stream is not None else None


def _shows(written: _Written, e: Expected) -> str | None:
    stream = written.body(e.stream) or b""
    missing = [line for line in e.lines if b"(" + line + b") Tj" not in stream]
    return f"{e.item}: appearance does not show {len(missing)} line(s) of it" if missing else None
