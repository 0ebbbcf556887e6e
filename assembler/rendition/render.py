"""Drawing a whole rendition: every page of a spec, its fields, and the values given."""

from __future__ import annotations

from io import BytesIO
from typing import Mapping

from reportlab.pdfgen.canvas import Canvas

from assembler.formmap.items import items
from assembler.rendition import fonts
from assembler.rendition.draw import draw_page
from assembler.rendition.fields import Value, add_fields, check_values, draw_values
from assembler.rendition.spec import PAGE_HEIGHT, PAGE_WIDTH, load_spec
from assembler.rendition.widgets import Widgets


def render(form_id: str, values: Mapping[str, Value] | None = None, *, flatten: bool = False) -> bytes:
    """The rendition of `form_id` as PDF bytes: blank, or filled with values keyed by item name.

    `flatten`: a print-only copy, the values drawn into the page and no fields.
    """
    spec = load_spec(form_id)
    clean = check_values(spec, values or {})
    fonts.register()
    buf = BytesIO()
    canvas = Canvas(buf, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), pageCompression=1, invariant=1,
                    initialFontName=fonts.REGULAR, initialFontSize=9)
    canvas.setTitle(f"{spec.form} {spec.title}")
    canvas.setSubject(f"{spec.form} [{spec.revision}] drawn by ca-relief (computer-generated rendition)")
    canvas.setCreator("ca-relief")
    repeated = {name for name in spec.items if len(spec.widgets(name)) > 1}
    widgets = Widgets(canvas, repeated, {name: item.description for name, item in items(form_id).items()})
    for page in spec.pages:
        draw_page(canvas, page)
        if flatten:
            draw_values(canvas, page.fields, clean)
        else:
            add_fields(widgets, page.fields, clean)
        canvas.showPage()
    canvas.save()
    return buf.getvalue()
