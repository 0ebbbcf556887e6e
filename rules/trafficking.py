"""Pen. Code § 236.14 — vacating arrests and convictions that resulted from being trafficked.

(a): a person "arrested for or convicted of any nonviolent offense committed while he or she was a
victim of human trafficking" may petition to vacate it when it "was the direct result of being a
victim"; a nonviolent offense is one not listed in § 667.5(c) (offense table: violent_667_5c). Clear
and convincing evidence; the court may order the records sealed and destroyed. Stronger than
§ 1203.49, but the tool cannot weigh the evidence: at best needs_review, and ineligible for a violent
felony.
"""

from __future__ import annotations

from datetime import date

from assembler.profile.model import Case, Level, Profile
from rules.decision import Builder, Decision, pc
from rules.facts import CountFacts, convicted
from rules.granted import already_granted

REMEDY = "236.14"


def applies(profile: Profile, case: Case, as_of: date) -> bool:
    return case.trafficking_victim is True


def decide(profile: Profile, case: Case, as_of: date) -> Decision:
    b = Builder(REMEDY)
    cite = pc("236.14", "(a)")
    b.discretionary("STATUTE_DISCRETIONARY", "trafficking.may_vacate", cite)
    if already_granted(b, case, REMEDY, cite):
        return b.finish(as_of)
    counts = convicted(case)
    violent = [c for c in counts if _violent(c) is True]
    if violent and len(violent) == len(counts):
        many = "_many" if len(violent) > 1 else ""
        b.block("SERIOUS_OR_VIOLENT", f"trafficking.violent{many}", cite, counts=[c.label for c in violent])
        b.why("trafficking.listed_violent", violent[0].offense.cite_for("violent_667_5c"))
        return b.finish(as_of)
    if violent:
        many = "_many" if len(violent) > 1 else ""
        b.why(f"trafficking.only_nonviolent{many}", cite, counts=[c.label for c in violent])
    for c in counts:
        if _violent(c) is None:
            b.review("trafficking.not_in_table" if c.offense is None else "trafficking.maybe_violent",
                     c.offense.cite_for("violent_667_5c") if c.offense else pc("667.5", "(c)"), count=c.label)
    b.review("trafficking.evidence", cite)
    return b.finish(as_of)


def _violent(c: CountFacts) -> bool | None:
    """Is the count a violent felony under § 667.5(c)? None: the table or the level leaves it open."""
    if c.offense is None:
        return None
    if c.offense.violent_667_5c == "no" or c.level in (Level.misdemeanor, Level.infraction):
        return False
    if c.offense.violent_667_5c == "yes" and c.level is Level.felony:
        return True
    return None
