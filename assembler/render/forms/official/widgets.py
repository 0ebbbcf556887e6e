"""The widgets of a form's fields: where each is, in which font and size, and its appearance states.

Read once when a form is prepared. Inheritable field attributes (/FT, /Ff, /DA, /Q, /MaxLen) are
taken from the nearest ancestor that sets them; a field whose kids are widgets (no /T) has several
widgets, a merged field/widget has one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pypdf import PdfReader
from pypdf.generic import IndirectObject

from assembler.plan.backend import TextBox

PADDING = 2.0  # points kept clear inside a text field's border, left and right
TOP_GAP = 3.0  # above the first line of a multi-line field, clear of the printed words just above it
MULTILINE_FLAG = 1 << 12
PUSHBUTTON_FLAG = 1 << 16
DEFAULT_SIZE = 10.0  # for an auto-size (0 Tf) field

# The PDF's fonts -> reportlab fonts with the same metrics (Arial is metric-compatible with Helvetica).
FONT_METRICS = {
    "ArialMT": "Helvetica", "Arial-BoldMT": "Helvetica-Bold", "Arial-ItalicMT": "Helvetica-Oblique",
    "Arial-BoldItalicMT": "Helvetica-BoldOblique", "Helv": "Helvetica", "HeBo": "Helvetica-Bold",
    "TimesNewRoman": "Times-Roman", "TiRo": "Times-Roman", "TimesNewRomanPSMT": "Times-Roman",
}


@dataclass(frozen=True)
class Appearance:
    """An existing appearance stream of a widget (a check box state) and how to place it."""

    ref: IndirectObject
    bbox: tuple[float, float, float, float]
    matrix: tuple[float, ...]


@dataclass
class Widget:
    field_name: str
    field_ref: IndirectObject  # the field dictionary that carries /V
    ref: IndirectObject  # the widget annotation (the same object when field and widget are merged)
    page: int
    rect: tuple[float, float, float, float]
    font_resource: str  # e.g. "ArialMT", as named in the DA string and /DR
    size: float
    align: int  # /Q: 0 left, 1 centre, 2 right
    multiline: bool
    max_len: int | None
    printable: bool
    pushbutton: bool
    states: dict[str, Appearance]  # existing /AP /N states (check boxes), by state name
    state: str | None  # current /AS

    @property
    def width(self) -> float:
        return self.rect[2] - self.rect[0]

    @property
    def height(self) -> float:
        return self.rect[3] - self.rect[1]

    def text_box(self) -> TextBox:
        font = FONT_METRICS.get(self.font_resource, "Helvetica")
        return TextBox(font, self.size, self.width - 2 * PADDING, self.height - self.top_gap - 1, self.multiline,
                       self.max_len)

    @property
    def top_gap(self) -> float:
        """Space above the first line: TOP_GAP in a tall multi-line box, 1 pt in a one-line-high one."""
        return TOP_GAP if self.multiline and self.height > 3 * self.size else 1.0




def index_widgets(reader: PdfReader) -> dict[str, list[Widget]]:
    page_of = {p.indirect_reference.idnum: i for i, p in enumerate(reader.pages)}
    widgets: dict[str, list[Widget]] = {}
    for ref in reader.trailer["/Root"]["/AcroForm"].get("/Fields", []):
        _collect(ref, "", {}, widgets, page_of, reader)
    return widgets


def _collect(ref, prefix, inherited, widgets, page_of, reader) -> None:
    field = ref.get_object()
    name = f"{prefix}.{field['/T']}" if prefix and "/T" in field else str(field.get("/T", prefix))
    attrs = dict(inherited)
    for key in ("/FT", "/Ff", "/DA", "/Q", "/MaxLen"):
        if key in field:
            attrs[key] = field[key]
    kids = field.get("/Kids", [])
    if kids and "/T" in kids[0].get_object():
        for kid in kids:
            _collect(kid, name, attrs, widgets, page_of, reader)
        return
    annots = kids or [ref]
    widgets[name] = [_widget(name, ref, a, attrs, page_of, reader) for a in annots]


def _widget(name, field_ref, ref, attrs, page_of, reader) -> Widget:
    annot = ref.get_object()
    da = str(annot.get("/DA", attrs.get("/DA", "/Helv 0 Tf 0 g")))
    font, size = _parse_da(da)
    flags = int(annot.get("/F", 0))
    ff = int(attrs.get("/Ff", 0))
    page_ref = annot.raw_get("/P") if "/P" in annot else None
    page = page_of.get(page_ref.idnum) if isinstance(page_ref, IndirectObject) else None
    page = _find_page(reader, ref) if page is None else page
    return Widget(
        field_name=name, field_ref=field_ref, ref=ref, page=page,
        rect=tuple(float(v) for v in annot["/Rect"]), font_resource=font, size=size or DEFAULT_SIZE,
        align=int(annot.get("/Q", attrs.get("/Q", 0))), multiline=bool(ff & MULTILINE_FLAG),
        max_len=int(attrs["/MaxLen"]) if "/MaxLen" in attrs else None,
        printable=bool(flags & 4) and not flags & 2, pushbutton=bool(ff & PUSHBUTTON_FLAG),
        states=_states(annot), state=str(annot["/AS"]) if "/AS" in annot else None,
    )


def _parse_da(da: str) -> tuple[str, float]:
    match = re.search(r"/([^\s/]+)\s+([\d.]+)\s+Tf", da)
    return (match.group(1), float(match.group(2))) if match else ("Helv", 0.0)


def _find_page(reader: PdfReader, ref: IndirectObject) -> int:
    for index, page in enumerate(reader.pages):
        if any(a.idnum == ref.idnum for a in page.get("/Annots", [])):
            return index
    raise ValueError(f"widget {ref.idnum} is on no page")


def _states(annot) -> dict[str, Appearance]:
    normal = annot.get("/AP", {}).get("/N") if "/AP" in annot else None
    if normal is None:
        return {}
    normal_obj = normal.get_object()
    if "/Subtype" in normal_obj:  # a single stream, not a dictionary of states
        return {"": _appearance(normal)}
    return {str(state): _appearance(stream) for state, stream in normal_obj.items()}


def _appearance(ref) -> Appearance:
    stream = ref.get_object()
    bbox = tuple(float(v) for v in stream.get("/BBox", [0, 0, 0, 0]))
    matrix = tuple(float(v) for v in stream.get("/Matrix", [1, 0, 0, 1, 0, 0]))
    return Appearance(ref, bbox, matrix)
