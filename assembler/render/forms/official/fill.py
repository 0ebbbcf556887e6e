"""Fill a prepared official form with logical values: set /V and /AS, draw appearances, append.

Only objects that change are written (`incremental.Update`): each filled field (its /V, its widget's
/AS or /AP) and one appearance stream per filled text widget, composed from bytes serialised once
at prepare time (`pdfbytes.Template`). With `flatten`, the appearances are drawn into the page
content instead and the widgets and the AcroForm are dropped, so the copy prints the same in every
viewer and can no longer be edited (`flatten.py`). Every value is read back from the written bytes
before they are returned (`readback.py`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

from assembler.errors import ReliefError
from assembler.plan.backend import Value
from assembler.render.forms.official import appearance
from assembler.render.forms.official.flatten import flatten_pages
from assembler.render.forms.official.incremental import Update
from assembler.render.forms.official.pdfbytes import ref, text_string
from assembler.render.forms.official.prepared import PreparedForm
from assembler.render.forms.official.widgets import Widget
from assembler.render.forms.official.readback import Expected, verify


class UnknownItem(ReliefError, KeyError):
    pass


@dataclass
class Plan:
    """What one fill changes, before it is written."""

    changes: dict[int, dict[str, bytes]] = field(default_factory=dict)  # object number -> key -> value
    streams: dict[int, int] = field(default_factory=dict)  # widget object number -> new appearance number
    states: dict[int, str] = field(default_factory=dict)  # widget object number -> new /AS
    expected: list[Expected] = field(default_factory=list)

    def change(self, number: int, key: str, value: bytes) -> None:
        self.changes.setdefault(number, {})[key] = value


def fill(form: PreparedForm, values: Mapping[str, Value], *, flatten: bool = False) -> bytes:
    update = Update(form.base, form.startxref, form.size, form.reader.trailer)
    plan = Plan()
    for item, value in values.items():
        _set(form, update, plan, item, value)
    if flatten:
        flatten_pages(form, update, plan.streams, plan.states)
    else:
        for number, changes in plan.changes.items():
            update.put(number, form.templates[number].render(changes))
    data = update.render()
    verify(form, data, plan.expected, flattened=flatten)
    return data


def _set(form: PreparedForm, update: Update, plan: Plan, item: str, value: Value) -> None:
    field_ref = form.revision.fields.get(item)
    if field_ref is None:
        raise UnknownItem(f"{form.form_id} {form.revision.revision}: no field for item {item!r}; "
                          f"see forms/{form.form_id}/official-{form.revision.revision_date}.yaml")
    widgets = form.item_widgets(item)
    if field_ref.on is not None:
        _set_checkbox(form, plan, item, widgets, field_ref.on, bool(value))
    elif value:
        _set_text(form, update, plan, item, widgets, str(value))


def _set_checkbox(form, plan: Plan, item: str, widgets: list[Widget], on: str, checked: bool) -> None:
    if not checked:
        plan.expected.extend(Expected(item, w, None) for w in widgets)
        return
    for widget in widgets:
        if on not in widget.states:
            raise ValueError(f"{form.form_id} {item}: widget has no {on} appearance; the field map is wrong")
        plan.change(widget.field_ref.idnum, "/V", on.encode())
        plan.change(widget.ref.idnum, "/AS", on.encode())
        plan.states[widget.ref.idnum] = on
        plan.expected.append(Expected(item, widget, on))


def _set_text(form, update: Update, plan: Plan, item: str, widgets: list[Widget], text: str) -> None:
    for widget in widgets:
        font = form.fonts.get(f"/{widget.font_resource}")
        if font is None:
            raise ValueError(f"{form.form_id}: font /{widget.font_resource} is not in the form's /DR")
        number = update.new_number()
        stream, lines = appearance.text_stream(item, text, widget, font)
        update.put(number, stream)
        plan.change(widget.field_ref.idnum, "/V", text_string(text))
        plan.change(widget.ref.idnum, "/AP", b"<< /N " + ref(number) + b" >>")
        plan.streams[widget.ref.idnum] = number
        plan.expected.append(Expected(item, widget, text, number, lines))
