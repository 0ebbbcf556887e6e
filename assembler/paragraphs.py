"""`Para`: a platypus paragraph for the little markup our own pages use, wrapped ~10x faster.

reportlab's `Paragraph` parses a rich markup language with an HTML parser and re-wraps each
paragraph several times as a page fills; on the instructions, cover sheet and proof of service
that was most of the time a packet took. Our pages use only `<b>…</b>`, `<br/>` and the escapes
`&amp; &lt; &gt;` (`html.escape`), so `Para` breaks lines itself (greedy, at spaces, never inside a
word; a no-break space U+00A0 holds two words together), measures with reportlab's font metrics,
and draws with one text object. It takes the same `ParagraphStyle` fields platypus honours for
these pages: font, size, leading, indents, bullet, alignment, colour, space before and after, and
keep-with-next; it splits between lines at a page break like `Paragraph`.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.fonts import ps2tt, tt2ps
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

_TAG = re.compile(r"(<b>|</b>|<br\s*/?>)")
_SPACE = re.compile(r"[ \t\r\n]+")  # not U+00A0: a no-break space keeps "§ 1203.4" on one line
BREAK = None  # a forced line break in the word list


@dataclass(frozen=True)
class Piece:
    bold: bool
    text: str


Word = tuple[Piece, ...]  # pieces written with no space between them, e.g. "<b>Riverside</b>,"


def words(markup: str) -> list[Word | None]:
    """The markup as words of styled pieces, with BREAK where a `<br/>` was."""
    out: list[Word | None] = []
    current: list[Piece] = []
    bold = False
    for token in _TAG.split(markup):
        if token == "<b>":
            bold = True
        elif token == "</b>":
            bold = False
        elif _TAG.fullmatch(token):
            if current:
                out.append(tuple(current))
                current = []
            out.append(BREAK)
        else:
            parts = _SPACE.split(html.unescape(token))
            for i, part in enumerate(parts):
                if i > 0 and current:  # a space ended the word before
                    out.append(tuple(current))
                    current = []
                if part:
                    current.append(Piece(bold, part))
    if current:
        out.append(tuple(current))
    return out


class Para(Flowable):
    def __init__(self, markup: str, style: ParagraphStyle, bulletText: str | None = None):
        super().__init__()
        self.style = style
        self.text = markup
        self.bulletText = bulletText
        self._words = words(markup)
        self._bold: str | None = None  # looked up when first needed: the family may be registered later
        self._measured: list[tuple[float, float]] | None = None  # each word's width and the space after it
        self._lines: list[list[Word]] | None = None
        self._space_before = style.spaceBefore
        self._space_after = style.spaceAfter

    # --- what platypus asks of a flowable -------------------------------------------------

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        self._lines = self._break(availWidth - self.style.leftIndent - self.style.rightIndent)
        self.height = len(self._lines) * self.style.leading
        return availWidth, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        lines = self._lines if self._lines is not None else self._break(
            availWidth - self.style.leftIndent - self.style.rightIndent)
        fits = int((availHeight + 1e-6) // self.style.leading)
        if fits <= 0 or fits >= len(lines):
            return [] if fits <= 0 else [self]
        return [self._part(lines[:fits], first=True), self._part(lines[fits:], first=False)]

    def getSpaceBefore(self) -> float:
        return self._space_before

    def getSpaceAfter(self) -> float:
        return self._space_after

    def minWidth(self) -> float:
        widest = max((self._width(w) for w in self._words if w is not BREAK), default=0.0)
        return widest + self.style.leftIndent + self.style.rightIndent

    def draw(self) -> None:
        style, canvas = self.style, self.canv
        lines = self._lines or []
        text = canvas.beginText()
        text.setFillColor(style.textColor)
        y = self.height - style.fontSize
        if self.bulletText and lines:  # in the text's own (embedded) font, whatever bulletFontName says
            canvas.setFillColor(style.textColor)
            canvas.setFont(style.fontName, style.fontSize)
            canvas.drawString(style.bulletIndent, y, self.bulletText)
        for line in lines:
            text.setTextOrigin(style.leftIndent + self._offset(line), y)
            for bold, run in line_runs(line):
                text.setFont(self._font(bold), style.fontSize)
                text.textOut(run)
            y -= style.leading
        canvas.drawText(text)

    # --- line breaking ----------------------------------------------------------------------

    def _break(self, width: float) -> list[list[Word]]:
        if self._measured is None:
            self._measured = [(0.0, 0.0) if w is BREAK else (self._width(w), self._space_after_word(w))
                              for w in self._words]
        return break_lines(self._words, self._measured, width)

    def _space_after_word(self, word: Word) -> float:
        """A space is drawn in the weight of the text before it (see `line_runs`)."""
        return _measure(" ", self._font(word[-1].bold), self.style.fontSize)

    def _width(self, word: Word) -> float:
        return sum(_measure(p.text, self._font(p.bold), self.style.fontSize) for p in word)

    def _font(self, bold: bool) -> str:
        if not bold:
            return self.style.fontName
        if self._bold is None:
            self._bold = getattr(self.style, "boldFontName", None) or _bold_of(self.style.fontName)
        return self._bold

    def _offset(self, line: list[Word]) -> float:
        if self.style.alignment not in (TA_CENTER, TA_RIGHT):
            return 0.0
        room = self.width - self.style.leftIndent - self.style.rightIndent
        spare = room - sum(self._width(w) for w in line) - sum(self._space_after_word(w) for w in line[:-1])
        return spare / 2 if self.style.alignment == TA_CENTER else spare

    def _part(self, lines: list[list[Word]], first: bool) -> "Para":
        """The lines before (first) or after a page break, as a new flowable: none of platypus's
        bookkeeping on this one (e.g. that it was already moved to a new page) carries over."""
        part = Para("", self.style, self.bulletText if first else None)
        part._words = [w for line in lines for w in [*line, BREAK]][:-1]
        part._space_before = self._space_before if first else 0.0
        part._space_after = 0.0 if first else self._space_after
        return part


def break_lines(word_list: list[Word | None], measured: list[tuple[float, float]], width: float) -> list[list[Word]]:
    """Greedy line breaks: as many words on a line as fit in `width`; `measured` gives each word's
    width and the width of the space after it; BREAK starts a new line."""
    lines: list[list[Word]] = [[]]
    used = space = 0.0
    for word, (w, space_after) in zip(word_list, measured):
        if word is BREAK:
            lines.append([])
            used = space = 0.0
            continue
        if lines[-1] and used + space + w > width + 1e-6:
            lines.append([])
            used = space = 0.0
        used += space + w
        space = space_after
        lines[-1].append(word)
    if len(lines) > 1 and not lines[-1]:
        lines.pop()
    return lines


_WIDTHS: dict[tuple[str, str, float], float] = {}


def _measure(text: str, font: str, size: float) -> float:
    """`stringWidth`, remembered: the same words recur on every packet's pages."""
    key = (text, font, size)
    width = _WIDTHS.get(key)
    if width is None:
        if len(_WIDTHS) > 200_000:  # bounded: a long batch must not grow without limit
            _WIDTHS.clear()
        width = _WIDTHS[key] = stringWidth(text, font, size)
    return width


def line_runs(line: list[Word]) -> list[tuple[bool, str]]:
    """A line as the fewest runs of one weight (a space takes the weight of the text before it)."""
    runs: list[list] = []
    for index, word in enumerate(line):
        for number, piece in enumerate(word):
            text = (" " if index and not number else "") + piece.text
            if runs and runs[-1][0] == piece.bold:
                runs[-1][1] += text
            else:
                runs.append([piece.bold, text])
    return [(bold, text) for bold, text in runs]


def _bold_of(font: str) -> str:
    """The bold face registered as the family's bold (`registerFontFamily`)."""
    family, _, italic = ps2tt(font)
    return tt2ps(family, 1, italic)
