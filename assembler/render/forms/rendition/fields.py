"""The values written into a rendition: checked, then drawn as page text and held in fields.

Each field is a real AcroForm field named after its logical item (widgets.py), so a filled rendition
can still be edited. A text value is also drawn as page text in the embedded typeface, exactly where
the field is: that is what prints, what `pdftotext` reads and what a flattened copy keeps.
"""

from __future__ import annotations

from typing import Mapping

from assembler.errors import ReliefError
from assembler.render.forms.fitting import FLOOR_PT, LEADING, fit
from assembler.render.pdf.ink import InkFont
from assembler.render.forms.rendition.boxes import PAD, text_box
from assembler.render.forms.rendition.spec import PAGE_HEIGHT, Field, FormSpec
from assembler.render.forms.rendition.widgets import CROSS_WEIGHT, Widgets, cross_lines

Value = str | bool | None


class FillError(ReliefError, ValueError):
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
            missing = InkFont.build().missing(text)
            if missing:
                raise FillError(f"{spec.form} item {name}: the character(s) {' '.join(missing)} cannot be printed in "
                                "the form's typeface; fix: write it as the court's records spell it, in Latin letters")
            if fit(text, text_box(field)) is None:
                raise FillError(
                    f"{spec.form} item {name}: the value does not fit at {FLOOR_PT:g} pt; continue it on an "
                    "attachment (assembler/render/forms/fitting.py) instead of cutting it"
                )
            clean[name] = text
    return clean


def checked(value: Value) -> bool:
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in {"x", "yes", "on", "true", "1", "checked"}


def add_fields(widgets: Widgets, fields: list[Field]) -> None:
    """Each field as a live, empty AcroForm field (a blank; `fill.fill` sets the values)."""
    for field in fields:
        if field.kind == "check":
            widgets.check(field, False)
        else:
            widgets.text(field, "", field.size)


def fitted_size(field: Field, text: str) -> float:
    fitted = fit(text, text_box(field)) if text else None
    return fitted.size if fitted else field.size


def value_lines(field: Field, text: str) -> list[tuple[float, float, float, str]]:
    """Where a text value prints: (x, baseline y from the bottom, size, line) for each line."""
    fitted = fit(text, text_box(field))
    if fitted is None:  # check_values refuses these first; never draw a cut value
        raise FillError(f"{field.name}: value does not fit")
    size = fitted.size
    if field.multiline:
        baseline = field.y0 + PAD + size * 0.82
    else:
        baseline = field.y0 + (field.height + size * 0.72) / 2
    lines = []
    for line in fitted.lines:
        lines.append((field.x0 + PAD, PAGE_HEIGHT - baseline, size, line))
        baseline += size * LEADING
    return lines


def cross_strokes(field: Field) -> str:
    """A checked box in a flattened copy: the same cross its field shows (widgets.cross_lines), as
    content-stream operators."""
    bottom = PAGE_HEIGHT - field.y1
    strokes = " ".join(f"{field.x0 + x0:.2f} {bottom + y0:.2f} m {field.x0 + x1:.2f} {bottom + y1:.2f} l S"
                       for x0, y0, x1, y1 in cross_lines(field.width, field.height))
    return f"q 0 G {CROSS_WEIGHT} w 1 J {strokes} Q\n"
