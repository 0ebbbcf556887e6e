"""Laying out our own pages (instructions, cover sheet, proof of service): the blocks they are made of
and the `Typesetter` that decides which page each goes on and where.

The filing instructions run to six pages per county in every packet; set with reportlab's platypus
they, the cover sheet and the proof of service cost more than all of a packet's forms together.
Their layout is simple — paragraphs, bullets, check lines, boxed notes, headings kept with what
follows, small tables, a footer — so they are set here: lines broken once per distinct paragraph
and width (remembered: most paragraphs recur in every packet of a county), drawn as text operators
in the embedded Vera by `drawing`, pages written with a bookmark per heading by `writing`.

Spacing follows platypus's rules, so the pages look as they did: between two blocks the larger of
the space after the first and the space before the second, none at the top of a page; a paragraph
splits between lines at a page break; a note box or a table row moves whole to the next page.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from assembler.render.pages import drawing, writing
from assembler.render.pages.drawing import Faces
from assembler.render.pages.paragraphs import BREAK, break_lines, line_runs, words

INCH = 72.0


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
    align: str = "left"  # or "center"
    color: float = 0.0  # grey level of the text


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
    page_label: str  # e.g. "Page {n} of {total}", at the bottom right ("" for none)
    size: float = 9.0
    baseline: float = 0.5 * INCH


Runs = list[tuple[bool, str]]  # pieces of one weight (bold?, text)


@dataclass(frozen=True)
class Line:
    """One line of a block: its runs, its width in points, and the operators that show its runs
    (written once for every page that prints the line: `drawing.shown`)."""

    runs: Runs
    width: float
    shown: str


@dataclass
class Item:
    """One block ready to place: its lines, how it is drawn, and its bookmark if it is a heading."""

    lines: list[Line]
    style: Style
    bullet: str | None = None
    box: "BoxStyle | None" = None
    bookmark: tuple[int, str] | None = None  # (level, title)

    @property
    def padding(self) -> float:
        """The box's padding above and below the lines (none without a box)."""
        return 2 * self.box.padding_v if self.box else 0.0

    @property
    def height(self) -> float:
        return len(self.lines) * self.style.leading + self.padding


def spacer(points: float) -> Item:
    """Blank space, as platypus's Spacer: added to the space owed after the block above."""
    return Item([], Style(0, 0, space_after=points))


@dataclass(frozen=True)
class BoxStyle:
    fill: float  # grey level
    border: float  # line width
    padding_h: float
    padding_v: float
    outset: float = 0.0  # how far the box reaches past the frame's edges on each side

    @property
    def inset(self) -> float:
        """How far the text stands in from the frame's edges."""
        return self.padding_h - self.outset


@dataclass(frozen=True)
class TableStyle:
    """A platypus-like table: fixed column widths, cells padded 6 pt left and right and 3 pt above and
    below, text at the top of each cell."""

    widths: tuple[float, ...]
    cell: Style  # the cells' text
    grid: float = 0.0  # width of every cell's border (0: none)
    grid_grey: float = 0.5
    box: float = 0.0  # width of the outer border only
    column_rules: float = 0.0  # width of the lines between columns only
    header_fill: float | None = None  # grey behind the first row
    fill: float | None = None  # grey behind every cell
    repeat_header: bool = False  # the first row again at the top of each new page
    padding: tuple[float, float, float, float] = (6.0, 3.0, 6.0, 3.0)  # left, top, right, bottom


@dataclass
class Table:
    rows: list[list[list[Line]]]  # each row, each cell's lines
    style: TableStyle

    def row_height(self, index: int) -> float:
        _, top, _, bottom = self.style.padding
        return max((len(cell) for cell in self.rows[index]), default=0) * self.style.cell.leading + top + bottom

    @property
    def height(self) -> float:
        return sum(self.row_height(i) for i in range(len(self.rows)))


@dataclass
class Keep:
    """Blocks kept on one page when they fit on one (platypus's KeepTogether)."""

    items: list


class Typesetter:
    """Places items on pages; `pdf()` writes them, with footers and bookmarks."""

    def __init__(self, frame: Frame, footer: Footer, title: str = ""):
        self.frame, self.footer, self.title = frame, footer, title
        self.faces = Faces.vera()
        self.pages: list[list[str]] = [[]]  # each page's content-stream operators
        self.bookmarks: list[tuple[int, int, str]] = []  # (page index, level, title)
        self.y = frame.top
        self._after = 0.0  # space owed after the last block (dropped at a page top)

    def item(self, markup: str, style: Style, *, bullet: str | None = None, box: BoxStyle | None = None,
             bookmark: tuple[int, str] | None = None) -> Item:
        """A block of markup (`<b>`, `<br/>`, escapes) broken into lines at this frame's width."""
        width = self.frame.width - style.indent - (2 * box.inset if box else 0.0)
        return Item(_lines(markup, style, width) if markup else [], style, bullet, box, bookmark)

    def table(self, rows: list[list[str]], style: TableStyle) -> Table:
        """Rows of cell markup broken into lines at each column's width (less its padding)."""
        left, _, right, _ = style.padding
        return Table([[_lines(cell, style.cell, width - left - right) if cell else []
                       for cell, width in zip(row, style.widths)] for row in rows], style)

    def add(self, items: list) -> None:
        index = 0
        while index < len(items):
            block = items[index]
            if isinstance(block, Keep):
                self._keep(block)
                index += 1
            elif isinstance(block, Table):
                self._place_table(block)
                index += 1
            else:
                group = self._kept_together(items, index)
                self._place_group(group)
                index += len(group)

    def set_pages(self) -> writing.SetPages:
        """The pages placed so far, with their footers, ready to write (`.data`) or to copy into the packet."""
        return writing.set_pages(self.pages, self.faces, footer=self.footer, frame=self.frame,
                                 bookmarks=self.bookmarks, title=self.title)

    def pdf(self) -> bytes:
        return self.set_pages().data

    def _kept_together(self, items: list, index: int) -> list[Item]:
        group = [items[index]]
        while (group[-1].style.keep_with_next and index + len(group) < len(items)
               and isinstance(items[index + len(group)], Item)):
            group.append(items[index + len(group)])
        return group

    def _keep(self, keep: Keep) -> None:
        height = sum(item.height + item.style.space_before + item.style.space_after
                     for item in keep.items if isinstance(item, Item))
        room = self.y - self.frame.bottom
        if height > room and height <= self.frame.top - self.frame.bottom and not self._at_top():
            self._new_page()
        self.add(keep.items)

    def _place_table(self, table: Table) -> None:
        """Row by row; a row that does not fit starts a new page (with the header row again if asked)."""
        left = self.frame.left + (self.frame.width - sum(table.style.widths)) / 2  # centred, as platypus does
        top = self.y - (0.0 if self._at_top() else self._after)
        start = top
        for index in range(len(table.rows)):
            height = table.row_height(index)
            if top - height < self.frame.bottom - 1e-6 and top < self.frame.top - 1e-6:
                self.pages[-1].append(drawing.table_rules(table, left, start, top))
                self._new_page()
                top = start = self.frame.top
                if table.style.repeat_header and index > 0:
                    self.pages[-1].append(drawing.row(table, 0, left, top, self.faces))
                    top -= table.row_height(0)
            self.pages[-1].append(drawing.row(table, index, left, top, self.faces))
            top -= height
        self.pages[-1].append(drawing.table_rules(table, left, start, top))
        self.y = top
        self._after = 0.0

    def _place_group(self, group: list[Item]) -> None:
        """A heading with the block after it: if the heading and that block's first line do not fit,
        both start on a new page."""
        if len(group) > 1 and not self._at_top():
            need = sum(self._space(i) + i.height for i in group[:-1]) + self._space(group[-1]) + \
                group[-1].style.leading + group[-1].padding
            if self.y - need < self.frame.bottom - 1e-6:
                self._new_page()
        for item in group:
            self._place(item)

    def _place(self, item: Item) -> None:
        if item.box is not None:  # a note moves whole to the next page
            if self.y - self._space(item) - item.height < self.frame.bottom - 1e-6 and not self._at_top():
                self._new_page()
            self._draw(item, item.lines, self.y - self._space(item))
        elif not item.lines:  # a spacer, as platypus's Spacer: its height on top of the space owed
            if not self._at_top():
                self.y -= self._after + item.style.space_after
            self._after = 0.0
        else:
            self._split(item)

    def _split(self, item: Item) -> None:
        """A paragraph's lines, as many as fit on each page; the bullet and bookmark go with the first."""
        lines, first = item.lines, True
        while lines:
            top = self.y - self._space(item) if first else self.y
            fits = int((top - self.frame.bottom + 1e-6) // item.style.leading)
            if fits <= 0 and not self._at_top():
                self._new_page()
                continue
            fits = max(fits, 1)
            self._draw(item if first else Item(item.lines, item.style), lines[:fits], top)
            lines, first = lines[fits:], False
            if lines:
                self._new_page()

    def _draw(self, item: Item, lines: list[Line], top: float) -> None:
        """`lines` of `item` from `top` down on the current page."""
        if item.bookmark:
            self.bookmarks.append((len(self.pages) - 1, *item.bookmark))
        self.pages[-1].append(drawing.block(item, lines, top, self.frame, self.faces))
        self.y = top - len(lines) * item.style.leading - item.padding
        self._after = item.style.space_after

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


@lru_cache(maxsize=4096)
def _lines(markup: str, style: Style, width: float) -> list[Line]:
    """Line breaks of `markup` at `width`, each line as runs of one weight with its width
    (remembered: the same paragraphs recur in packet after packet)."""
    faces = Faces.vera()
    word_list = words(markup)
    measured = [(0.0, 0.0) if w is BREAK else
                (sum(faces.of(p.bold or style.bold).width(p.text, style.size) for p in w),
                 faces.of(w[-1].bold or style.bold).width(" ", style.size)) for w in word_list]
    lines = []
    for line in break_lines(word_list, measured, width):
        runs = line_runs(line)
        lines.append(Line(runs, sum(faces.of(bold or style.bold).width(text, style.size) for bold, text in runs),
                          drawing.shown(runs, style, faces)))
    return lines
