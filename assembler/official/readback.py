"""Read every value back from the written bytes, and fail loudly if one is missing.

The filled file is opened again (pypdf reads the cross-reference sections and only the objects
asked for, so this costs little): each text field must carry its value in /V and in the appearance
that viewers print; each check box its on-state in /V and /AS; each unchecked box must not be on.
A flattened copy must have no form layer left and draw every filled appearance on its page.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

from pypdf import PdfReader

from assembler.official.prepared import PreparedForm, Widget


class FillError(RuntimeError):
    """A value written to the form is not in the result; the message names the items."""


@dataclass(frozen=True)
class Expected:
    item: str
    widget: Widget
    value: str | None  # text, a check box's on-state, or None for "not checked"
    stream: int | None  # the appearance stream written for a text value


def verify(form: PreparedForm, data: bytes, expected: list[Expected], *, flattened: bool) -> None:
    reader = PdfReader(io.BytesIO(data))
    root = reader.trailer["/Root"]
    problems = []
    if "/Perms" in root:
        problems.append("the usage-rights signature (/Perms) is still there")
    acroform = root.get("/AcroForm")
    if acroform is not None and "/XFA" in acroform.get_object():
        problems.append("the XFA layer is still there")
    if flattened:
        problems += _flattened(reader, expected, acroform)
    else:
        problems += [p for e in expected if (p := _field(reader, e))]
    if problems:
        raise FillError(f"{form.form_id}: filled copy failed read-back: " + "; ".join(problems))


def _field(reader: PdfReader, e: Expected) -> str | None:
    field = reader.get_object(e.widget.field_ref.idnum)
    widget = reader.get_object(e.widget.ref.idnum)
    if e.stream is not None:  # text
        if str(field.get("/V", "")) != e.value:
            return f"{e.item}: /V is {field.get('/V')!r}, not the value written"
        ap = widget.get("/AP", {}).get("/N")
        if ap is None or ap.indirect_reference.idnum != e.stream:
            return f"{e.item}: its appearance stream is missing"
        return None if _shows(ap.get_object().get_data(), e.value) else f"{e.item}: appearance does not show it"
    state = str(widget.get("/AS", "/Off"))
    if e.value is None:
        return f"{e.item}: box is checked but should not be" if state in e.widget.states and state != "/Off" else None
    if state != e.value or str(field.get("/V", "")) != e.value:
        return f"{e.item}: box is not in its on-state {e.value}"
    return None


def _flattened(reader: PdfReader, expected: list[Expected], acroform) -> list[str]:
    problems = []
    if acroform is not None:
        problems.append("a flattened copy still has a form layer (/AcroForm)")
    drawn_by_page = [_drawn(page) for page in reader.pages]
    for e in expected:
        if e.value is None:
            continue
        drawn = drawn_by_page[e.widget.page]
        if e.stream is not None:
            if e.stream not in drawn:
                problems.append(f"{e.item}: not drawn on page {e.widget.page + 1}")
            elif not _shows(reader.get_object(e.stream).get_data(), e.value):
                problems.append(f"{e.item}: drawn appearance does not show it")
        elif e.widget.states[e.value].ref.idnum not in drawn:
            problems.append(f"{e.item}: check mark not drawn on page {e.widget.page + 1}")
    return problems


def _drawn(page) -> set[int]:
    xobjects = page.get("/Resources", {}).get("/XObject", {})
    return {ref.idnum for name, ref in xobjects.items() if name.startswith("/Fl")} if xobjects else set()


def _shows(stream: bytes, text: str) -> bool:
    """Every word of the value appears in the appearance's text operators."""
    shown = b" ".join(re.findall(rb"\(((?:\\.|[^\\)])*)\)\s*Tj", stream))
    shown = shown.replace(b"\\(", b"(").replace(b"\\)", b")").replace(b"\\\\", b"\\")
    try:
        words = [w.encode("cp1252") for w in text.split()]
    except UnicodeEncodeError:
        return bool(shown)
    return all(w in shown for w in words)
