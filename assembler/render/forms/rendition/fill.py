"""Filling a rendition: the blank drawn once per process, the values written as an update of it.

Drawing a whole form with reportlab for every fill (the printed wording, the font subsets, a
hundred fields) cost tens of milliseconds per document, twice per document in a packet. Now each
form's blank is drawn once (`render.blank`) and prepared once (`prepared.py`), and a fill only
appends to the blank's bytes (`update.py`):
  - each field that has a value, with its /V (and a check box's /AS on each of its widgets), and
  - each page with a value on it, with a content stream that writes each text value as page text,
    in the embedded typeface (`assembler.render.pdf.ink`), exactly where `fields.value_lines`
    places it;
a flattened copy starts from the blank without fields and also draws each checked box's cross.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Mapping

from assembler.render.pdf.ink import InkFont
from assembler.render.pdf.writer import ref, string
from assembler.render.forms.rendition.fields import Value, cross_strokes, fitted_size, value_lines
from assembler.render.forms.rendition.prepared import PreparedBlank, prepared
from assembler.render.forms.rendition.spec import Field, FormSpec
from assembler.render.forms.rendition.update import Update
from assembler.render.forms.rendition.widgets import ON


def fill(spec: FormSpec, values: Mapping[str, Value], *, flatten: bool = False) -> bytes:
    """`values` already checked (`fields.check_values`): known items, each text fitting its field."""
    blank = prepared(spec.form, editable=not flatten)
    update = Update(blank)
    if not flatten:
        _set_fields(update, blank, spec, values)
    _print(update, blank, layers(spec, values, flatten=flatten))
    return update.render()


def layers(spec: FormSpec, values: Mapping[str, Value], *, flatten: bool) -> list[str]:
    """Per page, the content-stream operators that print the values on the blank (and, flattened,
    each checked box's cross). The ink font is named on every page of the blank (render.ready_to_fill)."""
    return ["".join(_page_values(page.fields, values, flatten)) for page in spec.pages]


def _page_values(fields, values: Mapping[str, Value], flatten: bool):
    for field in fields:
        value = values.get(field.name)
        if isinstance(value, str) and value:
            yield _shown(field, value)
        elif value is True and flatten:
            yield cross_strokes(field)


@lru_cache(maxsize=2048)
def _shown(field: Field, value: str) -> str:
    """The operators that print a text value in its field (remembered: each document's values are
    printed twice, in its own file and in the packet, and many recur from client to client)."""
    ink = InkFont.build()
    return "".join(ink.show(line, x, y, size) for x, y, size, line in value_lines(field, value))


def _print(update: Update, blank: PreparedBlank, layers: list[str]) -> None:
    """Each page's operators drawn on top of it: the page's own content is wrapped in q … Q so its
    graphics state cannot leak into what is added (as `ink.add_content` does)."""
    save = None
    for index, operators in enumerate(layers):
        if not operators:
            continue
        save = save or update.add_stream(b"q\n")
        values = update.add_stream(b"Q\n" + operators.encode("ascii"))
        contents = b"[ %s %s %s ]" % (ref(save), blank.contents(index), ref(values))
        update.change(blank.pages[index], {"/Contents": contents})


def _set_fields(update: Update, blank: PreparedBlank, spec: FormSpec, values: Mapping[str, Value]) -> None:
    for name, value in values.items():
        objects = blank.fields[name]
        if isinstance(value, bool):
            state = b"/" + ON.encode() if value else b"/Off"
            update.change(objects.field, {"/V": state})
            for widget in objects.widgets:
                update.change(widget, {"/AS": state})
        elif value:
            update.change(objects.field, {"/V": text_string(value)})
            size = fitted_size(spec.field(name), value)
            for holder in objects.holders:
                if "/DA" in holder.entries:
                    update.change(holder, {"/DA": text_string(_with_size(holder.text("/DA"), size))})


@lru_cache(maxsize=2048)
def text_string(text: str) -> bytes:
    """A PDF text string as written in the file (PDFDocEncoding, or UTF-16 when it must)."""
    return string(text)


def _with_size(appearance: str, size: float) -> str:
    """The field's editing font at the size the value was printed in ("/Helv 9 Tf 0 g" → "/Helv 8 Tf 0 g")."""
    font, _, rest = appearance.split(" ", 2)
    return f"{font} {size:g} {rest}"
