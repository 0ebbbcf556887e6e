"""Pen. Code § 1203.4b — fire camp or hand-crew service (an awareness flag).

A person who successfully participated as an incarcerated hand-crew member or in an institutional
firehouse may ask the court, in its discretion, for relief without completing supervision; the
section has its own list of excluded crimes and a DOJ outreach duty since SB 245 (2025). The
exclusions and the form are not confirmed here, so the answer is always needs_review.
"""

from __future__ import annotations

from datetime import date

from assembler.profile.model import Case, Profile
from rules.decision import Builder, Decision, pc
from rules.lawdates import PC_1203_4B_ENACTED

REMEDY = "1203.4b"


def applies(profile: Profile, case: Case, as_of: date) -> bool:
    prison = case.sentence.state_prison if case.sentence else None
    return bool(prison and prison.fire_camp)


def decide(profile: Profile, case: Case, as_of: date) -> Decision:
    b = Builder(REMEDY)
    if as_of < PC_1203_4B_ENACTED:
        b.block("NOT_YET_IN_FORCE", "pc1203_4b.not_enacted", pc("1203.4b"))
        return b.finish(as_of)
    b.discretionary("STATUTE_DISCRETIONARY", "pc1203_4b.fire_camp", pc("1203.4b", "(a)(1)"))
    b.review("pc1203_4b.check_exclusions", pc("1203.4b", "(a)(1)"))
    return b.finish(as_of)
