"""Never cut text: measure each value in the field's own font and box, shrink, then overflow.

Whether a value fits is decided by reportlab's `pdfmetrics.stringWidth` in the font and at the size
the backend will draw it (`FormBackend.text_box`), never by counting characters. A value is tried at
the field's size, then in half-point steps down to a legible floor of 8 pt; if it still does not fit,
the caller moves it to an attachment (MC-025 / MC-031) and writes a pointer in the field instead.

The same `wrap` and `fit` are used by the official backend to draw its appearance streams, so what
was measured is exactly what is printed.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from reportlab.pdfbase.pdfmetrics import stringWidth

from assembler.plan.backend import FormBackend, TextBox
from assembler.plan.formmap import mc025, mc031
from assembler.plan.formmap.items import table_rows
from assembler.plan.formmap.values import FormValues

FLOOR_PT = 8.0  # the smallest size a clerk can read on a printed form
STEP_PT = 0.5
LEADING = 1.16  # line height as a multiple of the font size for multi-line fields


@dataclass(frozen=True)
class Fit:
    size: float
    lines: tuple[str, ...]

    @property
    def leading(self) -> float:
        return self.size * LEADING


class DoesNotFit(ValueError):
    """A value that would be cut at the floor size; the message names the item."""


def width(text: str, font: str, size: float) -> float:
    return stringWidth(text, font, size)


WRITING_LINE = "___"  # a line of text that is only this prints as a rule across the box, to write on by hand


def wrap(text: str, font: str, size: float, max_width: float) -> list[str]:
    """Break text into lines no wider than max_width, at spaces; a word wider than a line is split."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(_wrap_paragraph(paragraph, font, size, max_width))
    return lines


def _wrap_paragraph(paragraph: str, font: str, size: float, max_width: float) -> list[str]:
    words = paragraph.split()
    if not words:
        return [""]
    lines: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}" if current else word
        if width(candidate, font, size) <= max_width:
            current = candidate
            continue
        if current:
            lines.append(current)
        pieces = _split_long_word(word, font, size, max_width)
        lines.extend(pieces[:-1])
        current = pieces[-1]
    lines.append(current)
    return lines


def _split_long_word(word: str, font: str, size: float, max_width: float) -> list[str]:
    pieces, current = [], ""
    for char in word:
        if current and width(current + char, font, size) > max_width:
            pieces.append(current)
            current = char
        else:
            current += char
    pieces.append(current)
    return pieces


def sizes(box: TextBox, floor: float = FLOOR_PT) -> list[float]:
    """The sizes to try, largest first: the field's own size down to the floor."""
    start = max(box.size, floor)
    steps = int(round((start - floor) / STEP_PT))
    return [start - i * STEP_PT for i in range(steps + 1)]


@lru_cache(maxsize=8192)
def fit(text: str, box: TextBox, floor: float = FLOOR_PT) -> Fit | None:
    """The largest size (not below `floor`) at which text fits the box uncut, or None. Remembered: a
    fill asks it of each value several times (check, draw, field size), and captions recur."""
    if box.max_len is not None and len(text) > box.max_len:
        return None
    for size in sizes(box, floor):
        if box.multiline:
            lines = wrap(text, box.font, size, box.width)
            if len(lines) * size * LEADING <= box.height + 0.01:
                return Fit(size, tuple(_ruled(line, box.font, size, box.width) for line in lines))
        elif "\n" not in text and width(text, box.font, size) <= box.width:
            return Fit(size, (text,))
    return None


def _ruled(line: str, font: str, size: float, max_width: float) -> str:
    """A WRITING_LINE drawn as underscores across the box (paginated text keeps the marker, so each
    page rules it at its own width)."""
    if line.strip() != WRITING_LINE:
        return line
    return "_" * max(1, int(max_width // width("_", font, size)))


def require_fit(item: str, text: str, box: TextBox) -> Fit:
    """Fit or fail loudly: a backend never draws a value it would have to cut."""
    result = fit(text, box)
    if result is None:
        raise DoesNotFit(
            f"{item}: {len(text)} characters do not fit its box ({box.width:.0f} x {box.height:.0f} pt) "
            f"even at {FLOOR_PT:g} pt; fix: move it to an attachment (assembler.render.forms.fitting.place)"
        )
    return result


def paginate(text: str, box: TextBox, floor: float = FLOOR_PT) -> list[str]:
    """Split long text into chunks that each fit `box` at the box's own size (for attachment pages).

    Attachment bodies are printed at their normal size (12 pt on MC-025/MC-031), not shrunk: the
    text simply continues on the next page.
    """
    size = max(box.size, floor)
    lines = wrap(text, box.font, size, box.width)
    per_page = max(1, int((box.height + 0.01) // (size * LEADING)))
    return ["\n".join(lines[i : i + per_page]) for i in range(0, len(lines), per_page)] or [""]


# --- placing a form's values: what stays on the form, what continues on an attachment ---------

DECLARATION_POINTER = "See Attached Declaration (form MC-031)."


def place(form: FormValues, backend: FormBackend) -> list[FormValues]:
    """The form's own values (each one fitting its box) followed by the attachments it needs.

    An attachment is numbered for the item it continues, as clerks expect ("See Attachment 1" for
    item 1's table, "2c" for item 2c); its body is the item's text itself. Sworn interest-of-justice
    text goes on an MC-031 declaration instead, continued on MC-025 pages numbered "<item>-D".
    """
    values = dict(form.values)
    attachments: list[FormValues] = []
    if form.table:
        values.update(_place_table(form, backend, attachments))
    declared: dict[str, str] = {}  # sworn text already sent to an MC-031 -> nothing more to add
    for item in [name for name, value in values.items() if isinstance(value, str) and value]:
        box = backend.text_box(form.form_id, item)
        if fit(values[item], box) is not None:
            continue
        if item in form.sworn_items:
            if values[item] not in declared:
                declared[values[item]] = item
                attachments.extend(_declaration(form, item, values[item], backend))
            values[item] = DECLARATION_POINTER
        else:
            number = _attachment_number(item, attachments)
            attachments.extend(_attachment(form, number, values[item], backend))
            values[item] = f"See Attachment {number}"
        require_fit(item, values[item], box)
    return [FormValues(form.form_id, values, form.caption, sworn_items=form.sworn_items), *attachments]


def _place_table(form: FormValues, backend: FormBackend, attachments: list[FormValues]) -> dict:
    printed = table_rows(form.form_id)
    rows = form.table
    if len(rows) <= printed:
        return _row_values(rows)
    pointer = f"{rows[printed - 1].type} (see Attachment 1)"
    if fit(pointer, backend.text_box(form.form_id, f"item1.row{printed}.type")) is not None:
        on_form, first_continued = rows[:printed], printed
        values = _row_values(on_form)
        values[f"item1.row{printed}.type"] = pointer
    else:
        on_form, first_continued = rows[: printed - 1], printed - 1
        values = _row_values(on_form)
        values[f"item1.row{printed}.type"] = "See Attachment 1"
    rest = rows[first_continued:]
    which = f"offenses {first_continued + 1} to {len(rows)}" if len(rest) > 1 else f"offense {len(rows)}"
    heading = f"Attachment 1 ({form.form_id}, item 1, continued): {which}"
    lines = [heading, ""] + [row.as_line(first_continued + 1 + i) for i, row in enumerate(rest)]
    attachments.extend(_attachment(form, "1", "\n".join(lines), backend))
    return values


def _row_values(rows) -> dict:
    values = {}
    for number, row in enumerate(rows, start=1):
        prefix = f"item1.row{number}."
        values.update({prefix + "code": row.code, prefix + "section": row.section, prefix + "type": row.type,
                       prefix + "reduce_17b": row.reduce_17b, prefix + "reduce_17d2": row.reduce_17d2})
    return values


def _attachment(form: FormValues, number: str, text: str, backend: FormBackend) -> list[FormValues]:
    chunks = paginate(text, backend.text_box(mc025.FORM_ID, "body"))
    return mc025.pages(form.caption, number, chunks)


def _declaration(form: FormValues, item: str, text: str, backend: FormBackend) -> list[FormValues]:
    """One MC-031; text beyond its page continues on MC-025 pages that MC-031 points to.

    A sworn page keeps its printed size (it is not shrunk to squeeze text in)."""
    box = backend.text_box(mc031.FORM_ID, "body")
    if fit(text, box, floor=box.size) is not None:
        return [mc031.declaration(form.caption, text)]
    number = f"{_item_label(item)}-D"
    note = f"(Continued on Attachment {number}, form MC-025.)"
    room = TextBox(box.font, box.size, box.width, box.height - 2 * box.size * LEADING, True)
    first, *_ = paginate(text, room)
    rest = text_after(text, first, box)
    page = mc031.declaration(form.caption, f"{first}\n\n{note}")
    heading = f"Attachment {number} (Attached Declaration, form MC-031, continued):"
    return [page, *_attachment(form, number, f"{heading}\n\n{rest}", backend)]


def text_after(text: str, first_chunk: str, box: TextBox) -> str:
    """The words of `text` that did not make it into `first_chunk` (wrapping only changes spaces)."""
    lines = wrap(text, box.font, box.size, box.width)
    taken = len(first_chunk.split("\n"))
    return "\n".join(lines[taken:])


def _item_label(item: str) -> str:
    """'item2.c.text' -> '2c'; other items have no printed number."""
    parts = item.split(".")
    if not parts[0].startswith("item"):
        return ""
    label = parts[0][4:]
    return label + "".join(p for p in parts[1:] if len(p) == 1 and p.isalpha())


def _attachment_number(item: str, existing: list[FormValues]) -> str:
    label = _item_label(item)
    if label:
        return label
    used = {a.values.get("attachment_number") for a in existing}
    return next(letter for letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZ" if letter not in used)
