"""Each field map against the real PDF: every field it names exists, with the right type and on-state.

A revised form (renamed field, check box with other states) fails here, loudly, in CI.
"""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from assembler.plan.formmap.items import items
from assembler.render.forms.official.fieldmaps import FORM_IDS, current, revisions


def fields_of(path) -> dict[str, dict]:
    """Terminal fields by full name: type and the set of appearance states of their widgets."""
    reader = PdfReader(path)
    if reader.is_encrypted:
        reader.decrypt("")
    out: dict[str, dict] = {}

    def walk(obj, prefix, ft):
        name = f"{prefix}.{obj['/T']}" if prefix and "/T" in obj else str(obj.get("/T", prefix))
        ft = obj.get("/FT", ft)
        kids = [k.get_object() for k in obj.get("/Kids", [])]
        if kids and "/T" in kids[0]:
            for kid in kids:
                walk(kid, name, ft)
            return
        widgets = kids or [obj]
        states = set()
        for w in widgets:
            if "/AP" in w and "/N" in w["/AP"]:
                normal = w["/AP"]["/N"].get_object()
                if "/Subtype" not in normal:
                    states |= {str(s) for s in normal}
        out[name] = {"type": str(ft), "states": states}

    for ref in reader.trailer["/Root"]["/AcroForm"]["/Fields"]:
        walk(ref.get_object(), "", None)
    return out


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_every_mapped_field_exists_with_its_type_and_on_state(official_forms_dir, form_id):
    revision = current(form_id)
    pdf = fields_of(official_forms_dir / f"{form_id}.pdf")
    kinds = items(form_id)
    for item, ref in revision.fields.items():
        for name in ref.pdf:
            assert name in pdf, f"{form_id} {item}: field {name} is not in the PDF"
            if kinds[item].type == "checkbox":
                assert pdf[name]["type"] == "/Btn", f"{item}: {name} is not a check box"
                assert ref.on in pdf[name]["states"], f"{item}: {name} has no {ref.on} state"
                assert ref.on != "/Yes" or "/Yes" in pdf[name]["states"]
            else:
                assert pdf[name]["type"] == "/Tx", f"{item}: {name} is not a text field"


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_fingerprint_lists_exactly_the_pdfs_fields(official_forms_dir, form_id):
    assert set(fields_of(official_forms_dir / f"{form_id}.pdf")) == current(form_id).field_names


@pytest.mark.parametrize("form_id", ["CR-180", "CR-181"])
def test_superseded_fingerprint_lists_exactly_the_2017_fields(official_forms_dir, form_id):
    old = next(r for r in revisions(form_id) if not r.current)
    assert set(fields_of(official_forms_dir / f"{form_id}.rev2017.pdf")) == old.field_names


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_every_logical_item_has_a_field_in_the_current_map(form_id):
    assert set(items(form_id)) == set(current(form_id).fields)


def test_check_box_on_states_are_the_forms_own_never_assumed():
    """CR-181 item 3's section boxes are /1, /2, /3, /3, /3: the map keeps each as the PDF has it."""
    ons = {item: ref.on for item, ref in current("CR-181").fields.items() if item.startswith("item3.1203")}
    assert ons == {"item3.1203_4": "/1", "item3.1203_4a": "/2", "item3.1203_41": "/3",
                   "item3.1203_42": "/3", "item3.1203_43": "/3", "item3.1203_49": "/1"}
