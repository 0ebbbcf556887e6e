"""CR-410 Order to Seal Arrest and Related Records (Pen. Code, §§ 851.91, 851.92), proposed.

Choices, and why:
- Lodged with CR-409 as the proposed order. The form says the clerk fills in the court and the case
  in the caption, and items 2's grant box, 3 (denial) and the date are the judge's: all stay empty.
- What the petitioner gives is who they are and which arrest: item 1, the name (Last / First /
  Middle) and the mailing address (the same mailing address as CR-409 1b, which keeps a home address
  private), and 2a-2d, the numbers that identify the arrest record to seal.
- The name is split from the one legal name the profile holds: one word is the last name; two words
  are first and last; three are first, middle and last; with four or more the first word is the first
  name and the rest stays together as the last name, because a middle name cannot be told from a
  two-part surname.
- 2b (prosecuting agency report number) is not in the profile and stays empty; 2d names the arrest
  date and agency, so the record is found even without a report number.
"""

from __future__ import annotations

from typing import Sequence

from assembler.plan.formmap import common, sealing
from assembler.plan.formmap.items import check_known
from assembler.plan.formmap.values import CourtInfo, FormValues, form_date
from assembler.profile.model import Case, Profile
from rules.decision import Decision

FORM_ID = "CR-410"
REMEDY = "851.91"


def values(profile: Profile, case: Case, decisions: Sequence[Decision], court: CourtInfo) -> FormValues:
    if common.requested(decisions, REMEDY) is None:
        raise ValueError(f"{FORM_ID}: § 851.91 is not petitioned for now in {case.label}; no order to propose")
    v: dict = name_parts(profile.petitioner.legal_name)
    address = profile.petitioner.mailing_address
    if address is not None:
        v.update({"item1.street": sealing.street(address), "item1.city": address.city,
                  "item1.state": address.state, "item1.zip": address.zip})
    v.update(item2(case))
    v = {name: value for name, value in v.items() if value not in ("", None, False)}
    check_known(FORM_ID, v)
    return FormValues(FORM_ID, v, common.caption(profile, case))


def name_parts(legal_name: str) -> dict:
    words = legal_name.split()
    if len(words) == 1:
        return {"item1.last": words[0]}
    if len(words) == 3:
        return {"item1.first": words[0], "item1.middle": words[1], "item1.last": words[2]}
    return {"item1.first": words[0], "item1.last": " ".join(words[1:])}


def item2(case: Case) -> dict:
    arrest = case.arrest
    other = []
    if arrest and arrest.date:
        other.append(f"arrest of {form_date(arrest.date)}")
    if arrest and arrest.agency:
        other.append(f"by {arrest.agency}")
    return {
        "item2.a.law_enforcement_report": (arrest.report_number or "") if arrest else "",
        "item2.c.court_case": case.court_case_number or "",
        "item2.d.other": " ".join(other),
    }
