"""CR-410 Order to Seal Arrest and Related Records (Pen. Code, §§ 851.91, 851.92), proposed.

Choices, and why:
- Lodged with CR-409 as the proposed order. The form says the clerk fills in the court and the case
  in the caption, and items 2's grant box, 3 (denial) and the date are the judge's: all stay empty.
- What the petitioner gives is who they are and which arrest: item 1, the name (Last / First /
  Middle) and the mailing address (the same mailing address as CR-409 1b, which keeps a home address
  private), and 2a-2d, the numbers that identify the arrest record to seal.
- The name is split with the last name(s) the person gave (`last_names`): what comes before is the first
  name and any middle names. Not given, one word is the last name, two are first and last, and with
  three or more the first word is the first name and the rest stays together as the last name — a middle
  name cannot be told from a two-part surname ("María García López" is García López, not a middle name
  García) — and the cover asks the person to check the split.
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
    p = profile.petitioner
    v: dict = name_parts(p.legal_name, p.last_names)
    address = profile.petitioner.mailing_address
    if address is not None:
        v.update({"item1.street": sealing.street(address), "item1.city": address.city,
                  "item1.state": address.state, "item1.zip": address.zip})
    v.update(item2(case))
    v = {name: value for name, value in v.items() if value not in ("", None, False)}
    check_known(FORM_ID, v)
    unsure = len(p.legal_name.split()) > 2 and not p.last_names
    hand = ("item 1: check that your first, middle and last names are in the right boxes",) if unsure else ()
    return FormValues(FORM_ID, v, common.caption(profile, case), hand=hand)


def name_parts(legal_name: str, last_names: str | None = None) -> dict:
    if last_names:
        given = legal_name[: -len(last_names)].split()
        parts = {"item1.last": last_names}
        if given:
            parts |= {"item1.first": given[0], "item1.middle": " ".join(given[1:])}
        return parts
    words = legal_name.split()
    if len(words) == 1:
        return {"item1.last": words[0]}
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
