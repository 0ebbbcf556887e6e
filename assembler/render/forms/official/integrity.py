"""What a known revision's file holds beyond its fields: its printed pages and its scripts.

`relief forms verify` once checked the revision text and the field names only, so a copy with added
page text or an injected /OpenAction JavaScript passed, and `build --forms official` carried both
into the filed CR-180. A revision now also records two digests, taken from the published file:
`pages_sha256` (every page's content stream, decoded) and `actions_sha256` (every action in the
file — document scripts, an /OpenAction, field and page actions — by kind and code). A file that
differs in either is refused. The filled copy carries no action at all (`strip_actions`).
"""

from __future__ import annotations

import hashlib

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

ACTION_KEYS = ("/OpenAction", "/AA", "/A")


def pages_digest(reader: PdfReader) -> str:
    digest = hashlib.sha256()
    for page in reader.pages:
        contents = page.get_contents()
        digest.update(contents.get_data() if contents is not None else b"")
        digest.update(b"\x00page\x00")
    return digest.hexdigest()


def actions_digest(reader: PdfReader) -> str:
    found = sorted(reachable_actions(reader.trailer["/Root"]))
    return hashlib.sha256("\n".join(found).encode("utf-8", "replace")).hexdigest()


def reachable_actions(root) -> list[str]:
    """Every action a viewer could run from the document's root (not orphaned objects)."""
    return _actions(root, set())


def _actions(node, seen: set[int]) -> list[str]:
    """Every action below `node`: "<key> <action type> <sha256 of its script>", walking each object once."""
    if isinstance(node, IndirectObject):
        if node.idnum in seen:
            return []
        seen.add(node.idnum)
        node = node.get_object()
    out: list[str] = []
    if isinstance(node, DictionaryObject):
        if "/S" in node and ("/JS" in node or node.get("/S") in ("/Launch", "/SubmitForm", "/ImportData", "/URI")):
            out.append(f"{node.get('/S')} {hashlib.sha256(_script(node)).hexdigest()[:16]}")
        for key, value in node.items():
            if key in ("/Parent", "/P"):
                continue  # back references: reached from above
            out += _actions(value, seen)
    elif isinstance(node, ArrayObject):
        for value in node:
            out += _actions(value, seen)
    return out


def _script(action: DictionaryObject) -> bytes:
    js = action.get("/JS")
    if js is None:
        return str(action.get("/URI") or action.get("/F") or "").encode()
    js = js.get_object()
    return js.get_data() if hasattr(js, "get_data") else str(js).encode("utf-8", "replace")


def strip_actions(root: DictionaryObject) -> None:
    """No script or action survives into a filled form: the document's, its fields' and its pages'."""
    root.pop(NameObject("/OpenAction"), None)
    root.pop(NameObject("/AA"), None)
    names = root.get("/Names")
    if names is not None:
        names.get_object().pop(NameObject("/JavaScript"), None)
    for page in root["/Pages"].get_object().get("/Kids", []):
        _strip_page(page.get_object())


def _strip_page(node: DictionaryObject) -> None:
    for kid in node.get("/Kids", []):  # a page tree node
        _strip_page(kid.get_object())
    node.pop(NameObject("/AA"), None)
    for annot in node.get("/Annots", []):
        annot = annot.get_object()
        annot.pop(NameObject("/A"), None)
        annot.pop(NameObject("/AA"), None)
