"""Writing a small PDF straight to bytes: numbered objects, a cross-reference table, a trailer.

Our own pages (cover, instructions, proof of service) are a few pages of text in two fonts that are
the same in every document. Building each with qpdf meant copying both fonts in and serialising the
whole file again, several milliseconds a document; here the fonts are serialised once per process
(`Objects.shared`) and every document only joins bytes.
"""

from __future__ import annotations

import hashlib
import zlib

import pikepdf

HEADER = b"%PDF-1.3\n%\xbf\xf7\xa2\xfe\n"
# zlib level of the content streams we write (text and rules): 3 packs them within a tenth of the
# default level 6 in a fifth of the time, and they are written for every client.
FLATE_LEVEL = 3


def ref(number: int) -> bytes:
    return b"%d 0 R" % number


def string(text: str) -> bytes:
    """A PDF text string as written in the file (PDFDocEncoding, or UTF-16 when it must)."""
    return pikepdf.String(text).unparse()


def flate(data: bytes) -> bytes:
    return zlib.compress(data, FLATE_LEVEL)


def flate_stream(packed: bytes) -> bytes:
    """The body of a stream object holding `packed` (already compressed, `flate`)."""
    return b"<< /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream" % (len(packed), packed)


def serialised(pdf: pikepdf.Pdf, skip: set[int]) -> dict[int, bytes]:
    """Every object of `pdf` but those numbered in `skip`, as written in a file: number → body."""
    bodies = {}
    for obj in pdf.objects:
        number = obj.objgen[0]
        if number in skip:
            continue
        if isinstance(obj, pikepdf.Stream):
            raw = obj.read_raw_bytes()
            head = pikepdf.Dictionary(obj.stream_dict)
            head.Length = len(raw)
            bodies[number] = head.unparse(resolved=True) + b"\nstream\n" + raw + b"\nendstream"
        else:
            bodies[number] = obj.unparse(resolved=True)
    return bodies


class Objects:
    """A PDF's objects: some shared, serialised once (e.g. fonts), then the document's own, numbered
    from `first` as they are added."""

    def __init__(self, shared: dict[int, bytes], first: int):
        self.bodies = dict(shared)
        self.next = first

    def reserve(self) -> int:
        number = self.next
        self.next += 1
        return number

    def put(self, number: int, body: bytes) -> None:
        self.bodies[number] = body

    def add(self, body: bytes) -> int:
        number = self.reserve()
        self.put(number, body)
        return number

    def write(self, root: int, info: int) -> bytes:
        out = bytearray(HEADER)
        offsets = {}
        for number in sorted(self.bodies):
            offsets[number] = len(out)
            out += b"%d 0 obj\n" % number + self.bodies[number] + b"\nendobj\n"
        identity = hashlib.md5(out, usedforsecurity=False).hexdigest().encode()  # the same pages, the same file
        xref = len(out)
        size = max(offsets) + 1
        out += b"xref\n0 %d\n0000000000 65535 f \n" % size
        out += b"".join(b"%010d 00000 n \n" % offsets[n] if n in offsets else b"0000000000 65535 f \n"
                        for n in range(1, size))
        out += (b"trailer\n<< /ID [ <%s> <%s> ] /Info %s /Root %s /Size %d >>\nstartxref\n%d\n%%%%EOF\n"
                % (identity, identity, ref(info), ref(root), size, xref))
        return bytes(out)
