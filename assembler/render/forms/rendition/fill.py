"""Filling a rendition: the blank drawn once per process, the values written into a copy of it.

Drawing a whole form with reportlab for every fill (the printed wording, the font subsets, a
hundred fields) cost tens of milliseconds per document, twice per document in a packet. Now each
form's blank is drawn once (`render.blank`), and a fill only
  - sets the value of each field that has one (/V, and a check box's /AS on each of its widgets), and
  - writes each text value as page text, in the embedded typeface (`assembler.render.pdf.ink`), exactly
    where `fields.value_lines` places it;
a flattened copy starts from the blank without fields and also draws each checked box's cross.
"""

from __future__ import annotations

import io
from typing import Mapping

import pikepdf

from assembler.render.pdf.ink import InkFont, add_content
from assembler.render.forms.rendition.fields import Value, cross_strokes, fitted_size, value_lines
from assembler.render.forms.rendition.render import blank
from assembler.render.forms.rendition.spec import FormSpec
from assembler.render.forms.rendition.widgets import ON


def fill(spec: FormSpec, values: Mapping[str, Value], *, flatten: bool = False) -> bytes:
    """`values` already checked (`fields.check_values`): known items, each text fitting its field."""
    pdf = pikepdf.open(io.BytesIO(blank(spec.form, editable=not flatten)))
    if not flatten:
        _set_fields(pdf, spec, values)
    for page, operators in zip(pdf.pages, layers(spec, values, flatten=flatten)):
        add_content(pdf, page, operators)
    out = io.BytesIO()
    # the blank's streams are compressed already and ours are compressed as written (ink.add_content)
    pdf.save(out, deterministic_id=True, compress_streams=False, stream_decode_level=pikepdf.StreamDecodeLevel.none)
    return out.getvalue()


def layers(spec: FormSpec, values: Mapping[str, Value], *, flatten: bool) -> list[str]:
    """Per page, the content-stream operators that print the values on the blank (and, flattened,
    each checked box's cross). The ink font is named on every page of the blank (render.ready_to_fill)."""
    ink = InkFont.build()
    return ["".join(_page_values(ink, page.fields, values, flatten)) for page in spec.pages]


def _page_values(ink: InkFont, fields, values: Mapping[str, Value], flatten: bool):
    for field in fields:
        value = values.get(field.name)
        if isinstance(value, str) and value:
            for x, y, size, line in value_lines(field, value):
                yield ink.show(line, x, y, size)
        elif value is True and flatten:
            yield cross_strokes(field)


def _set_fields(pdf: pikepdf.Pdf, spec: FormSpec, values: Mapping[str, Value]) -> None:
    by_name = {str(f.T): f for f in pdf.Root.AcroForm.Fields}
    for name, value in values.items():
        field = by_name[name]
        widgets = list(field.Kids) if pikepdf.Name.Kids in field else [field]
        if isinstance(value, bool):
            state = pikepdf.Name("/" + ON) if value else pikepdf.Name.Off
            field.V = state
            for widget in widgets:
                widget.AS = state
        elif value:
            field.V = pikepdf.String(value)
            size = fitted_size(spec.field(name), value)
            for holder in {id(field): field, **{id(w): w for w in widgets}}.values():
                if pikepdf.Name.DA in holder:
                    holder.DA = pikepdf.String(_with_size(str(holder.DA), size))


def _with_size(appearance: str, size: float) -> str:
    """The field's editing font at the size the value was printed in ("/Helv 9 Tf 0 g" → "/Helv 8 Tf 0 g")."""
    font, _, rest = appearance.split(" ", 2)
    return f"{font} {size:g} {rest}"
