"""The two backends fill the same items with the same values: one mapping, two drawings.

The same logical values (from the mapping layer) are filled into the rendition and into the
official Judicial Council PDF; each item is then read back from both files — text from /V, a check
box as on or off — and must agree item by item, including the items left blank.
"""

from __future__ import annotations

from io import BytesIO

import pytest
from pypdf import PdfReader

from assembler.plan.formmap import cr180, cr181, mc025, mc031
from assembler.plan.formmap.items import items
from assembler.plan.formmap.values import Caption
from assembler.render.forms.official.backend import OfficialBackend
from assembler.render.forms.official.fieldmaps import current
from assembler.render.forms.rendition import RenditionBackend
from tests.formcases import COURT, count, decision, profile

CAPTION = Caption("People v. Jane Quinn Doe", "RIF1801234", "Jane Quinn Doe", "11/01/2026")


def _fields(data: bytes) -> dict:
    reader = PdfReader(BytesIO(data))
    if reader.is_encrypted:
        reader.decrypt("")
    return reader.get_fields() or {}


def official_item_values(form_id: str, data: bytes) -> dict:
    fields = _fields(data)
    out = {}
    for item, ref in current(form_id).fields.items():
        values = [fields[name].get("/V") for name in ref.pdf if name in fields]
        value = values[0] if values else None
        if items(form_id)[item].type == "checkbox":
            out[item] = value is not None and str(value) == (ref.on or str(value)) and str(value) != "/Off"
        else:
            out[item] = str(value) if value not in (None, "") else ""
    return out


def rendition_item_values(form_id: str, data: bytes) -> dict:
    fields = _fields(data)
    out = {}
    for item, spec in items(form_id).items():
        value = fields[item].get("/V")
        if spec.type == "checkbox":
            out[item] = value is not None and str(value) != "/Off"
        else:
            out[item] = str(value) if value not in (None, "") else ""
    return out


def cases():
    person = profile(count("460(b)"), count("484", level="misdemeanor"))
    decisions = [decision("17b", "discretionary", discretion=["STATUTE_DISCRETIONARY"]), decision("1203.4")]
    case = person.cases[0]
    return [
        ("CR-180", cr180.values(person, case, decisions, COURT).values),
        ("CR-181", cr181.values(person, case, decisions, COURT).values),
        ("MC-025", mc025.page(CAPTION, "2c", "I have worked as a warehouse lead since 2022.", 1, 1).values),
        ("MC-031", mc031.declaration(CAPTION, "The record keeps me from renting an apartment.").values),
    ]


@pytest.mark.parametrize("form_id, values", cases(), ids=lambda v: v if isinstance(v, str) else "")
def test_rendition_and_official_carry_the_same_values_item_by_item(form_id, values, official_forms_dir):
    official = OfficialBackend(official_forms_dir).fill(form_id, values)
    rendition = RenditionBackend().fill(form_id, values)
    assert official.revision == rendition.revision
    got_official = official_item_values(form_id, official.data)
    got_rendition = rendition_item_values(form_id, rendition.data)
    mapped = set(current(form_id).fields)
    differ = {item: (got_official[item], got_rendition[item])
              for item in mapped if got_official[item] != got_rendition[item]}
    assert differ == {}
    filled = {item for item in mapped if got_rendition[item] not in ("", False)}
    assert filled == {k for k, v in values.items() if v not in ("", False, None)}
