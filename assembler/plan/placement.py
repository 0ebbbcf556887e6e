"""Placing a form's values: what stays on the form, what continues on an attachment (MC-025 / MC-031).

Text is never cut. The backend measures each value in its own box (`fits`); what does not fit even at
the legible floor moves to an attachment page, and the field gets a pointer ("See Attachment 2c").
"""

from __future__ import annotations

from dataclasses import replace

from assembler.plan.backend import DoesNotFit, FormBackend
from assembler.plan.formmap import mc025, mc031
from assembler.plan.formmap.items import table_rows
from assembler.plan.formmap.values import FormValues

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
        if backend.fits(form.form_id, item, values[item]):
            continue
        shorter = next((s for s in form.fallbacks.get(item, ()) if backend.fits(form.form_id, item, s)), None)
        if shorter is not None:
            values[item] = shorter
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
        _require_fit(form, item, values[item], backend)
    for item, text in form.declarations:
        attachments.extend(_declaration(form, item, text, backend))
    attachments = [_shortened(a, backend) for a in attachments]
    return [FormValues(form.form_id, values, form.caption, sworn_items=form.sworn_items, hand=form.hand + _by_hand(form, values)),
            *attachments]


def _shortened(page: FormValues, backend: FormBackend) -> FormValues:
    """An attachment's caption item that does not fit takes its shorter form (see FormValues.fallbacks)."""
    values = dict(page.values)
    for item, shorter in page.fallbacks.items():
        if values.get(item) and not backend.fits(page.form_id, item, values[item]):
            values[item] = next((s for s in shorter if backend.fits(page.form_id, item, s)), values[item])
    return replace(page, values=values, hand=page.hand + _by_hand(page, values))


def _by_hand(form: FormValues, placed: dict) -> tuple[str, ...]:
    """A typed name left off for want of room is printed by hand under the signature."""
    if form.values.get("signature.name") and not placed.get("signature.name"):
        return ("your name, printed under your signature",)
    return ()


def _place_table(form: FormValues, backend: FormBackend, attachments: list[FormValues]) -> dict:
    printed = table_rows(form.form_id)
    rows = form.table
    if len(rows) <= printed:
        return _row_values(rows)
    pointer = f"{rows[printed - 1].type} (see Attachment 1)"
    if backend.fits(form.form_id, f"item1.row{printed}.type", pointer):
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
    return mc025.pages(form.caption, number, backend.paginate(mc025.FORM_ID, "body", text))


def _declaration(form: FormValues, item: str, text: str, backend: FormBackend) -> list[FormValues]:
    """One MC-031; text beyond its page continues on MC-025 pages that MC-031 points to.

    A sworn page keeps its printed size (it is not shrunk to squeeze text in)."""
    if backend.fits(mc031.FORM_ID, "body", text, shrink=False):
        return [mc031.declaration(form.caption, text)]
    number = f"{_item_label(item)}-D"
    note = f"(Continued on Attachment {number}, form MC-025.)"
    first, *more = backend.paginate(mc031.FORM_ID, "body", text, reserve_lines=2)  # room for the note
    rest = "\n".join(more)
    page = mc031.declaration(form.caption, f"{first}\n\n{note}")
    heading = f"Attachment {number} (Attached Declaration, form MC-031, continued):"
    return [page, *_attachment(form, number, f"{heading}\n\n{rest}", backend)]


def _require_fit(form: FormValues, item: str, pointer: str, backend: FormBackend) -> None:
    """A pointer that does not fit its own box is a form map error, never printed cut."""
    if not backend.fits(form.form_id, item, pointer):
        raise DoesNotFit(f"{form.form_id} {item}: the pointer {pointer!r} does not fit its box even at the "
                         "smallest legible size; fix: give the item a shorter pointer in its form map")


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
