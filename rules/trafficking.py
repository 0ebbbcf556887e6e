"""Pen. Code § 236.14 — vacating arrests and convictions that resulted from being trafficked.

A person arrested or convicted of a nonviolent offense committed while a victim of human trafficking
may petition to vacate it when it "was the direct result of being a victim" ((a)); clear and
convincing evidence; the court may order the records sealed and destroyed. Stronger than § 1203.49,
but the tool cannot weigh the evidence: needs_review.
"""

from __future__ import annotations

from datetime import date

from assembler.profile import Case, Profile
from rules.decision import Builder, Decision, pc

REMEDY = "236.14"


def applies(case: Case) -> bool:
    return case.trafficking_victim is True


def decide(profile: Profile, case: Case, as_of: date) -> Decision:
    b = Builder(REMEDY)
    b.discretionary("STATUTE_DISCRETIONARY", "Because this case resulted from being a victim of human "
                    "trafficking, you may ask the court to vacate it entirely.", pc("236.14", "(a)"))
    b.review("A vacatur needs evidence that the offense was the direct result of trafficking and that it "
             "was nonviolent; talk with a lawyer or a victim-services agency.", pc("236.14", "(a)"))
    return b.finish(as_of)
