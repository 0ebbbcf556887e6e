"""Does a value fit its field? Measured in the field's font and width, never by character count.

A value is tried at the field's size, then smaller in half points down to the 8-point floor. What
does not fit at 8 points is never cut: the caller continues it on an attachment (see
assembler/overflow.py) and the field says so.
"""

from __future__ import annotations

from dataclasses import dataclass

from assembler.rendition import fonts
from assembler.rendition.spec import Field

FLOOR = 8.0  # points: nothing is written smaller
PAD = 2.0  # points of air inside a field's edges
LEADING = 1.18  # line height as a multiple of the size


@dataclass(frozen=True)
class Fitted:
    size: float
    lines: list[str]


def sizes(field: Field):
    size = field.size
    while size >= FLOOR:
        yield size
        size -= 0.5


def fit(field: Field, value: str) -> Fitted | None:
    """The largest size (not below the floor) at which the whole value shows, or None."""
    for size in sizes(field):
        lines = wrap(value, field.width - 2 * PAD, size) if field.multiline else _one_line(value)
        if lines is None:
            continue
        if field.multiline:
            if len(lines) * size * LEADING <= field.height - PAD + 0.01:
                return Fitted(size, lines)
        elif fonts.width(lines[0], size) <= field.width - 2 * PAD:
            return Fitted(size, lines)
    return None


def fits(field: Field, value: str) -> bool:
    return fit(field, value) is not None


def _one_line(value: str) -> list[str] | None:
    return None if "\n" in value.strip() else [value.strip()]


def wrap(value: str, width: float, size: float) -> list[str] | None:
    """Greedy word wrap; a word wider than the field on its own means "does not fit"."""
    lines: list[str] = []
    for paragraph in value.strip().split("\n"):
        line = ""
        for word in paragraph.split():
            if fonts.width(word, size) > width:
                return None
            candidate = f"{line} {word}" if line else word
            if fonts.width(candidate, size) <= width:
                line = candidate
            else:
                lines.append(line)
                line = word
        lines.append(line)
    return lines
