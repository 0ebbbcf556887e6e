"""The `rendition` backend: the project's own drawing of each form (the offline default).

It implements `assembler.plan.backend.FormBackend`: the same logical items, measured and filled the
same way as the official backend, with no PDF to download.
"""

from __future__ import annotations

from typing import Mapping

import pikepdf

from assembler.render.forms.fitting import Measured
from assembler.plan.backend import FilledForm, TextBox, Value
from assembler.render.forms.rendition.boxes import text_box
from assembler.render.forms.rendition.fields import check_values
from assembler.render.forms.rendition.readback import read_back
from assembler.render.forms.rendition.render import printed_blank
from assembler.render.forms.rendition.fill import fill, layers
from assembler.render.forms.rendition.spec import available_forms, load_spec

SOURCE = "rendition"


class RenditionBackend(Measured):
    name = "rendition"

    def forms(self) -> list[str]:
        return available_forms()

    def revision(self, form_id: str) -> str:
        return load_spec(form_id).revision

    def text_box(self, form_id: str, item: str) -> TextBox:
        """For a caption item repeated on several pages: its narrowest box."""
        spec = load_spec(form_id)
        field = spec.field(item)
        if field.kind != "text":
            raise KeyError(f"{form_id} item {item} is a check box, not a text box")
        return text_box(field)

    def printed_pages(self, form_id: str, values: Mapping[str, Value]) -> tuple[pikepdf.Pdf, list[str]]:
        """For the packet: the blank without fields, and per page the operators that print the values
        and checked boxes on it: the pages a flattened fill would have, without writing a PDF."""
        spec = load_spec(form_id)
        return printed_blank(form_id), layers(spec, check_values(spec, values), flatten=True)

    def fill(self, form_id: str, values: Mapping[str, Value], *, flatten: bool = False) -> FilledForm:
        spec = load_spec(form_id)
        clean = check_values(spec, values)
        data = fill(spec, clean, flatten=flatten)
        read_back(spec, data, clean, flattened=flatten)
        return FilledForm(form_id, spec.revision, data, SOURCE, None)
