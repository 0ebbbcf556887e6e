"""Headed plain text to a clean letter-size PDF (instructions, later the cover sheet).

The text uses a small line-based markup, so templates stay plain text:

    # Title                  the document title
    ## Heading               a section heading (also a PDF bookmark)
    ### Subheading           a smaller heading
    - item                   a bullet; lines indented under it continue it
    [ ] item                 a check-box line; indented lines continue it
    > note                   a boxed note (e.g. "Confirm before you go"); indented lines continue it
    | line                   a line kept on its own (an address line)
    a line of text           a paragraph; unindented lines that follow join it until a blank line
    **bold**                 bold inside any line

The font is Bitstream Vera, shipped with reportlab and embedded, so accents and "§" print the
same everywhere. Every page carries "Page x of y" and, when given, a footer title.
"""

from __future__ import annotations

import html
import io
import re
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import SimpleDocTemplate, Spacer, Table, TableStyle

from assembler.paragraphs import Para

FONT, FONT_BOLD = "Vera", "VeraBd"
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_NO_BREAK = re.compile(r"§§? \S|\b(?:Pen|Veh|Code|Prof|Saf)\. (?=\S)")


@dataclass(frozen=True)
class Block:
    kind: str  # title, heading, subheading, bullet, check, note, line, space, para
    text: str


def parse(text: str) -> list[Block]:
    """Lines of markup to blocks; continuation lines join the block above. A blank line between
    two kept lines (two addresses) becomes a "space" block, so they do not run together."""
    blocks: list[Block] = []
    open_block: Block | None = None
    for raw in text.splitlines():
        line = raw.rstrip()
        if not line.strip():
            open_block = None
            continue
        start = _start(line)
        if start is None and _continues(open_block, line):
            open_block = Block(open_block.kind, f"{open_block.text} {line.strip()}")
            blocks[-1] = open_block
            continue
        block = start or Block("para", line.strip())
        if block.kind == "line" and open_block is None and blocks and blocks[-1].kind == "line":
            blocks.append(Block("space", ""))
        blocks.append(block)
        open_block = block
    return blocks


def _continues(block: Block | None, line: str) -> bool:
    if block is None:
        return False
    if block.kind == "para":
        return True
    return block.kind in ("bullet", "check", "note") and line[:1].isspace()


def _start(line: str) -> Block | None:
    for prefix, kind in (("### ", "subheading"), ("## ", "heading"), ("# ", "title"),
                         ("- ", "bullet"), ("[ ] ", "check"), ("> ", "note"), ("| ", "line")):
        if line.startswith(prefix):
            return Block(kind, line[len(prefix):].strip())
    return None


def write_pdf(text: str, path: Path, *, footer: str = "", title: str = "",
              page_label: str = "Page {n} of {total}") -> Path:
    """Write `text` (markup above) to `path` as a letter-size PDF; returns the path."""
    path = Path(path)
    path.write_bytes(pdf_bytes(text, footer=footer, title=title, page_label=page_label))
    return path


def pdf_bytes(text: str, *, footer: str = "", title: str = "", page_label: str = "Page {n} of {total}") -> bytes:
    """`text` (markup above) as the bytes of a letter-size PDF.

    `page_label` is the page-number wording, e.g. "Página {n} de {total}" for Spanish.
    """
    register_fonts()
    buffer = io.BytesIO()
    doc = _Doc(buffer, pagesize=LETTER, leftMargin=0.9 * inch, rightMargin=0.9 * inch,
               topMargin=0.8 * inch, bottomMargin=0.9 * inch, title=title, author="ca-relief")
    doc.build(_flowables(parse(text)), canvasmaker=_numbered_canvas(footer, page_label))
    return buffer.getvalue()


def register_fonts() -> None:
    """Register the embedded Vera family once (other writers of our own pages use it too)."""
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    pdfmetrics.registerFont(TTFont(FONT, "Vera.ttf"))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, "VeraBd.ttf"))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD)




_STYLES = {
    "title": ParagraphStyle("title", fontName=FONT_BOLD, fontSize=17, leading=22, spaceAfter=10),
    "heading": ParagraphStyle("heading", fontName=FONT_BOLD, fontSize=13.5, leading=18,
                              spaceBefore=12, spaceAfter=4, keepWithNext=1),
    "subheading": ParagraphStyle("subheading", fontName=FONT_BOLD, fontSize=11.5, leading=15,
                                 spaceBefore=8, spaceAfter=2, keepWithNext=1),
    "para": ParagraphStyle("para", fontName=FONT, fontSize=11, leading=15, spaceBefore=3, spaceAfter=6),
    "bullet": ParagraphStyle("bullet", fontName=FONT, fontSize=11, leading=15, spaceAfter=3,
                             leftIndent=18, bulletIndent=4, bulletFontName=FONT),
    "note": ParagraphStyle("note", fontName=FONT, fontSize=11, leading=15),
    "line": ParagraphStyle("line", fontName=FONT, fontSize=11, leading=15, leftIndent=18),
}
_BULLETS = {"bullet": "\u2022", "check": "[  ]"}


def _flowables(blocks: list[Block]) -> list:
    out: list = []
    for block in blocks:
        markup = _inline(block.text)
        if block.kind == "space":
            out.append(Spacer(1, 8))
        elif block.kind == "note":
            out += [_note_box(markup), Spacer(1, 6)]
        elif block.kind in _BULLETS:
            style = _STYLES["bullet"] if block.kind == "bullet" else _CHECK
            out.append(Para(markup, style, bulletText=_BULLETS[block.kind]))
        elif block.kind in ("para", "line"):
            out.append(Para(markup, _STYLES[block.kind]))
        else:
            out.append(_Heading(markup, _STYLES[block.kind], block.text))
    return out


_CHECK = ParagraphStyle("check", parent=_STYLES["bullet"], leftIndent=30, bulletIndent=2)


def _inline(text: str) -> str:
    """Escape, bold, and keep "§ 1203.4" and "Pen. Code" from breaking across lines."""
    text = _NO_BREAK.sub(lambda m: m.group(0).replace(" ", "\u00a0"), text)
    return _BOLD.sub(r"<b>\1</b>", html.escape(text, quote=False))


def _note_box(markup: str) -> Table:
    box = Table([[Para(markup, _STYLES["note"])]], colWidths=[LETTER[0] - 1.8 * inch])
    box.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), FONT, 11),  # else the table names an unembedded Helvetica
        ("BOX", (0, 0), (-1, -1), 1, colors.black),
        ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#F2F2F2")),
        ("LEFTPADDING", (0, 0), (-1, -1), 8), ("RIGHTPADDING", (0, 0), (-1, -1), 8),
        ("TOPPADDING", (0, 0), (-1, -1), 6), ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
    ]))
    return box


class _Heading(Para):
    """A heading paragraph that also becomes a PDF bookmark."""

    def __init__(self, markup: str, style: ParagraphStyle, plain: str):
        super().__init__(markup, style)
        self.plain = plain.replace("**", "")
        self.level = 0 if style.name in ("title", "heading") else 1


class _Doc(SimpleDocTemplate):
    def afterFlowable(self, flowable) -> None:
        if isinstance(flowable, _Heading):
            key = f"h{id(flowable)}"
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(flowable.plain, key, level=flowable.level)


def _numbered_canvas(footer: str, page_label: str):
    """A canvas class that stamps "Page x of y" (and the footer title) once y is known."""

    class NumberedCanvas(rl_canvas.Canvas):
        def __init__(self, *args, **kwargs):
            kwargs["initialFontName"] = FONT  # else every page names an unembedded Helvetica
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self._stamp(number, total)
                super().showPage()
            super().save()

        def _stamp(self, number: int, total: int) -> None:
            self.setFont(FONT, 9)
            self.setFillColor(colors.black)
            if footer:
                self.drawString(0.9 * inch, 0.5 * inch, footer)
            self.drawRightString(LETTER[0] - 0.9 * inch, 0.5 * inch, page_label.format(n=number, total=total))

    return NumberedCanvas
