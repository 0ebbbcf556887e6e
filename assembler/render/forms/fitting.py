"""Never cut text: measure each value in the field's own font and box, shrink, or say it does not fit.

Whether a value fits is decided by reportlab's `pdfmetrics.stringWidth` in the font and at the size
the backend will draw it (`FormBackend.text_box`), never by counting characters. A value is tried at
the field's size, then in half-point steps down to a legible floor of 8 pt; if it still does not fit,
the plan (assembler/plan/placement.py) moves it to an attachment and writes a pointer instead.

The same `wrap` and `fit` are used by both backends to draw, so what was measured is exactly what is
printed. `Measured` gives a backend the two questions the plan asks of it: does it fit, and how does
it break into pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from assembler.plan.backend import WRITING_LINE, DoesNotFit, TextBox
from assembler.render.pdf.fonts import string_width

FLOOR_PT = 8.0  # the smallest size a clerk can read on a printed form
STEP_PT = 0.5
LEADING = 1.16  # line height as a multiple of the font size for multi-line fields
SURE = 1e-6  # points: a sum of word widths this far from the limit decides like measuring the whole line


@dataclass(frozen=True)
class Fit:
    size: float
    lines: tuple[str, ...]

    @property
    def leading(self) -> float:
        return self.size * LEADING


def width(text: str, font: str, size: float) -> float:
    return string_width(text, font, size)


def wrap(text: str, font: str, size: float, max_width: float) -> list[str]:
    """Break text into lines no wider than max_width, at spaces; a word wider than a line is split."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(_wrap_paragraph(paragraph, font, size, max_width))
    return lines


def _wrap_paragraph(paragraph: str, font: str, size: float, max_width: float) -> list[str]:
    words = paragraph.split()
    if not words:
        return [""]
    lines: list[str] = []
    current, used = "", 0.0
    space = width(" ", font, size)
    for word in words:
        candidate = f"{current} {word}" if current else word
        wide = used + space + width(word, font, size) if current else width(word, font, size)
        if _fits(wide, candidate, font, size, max_width):
            current, used = candidate, wide
            continue
        if current:
            lines.append(current)
        pieces = _split_long_word(word, font, size, max_width)
        lines.extend(pieces[:-1])
        current = pieces[-1]
        used = width(current, font, size)
    lines.append(current)
    return lines


def _fits(wide: float, text: str, font: str, size: float, max_width: float) -> bool:
    """Whether `text`, `wide` points wide as the sum of its words, fits: measured whole only when the
    sum is too close to the limit to tell (a sum and a whole measure differ by rounding alone)."""
    if abs(wide - max_width) > SURE:
        return wide <= max_width
    return width(text, font, size) <= max_width


def _split_long_word(word: str, font: str, size: float, max_width: float) -> list[str]:
    pieces, current = [], ""
    for char in word:
        if current and width(current + char, font, size) > max_width:
            pieces.append(current)
            current = char
        else:
            current += char
    pieces.append(current)
    return pieces


def sizes(box: TextBox, floor: float = FLOOR_PT) -> list[float]:
    """The sizes to try, largest first: the field's own size down to the floor."""
    start = max(box.size, floor)
    steps = int(round((start - floor) / STEP_PT))
    return [start - i * STEP_PT for i in range(steps + 1)]


@lru_cache(maxsize=8192)
def fit(text: str, box: TextBox, floor: float = FLOOR_PT) -> Fit | None:
    """The largest size (not below `floor`) at which text fits the box uncut, or None. Remembered: a
    fill asks it of each value several times (check, draw, field size), and captions recur."""
    if box.max_len is not None and len(text) > box.max_len:
        return None
    for size in sizes(box, floor):
        if box.multiline:
            lines = wrap(text, box.font, size, box.width)
            if len(lines) * size * LEADING <= box.height + 0.01:
                return Fit(size, tuple(_ruled(line, box.font, size, box.width) for line in lines))
        elif "\n" not in text and width(text, box.font, size) <= box.width:
            return Fit(size, (text,))
    return None


def _ruled(line: str, font: str, size: float, max_width: float) -> str:
    """A WRITING_LINE drawn as underscores across the box (paginated text keeps the marker, so each
    page rules it at its own width)."""
    if line.strip() != WRITING_LINE:
        return line
    return "_" * max(1, int(max_width // width("_", font, size)))


def require_fit(item: str, text: str, box: TextBox) -> Fit:
    """Fit or fail loudly: a backend never draws a value it would have to cut."""
    result = fit(text, box)
    if result is None:
        raise DoesNotFit(
            f"{item}: {len(text)} characters do not fit its box ({box.width:.0f} x {box.height:.0f} pt) "
            f"even at {FLOOR_PT:g} pt; fix: move it to an attachment (assembler.plan.placement.place)"
        )
    return result


def paginate(text: str, box: TextBox, floor: float = FLOOR_PT) -> list[str]:
    """Split long text into chunks that each fit `box` at the box's own size (for attachment pages).

    Attachment bodies are printed at their normal size (12 pt on MC-025/MC-031), not shrunk: the
    text simply continues on the next page.
    """
    size = max(box.size, floor)
    lines = wrap(text, box.font, size, box.width)
    per_page = max(1, int((box.height + 0.01) // (size * LEADING)))
    return ["\n".join(lines[i : i + per_page]) for i in range(0, len(lines), per_page)] or [""]


class Measured:
    """What the plan asks a backend (assembler.plan.backend.FormBackend): measured in the backend's
    own boxes, so placement never imports the drawing code. Mixed into both backends."""

    def fits(self, form_id: str, item: str, text: str, *, shrink: bool = True) -> bool:
        box = self.text_box(form_id, item)
        return fit(text, box, FLOOR_PT if shrink else box.size) is not None

    def paginate(self, form_id: str, item: str, text: str, *, reserve_lines: int = 0) -> list[str]:
        box = self.text_box(form_id, item)
        if reserve_lines:
            room = box.height - reserve_lines * box.size * LEADING
            box = TextBox(box.font, box.size, box.width, room, True)
        return paginate(text, box)
