"""Flattening the forms in a packet: each field's printed appearance drawn into its page, the field gone.

The packet is for printing, so it carries no live fields. qpdf's own `flatten_annotations` does this
too, but turns every widget into a form XObject, including the hundred text fields of a rendition
whose appearance is empty (their values are page text already): ~10 ms a form. Here only the
appearances that draw something (a checked box's cross) are placed, as PDF 32000-1 § 12.5.5 says
an appearance maps onto its annotation's rectangle.
"""

from __future__ import annotations

import pikepdf

from assembler.rendition.ink import add_content

HIDDEN, PRINT = 2, 4  # annotation flags


def flatten_widgets(pdf: pikepdf.Pdf) -> None:
    """Every page's form widgets drawn in as they print and removed; other annotations are kept."""
    for page in pdf.pages:
        annotations = page.obj.get("/Annots")
        if annotations is None:
            continue
        operators, kept = [], []
        for annotation in annotations:
            if annotation.get("/Subtype") != pikepdf.Name.Widget:
                kept.append(annotation)
                continue
            appearance = _printed_appearance(annotation)
            if appearance is not None:
                name = page.add_resource(appearance, pikepdf.Name.XObject, prefix="Fl")
                operators.append(f"q {_placement(annotation, appearance)} cm {name} Do Q\n")
        if kept:
            page.obj.Annots = pikepdf.Array(kept)
        else:
            del page.obj.Annots
        add_content(pdf, page, "".join(operators))
    if pikepdf.Name.AcroForm in pdf.Root:
        del pdf.Root.AcroForm


def _printed_appearance(widget: pikepdf.Object) -> pikepdf.Stream | None:
    """The normal appearance the widget prints in its current state, or None if it prints nothing."""
    flags = int(widget.get("/F", 0))
    if flags & HIDDEN or not flags & PRINT or "/AP" not in widget or "/N" not in widget.AP:
        return None
    normal = widget.AP.N
    if isinstance(normal, pikepdf.Dictionary):  # one appearance per state, e.g. /Yes and /Off
        normal = normal.get(str(widget.get("/AS", "/Off")))
    if not isinstance(normal, pikepdf.Stream) or not normal.read_raw_bytes():
        return None
    return normal


def _placement(widget: pikepdf.Object, appearance: pikepdf.Stream) -> str:
    """The matrix taking the appearance's box (after its own /Matrix) onto the widget's rectangle."""
    rx0, ry0, rx1, ry1 = (float(v) for v in widget.Rect)
    x0, y0, x1, y1 = min(rx0, rx1), min(ry0, ry1), max(rx0, rx1), max(ry0, ry1)
    a, b, c, d, e, f = (float(v) for v in appearance.get("/Matrix", [1, 0, 0, 1, 0, 0]))
    bx0, by0, bx1, by1 = (float(v) for v in appearance.BBox)
    corners = [(a * x + c * y + e, b * x + d * y + f) for x in (bx0, bx1) for y in (by0, by1)]
    left, bottom = min(p[0] for p in corners), min(p[1] for p in corners)
    width, height = max(p[0] for p in corners) - left, max(p[1] for p in corners) - bottom
    sx = (x1 - x0) / width if width else 1.0
    sy = (y1 - y0) / height if height else 1.0
    return f"{sx:.6g} 0 0 {sy:.6g} {x0 - left * sx:.4f} {y0 - bottom * sy:.4f}"
