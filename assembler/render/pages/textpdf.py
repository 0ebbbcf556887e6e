"""Headed plain text to a clean letter-size PDF (the filing instructions), set by `typeset.py`.

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
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from reportlab.lib.pagesizes import LETTER
from reportlab.lib.units import inch

from assembler.render.pages.writing import SetPages
from assembler.render.pages.typeset import BoxStyle, Footer, Frame, Item, Style, Typesetter, spacer

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
    return typeset(text, footer=footer, title=title, page_label=page_label).data


def typeset(text: str, *, footer: str = "", title: str = "", page_label: str = "Page {n} of {total}") -> SetPages:
    """`text` (markup above) set on letter-size pages (see `pdf_bytes`)."""
    setter = Typesetter(FRAME, Footer(footer, page_label), title)
    items = []
    for block in parse(text):
        items.append(_item(setter, block))
        if block.kind == "note":
            items.append(spacer(6))
    setter.add(items)
    return setter.set_pages()


# Frame: 0.9 in side margins, 0.8 in top, 0.9 in bottom, inset 6 pt as platypus frames were.
FRAME = Frame(left=0.9 * inch + 6, right=LETTER[0] - 0.9 * inch - 6, top=LETTER[1] - 0.8 * inch - 6,
              bottom=0.9 * inch + 6)
_STYLES = {
    "title": Style(17, 22, bold=True, space_after=10),
    "heading": Style(13.5, 18, bold=True, space_before=12, space_after=4, keep_with_next=True),
    "subheading": Style(11.5, 15, bold=True, space_before=8, space_after=2, keep_with_next=True),
    "para": Style(11, 15, space_before=3, space_after=6),
    "bullet": Style(11, 15, space_after=3, indent=18, bullet_at=4),
    "check": Style(11, 15, space_after=3, indent=30, bullet_at=2),
    "note": Style(11, 15),
    "line": Style(11, 15, indent=18),
    "space": Style(0, 0, space_after=8),
}
_BULLETS = {"bullet": "\u2022", "check": "[  ]"}
# #F2F2F2, 1 pt border, as wide as the margins (6 pt past the frame); 6 pt of space follow it
_NOTE_BOX = BoxStyle(fill=0.949, border=1, padding_h=8, padding_v=6, outset=6)
_BOOKMARK_LEVEL = {"title": 0, "heading": 0, "subheading": 1}


def _item(setter: Typesetter, block: Block) -> Item:
    style = _STYLES[block.kind]
    level = _BOOKMARK_LEVEL.get(block.kind)
    return setter.item(_inline(block.text), style, bullet=_BULLETS.get(block.kind),
                       box=_NOTE_BOX if block.kind == "note" else None,
                       bookmark=(level, block.text.replace("**", "")) if level is not None else None)


@lru_cache(maxsize=2048)
def _inline(text: str) -> str:
    """Escape, bold, and keep "§ 1203.4" and "Pen. Code" from breaking across lines."""
    text = _NO_BREAK.sub(lambda m: m.group(0).replace(" ", "\u00a0"), text)
    return _BOLD.sub(r"<b>\1</b>", html.escape(text, quote=False))
