"""Pen. Code § 1203.49 — a 647(b) conviction of a victim of human trafficking.

A defendant convicted of "solicitation or prostitution, as described in subdivision (b) of Section
647" (offense table: prostitution_647b) who "has completed any term of probation for that conviction"
may petition; the court "may" grant relief on clear and convincing evidence that the conviction "was
the result of his or her status as a victim of human trafficking" — discretionary. Pen. Code § 236.14
(vacatur) is a separate, stronger petition.
"""

from __future__ import annotations

from datetime import date

from assembler.profile import Case, Profile
from rules.decision import Builder, Decision, pc
from rules.facts import convicted, probation_running
from rules.granted import already_granted

REMEDY = "1203.49"
FORMS = ("CR-180", "CR-181")


def applies(case: Case) -> bool:
    return any(c.offense and c.offense.prostitution_647b for c in convicted(case))


def decide(profile: Profile, case: Case, as_of: date) -> Decision:
    b = Builder(REMEDY, FORMS)
    cite = pc("1203.49")
    b.discretionary("STATUTE_DISCRETIONARY", "For a § 647(b) conviction, the court may grant relief if "
                    "you show by clear and convincing evidence that it resulted from being a victim of "
                    "human trafficking.", cite)
    if already_granted(b, case, REMEDY, cite):
        return b.finish(as_of)
    if case.trafficking_victim is False:
        b.block("NO_TRAFFICKING_EVIDENCE", "You did not say the conviction resulted from being a victim "
                "of human trafficking.", cite)
        return b.finish(as_of)
    if case.trafficking_victim is None:
        b.review("Was this conviction the result of being a victim of human trafficking? If so, this "
                 "petition (and a § 236.14 vacatur) may be open to you.", cite)
    if probation_running(case, as_of):
        b.block("ON_PROBATION", "Any term of probation for the conviction must be completed first.",
                cite, temporary=True)
    return b.finish(as_of)
