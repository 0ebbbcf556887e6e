"""Appearance streams for filled text fields, drawn exactly as `assembler.render.forms.fitting` measured them.

Every viewer (poppler, pdf.js, Chromium, Acrobat) shows a field's appearance stream when it has one,
so values print the same everywhere without /NeedAppearances. Text is laid out by
`overflow.require_fit` in the field's own font and width: what was measured is what is drawn, and a
value that would be cut raises instead of being drawn.
"""

from __future__ import annotations

from assembler.errors import ReliefError
from assembler.plan.backend import TextBox
from assembler.profile.printable import fold_char
from assembler.render.forms.fitting import Fit, require_fit, width
from assembler.render.forms.official.widgets import PADDING, Widget

ASCENT = 0.718  # Helvetica/Arial and Times cap-height-ish ascent used to place the first baseline
DESCENT = 0.207


class NotPrintable(ReliefError, ValueError):
    """A character the form's font cannot show (outside Windows-1252)."""


def encode(item: str, text: str) -> bytes:
    """Text as a PDF string in the form fonts' WinAnsi encoding (Windows-1252).

    Characters Windows-1252 has (é, ñ, ü, —, §) print as typed; a letter it lacks is printed without
    its accent (ễ -> e); anything else (another script) is refused with the item named.
    """
    raw = b"".join(_char(item, c) for c in text)
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)").replace(b"\r", b"")


def _char(item: str, char: str) -> bytes:
    folded = fold_char(char)
    if folded is not None:
        return folded.encode("cp1252")
    if not char.isprintable():
        return b""
    raise NotPrintable(f"{item}: the form's font cannot print {char!r}; fix: spell it with Latin letters") from None


def layout(item: str, text: str, widget: Widget) -> Fit:
    return require_fit(item, text, widget.text_box())


def text_stream(item: str, text: str, widget: Widget, font_ref: bytes) -> tuple[bytes, list[bytes]]:
    """A complete form XObject (dictionary + stream) for one text widget, and the encoded lines it shows."""
    box = widget.text_box()
    fitted = layout(item, text, widget)
    lines = [encode(item, line) for line in fitted.lines]
    content = _content(fitted, lines, widget, box)
    w, h = widget.width, widget.height
    head = (f"<< /Type /XObject /Subtype /Form /BBox [0 0 {w:.3f} {h:.3f}] "
            f"/Resources << /Font << /{widget.font_resource} ").encode() + font_ref + b" >> >> "
    return head + f"/Length {len(content)} >>\nstream\n".encode() + content + b"\nendstream", lines


def _content(fitted: Fit, encoded: list[bytes], widget: Widget, box: TextBox) -> bytes:
    size = fitted.size
    h = widget.height
    if widget.multiline:
        y = h - widget.top_gap - ASCENT * size
    else:
        y = (h - (ASCENT + DESCENT) * size) / 2 + DESCENT * size
    parts = [b"/Tx BMC q BT", f"/{widget.font_resource} {size:g} Tf 0 g".encode()]
    x_prev, y_prev = 0.0, 0.0
    for line, raw in zip(fitted.lines, encoded):
        x = _x(line, widget, box, size)
        parts.append(f"{x - x_prev:.3f} {y - y_prev:.3f} Td".encode())
        parts.append(b"(" + raw + b") Tj")
        x_prev, y_prev = x, y
        y -= fitted.leading
    parts.append(b"ET Q EMC")
    return b"\n".join(parts)


def _x(line: str, widget: Widget, box: TextBox, size: float) -> float:
    if widget.align == 1:
        return (widget.width - width(line, box.font, size)) / 2
    if widget.align == 2:
        return widget.width - PADDING - width(line, box.font, size)
    return PADDING
