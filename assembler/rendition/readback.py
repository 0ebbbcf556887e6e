"""Every value written is read back: field values with pypdf, and the printed text of each page.

A filled rendition must carry each value twice: in its AcroForm field (what an editor shows) and as
page text (what prints, what a flattened copy keeps). A value missing from either is an error.
"""

from __future__ import annotations

from io import BytesIO
from typing import Mapping

from pypdf import PdfReader

from assembler.rendition.fields import Value
from assembler.rendition.spec import FormSpec


class ReadBackError(ValueError):
    """A value that is not in the written PDF as it was given."""


def _squash(text: str) -> str:
    return "".join(text.split())


def read_back(spec: FormSpec, pdf: bytes, values: Mapping[str, Value], *, flattened: bool) -> None:
    reader = PdfReader(BytesIO(pdf))
    page_text: dict[int, str] = {}
    fields = {} if flattened else (reader.get_fields() or {})
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
                page_text[page] = _squash(reader.pages[page - 1].extract_text())
            if _squash(value) not in page_text[page]:
                problems.append(f"{name}: not printed on page {page}")
    if problems:
        raise ReadBackError(f"{spec.form} rendition read-back failed: " + "; ".join(problems))
