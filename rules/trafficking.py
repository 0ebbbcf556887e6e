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

from assembler.profile import Case, Level, Profile
from rules.decision import Builder, Decision, pc
from rules.facts import CountFacts, convicted
from rules.granted import already_granted

REMEDY = "236.14"


def applies(case: Case) -> bool:
    return case.trafficking_victim is True


def decide(profile: Profile, case: Case, as_of: date) -> Decision:
    b = Builder(REMEDY)
    cite = pc("236.14", "(a)")
    b.discretionary("STATUTE_DISCRETIONARY", "Because this case resulted from being a victim of human "
                    "trafficking, you may ask the court to vacate it entirely.", cite)
    if already_granted(b, case, REMEDY, cite):
        return b.finish(as_of)
    counts = convicted(case)
    violent = [c for c in counts if _violent(c) is True]
    if violent and len(violent) == len(counts):
        b.block("SERIOUS_OR_VIOLENT", f"{', '.join(c.label for c in violent)} is a violent felony (§ 667.5(c)); a "
                "vacatur reaches only nonviolent offenses.", cite)
        b.why("The offense is listed as a violent felony.", violent[0].offense.cite_for("violent_667_5c"))
        return b.finish(as_of)
    if violent:
        b.why(f"Only the nonviolent counts can be vacated; {', '.join(c.label for c in violent)} is a violent "
              "felony (§ 667.5(c)).", cite)
    for c in counts:
        if _violent(c) is None:
            why = "is not in our offense table" if c.offense is None else "may be a violent felony on its facts"
            b.review(f"{c.label} {why}: is it listed in § 667.5(c)? A vacatur reaches only nonviolent offenses.",
                     c.offense.cite_for("violent_667_5c") if c.offense else pc("667.5", "(c)"))
    b.review("A vacatur needs evidence that the offense was the direct result of trafficking; talk with a "
             "lawyer or a victim-services agency.", cite)
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
