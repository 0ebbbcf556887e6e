"""The values written into a rendition: checked, then drawn as page text and held in fields.

Each field is a real AcroForm field named after its logical item (widgets.py), so a filled rendition
can still be edited. A text value is also drawn as page text in the embedded typeface, exactly where
the field is: that is what prints, what `pdftotext` reads and what a flattened copy keeps.
"""

from __future__ import annotations

from typing import Mapping

from reportlab.lib.colors import black
from reportlab.pdfgen.canvas import Canvas

from assembler.overflow import FLOOR_PT, LEADING, fit
from assembler.rendition import fonts
from assembler.rendition.boxes import PAD, text_box
from assembler.rendition.spec import PAGE_HEIGHT, Field, FormSpec
from assembler.rendition.widgets import CROSS_WEIGHT, Widgets, cross_lines

Value = str | bool | None


class FillError(ValueError):
    """A value the rendition cannot take: unknown item, wrong kind, or too long for its field."""


def check_values(spec: FormSpec, values: Mapping[str, Value]) -> dict[str, Value]:
    known = {name: spec.field(name) for name in spec.items}
    unknown = sorted(set(values) - set(known))
    if unknown:
        raise FillError(f"{spec.form} has no item(s) {', '.join(unknown)}; its items are: {', '.join(known)}")
    clean: dict[str, Value] = {}
    for name, value in values.items():
        field = known[name]
        if value is None or value == "":
            continue
        if field.kind == "check":
            clean[name] = checked(value)
        else:
            text = str(value).strip()
            if fit(text, text_box(field)) is None:
                raise FillError(
                    f"{spec.form} item {name}: the value does not fit at {FLOOR_PT:g} pt; continue it on an "
                    "attachment (assembler/overflow.py) instead of cutting it"
                )
            clean[name] = text
    return clean


def checked(value: Value) -> bool:
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in {"x", "yes", "on", "true", "1", "checked"}


def add_fields(widgets: Widgets, fields: list[Field], values: Mapping[str, Value]) -> None:
    """Each field as a live AcroForm field; a text value also drawn as page text in its box."""
    for field in fields:
        value = values.get(field.name)
        if field.kind == "check":
            widgets.check(field, bool(value))
        else:
            text = value if isinstance(value, str) else ""
            widgets.text(field, text, _size(field, text))
            if text:
                draw_value(widgets.canvas, field, text)


def draw_values(canvas: Canvas, fields: list[Field], values: Mapping[str, Value]) -> None:
    """A flattened copy: text values as page text, a checked box as a drawn cross; no fields."""
    for field in fields:
        value = values.get(field.name)
        if field.kind == "check" and value:
            _cross(canvas, field)
        elif isinstance(value, str) and value:
            draw_value(canvas, field, value)


def _cross(canvas: Canvas, field: Field) -> None:
    """The same cross a checked field shows (widgets.cross_lines), drawn into the page."""
    bottom = PAGE_HEIGHT - field.y1
    canvas.saveState()
    canvas.setLineWidth(CROSS_WEIGHT)
    canvas.setLineCap(1)
    for x0, y0, x1, y1 in cross_lines(field.width, field.height):
        canvas.line(field.x0 + x0, bottom + y0, field.x0 + x1, bottom + y1)
    canvas.restoreState()


def _size(field: Field, text: str) -> float:
    fitted = fit(text, text_box(field)) if text else None
    return fitted.size if fitted else field.size


def draw_value(canvas: Canvas, field: Field, text: str) -> None:
    fitted = fit(text, text_box(field))
    if fitted is None:  # check_values refuses these first; never draw a cut value
        raise FillError(f"{field.name}: value does not fit")
    size = fitted.size
    canvas.setFillColor(black)
    if field.multiline:
        baseline = field.y0 + PAD + size * 0.82
    else:
        baseline = field.y0 + (field.height + size * 0.72) / 2
    for line in fitted.lines:
        canvas.setFont(fonts.REGULAR, size)
        canvas.drawString(field.x0 + PAD, PAGE_HEIGHT - baseline, line)
        baseline += size * LEADING
