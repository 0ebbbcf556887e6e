"""CR-180 Petition for Dismissal: decisions and profile facts → logical items, top to bottom.

Choices, item by item:
- Caption: see `common.py` (in pro per or attorney; court; defendant; case number on every page).
  The hearing DATE / TIME / DEPARTMENT box is "for court use" and stays empty.
- Item 1: the conviction date and one row per convicted count (the deferred-entry pleas for
  § 1203.43). The 17(b) column says "yes" only when 17(b) is petitioned for and the count is a
  felony wobbler; 17(d)(2) "yes" only when 17(d)(2) is petitioned for and the count is a § 19.8
  misdemeanor. Rows beyond the printed five continue on MC-025 (`overflow.place`).
- Items 2–7: one per requested dismissal remedy (requested = not ineligible and eligible now;
  `common.requested`). 1203.4 → 2 with 2a (probation completed, no violation), 2b (discharged
  early), 2c (any violation or discretion code, or neither 2a nor 2b shown); 1203.4a → 3a when the
  decision is mandatory (no new offense: "honest and upright"), else 3b; 1203.49 → 4 with the
  person's account; 1203.41 → 5a (split sentence, § 1170(h)(5)(B)), 5b (straight, (h)(5)(A)),
  5c (state prison); 1203.42 → 6; 1203.43 → 7 with the § 1000.3 dismissal date and 7a (court
  records are available — the petition is filed in the court that holds them; the profile has no
  fact that would call for 7b's sworn statement).
- The interest-of-justice text (2c, 3b, 5, 6) and item 4's account are the petitioner's declaration
  written from the profile (`facts.py`, templates in assembler.plan.declarations); what does not fit
  the box goes on an MC-031 Attached Declaration and the field says so (`overflow.place`).
- Items 8 and 9: on Rev. January 1, 2024 they are printed requests with no check box; they apply
  through the 17(b)/17(d)(2) columns and the items checked above, so there is nothing to fill.
- Date (the as-of date of the build) and printed name filled; the signature is left blank for the
  petitioner or attorney to sign by hand.
"""

from __future__ import annotations

from typing import Sequence

from assembler.plan.formmap import common
from assembler.plan.formmap.facts import REDUCTIONS, interest_of_justice, reduction_request, trafficking_account
from assembler.plan.formmap.items import check_known
from assembler.plan.formmap.values import SIGNATURE_DATE, CourtInfo, FormValues, form_date
from assembler.profile.model import Case, ProbationOutcome, Profile
from rules.decision import Decision, Status

FORM_ID = "CR-180"
SWORN = frozenset({"item2.c.text", "item3.b.text", "item4.text", "item5.text", "item6.text"})


def values(profile: Profile, case: Case, decisions: Sequence[Decision], court: CourtInfo) -> FormValues:
    v: dict = common.caption_values(profile, case, court)
    v["item1.date"] = form_date(case.conviction_date or case.judgment_date)
    reductions = [r for r in REDUCTIONS if common.requested(decisions, r)]
    justice = interest_of_justice(profile, case, reductions)
    hand = []
    for remedy, mapper in ITEMS:
        decision = common.requested(decisions, remedy)
        if decision is not None:
            v.update(mapper(profile, case, decision, justice))
            hand += _unasserted(v, remedy, decision)
    v.update(_signature(profile))
    check_known(FORM_ID, v)
    rows = [common.table_row(c, decisions) for c in common.petitioned_counts(case, decisions)]
    carried = any(v.get(item) == justice for item in SWORN)  # the dismissal's declaration asks for it too
    declarations = (("item8", reduction_request(profile, case, reductions)),) if reductions and not carried else ()
    fallbacks = {**common.caption_fallbacks(profile), "signature.name": ("",)}  # printed by hand under the signature
    return FormValues(FORM_ID, v, common.caption(profile, case), rows, SWORN, tuple(hand), declarations, fallbacks)


# The profile fields of the person-level conditions each item's printed words assert ("not serving a
# sentence for any offense, on probation for any offense, or charged with the commission of any offense").
GATES = ("status.pending_charges", "status.supervision", "status.serving_sentence")
ITEM_OF = {"1203.4": "item2", "1203.4a": "item3", "1203.41": "item5", "1203.42": "item6"}


def _unasserted(v: dict, remedy: str, decision: Decision) -> list[str]:
    """An item whose printed words assert a condition the person has not answered is left unchecked,
    for them to check by hand once they know: the petition never swears to an unknown."""
    item = ITEM_OF.get(remedy)
    if item is None or not any(q.field in GATES for q in decision.questions):
        return []
    v[item] = False
    return [f"item {item[4:]}: check this box only if you are not serving a sentence, not on probation or "
            "parole, and not charged with any crime now; if you are, do not file yet and ask legal aid"]


def item2(profile: Profile, case: Case, decision: Decision, justice: str) -> dict:
    """§ 1203.4: probation granted; a (fulfilled), b (discharged early), c (interests of justice)."""
    probation = case.sentence.probation if case.sentence else None
    violated = bool(probation and probation.violations) or bool(decision.discretion)
    outcome = probation.outcome if probation else ProbationOutcome.unknown
    a = outcome is ProbationOutcome.completed and not violated
    b = outcome is ProbationOutcome.terminated_early and not violated
    c = violated or not (a or b) or decision.status is Status.discretionary
    v = {"item2": True, "item2.a": a, "item2.b": b, "item2.c": c}
    if c:
        v["item2.c.text"] = justice
    return v


def item3(profile: Profile, case: Case, decision: Decision, justice: str) -> dict:
    """§ 1203.4a: a (honest and upright life) when mandatory, else b (interests of justice)."""
    upright = decision.status is Status.mandatory and case.new_conviction_since_judgment is not True
    if upright:
        return {"item3": True, "item3.a": True}
    return {"item3": True, "item3.b": True, "item3.b.text": justice}


def item4(profile: Profile, case: Case, decision: Decision, justice: str) -> dict:
    """§ 1203.49: 647(b) conviction of a trafficking victim, with the person's account."""
    return {"item4": True, "item4.text": trafficking_account(profile, case)}


def item5(profile: Profile, case: Case, decision: Decision, justice: str) -> dict:
    """§ 1203.41: a (county jail with mandatory supervision), b (straight county jail), c (prison)."""
    sentence = case.sentence
    jail = sentence.county_jail_1170h if sentence else None
    v = {"item5": True, "item5.text": justice,
         "item5.a": bool(jail and jail.subparagraph == "B"),
         "item5.b": bool(jail and jail.subparagraph == "A"),
         "item5.c": bool(jail is None and sentence and sentence.state_prison)}
    return v


def item6(profile: Profile, case: Case, decision: Decision, justice: str) -> dict:
    """§ 1203.42: prison sentence that would now be served in county jail."""
    return {"item6": True, "item6.text": justice}


def item7(profile: Profile, case: Case, decision: Decision, justice: str) -> dict:
    """§ 1203.43: deferred entry of judgment; dismissal date under former § 1000.3; 7a."""
    return {"item7": True, "item7.date": form_date(case.dej_dismissed_on), "item7.a": True}


def _signature(profile: Profile) -> dict:
    p = profile.petitioner
    name = p.attorney.name if p.attorney else p.legal_name
    return {"signature.date": SIGNATURE_DATE, "signature.name": name}


ITEMS = (("1203.4", item2), ("1203.4a", item3), ("1203.49", item4), ("1203.41", item5),
         ("1203.42", item6), ("1203.43", item7))
