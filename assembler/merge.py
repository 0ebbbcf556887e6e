"""One print-ready PDF from several flattened documents, with a bookmark for each."""

from __future__ import annotations

import io
from typing import Iterable

from pypdf import PdfReader, PdfWriter


def concatenate(parts: Iterable[tuple[str, bytes]]) -> bytes:
    """(bookmark title, flattened PDF bytes) in order -> one PDF. Flattened parts carry no form
    fields, so forms that share field names (two CR-180s) cannot collide in the packet."""
    writer = PdfWriter()
    for title, data in parts:
        writer.append(PdfReader(io.BytesIO(data)), outline_item=title)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
