"""Writing set pages into PDF bytes: each page's operators with its footer, the two Vera faces, a
bookmark per heading and the title, so that the same pages give the same bytes.

`set_pages` finishes the pages (footers added, each content stream compressed once); `pdf_bytes`
writes them as a document of their own (`assembler.render.pdf.writer`: the fonts are serialised once
per process), and the packet copies the same compressed streams onto its pages (`page_objects`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

import pikepdf

from assembler.render.pdf.ink import InkFont
from assembler.render.pdf.writer import Objects, flate, flate_stream, ref, serialised, string

if TYPE_CHECKING:
    from assembler.render.pages.drawing import Faces
    from assembler.render.pages.typeset import Footer, Frame

PAGE_WIDTH, PAGE_HEIGHT = 612.0, 792.0
MEDIA_BOX = b"[ 0 0 612 792 ]"
ROOT, PAGES = 1, 2  # the numbers pikepdf.new() gives the catalog and page tree, kept by `_shared`


@dataclass
class SetPages:
    """A document set by the typesetter: each page's content stream (compressed), its bookmarks as
    (page index, level, title), and its title."""

    faces: Faces
    streams: list[bytes]  # compressed (FlateDecode)
    bookmarks: list[tuple[int, int, str]] = field(default_factory=list)
    title: str = ""
    _data: bytes | None = field(default=None, repr=False)

    @property
    def data(self) -> bytes:
        """The document's PDF bytes (written once)."""
        if self._data is None:
            self._data = pdf_bytes(self)
        return self._data

    def __len__(self) -> int:
        return len(self.streams)


def set_pages(pages: list[list[str]], faces: Faces, *, footer: Footer, frame: Frame,
              bookmarks: list[tuple[int, int, str]], title: str) -> SetPages:
    """`pages`, each a list of content-stream operators, with the footer on each, ready to write."""
    streams = [flate(("".join(operators) + footer_operators(footer, frame, faces, number, len(pages))).encode("ascii"))
               for number, operators in enumerate(pages, start=1)]
    return SetPages(faces, streams, bookmarks, title)


def pdf_bytes(pages: SetPages) -> bytes:
    """The PDF of `pages` on US letter: a catalog, the pages, the outline, the title."""
    shared, fonts = _shared(pages.faces)
    objects = Objects(shared, max(shared) + 1)
    numbers = [objects.reserve() for _ in pages.streams]
    resources = b"<< /Font << " + b" ".join(name.encode() + b" " + ref(n) for name, n in fonts.items()) + b" >> >>"
    for number, stream in zip(numbers, pages.streams):
        objects.put(number, b"<< /Contents %s /MediaBox %s /Parent %s /Resources %s /Type /Page >>"
                    % (ref(objects.add(flate_stream(stream))), MEDIA_BOX, ref(PAGES), resources))
    objects.put(PAGES, b"<< /Count %d /Kids [ %s ] /Type /Pages >>"
                % (len(numbers), b" ".join(ref(n) for n in numbers)))
    outline = _outline(objects, pages.bookmarks, numbers)
    outlines = b" /Outlines " + ref(outline) if outline else b""
    objects.put(ROOT, b"<<%s /Pages %s /Type /Catalog >>" % (outlines, ref(PAGES)))
    info = objects.add(b"<< /Author (ca-relief) /Title %s >>" % string(pages.title))
    return objects.write(ROOT, info)


def page_objects(pdf: pikepdf.Pdf, pages: SetPages, fonts: dict[str, pikepdf.Object]) -> list[pikepdf.Page]:
    """The pages added to `pdf` (the packet), drawn with its own copy of the fonts (`fonts` by resource)."""
    added = []
    for stream in pages.streams:
        page = pdf.add_blank_page(page_size=(PAGE_WIDTH, PAGE_HEIGHT))
        page.obj.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(fonts))
        page.obj.Contents = pdf.make_stream(stream, Filter=pikepdf.Name.FlateDecode)  # passed on compressed
        added.append(page)
    return added


def footer_operators(footer: Footer, frame: Frame, faces: Faces, number: int, total: int) -> str:
    """The footer text at the left margin and the page label at the right one."""
    font, left, right = faces.regular, frame.left - 6, frame.right + 6
    text = font.show(footer.text, left, footer.baseline, footer.size) if footer.text else ""
    if not footer.page_label:
        return text
    label = footer.page_label.format(n=number, total=total)
    return text + font.show(label, right - font.width(label, footer.size), footer.baseline, footer.size)


def _shared(faces: Faces) -> tuple[dict[int, bytes], dict[str, int]]:
    return _fonts(faces.regular.name, faces.bold.name)


@cache
def _fonts(*names: str) -> tuple[dict[int, bytes], dict[str, int]]:
    """The faces' objects, serialised once: number → body, and each face's resource name → number."""
    pdf = pikepdf.new()
    if (pdf.Root.objgen[0], pdf.Root.Pages.objgen[0]) != (ROOT, PAGES):
        raise RuntimeError("pikepdf.new() numbers its catalog and page tree differently; fix writing.ROOT/PAGES")
    faces = [InkFont.build(name) for name in names]
    fonts = {ink.resource: ink.install(pdf).objgen[0] for ink in faces}
    return serialised(pdf, {ROOT, PAGES}), fonts


def _outline(objects: Objects, bookmarks: list[tuple[int, int, str]], pages: list[int]) -> int | None:
    """Bookmarks as (page index, level, title): a level-0 one at the top of the outline, any other
    under the last level-0 one before it; all open, each going to its page (/Fit)."""
    if not bookmarks:
        return None
    tops: list[tuple[int, tuple[int, int, str], list]] = []
    for mark in bookmarks:
        if mark[1] and tops:
            tops[-1][2].append((objects.reserve(), mark))
        else:
            tops.append((objects.reserve(), mark, []))
    root = objects.reserve()
    _items(objects, [(number, mark) for number, mark, _ in tops], root, pages,
           {number: children for number, _, children in tops})
    count = len(tops) + sum(len(children) for _, _, children in tops)
    objects.put(root, b"<< /Count %d /First %s /Last %s /Type /Outlines >>"
                % (count, ref(tops[0][0]), ref(tops[-1][0])))
    return root


def _items(objects: Objects, items: list, parent: int, pages: list[int], children: dict[int, list]) -> None:
    """One level of the outline: each item linked to its parent and its neighbours."""
    for index, (number, (page, _, title)) in enumerate(items):
        kids = children.get(number, [])
        links = b" /Parent " + ref(parent)
        if index:
            links += b" /Prev " + ref(items[index - 1][0])
        if index + 1 < len(items):
            links += b" /Next " + ref(items[index + 1][0])
        if kids:
            links += b" /First %s /Last %s" % (ref(kids[0][0]), ref(kids[-1][0]))
            _items(objects, kids, number, pages, {})
        objects.put(number, b"<< /Count %d /Dest [ %s /Fit ]%s /Title %s >>"
                    % (len(kids), ref(pages[page]), links, string(title)))
