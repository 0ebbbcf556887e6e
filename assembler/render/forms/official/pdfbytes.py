"""Serialising PDF objects once, at prepare time, so that a fill only joins bytes."""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from pypdf.generic import PdfObject, TextStringObject

MUTABLE = ("/V", "/AS", "/AP")  # the keys a fill changes on a field or widget


def serialise(obj: PdfObject) -> bytes:
    out = io.BytesIO()
    obj.write_to_stream(out)
    return out.getvalue()


def entries(dictionary, exclude=()) -> bytes:
    """' /Key value' for every entry not excluded, as written in the file (references stay references)."""
    parts = []
    for key in dictionary:
        if key not in exclude:
            parts.append(b" " + serialise(key) + b" " + serialise(dictionary.raw_get(key)))
    return b"".join(parts)


def text_string(text: str) -> bytes:
    return serialise(TextStringObject(text))


def ref(number: int) -> bytes:
    return b"%d 0 R" % number


@dataclass
class Template:
    """A field or widget dictionary: its unchanging entries, and the originals of the mutable keys."""

    static: bytes
    original: dict[str, bytes] = field(default_factory=dict)

    def render(self, changes: dict[str, bytes]) -> bytes:
        merged = {**self.original, **changes}
        return b"<<" + self.static + b"".join(b" " + k.encode() + b" " + v for k, v in merged.items()) + b" >>"


def template(dictionary) -> Template:
    original = {key: serialise(dictionary.raw_get(key)) for key in MUTABLE if key in dictionary}
    return Template(entries(dictionary, MUTABLE), original)
