"""Pen. Code § 1203.3 — ending probation early, the step that unlocks a mandatory § 1203.4.

§ 1203.3(a): the court may "terminate the period of probation, and discharge the person so held"
when "the ends of justice will be served" and the person's good conduct warrants it. An early
discharge then makes § 1203.4(a)(1) relief mandatory. Local forms; the prosecutor gets notice.
"""

from __future__ import annotations

from datetime import date

from assembler.profile import Case, Profile
from rules.decision import Builder, Decision, pc
from rules.facts import probation_running

REMEDY = "1203.3"


def applies(case: Case, as_of: date) -> bool:
    return bool(case.convicted_counts) and probation_running(case, as_of) is True


def decide(profile: Profile, case: Case, as_of: date) -> Decision:
    b = Builder(REMEDY)
    b.discretionary("STATUTE_DISCRETIONARY", "You are still on probation. You can ask the court to end "
                    "it early if you have done well; the court decides.", pc("1203.3", "(a)"))
    b.why("If the court discharges you early, the § 1203.4 dismissal becomes mandatory and can be "
          "filed right away.", pc("1203.4", "(a)(1)"))
    return b.finish(as_of)
