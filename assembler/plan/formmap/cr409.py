"""CR-409 Petition to Seal Arrest and Related Records (Pen. Code, § 851.91), one per arrest.

Choices, and why:
- Filled only when the § 851.91 decision is asked for now (`common.requested`): never for an
  ineligible or not-yet arrest.
- Item 1b, the address: the form lets a person without a lawyer give a mailing address to keep the
  home address private, and the profile's `mailing_address` is exactly that; with a lawyer, 1b is the
  lawyer's address, phone and email, as the form says.
- Caption: the court block from the county record; the trial court case number and case name only
  when charges were filed (the form says to leave them blank otherwise).
- Item 2 (hearing) is the clerk's; the interpreter language is left for the person to write, since
  the profile's language is the packet's language, not a request for an interpreter.
- Item 3b asks for the city and county; the profile knows the county of the arrest, so 3b names the
  county and the person may add the city.
- Item 3h: "as a matter of right" when the decision is mandatory; "in the interests of justice" when
  it is discretionary (a pattern of domestic violence, child or elder abuse, § 851.91(c)(2)), with the
  person's own declaration facts below it. When the decision still needs review, neither box is
  checked: that is the person's (or their lawyer's) call once the open question is answered.
- Items 3g and 3h are sworn (the petition is signed under penalty of perjury): text too long for the
  form continues on an Attached Declaration (MC-031), which the form itself points to.
"""

from __future__ import annotations

from typing import Sequence

from assembler.plan.formmap import common, sealing
from assembler.plan.formmap.facts import sealing_statement
from assembler.plan.formmap.items import check_known
from assembler.plan.formmap.values import SIGNATURE_DATE, CourtInfo, FormValues, form_date
from assembler.profile.model import Case, Profile
from rules.decision import Decision, Status

FORM_ID = "CR-409"
REMEDY = "851.91"
SWORN = frozenset({"item3.g.text", "item3.h.text"})


def values(profile: Profile, case: Case, decisions: Sequence[Decision], court: CourtInfo) -> FormValues:
    decision = common.requested(decisions, REMEDY)
    if decision is None:
        raise ValueError(f"{FORM_ID}: § 851.91 is not petitioned for now in {case.label}; no petition to fill")
    v: dict = caption(profile, case, court)
    v.update(item1(profile))
    v.update(item3(profile, case, decision))
    v.update({"signature.date": SIGNATURE_DATE, "signature.name": profile.petitioner.legal_name})
    v = {name: value for name, value in v.items() if value not in ("", None, False)}
    check_known(FORM_ID, v)
    return FormValues(FORM_ID, v, common.caption(profile, case), sworn_items=SWORN)


def caption(profile: Profile, case: Case, court: CourtInfo) -> dict:
    v = {"caption.court": sealing.court_lines(court)}
    if case.court_case_number:
        v["caption.case_number"] = case.court_case_number
        v["caption.case_name"] = common.defendant_name(profile)
    return v


def item1(profile: Profile) -> dict:
    p = profile.petitioner
    v = {"item1.a.name": p.legal_name, "item1.a.birth_date": form_date(p.date_of_birth)}
    if p.attorney is None:
        address, phone, email = p.mailing_address, p.phone, p.email
    else:
        a = p.attorney
        v.update({"item1.a.lawyer.name": a.name, "item1.a.lawyer.bar_number": a.state_bar_number,
                  "item1.a.lawyer.firm": a.firm or ""})
        address, phone, email = a.address, a.phone, a.email
    v.update({"item1.b.street": sealing.street(address), "item1.b.phone": phone or "", "item1.b.email": email or ""})
    if address is not None:
        v.update({"item1.b.city": address.city, "item1.b.state": address.state, "item1.b.zip": address.zip})
    return v


def item3(profile: Profile, case: Case, decision: Decision) -> dict:
    arrest = case.arrest
    v = {
        "item3.a.arrest_date": form_date(arrest.date if arrest else None),
        "item3.b.place": f"{case.county} County" if case.county else "",
        "item3.c.agency": (arrest.agency or "") if arrest else "",
        "item3.d.report_number": (arrest.report_number or "") if arrest else "",
        "item3.e.offenses": "\n".join(sealing.charge(c) for c in sealing.arrest_offenses(case)),
        "item3.g.text": case.what_happened or "",
    }
    if sealing.prosecutor_filed(case):
        v.update({"item3.f": True, "item3.f.charges": sealing.filed_charges(case)})
    if decision.status is Status.mandatory:
        v["item3.h.of_right"] = True
    elif decision.status is Status.discretionary:
        v.update({"item3.h.interests_of_justice": True, "item3.h.text": sealing_statement(profile, case)})
    return v
