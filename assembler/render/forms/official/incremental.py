"""Write a fill as an incremental update: the base bytes, then only the objects that changed.

A PDF may be updated by appending new versions of objects, a cross-reference section for them and
a trailer pointing back (/Prev) at the previous one (PDF 32000-1, 7.5.6). Every reader understands
it, and the prepared base is never re-serialised, which is what makes a fill take milliseconds.
"""

from __future__ import annotations

from assembler.render.forms.official.pdfbytes import serialise


class Update:
    def __init__(self, base: bytes, startxref: int, size: int, trailer):
        self.base = base
        self.startxref = startxref
        self.next_number = size
        self.trailer = trailer
        self.objects: dict[int, bytes] = {}  # object number -> serialised body (generation 0)

    def new_number(self) -> int:
        number = self.next_number
        self.next_number += 1
        return number

    def put(self, number: int, body: bytes) -> None:
        self.objects[number] = body

    def render(self) -> bytes:
        out = bytearray(self.base)
        if not out.endswith(b"\n"):
            out += b"\n"
        offsets: dict[int, int] = {}
        for number in sorted(self.objects):
            offsets[number] = len(out)
            out += b"%d 0 obj\n" % number + self.objects[number] + b"\nendobj\n"
        xref_at = len(out)
        out += b"xref\n" + _subsections(offsets)
        out += b"trailer\n<< /Size %d /Root %s /Prev %d" % (self.next_number, self._ref("/Root"), self.startxref)
        if "/Info" in self.trailer:
            out += b" /Info " + self._ref("/Info")
        if "/ID" in self.trailer:
            out += b" /ID " + serialise(self.trailer["/ID"])
        out += b" >>\nstartxref\n%d\n%%%%EOF\n" % xref_at
        return bytes(out)

    def _ref(self, key: str) -> bytes:
        ref = self.trailer.raw_get(key)
        return b"%d %d R" % (ref.idnum, ref.generation)


def _subsections(offsets: dict[int, int]) -> bytes:
    out = bytearray()
    numbers = sorted(offsets)
    start = 0
    while start < len(numbers):
        end = start
        while end + 1 < len(numbers) and numbers[end + 1] == numbers[end] + 1:
            end += 1
        out += b"%d %d\n" % (numbers[start], end - start + 1)
        for number in numbers[start : end + 1]:
            out += b"%010d 00000 n \n" % offsets[number]
        start = end + 1
    return bytes(out)
