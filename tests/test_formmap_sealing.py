"""CR-409 / CR-410 from the § 851.91 decision and the arrest facts (one petition per arrest)."""

from __future__ import annotations

from datetime import date

import pytest

from assembler.plan.formmap import cr409, cr410
from assembler.plan.formmap.values import CourtInfo
from assembler.profile.model import Profile
from assembler.render.forms.rendition import RenditionBackend
from tests.formcases import COURT, FACTS, LAWYER, SELF, decision

NEVER_FILED = {"code": "PC", "section": "594(b)(2)(a)", "description": "vandalism under $400",
               "level_charged": "misdemeanor", "disposition": "never_filed"}


def arrest_profile(*, petitioner=None, attorney=None, counts=(), case_number=None, what_happened=None):
    person = dict(petitioner or SELF)
    if attorney:
        person["attorney"] = attorney
    case = {"county": "Alameda",
            "arrest": {"date": date(2022, 6, 11), "agency": "Oakland Police Department",
                       "report_number": "22-031557", "offenses": [NEVER_FILED]},
            "counts": list(counts), "court_case_number": case_number, "what_happened": what_happened}
    return Profile.model_validate({"petitioner": person, "cases": [case], "facts": FACTS})


def petition(profile, status="mandatory", **kw):
    return cr409.values(profile, profile.cases[0], [decision("851.91", status, **kw)], COURT).values


def test_never_charged_arrest_is_sealed_as_of_right_on_cr409():
    v = petition(arrest_profile())
    assert v["item3.h.of_right"] is True and "item3.h.interests_of_justice" not in v
    assert v["item3.a.arrest_date"] == "06/11/2022"
    assert v["item3.b.place"] == "Alameda County"
    assert v["item3.c.agency"] == "Oakland Police Department"
    assert v["item3.d.report_number"] == "22-031557"
    assert v["item3.e.offenses"] == "Penal Code section 594(b)(2)(a) (vandalism under $400)"
    assert "item3.f" not in v and "caption.case_number" not in v, "no case was filed: leave them blank"
    assert v["signature.name"] == "Jane Quinn Doe" and "signature.date" not in v  # dated by hand on signing
    assert v["caption.court"].startswith("Riverside\n4100 Main Street")


def test_the_mailing_address_keeps_a_home_address_private():
    """CR-409 1b: without a lawyer the person may give a mailing address; the profile's is used."""
    v = petition(arrest_profile())
    assert (v["item1.b.street"], v["item1.b.city"], v["item1.b.zip"]) == ("PO Box 12", "Riverside", "92501")
    assert "item1.a.lawyer.name" not in v


def test_with_a_lawyer_item_1b_is_the_lawyers_address():
    v = petition(arrest_profile(attorney=LAWYER))
    assert v["item1.a.lawyer.name"] == "Ana Ruiz" and v["item1.a.lawyer.bar_number"] == "123456"
    assert v["item1.b.street"] == "1 Court St" and v["item1.b.email"] == "ana@clinic.example"


def test_filed_and_dismissed_charges_go_in_3f_with_the_case_caption():
    dismissed = dict(NEVER_FILED, disposition="dismissed", may_be_refiled=False)
    v = petition(arrest_profile(counts=[dismissed], case_number="22CR01234"))
    assert v["item3.f"] is True
    assert v["item3.f.charges"] == "Penal Code section 594(b)(2)(a) (vandalism under $400): dismissed"
    assert v["caption.case_number"] == "22CR01234" and v["caption.case_name"] == "Jane Quinn Doe"


def test_a_pattern_of_domestic_violence_asks_in_the_interests_of_justice_with_the_facts():
    """§ 851.91(c)(2): not as of right; the person's own facts explain the interests of justice."""
    v = petition(arrest_profile(), status="discretionary", discretion=["PATTERN_DV_CHILD_ELDER"])
    assert v["item3.h.interests_of_justice"] is True and "item3.h.of_right" not in v
    assert "warehouse lead" in v["item3.h.text"]


def test_an_open_question_checks_neither_box():
    v = petition(arrest_profile(), status="needs_review")
    assert "item3.h.of_right" not in v and "item3.h.interests_of_justice" not in v


@pytest.mark.parametrize("mapper", (cr409, cr410))
def test_no_petition_for_an_arrest_not_eligible_now(mapper):
    p = arrest_profile()
    with pytest.raises(ValueError, match="851.91"):
        mapper.values(p, p.cases[0], [decision("851.91", "ineligible", eligible_now=False)], COURT)


def test_cr410_proposed_order_names_the_person_and_the_arrest_and_leaves_the_court_its_parts():
    p = arrest_profile(case_number="22CR01234", petitioner={**SELF, "last_names": "Doe"})
    v = cr410.values(p, p.cases[0], [decision("851.91")], COURT).values
    assert (v["item1.first"], v["item1.middle"], v["item1.last"]) == ("Jane", "Quinn", "Doe")
    assert v["item1.street"] == "PO Box 12"
    assert v["item2.a.law_enforcement_report"] == "22-031557"
    assert v["item2.c.court_case"] == "22CR01234"
    assert v["item2.d.other"] == "arrest of 06/11/2022 by Oakland Police Department"
    for judge in ("item2", "item3", "order.date", "caption.court", "caption.case_number"):
        assert judge not in v, f"{judge} is for the court"


@pytest.mark.parametrize("name, last, parts", [
    ("Prince", None, {"item1.last": "Prince"}),
    ("Kevin Nguyen", None, {"item1.first": "Kevin", "item1.last": "Nguyen"}),
    # three words, last names not given: no middle name is guessed (García would be a surname)
    ("María García López", None, {"item1.first": "María", "item1.last": "García López"}),
    ("María García López", "García López", {"item1.first": "María", "item1.middle": "", "item1.last": "García López"}),
    ("Kevin Tran Nguyen", "Nguyen", {"item1.first": "Kevin", "item1.middle": "Tran", "item1.last": "Nguyen"}),
    ("Maria de la Cruz", None, {"item1.first": "Maria", "item1.last": "de la Cruz"}),
])
def test_cr410_name_split(name, last, parts):
    assert cr410.name_parts(name, last) == parts


def test_an_unsure_name_split_is_for_the_person_to_check():
    p = arrest_profile(case_number="22CR01234")
    p = p.model_copy(update={"petitioner": p.petitioner.model_copy(update={"legal_name": "María García López"})})
    form = cr410.values(p, p.cases[0], [decision("851.91")], COURT)
    assert form.values["item1.last"] == "García López" and "item1.middle" not in form.values
    assert any("first, middle and last names" in h for h in form.hand)


def test_both_sealing_forms_fill_on_the_rendition_and_read_back():
    p = arrest_profile(case_number="22CR01234", what_happened="I was never charged.")
    backend = RenditionBackend()
    for mapper in (cr409, cr410):
        form = mapper.values(p, p.cases[0], [decision("851.91")], COURT)
        filled = backend.fill(form.form_id, form.values)
        assert filled.source == "rendition"


def test_court_lines_skip_what_is_unknown():
    p = arrest_profile()
    v = cr409.values(p, p.cases[0], [decision("851.91")], CourtInfo("Alameda")).values
    assert v["caption.court"] == "Alameda"
