"""A blank official form, parsed once per process and kept ready to fill many times.

Preparing a form (about 0.2 s) does the expensive work once:
- open it (decrypting an empty user password: AES for CR-180/CR-181 as published, RC4 for MC-025/031),
- recognise its revision (`fingerprint.identify`), refusing unknown, altered or superseded ones,
- write an unencrypted base copy without the XFA layer (which would make XFA-aware viewers ignore
  the AcroForm values) and without the /Perms usage-rights signature (which any change breaks,
  making Acrobat warn that the document was altered),
- index every widget of every mapped field: object number, page, rectangle, font, size, alignment.

Each fill then only appends the objects that change to the base bytes as an incremental update
(`incremental.py`), so a fill costs a few milliseconds instead of a full parse, clone and write.
"""

from __future__ import annotations

import hashlib
import io
import logging
import re
import threading
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.generic import DictionaryObject, IndirectObject, NameObject

from assembler.backends import TextBox
from assembler.official.fieldmaps import Revision
from assembler.official.fingerprint import FormRefused, identify
from assembler.official.pdfbytes import Template, entries, serialise, template

PADDING = 2.0  # points kept clear inside a text field's border, left/right (and 1 pt top/bottom)
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
        return TextBox(font, self.size, self.width - 2 * PADDING, self.height - 2, self.multiline, self.max_len)


@dataclass
class PreparedForm:
    form_id: str
    revision: Revision
    path: Path
    source_sha256: str
    base: bytes
    reader: PdfReader  # over `base`: resolves objects when building an update
    startxref: int
    size: int  # /Size of the base trailer: the first free object number
    widgets: dict[str, list[Widget]]  # by PDF field name
    pages: list[IndirectObject]
    fonts: dict[str, bytes]  # /DR fonts by resource name, serialised ("12 0 R" or a dictionary)
    templates: dict[int, Template]  # every field and widget dictionary, by object number
    page_parts: list["PageParts"]  # what flattening rewrites on each page
    root_number: int
    root_flat: bytes  # the catalog without /AcroForm, for a flattened copy

    def item_widgets(self, item: str) -> list[Widget]:
        ref = self.revision.fields[item]
        return [w for name in ref.pdf for w in self.widgets[name]]

    def text_box(self, item: str) -> TextBox:
        """The smallest box among the item's widgets (a caption repeated on each page)."""
        boxes = [w.text_box() for w in self.item_widgets(item)]
        return min(boxes, key=lambda b: (b.width * b.height, b.size))


@dataclass(frozen=True)
class PageParts:
    number: int
    static: bytes  # the page's entries except /Contents, /Resources, /Annots
    contents: bytes  # the existing content stream reference(s), space-separated
    resources: bytes  # the resource entries except /XObject
    xobjects: bytes  # the existing /XObject entries
    kept_annots: bytes  # annotations that are not widgets (links), kept when flattening


_cache: dict[tuple[str, int, int], PreparedForm] = {}
_lock = threading.Lock()


def prepared(form_id: str, path: Path) -> PreparedForm:
    """The prepared form for this file, parsed on first use and reused after (per process)."""
    stat = path.stat()
    key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size)
    with _lock:
        found = _cache.get((form_id, *key))
        if found is None:
            found = prepare(form_id, path)
            _cache[(form_id, *key)] = found
        return found


def prepare(form_id: str, path: Path) -> PreparedForm:
    data = path.read_bytes()
    reader = _open(form_id, data, path)
    revision = identify(form_id, reader, path)
    base = _base_copy(reader)
    base_reader = PdfReader(io.BytesIO(base))
    widgets = _index_widgets(base_reader)
    _check_map(form_id, revision, widgets, path)
    root = base_reader.trailer["/Root"]
    dr = root["/AcroForm"].get("/DR", DictionaryObject()).get_object()
    font_dict = dr.get("/Font", DictionaryObject()).get_object()
    return PreparedForm(
        form_id=form_id, revision=revision, path=path, source_sha256=hashlib.sha256(data).hexdigest(),
        base=base, reader=base_reader, startxref=_startxref(base), size=int(base_reader.trailer["/Size"]),
        widgets=widgets, pages=[p.indirect_reference for p in base_reader.pages],
        fonts={str(k): serialise(font_dict.raw_get(k)) for k in font_dict},
        templates=_templates(widgets), page_parts=[_page_parts(p) for p in base_reader.pages],
        root_number=base_reader.trailer.raw_get("/Root").idnum, root_flat=b"<<" + entries(root, ("/AcroForm",)) + b" >>",
    )


def _templates(widgets: dict[str, list[Widget]]) -> dict[int, Template]:
    out: dict[int, Template] = {}
    for group in widgets.values():
        for widget in group:
            for ref in (widget.field_ref, widget.ref):
                out.setdefault(ref.idnum, template(ref.get_object()))
    return out


def _page_parts(page) -> PageParts:
    contents = page.raw_get("/Contents") if "/Contents" in page else None
    resolved = contents.get_object() if contents is not None else None
    refs = list(resolved) if isinstance(resolved, list) else ([contents] if contents is not None else [])
    resources = page.get("/Resources", DictionaryObject()).get_object()
    xobjects = resources.get("/XObject", DictionaryObject()).get_object()
    kept = [a for a in page.get("/Annots", []) if a.get_object().get("/Subtype") != "/Widget"]
    return PageParts(
        number=page.indirect_reference.idnum,
        static=entries(page, ("/Contents", "/Resources", "/Annots")),
        contents=b" ".join(serialise(r) for r in refs),
        resources=entries(resources, ("/XObject",)),
        xobjects=entries(xobjects),
        kept_annots=b" ".join(serialise(a) for a in kept),
    )


def _open(form_id: str, data: bytes, path: Path) -> PdfReader:
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # RC4 files log harmless padding notices
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise FormRefused(f"{form_id} at {path} needs a password to open; fix: use the form as published "
                              "by the Judicial Council, which opens without one")
        return reader
    except FormRefused:
        raise
    except Exception as exc:  # a truncated download or a file that is not a PDF
        raise FormRefused(f"{form_id} at {path} cannot be read as a PDF ({exc}); fix: download it again") from exc


def _base_copy(reader: PdfReader) -> bytes:
    """Unencrypted, without /Perms and /XFA: every later fill appends to these bytes."""
    writer = PdfWriter(clone_from=reader)
    root = writer.root_object
    root.pop(NameObject("/Perms"), None)
    acroform = root["/AcroForm"].get_object()
    acroform.pop(NameObject("/XFA"), None)
    acroform.pop(NameObject("/NeedsRendering"), None)
    root.pop(NameObject("/NeedsRendering"), None)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _startxref(data: bytes) -> int:
    match = re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", data[-1024:])
    if match is None:
        raise ValueError("base copy has no startxref")
    return int(match.group(1))


def _index_widgets(reader: PdfReader) -> dict[str, list[Widget]]:
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


def _check_map(form_id: str, revision: Revision, widgets: dict[str, list[Widget]], path: Path) -> None:
    missing = [name for ref in revision.fields.values() for name in ref.pdf if name not in widgets]
    if missing:
        raise FormRefused(f"{form_id} at {path}: the field map for {revision.revision} names fields the file "
                          f"lacks ({', '.join(missing[:3])}); fix: report this, the map is wrong")
