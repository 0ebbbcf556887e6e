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

from assembler.plan.backend import TextBox
from assembler.render.forms.official.fieldmaps import Revision
from assembler.render.forms.official.fingerprint import FormRefused, identify
from assembler.render.forms.official.integrity import strip_actions
from assembler.render.forms.official.pdfbytes import Template, entries, serialise, template
from assembler.render.forms.official.widgets import Widget, index_widgets

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
    widgets = index_widgets(base_reader)
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
    """Unencrypted, without /Perms, /XFA or any action: every later fill appends to these bytes."""
    writer = PdfWriter(clone_from=reader)
    root = writer.root_object
    root.pop(NameObject("/Perms"), None)
    acroform = root["/AcroForm"].get_object()
    acroform.pop(NameObject("/XFA"), None)
    acroform.pop(NameObject("/NeedsRendering"), None)
    root.pop(NameObject("/NeedsRendering"), None)
    strip_actions(root)  # what is filed carries no script (the form's own print/save buttons included)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _startxref(data: bytes) -> int:
    match = re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", data[-1024:])
    if match is None:
        raise ValueError("base copy has no startxref")
    return int(match.group(1))


def _check_map(form_id: str, revision: Revision, widgets: dict[str, list[Widget]], path: Path) -> None:
    missing = [name for ref in revision.fields.values() for name in ref.pdf if name not in widgets]
    if missing:
        raise FormRefused(f"{form_id} at {path}: the field map for {revision.revision} names fields the file "
                          f"lacks ({', '.join(missing[:3])}); fix: report this, the map is wrong")
