"""`overflow.place`: whatever the input, every value fits its box and no word or row is lost.

Runs against a stand-in backend whose boxes are small, so overflow happens often; the real forms
are covered in test_official_fill.py.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from assembler.plan.formmap.facts import interest_of_justice
from assembler.plan.backend import TextBox
from assembler.plan.formmap import cr180, cr181
from assembler.plan.formmap.items import items
from assembler.plan.placement import DECLARATION_POINTER, place
from assembler.render.forms.fitting import Measured, fit
from formcases import COURT, count, decision, profile

BODY = {"MC-025": TextBox("Times-Roman", 12.0, 300.0, 120.0, True), "MC-031": TextBox("Times-Roman", 12.0, 300.0, 120.0, True)}


class SmallBoxes(Measured):
    """Every CR text box 120 x 30 pt (multi-line) or 90 pt wide (one line); attachment bodies 300 x 120,
    their captions 240 pt wide."""

    name = "small"

    def text_box(self, form_id: str, item: str) -> TextBox:
        if form_id in BODY:
            return BODY[form_id] if item == "body" else TextBox("Times-Roman", 12.0, 240.0, 12.0, False)
        if items(form_id)[item].multiline:
            return TextBox("Helvetica", 9.0, 120.0, 30.0, True)
        return TextBox("Helvetica", 9.0, 90.0, 7.0, False)


WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=14)
TEXT = st.lists(WORD, min_size=1, max_size=400).map(" ".join)
SECTIONS = st.lists(st.sampled_from(["460(b)", "487(a)", "496(a)", "666", "594(b)(1)", "211", "484"]),
                    min_size=1, max_size=14)


@settings(max_examples=40, deadline=None)
@given(text=TEXT, sections=SECTIONS)
def test_every_value_fits_and_nothing_is_lost(text, sections):
    p = profile(*[count(s) for s in sections], facts={"hardship": text},
                sentence={"probation": {"outcome": "violated_reinstated", "violations": True}})
    decisions = [decision("17b", "discretionary"), decision("1203.4", "discretionary")]
    backend = SmallBoxes()
    mapped = cr180.values(p, p.cases[0], decisions, COURT)
    justice = mapped.values["item2.c.text"]
    assert text in justice
    docs = place(mapped, backend)
    for doc in docs:
        for item, value in doc.values.items():
            if isinstance(value, str) and value:
                assert fit(value, backend.text_box(doc.form_id, item)) is not None, (doc.form_id, item)
    form, attachments = docs[0], docs[1:]
    text = interest_of_justice(p, p.cases[0])  # the declaration the facts are written into
    if form.values["item2.c.text"] == DECLARATION_POINTER:
        sworn = " ".join(d.values["body"] for d in attachments
                         if d.form_id == "MC-031" or d.values.get("attachment_number") == "2c-D")
        sworn = " ".join(sworn.split())
        for note in ("(Continued on Attachment 2c-D, form MC-025.)",
                     "Attachment 2c-D (Attached Declaration, form MC-031, continued):"):
            sworn = sworn.replace(note, "")
        assert sworn.split() == justice.split()
    else:
        assert form.values["item2.c.text"] == justice
    listed = [form.values[f"item1.row{n}.section"] for n in range(1, 6) if f"item1.row{n}.section" in form.values]
    table = " ".join(d.values["body"] for d in attachments if d.values.get("attachment_number") == "1")
    listed += re.findall(r"Section: ([^;]+);", table)
    assert listed == sections


def test_a_long_list_of_charges_in_the_proposed_order_continues_on_an_attachment():
    p = profile(*[count(s) for s in ["460(b)", "487(a)", "496(a)", "666", "594(b)(1)", "211"]])
    docs = place(cr181.values(p, p.cases[0], [decision("17b", "discretionary")], COURT), SmallBoxes())
    assert docs[0].values["item1.c.text"] == "See Attachment 1c"
    assert [d.form_id for d in docs[1:]] == ["MC-025"] * (len(docs) - 1)
    body = " ".join(" ".join(d.values["body"] for d in docs[1:]).split())
    assert body.startswith("PC 460(b) (felony), convicted 04/02/2018;")
    for section in ["460(b)", "487(a)", "496(a)", "666", "594(b)(1)"]:
        assert f"PC {section} (felony)" in body
