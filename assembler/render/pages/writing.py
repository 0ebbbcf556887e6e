"""Writing set pages into PDF bytes: each page's operators with its footer, the two Vera faces, a
bookmark per heading and the title, saved by qpdf so that the same pages give the same bytes."""

from __future__ import annotations

import io
import zlib
from typing import TYPE_CHECKING

import pikepdf

if TYPE_CHECKING:
    from assembler.render.pages.drawing import Faces
    from assembler.render.pages.typeset import Footer, Frame

PAGE_WIDTH, PAGE_HEIGHT = 612.0, 792.0


def pdf_bytes(pages: list[list[str]], faces: Faces, *, footer: Footer, frame: Frame,
              bookmarks: list[tuple[int, int, str]], title: str) -> bytes:
    """The PDF of `pages`, each a list of content-stream operators, on US letter."""
    pdf = pikepdf.new()
    installed = {ink.resource: ink.install(pdf) for ink in (faces.regular, faces.bold)}
    for number, operators in enumerate(pages, start=1):
        content = "".join(operators) + footer_operators(footer, frame, faces, number, len(pages))
        page = pdf.add_blank_page(page_size=(PAGE_WIDTH, PAGE_HEIGHT))
        page.obj.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(installed))
        page.obj.Contents = pdf.make_stream(zlib.compress(content.encode("ascii")),
                                            Filter=pikepdf.Name.FlateDecode)
    _outline(pdf, bookmarks)
    pdf.docinfo["/Title"] = title
    pdf.docinfo["/Author"] = "ca-relief"
    out = io.BytesIO()
    pdf.save(out, deterministic_id=True, compress_streams=False,
             stream_decode_level=pikepdf.StreamDecodeLevel.none)
    return out.getvalue()


def footer_operators(footer: Footer, frame: Frame, faces: Faces, number: int, total: int) -> str:
    """The footer text at the left margin and the page label at the right one."""
    font, left, right = faces.regular, frame.left - 6, frame.right + 6
    text = font.show(footer.text, left, footer.baseline, footer.size) if footer.text else ""
    if not footer.page_label:
        return text
    label = footer.page_label.format(n=number, total=total)
    return text + font.show(label, right - font.width(label, footer.size), footer.baseline, footer.size)


def _outline(pdf: pikepdf.Pdf, bookmarks: list[tuple[int, int, str]]) -> None:
    """Bookmarks as (page index, level, title): a level-0 one at the top of the outline, any other
    under the last level-0 one before it."""
    with pdf.open_outline() as outline:
        parent = None
        for page_index, level, title in bookmarks:
            entry = pikepdf.OutlineItem(title, page_index)
            if level and parent is not None:
                parent.children.append(entry)
            else:
                outline.root.append(entry)
                parent = entry
