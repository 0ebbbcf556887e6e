"""The text box of a rendition field, in the terms the shared overflow module measures in."""

from __future__ import annotations

from functools import lru_cache

from assembler.plan.backend import TextBox
from assembler.render.pdf import fonts
from assembler.render.forms.rendition.spec import Field

PAD = 2.0  # points of air inside a field's edges


@lru_cache(maxsize=1024)
def text_box(field: Field) -> TextBox:
    fonts.register()
    return TextBox(font=fonts.REGULAR, size=field.size, width=field.width - 2 * PAD,
                   height=field.height - PAD, multiline=field.multiline)
