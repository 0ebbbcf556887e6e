"""Drawing a blank rendition: every page of a spec and its empty fields (`fill.py` writes values)."""

from __future__ import annotations

from functools import cache
from io import BytesIO

import pikepdf
from reportlab.pdfgen.canvas import Canvas

from assembler.plan.formmap.items import items
from assembler.render.pdf import fonts
from assembler.render.forms.rendition.draw import draw_page
from assembler.render.pdf.ink import InkFont
from assembler.render.forms.rendition.fields import add_fields
from assembler.render.forms.rendition.spec import PAGE_HEIGHT, PAGE_WIDTH, load_spec
from assembler.render.forms.rendition.widgets import Widgets


def render(form_id: str) -> bytes:
    """The blank rendition of `form_id` as PDF bytes, with its fields."""
    return blank(form_id, editable=True)


@cache
def blank(form_id: str, *, editable: bool) -> bytes:
    """Drawn once per process: with empty fields (`editable`), or the printed page alone (the start of a
    flattened copy)."""
    spec = load_spec(form_id)
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
        if editable:
            add_fields(widgets, page.fields)
        canvas.showPage()
    canvas.save()
    return ready_to_fill(buf.getvalue())


@cache
def printed_blank(form_id: str) -> pikepdf.Pdf:
    """The blank without fields, open once per process: the packet copies its pages and writes the
    values onto them (`fill.layers`)."""
    return pikepdf.open(BytesIO(blank(form_id, editable=False)))


def ready_to_fill(data: bytes) -> bytes:
    """Every stream compressed once here (reportlab leaves the fields' appearances plain), so that
    each fill can save without compressing anything again; and the typeface the values are written
    in (`ink.py`) named on every page once, not at every fill."""
    with pikepdf.open(BytesIO(data)) as pdf:
        ink = InkFont.build()
        font = ink.install(pdf)
        for page in pdf.pages:
            ink.use_on(page, font)
        out = BytesIO()
        pdf.save(out, compress_streams=True, object_stream_mode=pikepdf.ObjectStreamMode.generate,
                 deterministic_id=True)
    return out.getvalue()
