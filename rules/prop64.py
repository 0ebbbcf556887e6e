"""Prop 64, Health & Saf. Code § 11361.8 — cannabis convictions redesignated, or dismissed and sealed.

(e)-(f): a person who completed the sentence for a conviction under §§ 11357, 11358, 11359 or
11360 "who would not have been guilty of an offense, or who would have been guilty of a lesser
offense" under Prop 64 may apply to have it dismissed and sealed or redesignated; the court "shall"
grant it unless the prosecution shows the person is not eligible — mandatory. (a)-(b): someone still
serving petitions for recall or dismissal. Forms: CR-400 series. § 11361.9 (automatic review by DOJ
and prosecutors) is a flag, never a reason to drop the application.

The felony forms Prop 64 kept are in Health & Saf. Code § 11358(d), § 11359(c)–(d) and § 11360(a)(3):
among them, a person with "one or more prior convictions for an offense specified in clause (iv) of
subparagraph (C) of paragraph (2) of subdivision (e) of Section 667 or for an offense requiring registration
pursuant to subdivision (c) of Section 290". Such a prior is read as for Prop 47 (every conviction in the
profile, and why the person registers); since it keeps only some cannabis felonies felonies, it is a
question for a person, never a bar here.
"""

from __future__ import annotations

from datetime import date

from assembler.profile.model import Case, Profile
from rules.decision import Builder, Decision, hs
from rules.facts import CountFacts, convicted, probation_running
from rules.granted import already_granted
from rules.lawdates import PROP_64
from rules.prop47 import disqualifiers

REMEDY = "11361.8"
FORMS = ("CR-400", "CR-403")
# Where Prop 64 kept a felony for a person with a super-strike or § 290(c) prior.
CARVE_OUTS = "Health & Saf. Code, §§ 11358(d), 11359(c)–(d), 11360(a)(3)"


def prop64_counts(case: Case) -> list[CountFacts]:
    return [c for c in convicted(case) if c.offense and c.offense.prop64]


def applies(profile: Profile, case: Case, as_of: date) -> bool:
    return bool(prop64_counts(case)) and (case.offense_date is None or case.offense_date < PROP_64)


def decide(profile: Profile, case: Case, as_of: date) -> Decision:
    b = Builder(REMEDY, FORMS)
    if as_of < PROP_64:
        b.block("NOT_YET_IN_FORCE", "prop64.not_enacted", hs("11361.8"))
        return b.finish(as_of)
    if already_granted(b, case, REMEDY, hs("11361.8", "(f)")):
        return b.finish(as_of)
    counts = prop64_counts(case)
    for c in counts:
        b.why("prop64.cannabis", c.offense.cite_for("prop64"), count=c.label, offense=c.offense.description)
        question = c.offense.open_question("prop64")
        if question:
            b.review("prop64.open_question", c.offense.cite_for("prop64"), count=c.label, question=question)
    if case.offense_date is None:
        b.review("prop64.offense_date", hs("11361.8", "(a)"), field="cases[].offense_date")
    if probation_running(case, as_of) or profile.status.serving_sentence:
        b.discretionary("STATUTE_DISCRETIONARY", "prop64.still_serving", hs("11361.8", "(b)"))
    else:
        b.why("prop64.sentence_complete", hs("11361.8", "(f)"))
    disqualifiers(b, profile, counts, CARVE_OUTS, bars=False)
    return b.finish(as_of)
