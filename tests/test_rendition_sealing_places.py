"""CR-409 / CR-410: each field sits where the official form has it.

The official PDFs were not available (PROVENANCE.md); their field lists were, second-hand, with
each field's page and rectangle. Each official field is mapped here to the rendition's item, and the
rendition's field must be on the same page, its middle within 20 points vertically of the official
one (our line breaks differ a little from the official ones). The footer pushbuttons are not
printed and have no item; CR-409's small "#field[3]" sits on the printed "MC-031" and has none either.
"""

from __future__ import annotations

import json

import pytest

from assembler.render.forms.rendition import load_spec

TOLERANCE = 20.0  # points
NOT_ITEMS = ("FooterButtons", "#field[3]", "#area[4]")

CR409 = {
    "rightCaption[0].CourtInfo[0]": "caption.court", "rightCaption[0].CaseNumber[0]": "caption.case_number",
    "rightCaption[0].TCCaseName[0]": "caption.case_name", "li1a[0].TextField[0]": "item1.a.name",
    "li1a[0].T186[0]": "item1.a.birth_date", "ProtectedLawyerName[0]": "item1.a.lawyer.name",
    "ProtectedLawyerBar[0]": "item1.a.lawyer.bar_number", "ProtectedLawyerFirm[0]": "item1.a.lawyer.firm",
    "ProtectedStreet[0]": "item1.b.street", "ProtectedCity[0]": "item1.b.city", "ProtectedState[0]": "item1.b.state",
    "ProtectedZip[0]": "item1.b.zip", "ProtectedPhone[0]": "item1.b.phone", "ProtectedEmail[0]": "item1.b.email",
    "T159[0]": "item2.date", "T160[0]": "item2.time", "T162[0]": "item2.department", "T161[0]": "item2.room",
    "T158[0]": "item2.court", "li2[0].T186[0]": "item2.interpreter", "li3a[0].T186[0]": "item3.a.arrest_date",
    "li3b[0].T186[0]": "item3.b.place", "li3c[0].T186[0]": "item3.c.agency",
    "li3d[0].TextField[0]": "item3.d.report_number", "PxCapton_sf[0].CaseNumber[0]": "caption.case_number",
    "li3e[0].T66[0]": "item3.e.offenses", "CheckBoxRightCaption[0]": "item3.f", "li3f[0].T66[0]": "item3.f.charges",
    "li3g[0].T66[0]": "item3.g.text", "DismissSection[0]": "item3.h.of_right",
    "DismissSection[1]": "item3.h.interests_of_justice", "li3h[0].T66[0]": "item3.h.text",
    "SigDate[0]": "signature.date", "SigName[0]": "signature.name",
}
CR410 = {
    "CourtInfo_ft[0]": "caption.court", "Stamp_court_case[0].CaseNumber[0]": "caption.case_number",
    "TCCaseName_ft[0]": "caption.case_name", "T186[0]": "item1.last", "T186[1]": "item1.first",
    "T186[2]": "item1.middle", "FillText38[0]": "item1.street", "FillText38[1]": "item1.city",
    "FillText37[0]": "item1.state", "FillText37[1]": "item1.zip", "CheckBox15[0]": "item2",
    "FillText6[0]": "item2.a.law_enforcement_report", "FillText6[1]": "item2.b.prosecutor_report",
    "FillText6[2]": "item2.c.court_case", "FillText6[3]": "item2.d.other", "CheckBox2[0]": "item3",
    "Deniedpetition[1]": "item3.requirements", "Deniedpetition[0]": "item3.not_qualified",
    "Deniedpetition[3]": "item3.interests_of_justice", "Deniedpetition[2]": "item3.other",
    "FillText6[4]": "item3.other_text", "FillText6[5]": "order.date",
}


@pytest.mark.parametrize("form_id, names", [("CR-409", CR409), ("CR-410", CR410)])
def test_each_official_field_has_its_item_in_the_same_place(form_id, names, official_forms_dir):
    listed = json.loads((official_forms_dir / f"{form_id}.fields.secondhand.json").read_text())["fields"]
    spec = load_spec(form_id)
    seen, far = set(), {}
    for official in listed:
        if any(mark in official["name"] for mark in NOT_ITEMS):
            continue
        suffix = next(k for k in names if official["name"].endswith(k))
        item = names[suffix]
        seen.add(item)
        widgets = [f for page in spec.pages if page.number == official["page"] for f in page.fields if f.name == item]
        assert widgets, f"{item} is not on page {official['page']}"
        x0, y0, x1, y1 = official["rect"]
        official_middle = 792 - (y0 + y1) / 2
        ours = (widgets[0].y0 + widgets[0].y1) / 2
        if abs(ours - official_middle) > TOLERANCE:
            far[item] = round(ours - official_middle, 1)
    assert far == {}
    assert seen == set(spec.items), "every item of the rendition is a field of the official form"
