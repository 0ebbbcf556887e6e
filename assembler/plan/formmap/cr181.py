"""CR-181 Order for Dismissal, proposed: caption and the relief requested, the judge's parts empty.

Choices, and why:
- The petitioner lodges CR-181 with CR-180 as a proposed order; many courts ask for it (Tulare:
  original plus copies of both), and the judge checks, strikes and signs it. What a petitioner may
  prepare is the caption and the relief asked for, so the order mirrors the petition exactly.
- Pre-marked: item 1 (GRANTS reduction) when 17(b) or 17(d)(2) is petitioned for — 1a "ALL FELONY
  CONVICTIONS" when every felony count in the case is asked to be reduced, 1b "ALL MISDEMEANOR
  CONVICTIONS" likewise for 17(d)(2), otherwise 1c naming each count asked for with its date of
  conviction; item 3 (GRANTS dismissal) with the box of each section petitioned under and 3a
  "ALL CONVICTIONS": CR-180 asks to dismiss the action, not single counts.
- Left empty, because they are the court's findings or acts: item 2 and item 4 (denials), item 5
  (the § 1203.49 trafficking finding and the relief the court orders under it), and the date; the
  form has no field for the judicial officer's signature. Ineligible remedies are never marked.
"""

from __future__ import annotations

from typing import Sequence

from assembler.plan.formmap import common
from assembler.plan.formmap.items import check_known
from assembler.plan.formmap.values import CourtInfo, FormValues
from assembler.profile.model import Case, Level, Profile
from rules.decision import Decision

FORM_ID = "CR-181"
SECTION_BOXES = {"1203.4": "item3.1203_4", "1203.4a": "item3.1203_4a", "1203.41": "item3.1203_41",
                 "1203.42": "item3.1203_42", "1203.43": "item3.1203_43", "1203.49": "item3.1203_49"}


def values(profile: Profile, case: Case, decisions: Sequence[Decision], court: CourtInfo) -> FormValues:
    v: dict = common.caption_values(profile, case, court)
    v.update(item1(case, decisions))
    v.update(item3(decisions))
    check_known(FORM_ID, v)
    return FormValues(FORM_ID, v, common.caption(profile, case), fallbacks=common.caption_fallbacks(profile))


def item1(case: Case, decisions: Sequence[Decision]) -> dict:
    counts = common.petitioned_counts(case, decisions)
    felonies = [c for c in counts if common.level(c) is Level.felony]
    misdemeanors = [c for c in counts if common.level(c) is Level.misdemeanor]
    to_felony = [c for c in felonies if common.reducible_17b(c, decisions)]
    to_infraction = [c for c in misdemeanors if common.reducible_17d2(c, decisions)]
    if not (to_felony or to_infraction):
        return {}
    all_felonies = bool(to_felony) and len(to_felony) == len(felonies)
    all_misdemeanors = bool(to_infraction) and len(to_infraction) == len(misdemeanors)
    v = {"item1": True, "item1.a": all_felonies, "item1.b": all_misdemeanors}
    listed = ([] if all_felonies else to_felony) + ([] if all_misdemeanors else to_infraction)
    if listed:
        v["item1.c"] = True
        v["item1.c.text"] = "; ".join(common.count_label(c, case) for c in listed)
    return v


def item3(decisions: Sequence[Decision]) -> dict:
    sections = [box for remedy, box in SECTION_BOXES.items() if common.requested(decisions, remedy)]
    if not sections:
        return {}
    return {"item3": True, "item3.a": True, **{box: True for box in sections}}
