"""A blank rendition parsed once per process, so that a fill only joins bytes (`update.py`).

For each blank (with its fields, or the printed page alone for a flattened copy) this keeps: its
bytes, where its cross-reference section is, and, serialised, every dictionary a fill rewrites — each
field and widget (to set /V, /AS, /DA) and each page (to add the values' content stream) — and the
character each code of the ink font stands for, from the font's own /ToUnicode map in the blank (what
the read-back decodes the printed values with).
"""

from __future__ import annotations

import io
import re
import threading
from dataclasses import dataclass, field

import pikepdf

from assembler.render.forms.rendition.render import blank
from assembler.render.pdf.ink import InkFont, characters


@dataclass(frozen=True)
class Entries:
    """One dictionary object of the blank: its number and each entry, serialised."""

    number: int
    entries: dict[str, bytes]
    _kept: dict[frozenset, bytes] = field(default_factory=dict, repr=False, compare=False)

    def body(self, changes: dict[str, bytes]) -> bytes:
        """The dictionary with `changes` (new or replaced entries), each entry between spaces."""
        return (b"<< " + self._without(frozenset(changes))
                + b"".join(key.encode() + b" " + value + b" " for key, value in changes.items()) + b">>")

    def _without(self, keys: frozenset) -> bytes:
        """The entries not among `keys`, joined once for each set of keys a fill changes."""
        if keys not in self._kept:
            self._kept[keys] = b"".join(k.encode() + b" " + v + b" " for k, v in self.entries.items() if k not in keys)
        return self._kept[keys]

    def text(self, key: str) -> str:
        """A string entry's text, e.g. /DA (/Helv 9 Tf 0 g) → "/Helv 9 Tf 0 g"."""
        return self.entries[key][1:-1].decode("latin-1")


@dataclass(frozen=True)
class FieldObjects:
    """A field's dictionary and its widgets' (a field drawn once is its own widget)."""

    field: Entries
    widgets: tuple[Entries, ...]

    @property
    def holders(self) -> list[Entries]:
        """Each distinct dictionary of the field, once."""
        return list({e.number: e for e in (self.field, *self.widgets)}.values())


@dataclass(frozen=True)
class PreparedBlank:
    form_id: str
    editable: bool
    base: bytes
    startxref: int
    size: int  # /Size of the blank: the first free object number
    trailer: bytes  # /Root, /Info and /ID entries of the blank's trailer, serialised
    first_id: bytes  # the blank's /ID[0]: an update keeps it (PDF 32000-1, 14.4)
    pages: tuple[Entries, ...]
    fields: dict[str, FieldObjects]  # by item name; empty for a flattened blank
    characters: tuple[dict[int, str], ...]  # per page: each ink font code → its character, from /ToUnicode

    def contents(self, page: int) -> bytes:
        """The page's own content stream reference(s), space-separated."""
        return self.pages[page].entries["/Contents"].strip(b"[] ")


_cache: dict[tuple[str, bool], PreparedBlank] = {}
_lock = threading.Lock()


def prepared(form_id: str, *, editable: bool) -> PreparedBlank:
    """The prepared blank, made on first use and reused after (per process; the web interview fills
    from several threads)."""
    with _lock:
        found = _cache.get((form_id, editable))
        if found is None:
            found = _cache[(form_id, editable)] = prepare(form_id, editable)
        return found


def prepare(form_id: str, editable: bool) -> PreparedBlank:
    base = blank(form_id, editable=editable)
    ink = InkFont.build()
    with pikepdf.open(io.BytesIO(base)) as pdf:
        trailer = pdf.trailer
        return PreparedBlank(
            form_id=form_id, editable=editable, base=base, startxref=_startxref(base), size=int(trailer.Size),
            trailer=b" /Root " + _ref(trailer.Root) + (b" /Info " + _ref(trailer.Info) if "/Info" in trailer else b""),
            first_id=trailer.ID[0].unparse(),
            pages=tuple(_entries(page.obj) for page in pdf.pages),
            fields=_fields(pdf) if editable else {},
            characters=tuple(_decoding(page.obj.Resources.Font[ink.resource]) for page in pdf.pages),
        )


def _fields(pdf: pikepdf.Pdf) -> dict[str, FieldObjects]:
    found = {}
    for parent in pdf.Root.AcroForm.Fields:
        widgets = list(parent.Kids) if pikepdf.Name.Kids in parent else [parent]
        found[str(parent.T)] = FieldObjects(_entries(parent), tuple(_entries(w) for w in widgets))
    return found


def _entries(obj: pikepdf.Object) -> Entries:
    return Entries(obj.objgen[0], {str(key): _serialised(value) for key, value in obj.items()})


def _serialised(value) -> bytes:
    """As written in the file (a reference stays a reference); pikepdf hands numbers over as Python's."""
    if isinstance(value, pikepdf.Object):
        return value.unparse()
    return pikepdf.Array([value]).unparse()[1:-1].strip()


def _decoding(font: pikepdf.Object) -> dict[int, str]:
    """Every single-byte code → the character the font's /ToUnicode gives it (U+FFFD for none): a
    `str.translate` table."""
    known = characters(font)
    return {code: known.get(code, "\ufffd") for code in range(256)}


def _ref(obj: pikepdf.Object) -> bytes:
    number, generation = obj.objgen
    return b"%d %d R" % (number, generation)


def _startxref(data: bytes) -> int:
    match = re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", data[-64:])
    if match is None:
        raise ValueError("the blank rendition has no startxref")
    return int(match.group(1))
