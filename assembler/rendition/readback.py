"""Every value written is read back: field values with pypdf, and the printed text of each page.

A filled rendition must carry each value twice: in its AcroForm field (what an editor shows) and as
page text (what prints, what a flattened copy keeps). A value missing from either is an error.
"""

from __future__ import annotations

from io import BytesIO
from typing import Mapping

import pypdfium2
from pypdf import PdfReader

from assembler.rendition.fields import Value
from assembler.rendition.spec import FormSpec


class ReadBackError(ValueError):
    """A value that is not in the written PDF as it was given."""


def _squash(text: str) -> str:
    return "".join(text.split())


def read_back(spec: FormSpec, pdf: bytes, values: Mapping[str, Value], *, flattened: bool) -> None:
    fields = {} if flattened else (PdfReader(BytesIO(pdf)).get_fields() or {})
    printed = _PrintedText(pdf)
    page_text: dict[int, str] = {}
    problems = []
    for name, value in values.items():
        pages = sorted({p.number for p in spec.pages for f in p.fields if f.name == name})
        if isinstance(value, bool):
            if not flattened:
                state = fields.get(name, {}).get("/V")
                if (state not in (None, "/Off")) != value:
                    problems.append(f"{name}: check box reads {state!r}, expected {'on' if value else 'off'}")
            continue
        if not flattened and str(fields.get(name, {}).get("/V", "")) != value:
            problems.append(f"{name}: field reads {fields.get(name, {}).get('/V')!r}")
        for page in pages:
            if page not in page_text:
                page_text[page] = _squash(printed.page(page))
            if _squash(value) not in page_text[page]:
                problems.append(f"{name}: not printed on page {page}")
    if problems:
        raise ReadBackError(f"{spec.form} rendition read-back failed: " + "; ".join(problems))


class _PrintedText:
    """Page text as a reader sees it, from PDFium (Chromium's engine): about 7x faster than pypdf's
    extraction, which matters because every fill of every packet is read back."""

    def __init__(self, pdf: bytes):
        self._doc = pypdfium2.PdfDocument(pdf)

    def page(self, number: int) -> str:
        text_page = self._doc[number - 1].get_textpage()
        return text_page.get_text_range()
