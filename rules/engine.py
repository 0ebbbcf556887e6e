"""The decision engine: a profile and an as-of date in, an explained Assessment out.

It follows the decision order of RULES.md § 1: person-level gates (inside each dismissal rule),
reclassification first (Prop 47 / Prop 64 / 17(b) / 17(d)(2)), then the dismissal statute chosen
by the sentence, arrests without conviction, and the fallbacks; automatic relief only as flags.
"""

from __future__ import annotations

import re
from datetime import date

from assembler.profile.model import Case, Disposition, Profile
from rules import automatic, messages, pc1203_4, remedies
from rules.decision import (REVIEW, Assessment, Builder, CaseResult, Decision, Notice, Question, Reason, Status,
                            pc)
from rules.effects import add_effects
from rules.facts import convicted, deciding, has_conviction, unknown_offenses

# The order remedies are pursued in within a case (RULES.md § 1; `recommended_order`):
UNLOCK = ("1203.3",)  # ending probation early makes the dismissal possible, and mandatory
RECLASSIFY = ("1170.18", "11361.8", "17b")  # a lower level can change which dismissal applies
SPECIFIC_DISMISSALS = ("1203.49", "1203.4b", "1203.43", "1203.42")  # the statute made for the situation
GENERAL_DISMISSALS = ("1203.41", "1203.4", "1203.4a")
AFTER_DISMISSAL = ("17d2",)  # an infraction falls out of § 1203.4 ((b)) and, in the Vehicle Code, § 1203.4a ((d))
SEALING = ("851.91",)
REFERRALS = ("290.5", "4852.01", "236.14", "851.8")  # separate proceedings, after the petitions
ORDER = UNLOCK + RECLASSIFY + SPECIFIC_DISMISSALS + GENERAL_DISMISSALS + AFTER_DISMISSAL + SEALING + REFERRALS


def assess(profile: Profile, as_of: date) -> Assessment:
    keys = case_keys(profile.cases)
    with deciding():
        results = [_place(assess_case(profile, case, as_of), index, keys[index])
                   for index, case in enumerate(profile.cases)]
    _multi_county(profile, results)
    return Assessment(
        petitioner=profile.petitioner.legal_name,
        as_of=as_of,
        cases=results,
        recommended_order=recommended_order(results),
    )


def assess_case(profile: Profile, case: Case, as_of: date) -> CaseResult:
    result = CaseResult(case_number=case.court_case_number, county=case.county)
    if case.jurisdiction != "california":
        result.remedies.append(_not_screened(case, as_of))
        return result
    result.remedies.extend(_decisions(profile, case, as_of))
    _flags(result, profile, case, as_of)
    add_effects(result, case)
    if any(d.status is Status.needs_review and d.law_unsettled for d in result.remedies):
        result.flags.append("LAW_UNSETTLED")
    return result


def case_keys(cases: list[Case]) -> list[str]:
    """One key per case, safe in a file name and never shared: the court case number ("BA 123456" →
    "BA-123456"), or case<N> for a case without one; a key two cases would share gets -2, -3 …"""
    keys: list[str] = []
    for index, case in enumerate(cases):
        number = case.court_case_number
        base = file_safe(number, "case") if number else f"case{index + 1}"
        key, n = base, 1
        while key in keys:
            n += 1
            key = f"{base}-{n}"
        keys.append(key)
    return keys


def file_safe(text: str, empty: str = "x") -> str:
    """`text` with every run of characters a file name should not hold made one '-'."""
    return re.sub(r"[^A-Za-z0-9_-]+", "-", text).strip("-") or empty


def _place(result: CaseResult, index: int, key: str) -> CaseResult:
    """The case's key and position, set on the result `assess_case` has just made for it (no copy needed)."""
    result.remedies = _number_fields(result.remedies, index)
    result.key = key
    return result


def _number_fields(decisions: list[Decision], index: int) -> list[Decision]:
    """Questions name their field as `cases[]...`; here `cases[]` becomes this case's position."""
    remedies = []
    for d in decisions:
        if any(q.field and q.field.startswith("cases[]") for q in d.questions):
            questions = [q.model_copy(update={"field": q.field.replace("cases[]", f"cases[{index}]", 1)})
                         if q.field and q.field.startswith("cases[]") else q for q in d.questions]
            d = d.model_copy(update={"questions": questions})
        remedies.append(d)  # a decision with nothing to number is this case's own: no copy needed
    return remedies


def _decisions(profile: Profile, case: Case, as_of: date) -> list[Decision]:
    decisions = [m.decide(profile, case, as_of) for m in remedies.applicable(profile, case, as_of)]
    if not decisions:
        decisions.append(_nothing_found(case, as_of))
    if has_conviction(case):
        decisions = _unknown_outcomes(case, decisions)
    return sorted(decisions, key=lambda d: ORDER.index(d.remedy))


def _unknown_outcomes(case: Case, decisions: list[Decision]) -> list[Decision]:
    """A count whose outcome the person does not know: every answer for the case waits on it."""
    unknown = [(i, c.label) for i, c in enumerate(case.counts) if c.disposition is Disposition.unknown]
    if not unknown:
        return decisions
    params = messages.neutral({"counts": [label for _, label in unknown]})
    text = messages.text("engine.ask_disposition", **params)
    reason = Reason.say(REVIEW, pc("1203.4", "(a)(1)"), question=messages.msg("engine.ask_disposition", **params))
    questions = [Question(code="ASK_DISPOSITION", field=f"cases[].counts[{i}].disposition", text=text,
                          message="engine.ask_disposition", params=params)
                 for i, _ in unknown]
    open_statuses = (Status.mandatory, Status.discretionary)
    return [d.model_copy(update={"reasons": [*d.reasons, reason], "questions": [*d.questions, *questions],
                                 "status": Status.needs_review if d.status in open_statuses else d.status})
            for d in decisions]


def _flags(result: CaseResult, profile: Profile, case: Case, as_of: date) -> None:
    if has_conviction(case):
        flags = [automatic.conviction_relief_flag(profile, case, as_of), automatic.cannabis_review_flag(case)]
    else:
        flags = [automatic.arrest_relief_flag(case, as_of)]
    for item in flags:
        if item is not None:
            flag, notice = item
            result.flags.append(flag)
            result.notices.append(notice)


def _multi_county(profile: Profile, results: list[CaseResult]) -> None:
    counties = {c.county for c in profile.cases if c.jurisdiction == "california"}
    if len(counties) < 2:
        return
    notice = Notice.say("engine.multi_county", pc("1203.4", "(a)(1)"))
    for result in results:
        if result.county:
            result.flags.append("MULTI_COUNTY_SEPARATE_PETITIONS")
            result.notices.append(notice)


def _not_screened(case: Case, as_of: date) -> Decision:
    key = "engine.federal_case" if case.jurisdiction == "federal" else "engine.other_state_case"
    b = Builder("1203.4")
    b.block("NOT_CA_STATE_CONVICTION", key, pc("1203.4", "(a)(1)"))
    return b.finish(as_of)


def _nothing_found(case: Case, as_of: date) -> Decision:
    """A conviction no statute fits (e.g. the sentence is unknown): say what is missing."""
    b = Builder("1203.4", pc1203_4.FORMS)
    missing = unknown_offenses(convicted(case))
    if case.sentence is None:
        b.review("engine.ask_sentence", pc("1203.4", "(a)(1)"))
    elif missing:
        b.review("engine.not_in_table", pc("1203.4", "(a)(1)"), offenses=missing)
    else:
        b.review("engine.no_statute_fits", pc("1203.4", "(a)(1)"))
    return b.finish(as_of)


def recommended_order(results: list[CaseResult]) -> list[str]:
    """`remedy@case`: case by case, each case's remedies together in ORDER (never an ineligible one)."""
    entries = []
    for index, result in enumerate(results):
        label = result.case_number or f"case{index + 1}"
        pursued = sorted((d for d in result.remedies if d.status is not Status.ineligible),
                         key=lambda d: ORDER.index(d.remedy))
        entries.extend(f"{d.remedy}@{label}" for d in pursued)
    return entries
