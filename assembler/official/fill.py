"""Fill a prepared official form with logical values: set /V and /AS, draw appearances, append.

Only objects that change are written (`incremental.Update`): each filled field (its /V, its widget's
/AS or /AP) and one appearance stream per filled text widget. With `flatten`, the appearances are
drawn into the page content instead and the widgets and the AcroForm are dropped, so the copy prints
the same in every viewer and can no longer be edited (`flatten.py`). Every value is read back from
the written bytes before they are returned (`readback.py`).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Mapping

from pypdf.generic import DictionaryObject, IndirectObject, NameObject, TextStringObject

from assembler.backends import Value
from assembler.official import appearance
from assembler.official.flatten import flatten_pages
from assembler.official.incremental import Update
from assembler.official.prepared import PreparedForm, Widget
from assembler.official.readback import Expected, verify


class UnknownItem(KeyError):
    pass


@dataclass
class Plan:
    """What one fill changes, before it is written."""

    objects: dict[int, DictionaryObject] = field(default_factory=dict)  # changed field/widget copies
    streams: dict[int, int] = field(default_factory=dict)  # widget object number -> new appearance number
    states: dict[int, str] = field(default_factory=dict)  # widget object number -> new /AS
    expected: list[Expected] = field(default_factory=list)


def fill(form: PreparedForm, values: Mapping[str, Value], *, flatten: bool = False) -> bytes:
    update = Update(form.base, form.startxref, form.size, form.reader.trailer)
    plan = Plan()
    for item, value in values.items():
        _set(form, update, plan, item, value)
    if flatten:
        flatten_pages(form, update, plan.streams, plan.states)
    else:
        for number, obj in plan.objects.items():
            update.put_object(number, obj)
    data = update.render()
    verify(form, data, plan.expected, flattened=flatten)
    return data


def _set(form: PreparedForm, update: Update, plan: Plan, item: str, value: Value) -> None:
    ref = form.revision.fields.get(item)
    if ref is None:
        raise UnknownItem(f"{form.form_id} {form.revision.revision}: no field for item {item!r}; "
                          f"see forms/{form.form_id}/official-{form.revision.revision_date}.yaml")
    widgets = form.item_widgets(item)
    if ref.on is not None:
        _set_checkbox(form, plan, item, widgets, ref.on, bool(value))
    elif value:
        _set_text(form, update, plan, item, widgets, str(value))


def _set_checkbox(form, plan: Plan, item: str, widgets: list[Widget], on: str, checked: bool) -> None:
    if not checked:
        plan.expected.extend(Expected(item, w, None, None) for w in widgets)
        return
    for widget in widgets:
        if on not in widget.states:
            raise ValueError(f"{form.form_id} {item}: widget has no {on} appearance; the field map is wrong")
        _copy(plan, widget.field_ref)[NameObject("/V")] = NameObject(on)
        _copy(plan, widget.ref)[NameObject("/AS")] = NameObject(on)
        plan.states[widget.ref.idnum] = on
        plan.expected.append(Expected(item, widget, on, None))


def _set_text(form, update: Update, plan: Plan, item: str, widgets: list[Widget], text: str) -> None:
    for widget in widgets:
        font = _font_ref(form, widget)
        number = update.new_number()
        update.put(number, appearance.text_stream(item, text, widget, font))
        _copy(plan, widget.field_ref)[NameObject("/V")] = TextStringObject(text)
        _copy(plan, widget.ref)[NameObject("/AP")] = DictionaryObject(
            {NameObject("/N"): IndirectObject(number, 0, form.reader)})
        plan.streams[widget.ref.idnum] = number
        plan.expected.append(Expected(item, widget, text, number))


def _copy(plan: Plan, ref: IndirectObject) -> DictionaryObject:
    if ref.idnum not in plan.objects:
        plan.objects[ref.idnum] = DictionaryObject(ref.get_object())
    return plan.objects[ref.idnum]


def _font_ref(form: PreparedForm, widget: Widget) -> bytes:
    font = form.fonts.get(f"/{widget.font_resource}")
    if font is None:
        raise ValueError(f"{form.form_id}: font /{widget.font_resource} is not in the form's /DR")
    out = io.BytesIO()
    font.write_to_stream(out)
    return out.getvalue()
