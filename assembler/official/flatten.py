"""Flatten: draw each printable widget's appearance into its page and drop the form layer.

For each page, one new content stream places every widget appearance (filled text, the current
state of each check box) with `q … cm /Fl<n> Do Q`, mapping the appearance's bounding box onto the
widget rectangle (PDF 32000-1, 12.5.5). Push buttons ("Print this form", the privacy notice) are
screen-only and are left out. Widget annotations and the AcroForm are removed, so no viewer can draw
a field twice or differently.
"""

from __future__ import annotations

from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

from assembler.official.incremental import Update
from assembler.official.prepared import PreparedForm, Widget


def flatten_pages(form: PreparedForm, update: Update, streams: dict[int, int], states: dict[int, str]) -> None:
    by_page: dict[int, list[Widget]] = {}
    for widgets in form.widgets.values():
        for widget in widgets:
            if widget.printable and not widget.pushbutton:
                by_page.setdefault(widget.page, []).append(widget)
    for index, page_ref in enumerate(form.pages):
        draws = [d for w in by_page.get(index, []) if (d := _draw(w, streams, states)) is not None]
        _rewrite_page(form, update, page_ref, draws)
    root = DictionaryObject(form.reader.trailer["/Root"])
    root.pop(NameObject("/AcroForm"), None)
    update.put_object(form.reader.trailer.raw_get("/Root").idnum, root)


def _draw(widget: Widget, streams: dict[int, int], states: dict[int, str]):
    """(xobject number, bbox, matrix) for the widget's appearance now, or None when it shows nothing."""
    if widget.ref.idnum in streams:
        return streams[widget.ref.idnum], (0.0, 0.0, widget.width, widget.height), (1, 0, 0, 1, 0, 0), widget.rect
    state = states.get(widget.ref.idnum, widget.state)
    shown = widget.states.get(state or "") or (widget.states.get("") if not state else None)
    if shown is None:
        return None
    return shown.ref.idnum, shown.bbox, shown.matrix, widget.rect


def _rewrite_page(form: PreparedForm, update: Update, page_ref: IndirectObject, draws) -> None:
    page = page_ref.get_object()
    xobjects = DictionaryObject()
    ops = [b"q"]
    for n, (number, bbox, matrix, rect) in enumerate(draws):
        name = f"/Fl{n}"
        xobjects[NameObject(name)] = IndirectObject(number, 0, form.reader)
        ops.append(b"q %s cm %s Do Q" % (_placement(bbox, matrix, rect), name.encode()))
    ops.append(b"Q")
    content = b"\n".join(ops)
    content_number = update.new_number()
    update.put(content_number, b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    new_page = DictionaryObject(page)
    new_page[NameObject("/Contents")] = ArrayObject(
        [*_contents(page), IndirectObject(content_number, 0, form.reader)])
    new_page[NameObject("/Resources")] = _resources(page, xobjects)
    annots = [a for a in page.get("/Annots", []) if a.get_object().get("/Subtype") != "/Widget"]
    if annots:
        new_page[NameObject("/Annots")] = ArrayObject(annots)
    else:
        new_page.pop(NameObject("/Annots"), None)
    update.put_object(page_ref.idnum, new_page)


def _contents(page) -> list:
    raw = page.raw_get("/Contents") if "/Contents" in page else None
    if raw is None:
        return []
    resolved = raw.get_object()
    return list(resolved) if isinstance(resolved, ArrayObject) else [raw]


def _resources(page, xobjects: DictionaryObject) -> DictionaryObject:
    resources = DictionaryObject(page.get("/Resources", DictionaryObject()).get_object())
    merged = DictionaryObject(resources.get("/XObject", DictionaryObject()).get_object())
    merged.update(xobjects)
    resources[NameObject("/XObject")] = merged
    return resources


def _placement(bbox, matrix, rect) -> bytes:
    """The matrix that maps the appearance's transformed bbox onto the widget rectangle."""
    a, b, c, d, e, f = matrix
    corners = [(x * a + y * c + e, x * b + y * d + f) for x in (bbox[0], bbox[2]) for y in (bbox[1], bbox[3])]
    x0, x1 = min(p[0] for p in corners), max(p[0] for p in corners)
    y0, y1 = min(p[1] for p in corners), max(p[1] for p in corners)
    sx = (rect[2] - rect[0]) / (x1 - x0) if x1 > x0 else 1.0
    sy = (rect[3] - rect[1]) / (y1 - y0) if y1 > y0 else 1.0
    return b"%.4f 0 0 %.4f %.4f %.4f" % (sx, sy, rect[0] - x0 * sx, rect[1] - y0 * sy)
