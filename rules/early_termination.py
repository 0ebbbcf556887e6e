"""Pen. Code § 1203.3 — ending probation early, the step that unlocks a mandatory § 1203.4.

§ 1203.3(a): the court may "terminate the period of probation, and discharge the person so held"
when "the ends of justice will be served" and the person's good conduct warrants it. An early
discharge then makes § 1203.4(a)(1) relief mandatory. Local forms; the prosecutor gets notice.
A minimum probation term set for the offense (domestic violence, § 1203.097(a)(1): 36 months) governs
the grant of probation, not its early termination: § 1203.3 stays available (People v. Killion (2018),
Court of Appeal, Fourth District, Division Two, No. E068225; volume and page not confirmed, so the
docket number is cited).
"""

from __future__ import annotations

from datetime import date

from assembler.profile.model import Case, Profile
from rules.decision import Builder, Decision, pc
from rules.facts import CountFacts, convicted, probation_running

REMEDY = "1203.3"
KILLION = "People v. Killion (Cal. Ct. App., 4th Dist., Div. 2, June 11, 2018, No. E068225)"


def applies(profile: Profile, case: Case, as_of: date) -> bool:
    return bool(case.convicted_counts) and probation_running(case, as_of) is True


def decide(profile: Profile, case: Case, as_of: date) -> Decision:
    b = Builder(REMEDY)
    b.discretionary("STATUTE_DISCRETIONARY", "early_termination.still_on_probation", pc("1203.3", "(a)"))
    for c in convicted(case):
        if _domestic_violence(c):
            b.why("early_termination.dv_minimum", f"{pc('1203.3', '(a)')}; {pc('1203.097', '(a)(1)')}; {KILLION}",
                  count=c.label)
            break
    b.why("early_termination.then_1203_4", pc("1203.4", "(a)(1)"))
    return b.finish(as_of)


def _domestic_violence(c: CountFacts) -> bool:
    """Probation under § 1203.097: an offense with its own (domestic-violence) length, or a domestic victim."""
    victim = c.count.victim_relationship
    if victim is not None and victim.domestic:
        return True
    return bool(c.offense and c.offense.own_probation_length and c.offense.dv_child_elder)
