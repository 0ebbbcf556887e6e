"""Every value written is read back from the saved bytes: field values (qpdf, through pikepdf) and the
printed text of each page (PDFium).

A filled rendition must carry each value twice: in its AcroForm field (what an editor shows) and as
page text (what prints, what a flattened copy keeps). A value missing from either is an error.
"""

from __future__ import annotations

import re
import threading
from io import BytesIO
from typing import Mapping

import pikepdf
import pypdfium2

from assembler.errors import ReliefError
from assembler.render.forms.rendition.fields import Value
from assembler.render.forms.rendition.spec import FormSpec


class ReadBackError(ReliefError, ValueError):
    """A value that is not in the written PDF as it was given."""


def _squash(text: str) -> str:
    """Text without its spacing or line breaks, and a rule of underscores as one (a writing line is
    stored as a short marker and printed across its box: overflow.WRITING_LINE)."""
    return re.sub(r"_+", "_", "".join(text.split()))


def read_back(spec: FormSpec, pdf: bytes, values: Mapping[str, Value], *, flattened: bool) -> None:
    fields = {} if flattened else field_values(pdf)
    pages_of = {name: sorted({page.number for page in spec.pages if any(f.name == name for f in page.fields)})
                for name in values}
    printed_on = {page for name, value in values.items() if isinstance(value, str) for page in pages_of[name]}
    page_text = {page: _squash(text) for page, text in printed_text(pdf, printed_on).items()}
    problems = []
    for name, value in values.items():
        if isinstance(value, bool):
            if not flattened:
                state = fields.get(name)
                if (state not in (None, "/Off")) != value:
                    problems.append(f"{name}: check box reads {state!r}, expected {'on' if value else 'off'}")
            continue
        if not flattened and fields.get(name) != value:
            problems.append(f"{name}: field reads {fields.get(name)!r}")
        for page in pages_of[name]:
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


# PDFium is not thread-safe (pypdfium2 says so), and the web interview builds packets in a thread pool:
# every use of it, from opening a document to closing it, holds this lock.
_PDFIUM = threading.Lock()


def printed_text(pdf: bytes, numbers: set[int]) -> dict[int, str]:
    """The text of each page numbered (from 1) as a reader sees it, from PDFium (Chromium's engine):
    about 7x faster than pypdf's extraction, which matters because every fill is read back."""
    texts = {}
    with _PDFIUM:
        doc = pypdfium2.PdfDocument(pdf)
        try:
            for number in sorted(numbers):
                page = doc[number - 1]
                text_page = page.get_textpage()
                texts[number] = text_page.get_text_range()
                text_page.close()
                page.close()
        finally:
            doc.close()
    return texts
