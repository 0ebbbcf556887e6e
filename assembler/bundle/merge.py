"""Putting the packet's pages together: every part's pages in order, a bookmark per part and a page
stamp on every page, in one PDF (qpdf, through pikepdf).

Nothing is drawn again: our own pages (cover, instructions, proof of service) bring the content
streams they were set with and share one copy of the two fonts; a rendition's pages are its printed
blank with its values written on; an official form comes flattened by its backend.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Callable

import pikepdf
from reportlab.lib.pagesizes import LETTER

from assembler.render.pages.drawing import Faces
from assembler.render.pages.writing import SetPages, page_objects
from assembler.render.pdf.ink import SHARED_SOURCES, add_content

STAMP_SIZE = 7  # points: the packet page numbers


@dataclass
class Part:
    """One document in the packet, flattened for printing: our own set pages, a rendition's printed
    blank with its values, or an official form's flattened PDF."""

    title: str
    kind: str  # cover, instructions, a form id, or pos
    data: bytes = b""  # an official form, flattened by its backend
    file_name: str | None = None  # also written beside the packet under this name
    pages: int = 0
    first_page: int = 0
    typeset: SetPages | None = None  # our own pages (cover, instructions, proof of service), copied as set
    printed: tuple[pikepdf.Pdf, list[str]] | None = None  # a rendition: blank pages and what to print on each
    blanks: list[str] = field(default_factory=list)  # what the cover lists to fill in by hand on this part
    _pdf: tuple[bytes, pikepdf.Pdf] | None = field(default=None, repr=False)

    def opened(self) -> pikepdf.Pdf:
        """`data` parsed once (counted for the contents, then copied into the packet)."""
        if self._pdf is None or self._pdf[0] is not self.data:
            self._pdf = (self.data, pikepdf.open(io.BytesIO(self.data)))
        return self._pdf[1]


def number(parts: list[Part], duplex: bool) -> None:
    """Each part's first packet page (with `duplex`, each starts on a front side)."""
    page = 1
    for part in parts:
        part.pages = part.pages or pages_of(part) or 1
        if duplex and page % 2 == 0:
            page += 1
        part.first_page = page
        page += part.pages


def pages_of(part: Part) -> int:
    if part.typeset is not None:
        return len(part.typeset)
    return len(part.opened().pages) if part.data else 0


def merge(parts: list[Part], duplex: bool, stamp: Callable[[int, int], str]) -> bytes:
    """One PDF of all parts, a bookmark per part and `stamp(page, total)` (e.g. "Packet page 3 of 20")
    at the foot of every page."""
    number(parts, duplex)
    packet = pikepdf.new()  # qpdf copies page content lazily: each part's PDF stays open until it is saved
    faces = Faces.vera()
    fonts = {ink.resource: ink.install(packet) for ink in (faces.regular, faces.bold)}
    starts = [_add(packet, part, duplex, fonts) for part in parts]
    # Values are drawn only once every page is in: qpdf copies a page it has copied before from its
    # first copy, so drawing on that copy first would print one case's values on another's form.
    layers = [""] * len(packet.pages)
    for part, start in zip(parts, starts):
        if part.printed is not None:
            layers[start : start + len(part.printed[1])] = part.printed[1]
    ink, font = faces.regular, fonts[faces.regular.resource]
    for index, (page, operators) in enumerate(zip(packet.pages, layers)):
        text = stamp(index + 1, len(layers))
        x = (float(page.mediabox[2]) - ink.width(text, STAMP_SIZE)) / 2
        ink.use_on(page, font)
        add_content(packet, page, operators + ink.show(text, x, 6, STAMP_SIZE))  # outside the forms' content
    _bookmarks(packet, [(part.title, start) for part, start in zip(parts, starts)])
    out = io.BytesIO()
    # object streams: a smaller file, and qpdf writes it in half the time
    packet.save(out, deterministic_id=True, compress_streams=False, stream_decode_level=pikepdf.StreamDecodeLevel.none,
                object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return out.getvalue()


def _add(packet: pikepdf.Pdf, part: Part, duplex: bool, fonts: dict[str, pikepdf.Object]) -> int:
    """The part's pages added at the end of the packet; the index of its first page."""
    if duplex and len(packet.pages) % 2 == 1:
        packet.add_blank_page(page_size=LETTER)
    start = len(packet.pages)
    if part.typeset is not None:
        page_objects(packet, part.typeset, fonts)
    elif part.printed is not None:
        with SHARED_SOURCES:  # the blank is shared by every packet this process makes
            packet.pages.extend(part.printed[0].pages)
    else:
        packet.pages.extend(part.opened().pages)
    return start


def _bookmarks(packet: pikepdf.Pdf, marks: list[tuple[str, int]]) -> None:
    """One bookmark per (title, page index), in order, going to its page; the packet opens with them
    showing. (Written as the dictionaries pikepdf's outline model makes, without its bookkeeping.)"""
    outlines = packet.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Outlines, Count=len(marks)))
    items = [packet.make_indirect(pikepdf.Dictionary(
        Title=pikepdf.String(title), Parent=outlines, Count=0,
        Dest=pikepdf.Array([packet.pages[page].obj, pikepdf.Name.Fit]))) for title, page in marks]
    for before, after in zip(items, items[1:]):
        before.Next, after.Prev = after, before
    if items:
        outlines.First, outlines.Last = items[0], items[-1]
    packet.Root.Outlines = outlines
    packet.Root.PageMode = pikepdf.Name.UseOutlines
