"""The little markup of our own pages, as words, and greedy line breaking (used by `typeset.py`).

Our pages (instructions, cover sheet, proof of service) use only `<b>…</b>`, `<br/>` and the escapes
`&amp; &lt; &gt;` (`html.escape`). Lines break at spaces, never inside a word; a no-break space
(U+00A0) holds two words together, so "§ 1203.4" never splits.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

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
