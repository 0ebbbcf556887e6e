"""Flatten: draw each printable widget's appearance into its page and drop the form layer.

For each page, one new content stream places every widget appearance (filled text, the current
state of each check box) with `q … cm /Fl<n> Do Q`, mapping the appearance's bounding box onto the
widget rectangle (PDF 32000-1, 12.5.5). Push buttons ("Print this form", the privacy notice) are
screen-only and are left out. Widget annotations and the AcroForm are removed, so no viewer can draw
a field twice or differently. The page dictionaries are rebuilt from bytes prepared once.
"""

from __future__ import annotations

from assembler.render.forms.official.incremental import Update
from assembler.render.forms.official.pdfbytes import ref
from assembler.render.forms.official.prepared import PageParts, PreparedForm
from assembler.render.forms.official.widgets import Widget


def flatten_pages(form: PreparedForm, update: Update, streams: dict[int, int], states: dict[int, str]) -> None:
    by_page: dict[int, list[Widget]] = {}
    for widgets in form.widgets.values():
        for widget in widgets:
            if widget.printable and not widget.pushbutton:
                by_page.setdefault(widget.page, []).append(widget)
    for index, parts in enumerate(form.page_parts):
        draws = [d for w in by_page.get(index, []) if (d := drawn_appearance(w, streams, states)) is not None]
        _rewrite_page(update, parts, draws)
    update.put(form.root_number, form.root_flat)


def drawn_appearance(widget: Widget, streams: dict[int, int], states: dict[int, str]):
    """(xobject number, bbox, matrix, rect) of what the widget shows now, or None when it shows nothing."""
    if widget.ref.idnum in streams:
        return streams[widget.ref.idnum], (0.0, 0.0, widget.width, widget.height), (1, 0, 0, 1, 0, 0), widget.rect
    state = states.get(widget.ref.idnum, widget.state)
    shown = widget.states.get(state) if state else widget.states.get("")
    if shown is None:
        return None
    return shown.ref.idnum, shown.bbox, shown.matrix, widget.rect


def _rewrite_page(update: Update, parts: PageParts, draws) -> None:
    names, ops = [], [b"q"]
    for n, (number, bbox, matrix, rect) in enumerate(draws):
        names.append(b" /Fl%d %s" % (n, ref(number)))
        ops.append(b"q %s cm /Fl%d Do Q" % (placement(bbox, matrix, rect), n))
    ops.append(b"Q")
    content = b"\n".join(ops)
    content_number = update.new_number()
    update.put(content_number, b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    resources = b"<<" + parts.resources + b" /XObject <<" + parts.xobjects + b"".join(names) + b" >> >>"
    body = (b"<<" + parts.static + b" /Contents [" + parts.contents + b" " + ref(content_number) + b"]"
            + b" /Resources " + resources)
    if parts.kept_annots:
        body += b" /Annots [" + parts.kept_annots + b"]"
    update.put(parts.number, body + b" >>")


def placement(bbox, matrix, rect) -> bytes:
    """The matrix that maps the appearance's transformed bbox onto the widget rectangle."""
    a, b, c, d, e, f = matrix
    corners = [(x * a + y * c + e, x * b + y * d + f) for x in (bbox[0], bbox[2]) for y in (bbox[1], bbox[3])]
    x0, x1 = min(p[0] for p in corners), max(p[0] for p in corners)
    y0, y1 = min(p[1] for p in corners), max(p[1] for p in corners)
    sx = (rect[2] - rect[0]) / (x1 - x0) if x1 > x0 else 1.0
    sy = (rect[3] - rect[1]) / (y1 - y0) if y1 > y0 else 1.0
    return b"%.4f 0 0 %.4f %.4f %.4f" % (sx, sy, rect[0] - x0 * sx, rect[1] - y0 * sy)
