"""Pen. Code § 17(d)(2) — a misdemeanor "wobblette" (listed in § 19.8) reduced to an infraction.

"(d) A violation of any code section listed in Section 19.8 is an infraction ... when: ... (2) The
court, with the consent of the defendant, determines that the offense is an infraction". CR-180
item 1 asks for it after judgment, but the statute speaks of a case's pre-trial posture, so a
post-judgment request is needs_review; and an infraction falls out of § 1203.4 ((b)) into
§ 1203.4a, which has its own one-year wait.
A Vehicle Code wobblette reduced to an infraction may become "an infraction falling within the
provisions of Section 42001 of the Vehicle Code", which § 1203.4a(d) bars from dismissal (the offense
table marks it excluded at the infraction level): the reduction is never advised ahead of the
dismissal. It is not made ineligible — § 17(d)(2) itself allows it, and whether § 42001 reaches a
reduced wobblette is not confirmed — but it stays needs_review with that warning.
"""

from __future__ import annotations

from datetime import date

from assembler.profile.model import Case, Level, Profile
from rules.decision import Builder, Decision, pc
from rules.facts import CountFacts, convicted

REMEDY = "17d2"
FORMS = ("CR-180", "CR-181")


def wobblette_counts(case: Case) -> list[CountFacts]:
    return [c for c in convicted(case)
            if c.level is Level.misdemeanor and c.offense and c.offense.wobblette_19_8]


def applies(profile: Profile, case: Case, as_of: date) -> bool:
    return bool(wobblette_counts(case))


def decide(profile: Profile, case: Case, as_of: date) -> Decision:
    b = Builder(REMEDY, FORMS)
    counts = wobblette_counts(case)
    for c in counts:
        b.why("pc17d2.listed", c.offense.cite_for("wobblette_19_8"), count=c.label,
              offense=c.offense.description)
    b.discretionary("STATUTE_DISCRETIONARY", "pc17d2.court_decides", pc("17", "(d)(2)"))
    b.unsettled("pc17d2.after_judgment", pc("17", "(d)(2)"))
    for c in counts:
        if "infraction" in c.offense.excluded_1203_4a_d:
            _would_bar_the_dismissal(b, c)
    return b.finish(as_of)


def _would_bar_the_dismissal(b: Builder, c: CountFacts) -> None:
    b.review("pc17d2.dismiss_first", c.offense.cite_for("excluded_1203_4a_d"), count=c.label)
