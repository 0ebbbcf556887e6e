"""Typesetting headed plain text (`textpdf` blocks) onto letter pages, written straight into a PDF.

The filing instructions run to six pages per county in every packet; set with reportlab's platypus
they cost more than all of a packet's forms together. Their layout is simple — paragraphs, bullets,
check lines, boxed notes, headings kept with what follows, a footer with "Page x of y" — so this
module sets them itself: lines broken once per distinct paragraph and width (remembered: most
paragraphs recur in every packet of a county), drawn as text operators in the embedded Vera
(`rendition.ink`, one font object per face per PDF), pages written by qpdf with a bookmark per
heading.

Spacing follows platypus's rules, so the pages look as they did: space after a block plus space
before the next, no space before a block at the top of a page, a paragraph split between lines at
a page break, a note box moved whole to the next page.
"""

from __future__ import annotations

import io
import zlib
from dataclasses import dataclass
from functools import lru_cache

import pikepdf

from assembler.paragraphs import BREAK, break_lines, line_runs, words
from assembler.rendition import fonts
from assembler.rendition.ink import InkFont

INCH = 72.0
PAGE_WIDTH, PAGE_HEIGHT = 612.0, 792.0


@dataclass(frozen=True)
class Style:
    size: float
    leading: float
    bold: bool = False
    space_before: float = 0.0
    space_after: float = 0.0
    indent: float = 0.0  # left edge of the text, from the frame's left edge
    bullet_at: float = 0.0
    keep_with_next: bool = False


@dataclass(frozen=True)
class Frame:
    left: float
    right: float
    top: float
    bottom: float

    @property
    def width(self) -> float:
        return self.right - self.left


@dataclass(frozen=True)
class Footer:
    text: str  # at the bottom left of every page
    page_label: str  # e.g. "Page {n} of {total}", at the bottom right
    size: float = 9.0
    baseline: float = 0.5 * INCH


@dataclass
class Item:
    """One block ready to place: its lines, how it is drawn, and its bookmark if it is a heading."""

    lines: list[list[tuple[bool, str]]]
    style: Style
    bullet: str | None = None
    box: "BoxStyle | None" = None
    bookmark: tuple[int, str] | None = None  # (level, title)

    @property
    def height(self) -> float:
        return len(self.lines) * self.style.leading + (self.box.padding_v * 2 if self.box else 0.0)


@dataclass(frozen=True)
class BoxStyle:
    fill: float  # grey level
    border: float  # line width
    padding_h: float
    padding_v: float
    outset: float = 0.0  # how far the box reaches past the frame's edges on each side


class Typesetter:
    """Places items on pages; `pdf()` writes them, with footers and bookmarks."""

    def __init__(self, frame: Frame, footer: Footer, title: str = ""):
        self.frame, self.footer, self.title = frame, footer, title
        self.regular, self.bold = InkFont.build(fonts.face("")), InkFont.build(fonts.face("B"))
        self.pages: list[list[str]] = [[]]
        self.bookmarks: list[tuple[int, int, str]] = []  # (page index, level, title)
        self.y = frame.top
        self._after = 0.0  # space owed after the last block (dropped at a page top)

    def item(self, markup: str, style: Style, *, bullet: str | None = None, box: BoxStyle | None = None,
             bookmark: tuple[int, str] | None = None) -> Item:
        """A block of markup (`<b>`, `<br/>`, escapes) broken into lines at this frame's width."""
        width = self.frame.width - style.indent - (2 * (box.padding_h - box.outset) if box else 0.0)
        return Item(_lines(markup, style, width) if markup else [], style, bullet, box, bookmark)

    # --- placing --------------------------------------------------------------------------

    def add(self, items: list[Item]) -> None:
        index = 0
        while index < len(items):
            group = self._kept_together(items, index)
            self._place_group(group)
            index += len(group)

    def _kept_together(self, items: list[Item], index: int) -> list[Item]:
        group = [items[index]]
        while group[-1].style.keep_with_next and index + len(group) < len(items):
            group.append(items[index + len(group)])
        return group

    def _place_group(self, group: list[Item]) -> None:
        """A heading with the block after it: if the heading and that block's first line do not fit,
        both start on a new page."""
        if len(group) > 1 and not self._at_top():
            need = sum(self._space(i) + i.height for i in group[:-1]) + self._space(group[-1]) + \
                group[-1].style.leading + (group[-1].box.padding_v * 2 if group[-1].box else 0.0)
            if self.y - need < self.frame.bottom - 1e-6:
                self._new_page()
        for item in group:
            self._place(item)

    def _place(self, item: Item) -> None:
        if item.box is not None:  # a note moves whole to the next page
            if self.y - self._space(item) - item.height < self.frame.bottom - 1e-6 and not self._at_top():
                self._new_page()
            self._draw(item, item.lines, self.y - self._space(item))
            return
        if not item.lines:  # a spacer, as platypus's Spacer: its height on top of the space owed
            if not self._at_top():
                self.y -= self._after + item.style.space_after
            self._after = 0.0
            return
        lines = item.lines
        first = True
        while lines:
            top = self.y - self._space(item) if first else self.y
            fits = int((top - self.frame.bottom + 1e-6) // item.style.leading)
            if fits <= 0 and not self._at_top():
                self._new_page()
                continue
            fits = max(fits, 1)
            part = lines[:fits]
            self._draw(item if first else Item(item.lines, item.style), part, top, bullet=first)
            lines = lines[fits:]
            first = False
            if lines:
                self._new_page()

    def _draw(self, item: Item, lines: list[list[tuple[bool, str]]], top: float, bullet: bool = True) -> None:
        style, frame, out = item.style, self.frame, self.pages[-1]
        if item.bookmark:
            self.bookmarks.append((len(self.pages) - 1, *item.bookmark))
        y = top
        if item.box:
            height = len(lines) * style.leading + 2 * item.box.padding_v
            out.append(f"q {item.box.fill:g} g {item.box.border:g} w 0 G {frame.left - item.box.outset:.2f} "
                       f"{top - height:.2f} {frame.width + 2 * item.box.outset:.2f} {height:.2f} re B Q\n")
            y = top - item.box.padding_v
        x = frame.left + style.indent + (item.box.padding_h - item.box.outset if item.box else 0.0)
        baseline = y - style.size
        if item.bullet and bullet:
            out.append(self.regular.show(item.bullet, frame.left + style.bullet_at, baseline, style.size))
        for line in lines:
            out.append(self._line(line, x, baseline, style))
            baseline -= style.leading
        self.y = top - len(lines) * style.leading - (2 * item.box.padding_v if item.box else 0.0)
        self._after = style.space_after

    def _line(self, runs: list[tuple[bool, str]], x: float, y: float, style: Style) -> str:
        parts = [f"BT 0 g {x:.2f} {y:.2f} Td"]
        for bold, text in runs:
            font = self.bold if bold or style.bold else self.regular
            parts.append(f"{font.resource} {style.size:g} Tf <{font.encode(text).hex()}> Tj")
        return " ".join(parts) + " ET\n"

    def _space(self, item: Item) -> float:
        """The gap above a block: the larger of the space after the block above and the space before
        this one (platypus overlaps them), none at the top of a page."""
        return 0.0 if self._at_top() else max(self._after, item.style.space_before)

    def _at_top(self) -> bool:
        return self.y >= self.frame.top - 1e-6

    def _new_page(self) -> None:
        self.pages.append([])
        self.y = self.frame.top
        self._after = 0.0

    # --- writing --------------------------------------------------------------------------

    def pdf(self) -> bytes:
        pdf = pikepdf.new()
        fonts_in = {ink.resource: ink.install(pdf) for ink in (self.regular, self.bold)}
        total = len(self.pages)
        for number, operators in enumerate(self.pages, start=1):
            content = "".join(operators) + self._footer(number, total)
            page = pdf.add_blank_page(page_size=(PAGE_WIDTH, PAGE_HEIGHT))
            page.obj.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(fonts_in))
            page.obj.Contents = pdf.make_stream(zlib.compress(content.encode("ascii")),
                                                Filter=pikepdf.Name.FlateDecode)
        with pdf.open_outline() as outline:
            parent = None
            for page_index, level, title in self.bookmarks:
                entry = pikepdf.OutlineItem(title, page_index)
                if level and parent is not None:
                    parent.children.append(entry)
                else:
                    outline.root.append(entry)
                    parent = entry
        with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
            meta["dc:title"] = self.title
            meta["dc:creator"] = ["ca-relief"]
        pdf.docinfo["/Title"] = self.title
        pdf.docinfo["/Author"] = "ca-relief"
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True, compress_streams=False,
                 stream_decode_level=pikepdf.StreamDecodeLevel.none)
        return out.getvalue()

    def _footer(self, number: int, total: int) -> str:
        f, left, right = self.footer, self.frame.left - 6, self.frame.right + 6
        label = f.page_label.format(n=number, total=total)
        text = self.regular.show(f.text, left, f.baseline, f.size) if f.text else ""
        return text + self.regular.show(label, right - self.regular.width(label, f.size), f.baseline, f.size)


@lru_cache(maxsize=4096)
def _lines(markup: str, style: Style, width: float) -> list[list[tuple[bool, str]]]:
    """Line breaks of `markup` at `width`, each line as runs of one weight (remembered: the same
    paragraphs recur in packet after packet)."""
    faces = {False: InkFont.build(fonts.face("")), True: InkFont.build(fonts.face("B"))}
    word_list = words(markup)
    measured = [(0.0, 0.0) if w is BREAK else
                (sum(faces[p.bold or style.bold].width(p.text, style.size) for p in w),
                 faces[w[-1].bold or style.bold].width(" ", style.size)) for w in word_list]
    return [line_runs(line) for line in break_lines(word_list, measured, width)]
