"""Pen. Code § 851.8 — a finding of factual innocence (an awareness flag).

With no accusatory pleading the person first petitions the arresting agency ((a)); once charges were
filed and dismissed, "at any time after dismissal of the action" the court that dismissed it ((c)).
The petitioner must show "no reasonable cause exists to believe" the arrestee committed the offense
((b)) — a fact-finding the tool cannot make, so the answer is always needs_review. There is no
Judicial Council form. The two-year filing period ((l)) is noted, not enforced.
"""

from __future__ import annotations

from datetime import date

from assembler.profile import Case, Disposition, Profile
from rules.decision import Builder, Decision, pc
from rules.facts import has_conviction

REMEDY = "851.8"


def applies(case: Case) -> bool:
    return bool(case.arrest and case.arrest.factually_innocent_claim and not has_conviction(case))


def decide(profile: Profile, case: Case, as_of: date) -> Decision:
    b = Builder(REMEDY)
    filed = any(c.disposition is not Disposition.never_filed for c in case.counts)
    where = ("the court that dismissed the case" if filed else "the law enforcement agency that arrested you "
             "first (with a copy to the district attorney)")
    b.discretionary("STATUTE_DISCRETIONARY", f"You may ask {where} to find you factually innocent; the "
                    "records are then sealed and destroyed.", pc("851.8", "(c)" if filed else "(a)"))
    b.review("Factual innocence needs proof that there was no reasonable cause to arrest you; a lawyer "
             "should look at the evidence. The petition is due within two years of the arrest or the "
             "filing of charges unless the court finds good cause.", pc("851.8", "(b)"))
    return b.finish(as_of)
