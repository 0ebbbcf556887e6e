"""Prop 47, Pen. Code § 1170.18 — listed drug and theft felonies redesignated as misdemeanors.

(f)-(g): a person who has completed the sentence "may file an application ... to have the felony
conviction or convictions designated as misdemeanors", and the court "shall" designate them if
eligible — mandatory. (a)-(b): someone still serving petitions for recall and resentencing, which
the court may refuse on a finding of unreasonable danger. (i): not for a person with a prior
"super strike" (§ 667(e)(2)(C)(iv)) or a conviction requiring § 290(c) registration. (j): the
Nov. 4, 2022 deadline (later only on good cause) was removed by SB 749 (2023). (k): the
designation does not restore firearm rights. No statewide Judicial Council form: courts use local
forms.
"""

from __future__ import annotations

from datetime import date

from assembler.profile import Case, Level, Profile
from rules.decision import Builder, Decision, pc
from rules.facts import CountFacts, convicted, probation_running
from rules.lawdates import PROP_47, PROP_47_DEADLINE, SB749_UNCERTAIN, SB_749, within

REMEDY = "1170.18"


def prop47_counts(case: Case) -> list[CountFacts]:
    return [c for c in convicted(case) if c.level is Level.felony and c.offense and c.offense.prop47]


def applies(case: Case) -> bool:
    offense_date = case.offense_date
    return bool(prop47_counts(case)) and (offense_date is None or offense_date < PROP_47)


def decide(profile: Profile, case: Case, as_of: date) -> Decision:
    b = Builder(REMEDY)
    if as_of < PROP_47:
        b.block("OFFENSE_NOT_COVERED", "Prop 47 took effect on Nov. 5, 2014.", pc("1170.18"))
        return b.finish(as_of)
    _value(b, prop47_counts(case))
    _disqualifiers(b, profile)
    _deadline(b, as_of)
    if case.offense_date is None:
        b.review("When was the offense committed? Prop 47 redesignates felonies committed before "
                 "Nov. 5, 2014.", pc("1170.18", "(a)"))
    serving = probation_running(case, as_of) or profile.status.serving_sentence
    if serving:
        b.discretionary("STATUTE_DISCRETIONARY", "You are still serving the sentence, so this is a petition "
                        "for resentencing; the court may refuse it if it finds an unreasonable risk of "
                        "danger.", pc("1170.18", "(b)"))
    else:
        b.why("Your sentence is complete, so on your application the court must designate the felony a "
              "misdemeanor. Courts use local forms; there is no statewide form.", pc("1170.18", "(g)"))
    return b.finish(as_of)


def _value(b: Builder, counts: list[CountFacts]) -> None:
    for c in counts:
        question = c.offense.open_question("prop47")
        if question and c.count.value_over_950 is None:
            b.review(f"{c.label}: {question}", c.offense.cite_for("prop47"))
        if c.count.value_over_950:
            b.block("OFFENSE_NOT_COVERED", f"{c.label}: the value was over $950, which Prop 47 does not "
                    "cover.", c.offense.cite_for("prop47"))
        else:
            b.why(f"{c.label} ({c.offense.description}) is an offense Prop 47 made a misdemeanor.",
                  c.offense.cite_for("prop47"))


def _disqualifiers(b: Builder, profile: Profile) -> None:
    status = profile.status
    if status.super_strike_prior or status.registrant_290:
        b.block("OFFENSE_NOT_COVERED", "A prior 'super strike' conviction or a conviction requiring sex-"
                "offender registration bars Prop 47 relief.", pc("1170.18", "(i)"))
    elif status.super_strike_prior is None or status.registrant_290 is None:
        b.review("Do you have a prior conviction for a 'super strike' (such as murder or a sex offense "
                 "against a child) or one that requires registration? Either bars Prop 47 relief.",
                 pc("1170.18", "(i)"))


def _deadline(b: Builder, as_of: date) -> None:
    if as_of <= PROP_47_DEADLINE:
        b.why(f"File by {PROP_47_DEADLINE.isoformat()} (later only for good cause).", pc("1170.18", "(j)"))
    elif as_of < SB_749:
        b.discretionary("STATUTE_DISCRETIONARY", "The Nov. 4, 2022 deadline has passed; a late application "
                        "needs a showing of good cause.", pc("1170.18", "(j)"))
    else:
        b.why("There is no deadline: SB 749 (2023) removed it.", pc("1170.18", "(j)"))
    if within(as_of, SB749_UNCERTAIN):
        b.review("SB 749 took effect in October 2023 on the Governor's approval; confirm the exact day.",
                 pc("1170.18", "(j)"))
