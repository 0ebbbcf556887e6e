"""Every value written is read back from the saved bytes, the way a reader finds it, before the fill
is returned.

A filled rendition must carry each value twice: in its AcroForm field (what an editor shows) and as
page text (what prints, what a flattened copy keeps). The check starts from the end of the file, as
a reader does: `startxref` → the cross-reference section the fill appended, which must chain (/Prev)
to the blank's, itself kept byte for byte → each object at the offset the section gives. There it
finds each field's /V (a check box's state, and /AS on every widget) and, on every page the value is
printed on, the content stream the page's /Contents now ends with, whose text is decoded through the
ink font's own /ToUnicode map in the blank: what a reader extracts. A value missing from either is an
error. This takes well under a millisecond (PDFium's text extraction of the whole page took several
per page); the tests also read every output with pypdf, PDFium and pdftotext.
"""

from __future__ import annotations

import re
import zlib
from typing import Mapping

from assembler.errors import ReliefError
from assembler.render.forms.rendition.fields import Value
from assembler.render.forms.rendition.fill import text_string
from assembler.render.forms.rendition.prepared import PreparedBlank, prepared
from assembler.render.forms.rendition.spec import FormSpec
from assembler.render.forms.rendition.update import XREF_ROW
from assembler.render.forms.rendition.widgets import ON
from assembler.render.pdf.ink import InkFont


class ReadBackError(ReliefError, ValueError):
    """A value that is not in the written PDF as it was given."""


def _squash(text: str) -> str:
    """Text without its spacing or line breaks, and a rule of underscores as one (a writing line is
    stored as a short marker and printed across its box: overflow.WRITING_LINE)."""
    return re.sub(r"_+", "_", "".join(text.split()))


def read_back(spec: FormSpec, pdf: bytes, values: Mapping[str, Value], *, flattened: bool) -> None:
    blank = prepared(spec.form, editable=not flattened)
    written = Written(pdf, blank)
    pages_of = spec.pages_of
    printed = {number: _squash(written.printed(number - 1)) for number in
               {page for name, value in values.items() if isinstance(value, str) for page in pages_of(name)}}
    problems = []
    for name, value in values.items():
        if isinstance(value, bool):
            if not flattened:
                problems += _check_box(written, blank, name, value)
            continue
        if not flattened and not written.holds(blank.fields[name].field.number, "/V", text_string(value)):
            problems.append(f"{name}: field does not hold the value")
        for page in pages_of(name):
            if _squash(value) not in printed[page]:
                problems.append(f"{name}: not printed on page {page}")
    if problems:
        raise ReadBackError(f"{spec.form} rendition read-back failed: " + "; ".join(problems))


def _check_box(written: "Written", blank: PreparedBlank, name: str, value: bool) -> list[str]:
    state = b"/" + ON.encode() if value else b"/Off"
    objects = blank.fields[name]
    if not written.holds(objects.field.number, "/V", state):
        return [f"{name}: check box does not read {state.decode()}"]
    if not all(written.holds(widget.number, "/AS", state) for widget in objects.widgets):
        return [f"{name}: a widget of the check box does not show {state.decode()}"]
    return []


class Written:
    """The objects of a fill's update section, found through its cross-reference stream."""

    def __init__(self, data: bytes, blank: PreparedBlank):
        if not data.startswith(blank.base):
            raise ReadBackError(f"{blank.form_id}: the filled file does not start with the blank rendition")
        match = re.search(rb"startxref\n(\d+)\n%%EOF\n$", data[-32:])
        if match is None:
            raise ReadBackError(f"{blank.form_id}: the filled file does not end with startxref/%%EOF")
        self.data, self.blank = data, blank
        head, rows = self._object(int(match.group(1)))
        prev = re.search(rb"/Prev (\d+)", head)
        if b"/Type /XRef" not in head or prev is None or int(prev.group(1)) != blank.startxref:
            raise ReadBackError(f"{blank.form_id}: the filled file's last cross-reference section does not "
                                "chain to the blank's")
        index = re.search(rb"/Index \[ ([\d ]+) \]", head)
        runs = [int(n) for n in index.group(1).split()] if index else []
        numbers = [first + k for first, count in zip(runs[::2], runs[1::2]) for k in range(count)]
        if not numbers or len(rows) != len(numbers) * XREF_ROW.size:
            raise ReadBackError(f"{blank.form_id}: the filled file's cross-reference section is damaged")
        self.offsets = {number: XREF_ROW.unpack_from(rows, i * XREF_ROW.size)[1] for i, number in enumerate(numbers)}

    def holds(self, number: int, key: str, value: bytes) -> bool:
        """Whether the new version of dictionary `number` has this entry."""
        body = self.body(number)
        return body is not None and b" " + key.encode() + b" " + value + b" " in body

    def printed(self, page: int) -> str:
        """The text of the content streams this update added to page `page` (from 0), as a reader decodes it."""
        body = self.body(self.blank.pages[page].number)
        contents = re.search(rb"/Contents \[([^\]]*)\]", body or b"")
        if contents is None:
            return ""
        texts = []
        for number in re.findall(rb"(\d+) 0 R", contents.group(1)):
            if int(number) in self.offsets:
                head, data = self._object(self.offsets[int(number)])
                texts.append(_text(zlib.decompress(data) if b"/FlateDecode" in head else data,
                                   self.blank.characters[page]))
        return "\n".join(texts)

    def body(self, number: int) -> bytes | None:
        offset = self.offsets.get(number)
        if offset is None:
            return None
        head, _ = self._object(offset, number)
        return head

    def _object(self, offset: int, number: int | None = None) -> tuple[bytes, bytes]:
        """The dictionary of the object at `offset` and its stream data (empty for a plain dictionary)."""
        header = re.match(rb"(\d+) 0 obj\n", self.data[offset : offset + 24])
        if header is None or (number is not None and int(header.group(1)) != number):
            what = f"object {number} is" if number is not None else "the cross-reference section is"
            raise ReadBackError(f"{self.blank.form_id}: {what} not where the cross-reference says")
        start = offset + header.end()
        end = self.data.find(b"\nendobj\n", start)  # within a compressed stream's data, perhaps
        stream = self.data.find(b"\nstream\n", start, end if end >= 0 else len(self.data))
        if stream < 0:
            return self.data[start:end], b""
        head = self.data[start:stream]
        begin = stream + len(b"\nstream\n")
        length = re.search(rb"/Length (\d+)", head)
        length = int(length.group(1)) if length else -1
        if length < 0 or not self.data.startswith(b"\nendstream\nendobj\n", begin + length):
            raise ReadBackError(f"{self.blank.form_id}: a stream's /Length does not end where its data does")
        return head, self.data[begin : begin + length]


_SHOWN = re.compile(rb"(/[^\s/<>\[\]()]+) [\d.]+ Tf|<([0-9A-Fa-f]*)> Tj")


def _text(content: bytes, characters: dict[int, str]) -> str:
    """The strings shown in the ink font, each decoded code by code, a line each."""
    ink, font, lines = InkFont.build().resource.encode(), None, []
    for match in _SHOWN.finditer(content):
        if match.group(1) is not None:
            font = match.group(1)
        elif font == ink:
            lines.append(bytes.fromhex(match.group(2).decode()).decode("latin-1").translate(characters))
    return "\n".join(lines)
