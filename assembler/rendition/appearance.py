"""Field appearances without a viewer's fonts, and caption items repeated on several pages.

reportlab draws field appearances in standard-14 fonts that each viewer substitutes. Here a text
field's appearance is emptied (its value is page text in the embedded typeface, see fields.py) and a
check box's "on" appearance becomes a drawn cross: vector lines that print the same everywhere.
A caption item drawn on several pages (case number, defendant) becomes one field with one widget
per page, as on the official form, so editing it once changes every page.
"""

from __future__ import annotations

from io import BytesIO

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, FloatObject, NameObject

_FIELD_KEYS = ("/T", "/FT", "/V", "/Ff", "/TU", "/DV")


def rework(pdf: bytes) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(BytesIO(pdf)))
    for page in writer.pages:
        for ref in page.get("/Annots", []):
            widget = ref.get_object()
            if widget.get("/Subtype") == "/Widget":
                _appearance(writer, widget)
    _join_repeated(writer)
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def _appearance(writer: PdfWriter, widget: DictionaryObject) -> None:
    x0, y0, x1, y1 = (float(v) for v in widget["/Rect"])
    w, h = x1 - x0, y1 - y0
    empty = _stream(writer, w, h, "")
    if widget.get("/FT") == "/Btn":
        on = next((k for k in widget["/AP"]["/N"] if k != "/Off"), "/Yes")
        states = DictionaryObject({NameObject(on): _stream(writer, w, h, _cross(w, h)), NameObject("/Off"): empty})
        widget[NameObject("/AP")] = DictionaryObject({NameObject("/N"): states})
    else:
        widget[NameObject("/AP")] = DictionaryObject({NameObject("/N"): empty})


def _stream(writer: PdfWriter, width: float, height: float, ops: str):
    s = DecodedStreamObject()
    s.set_data(ops.encode("ascii"))
    s[NameObject("/Type")] = NameObject("/XObject")
    s[NameObject("/Subtype")] = NameObject("/Form")
    s[NameObject("/BBox")] = ArrayObject([FloatObject(0), FloatObject(0), FloatObject(width), FloatObject(height)])
    return writer._add_object(s)


def _cross(width: float, height: float) -> str:
    m = min(width, height) * 0.18
    return (f"q 0 G 1.1 w 1 J {m:.2f} {m:.2f} m {width - m:.2f} {height - m:.2f} l S "
            f"{m:.2f} {height - m:.2f} m {width - m:.2f} {m:.2f} l S Q")


def _join_repeated(writer: PdfWriter) -> None:
    acro = writer._root_object["/AcroForm"]
    fields = acro["/Fields"]
    groups: dict[str, list] = {}
    for ref in fields:
        groups.setdefault(str(ref.get_object()["/T"]), []).append(ref)
    joined = ArrayObject()
    for name, refs in groups.items():
        if len(refs) == 1:
            joined.append(refs[0])
            continue
        first = refs[0].get_object()
        parent = DictionaryObject({NameObject(k): first[k] for k in _FIELD_KEYS if k in first})
        parent_ref = writer._add_object(parent)
        kids = ArrayObject()
        for ref in refs:
            widget = ref.get_object()
            for k in _FIELD_KEYS:
                widget.pop(NameObject(k), None)
            widget[NameObject("/Parent")] = parent_ref
            kids.append(ref)
        parent[NameObject("/Kids")] = kids
        joined.append(parent_ref)
    acro[NameObject("/Fields")] = joined
