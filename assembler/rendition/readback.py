"""Every value written is read back from the saved bytes: field values (qpdf, through pikepdf) and the
printed text of each page (PDFium).

A filled rendition must carry each value twice: in its AcroForm field (what an editor shows) and as
page text (what prints, what a flattened copy keeps). A value missing from either is an error.
"""

from __future__ import annotations

import re
from io import BytesIO
from typing import Mapping

import pikepdf
import pypdfium2

from assembler.rendition.fields import Value
from assembler.rendition.spec import FormSpec


class ReadBackError(ValueError):
    """A value that is not in the written PDF as it was given."""


def _squash(text: str) -> str:
    """Text without its spacing or line breaks, and a rule of underscores as one (a writing line is
    stored as a short marker and printed across its box: overflow.WRITING_LINE)."""
    return re.sub(r"_+", "_", "".join(text.split()))


def read_back(spec: FormSpec, pdf: bytes, values: Mapping[str, Value], *, flattened: bool) -> None:
    fields = {} if flattened else field_values(pdf)
    printed = _PrintedText(pdf)
    page_text: dict[int, str] = {}
    problems = []
    for name, value in values.items():
        pages = sorted({p.number for p in spec.pages for f in p.fields if f.name == name})
        if isinstance(value, bool):
            if not flattened:
                state = fields.get(name)
                if (state not in (None, "/Off")) != value:
                    problems.append(f"{name}: check box reads {state!r}, expected {'on' if value else 'off'}")
            continue
        if not flattened and fields.get(name) != value:
            problems.append(f"{name}: field reads {fields.get(name)!r}")
        for page in pages:
            if page not in page_text:
                page_text[page] = _squash(printed.page(page))
            if _squash(value) not in page_text[page]:
                problems.append(f"{name}: not printed on page {page}")
    if problems:
        raise ReadBackError(f"{spec.form} rendition read-back failed: " + "; ".join(problems))


def field_values(pdf: bytes) -> dict[str, str | None]:
    """Each terminal field's full name and value: text as str, a check box's state as "/Yes" or "/Off"."""
    values: dict[str, str | None] = {}
    with pikepdf.open(BytesIO(pdf)) as doc:
        if pikepdf.Name.AcroForm not in doc.Root:
            return values
        stack = [(field, "") for field in doc.Root.AcroForm.Fields]
        while stack:
            field, prefix = stack.pop()
            name = f"{prefix}.{field.T}" if prefix and pikepdf.Name.T in field else str(field.get("/T", prefix))
            kids = [k for k in field.get("/Kids", []) if pikepdf.Name.T in k]
            if kids:
                stack += [(kid, name) for kid in kids]
            else:
                value = field.get("/V")
                values[name] = None if value is None else str(value)
    return values


class _PrintedText:
    """Page text as a reader sees it, from PDFium (Chromium's engine): about 7x faster than pypdf's
    extraction, which matters because every fill of every packet is read back."""

    def __init__(self, pdf: bytes):
        self._doc = pypdfium2.PdfDocument(pdf)

    def page(self, number: int) -> str:
        text_page = self._doc[number - 1].get_textpage()
        return text_page.get_text_range()
