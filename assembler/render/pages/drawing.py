"""Drawing placed blocks and table rows as PDF content-stream operators, in the embedded Vera.

`typeset` decides where each block and row goes; these functions only turn one of them, at the
place given, into operators: text lines of mixed weight, bullets, note boxes, cell fills and rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from assembler.render.pdf import fonts
from assembler.render.pdf.ink import InkFont

if TYPE_CHECKING:
    from assembler.render.pages.typeset import Frame, Item, Line, Runs, Style, Table


@dataclass(frozen=True)
class Faces:
    """The embedded Vera, regular and bold (one font object per face per PDF)."""

    regular: InkFont
    bold: InkFont

    @classmethod
    @cache
    def vera(cls) -> Faces:
        return cls(InkFont.build(fonts.face("")), InkFont.build(fonts.face("B")))

    def of(self, bold: bool) -> InkFont:
        return self.bold if bold else self.regular


def text_line(line: Line, x: float, y: float, style: Style) -> str:
    """One line, its baseline starting at (x, y)."""
    return f"BT {style.color:g} g {x:.2f} {y:.2f} Td {line.shown} ET\n"


def shown(runs: Runs, style: Style, faces: Faces) -> str:
    """The operators that show a line's runs, each in its face, from where the line starts."""
    parts = []
    for bold, text in runs:
        font = faces.of(bold or style.bold)
        parts.append(f"{font.resource} {style.size:g} Tf <{font.encode(text).hex()}> Tj")
    return " ".join(parts)


def block(item: Item, lines: list[Line], top: float, frame: Frame, faces: Faces) -> str:
    """`lines` of `item` (all of them or the part on this page) hanging from `top`: its box, its
    bullet and its text."""
    style, box, out = item.style, item.box, []
    y = top
    if box:
        height = len(lines) * style.leading + item.padding
        out.append(f"q {box.fill:g} g {box.border:g} w 0 G "
                   f"{_rect(frame.left - box.outset, top - height, frame.width + 2 * box.outset, height)} B Q\n")
        y = top - box.padding_v
    x = frame.left + style.indent + (box.inset if box else 0.0)
    baseline = y - style.size
    if item.bullet:
        out.append(faces.regular.show(item.bullet, frame.left + style.bullet_at, baseline, style.size))
    for line in lines:
        shift = (frame.width - style.indent - line.width) / 2 if style.align == "center" else 0.0
        out.append(text_line(line, x + shift, baseline, style))
        baseline -= style.leading
    return "".join(out)


def row(table: Table, index: int, left: float, top: float, faces: Faces) -> str:
    """Row `index` of `table` hanging from `top`: its fill, each cell's text and, with a grid, each
    cell's border."""
    style, out = table.style, []
    height = table.row_height(index)
    pad_left, pad_top, _, _ = style.padding
    fill = style.header_fill if index == 0 and style.header_fill is not None else style.fill
    if fill is not None:
        out.append(f"q {fill:g} g {_rect(left, top - height, sum(style.widths), height)} f Q\n")
    x = left
    for cell, width in zip(table.rows[index], style.widths):
        baseline = top - pad_top - style.cell.size
        for line in cell:
            out.append(text_line(line, x + pad_left, baseline, style.cell))
            baseline -= style.cell.leading
        if style.grid:
            out.append(f"q {style.grid_grey:g} G {style.grid:g} w {_rect(x, top - height, width, height)} S Q\n")
        x += width
    return "".join(out)


def table_rules(table: Table, left: float, top: float, bottom: float) -> str:
    """The lines around and between the columns of the part of `table` from `top` to `bottom`."""
    style, out = table.style, []
    if style.box and top > bottom:
        out.append(f"q 0 G {style.box:g} w {_rect(left, bottom, sum(style.widths), top - bottom)} S Q\n")
    if style.column_rules and top > bottom:
        x = left
        for column in style.widths[:-1]:
            x += column
            out.append(f"q 0 G {style.column_rules:g} w {x:.2f} {bottom:.2f} m {x:.2f} {top:.2f} l S Q\n")
    return "".join(out)


def _rect(x: float, y: float, width: float, height: float) -> str:
    return f"{x:.2f} {y:.2f} {width:.2f} {height:.2f} re"
