"""Pen. Code § 1203.49 — a 647(b) conviction of a victim of human trafficking.

A defendant convicted of "solicitation or prostitution, as described in subdivision (b) of Section
647" (offense table: prostitution_647b) who "has completed any term of probation for that conviction"
may petition; the court "may" grant relief on clear and convincing evidence that the conviction "was
the result of his or her status as a victim of human trafficking" — discretionary. Pen. Code § 236.14
(vacatur) is a separate, stronger petition.
"""

from __future__ import annotations

from datetime import date

from assembler.profile.model import Case, Profile
from rules.decision import Builder, Decision, pc
from rules.facts import convicted, probation_running
from rules.granted import already_granted

REMEDY = "1203.49"
FORMS = ("CR-180", "CR-181")


def applies(profile: Profile, case: Case, as_of: date) -> bool:
    return any(c.offense and c.offense.prostitution_647b for c in convicted(case))


def decide(profile: Profile, case: Case, as_of: date) -> Decision:
    b = Builder(REMEDY, FORMS)
    cite = pc("1203.49")
    b.discretionary("STATUTE_DISCRETIONARY", "pc1203_49.court_may", cite)
    if already_granted(b, case, REMEDY, cite):
        return b.finish(as_of)
    if case.trafficking_victim is False:
        b.block("NO_TRAFFICKING_EVIDENCE", "pc1203_49.not_a_victim", cite)
        return b.finish(as_of)
    if case.trafficking_victim is None:
        b.review("pc1203_49.victim_unknown", cite)
    if probation_running(case, as_of):
        b.block("ON_PROBATION", "pc1203_49.probation_first", cite, temporary=True)
    return b.finish(as_of)
