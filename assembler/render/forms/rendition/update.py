"""A fill written as an incremental update of the blank: its bytes as drawn, then only what changed.

A PDF may be updated by appending new versions of objects and a cross-reference section for them
that points back (/Prev) at the previous one (PDF 32000-1, 7.5.6); every reader understands it. The
blank renditions use a cross-reference stream (they keep their objects in object streams), so the
update's section is one too (7.5.8), uncompressed. Nothing of the blank is parsed or written again,
which is what makes a fill cost a fraction of a millisecond instead of a full open and save.
"""

from __future__ import annotations

import hashlib
import struct

from assembler.render.forms.rendition.prepared import Entries, PreparedBlank
from assembler.render.pdf.writer import flate, flate_stream

COMPRESS_FROM = 200  # bytes: a shorter content stream is left plain
XREF_ROW = struct.Struct(">BIH")  # type 1 (in use), byte offset, generation: /W [1 4 2]


class Update:
    """One fill of a prepared blank: the dictionaries it changes and the streams it adds, then `render`."""

    def __init__(self, blank: PreparedBlank):
        self.blank = blank
        self.next_number = blank.size
        self.objects: dict[int, bytes] = {}  # object number → its body
        self._changes: dict[int, tuple[Entries, dict[str, bytes]]] = {}

    def change(self, dictionary: Entries, changes: dict[str, bytes]) -> None:
        """New values for some entries of one of the blank's dictionaries (several calls add up)."""
        _, earlier = self._changes.get(dictionary.number, (dictionary, {}))
        self._changes[dictionary.number] = (dictionary, {**earlier, **changes})

    def add_stream(self, data: bytes) -> int:
        """A new content stream; its object number."""
        number = self.next_number
        self.next_number += 1
        if len(data) >= COMPRESS_FROM:
            self.objects[number] = flate_stream(flate(data))
        else:
            self.objects[number] = b"<< /Length %d >>\nstream\n%s\nendstream" % (len(data), data)
        return number

    def render(self) -> bytes:
        for number, (dictionary, changes) in self._changes.items():
            self.objects[number] = dictionary.body(changes)
        out = bytearray(self.blank.base)
        if not out.endswith(b"\n"):
            out += b"\n"
        offsets = {}
        for number in sorted(self.objects):
            offsets[number] = len(out)
            out += b"%d 0 obj\n" % number + self.objects[number] + b"\nendobj\n"
        # the file's second identifier changes with its content (PDF 32000-1, 14.4)
        second_id = hashlib.md5(out[len(self.blank.base):], usedforsecurity=False).hexdigest().encode()
        xref = self.next_number
        offsets[xref] = len(out)
        rows = b"".join(XREF_ROW.pack(1, offsets[number], 0) for number in sorted(offsets))
        out += (b"%d 0 obj\n<< /Type /XRef /Size %d /W [ 1 4 2 ] /Index [ %s ] /Prev %d%s /ID [ %s <%s> ] "
                b"/Length %d >>\nstream\n" % (xref, xref + 1, _index(sorted(offsets)), self.blank.startxref,
                                              self.blank.trailer, self.blank.first_id, second_id, len(rows)))
        out += rows + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % offsets[xref]
        return bytes(out)


def _index(numbers: list[int]) -> bytes:
    """The /Index pairs (first object number, count) of runs of consecutive numbers."""
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][0] + runs[-1][1]:
            runs[-1][1] += 1
        else:
            runs.append([number, 1])
    return b" ".join(b"%d %d" % (first, count) for first, count in runs)
