"""Pen. Code § 1203.4a — misdemeanors without probation, and every infraction.

(a): "at any time after the lapse of one year from the date of pronouncement of judgment", if the
sentence is fully performed, the person is "not then serving a sentence for any offense and ... not
under charge of commission of any crime", and "since the pronouncement of judgment, lived an honest
and upright life" → the court shall grant (mandatory). Probation is not named: whether probation in
another case bars relief is unsettled (probation is not a sentence, § 1203(a)); parole, PRCS,
mandatory supervision and federal supervised release are parts of a sentence and bar it.
(b): otherwise, after the same year and with the sentence performed, in the court's discretion.
(d): not for misdemeanor 288(c), Veh. Code 42002.1 misdemeanors, "an infraction falling within the
provisions of Section 42001 of the Vehicle Code" — infractions only: a Vehicle Code misdemeanor (a
wobblette such as 14601.1 convicted as a misdemeanor) is dismissed in the ordinary way.
(e): unpaid restitution is no ground for denial. (f): infractions by written declaration, 15 days'
notice to the prosecutor.
"""

from __future__ import annotations

from datetime import date

from assembler.profile.model import Case, Level, Profile, SupervisionKind
from rules.decision import Builder, Decision, pc
from rules.facts import CountFacts, convicted, probation_granted, unknown_offenses
from rules.gates import PART_OF_A_SENTENCE, apply_dismissal_gates
from rules.granted import already_granted
from rules.lawdates import WAIT_1203_4A

REMEDY = "1203.4a"
FORMS = ("CR-180", "CR-181")


def applies(profile: Profile, case: Case, as_of: date) -> bool:
    """Misdemeanors without probation, and infractions with or without it."""
    counts = convicted(case)
    if any(c.level is Level.infraction for c in counts):
        return True
    return probation_granted(case) is False and any(c.level is Level.misdemeanor for c in counts)


def decide(profile: Profile, case: Case, as_of: date) -> Decision:
    b = Builder(REMEDY, FORMS)
    counts = _covered_counts(case)
    b.why("pc1203_4a.applies", pc("1203.4a", "(a)"))
    if already_granted(b, case, REMEDY, pc("1203.4a", "(a)")):
        return b.finish(as_of)
    eligible = _exclusions(b, counts)
    if not eligible:
        return b.finish(as_of)
    _one_year(b, case, as_of)
    _sentence_performed(b, case)
    apply_dismissal_gates(b, profile, case, as_of, pc("1203.4a", "(a)"), barred_by=PART_OF_A_SENTENCE,
                          unsettled_for=(SupervisionKind.probation,))
    _honest_and_upright(b, case)
    _infraction_procedure(b, eligible)
    if case.sentence and case.sentence.restitution == "unpaid":
        b.why("pc1203_4a.restitution", pc("1203.4a", "(e)"))
    return b.finish(as_of)


def _covered_counts(case: Case) -> list[CountFacts]:
    counts = convicted(case)
    if probation_granted(case):
        return [c for c in counts if c.level is Level.infraction]
    return [c for c in counts if c.level in (Level.misdemeanor, Level.infraction)]


def _exclusions(b: Builder, counts: list[CountFacts]) -> list[CountFacts]:
    """Drop the counts § 1203.4a(d) plainly excludes (at their level); an open question keeps a count in."""
    eligible, excluded = [], []
    for c in counts:
        barred = bool(c.offense and c.level and c.level.value in c.offense.excluded_1203_4a_d)
        question = c.offense.open_question("excluded_1203_4a_d") if c.offense else None
        if barred and not question:
            b.why("pc1203_4a.excluded", c.offense.cite_for("excluded_1203_4a_d"), count=c.label,
                  offense=c.offense.description)
            excluded.append(c)
            continue
        if question and (barred or not c.offense.verify_flags):
            b.review("pc1203_4a.open_question", c.offense.cite_for("excluded_1203_4a_d"), count=c.label,
                     question=question)
        eligible.append(c)
    if not eligible:
        if all(_vehicle_code_infraction(c) for c in excluded):
            b.block("VEHICLE_CODE_42001_INFRACTION", "pc1203_4a.vehicle_code_infraction",
                    pc("1203.4a", "(d)"))
        else:
            b.block("EXCLUDED_OFFENSE_1203_4A_D", "pc1203_4a.all_excluded", pc("1203.4a", "(d)"))
        return []
    for label in unknown_offenses(eligible):
        b.review("pc1203_4a.not_in_table", pc("1203.4a", "(d)"), count=label)
    return eligible


def _vehicle_code_infraction(c: CountFacts) -> bool:
    """An infraction of the Vehicle Code (Veh. Code § 42001); never a misdemeanor."""
    return c.level is Level.infraction and c.offense is not None and c.offense.code == "VC"


def _one_year(b: Builder, case: Case, as_of: date) -> None:
    """The year runs from pronouncement of judgment, not from the end of the sentence."""
    cite = pc("1203.4a", "(a)")
    judged = case.judgment_date or case.conviction_date
    if judged is None:
        b.review("pc1203_4a.judgment_date_unknown", cite, field="cases[].judgment_date")
        return
    if case.judgment_date is None:
        b.review("pc1203_4a.judgment_date_assumed", cite, field="cases[].judgment_date")
    b.wait(judged, WAIT_1203_4A, "since.judgment", as_of)


def _sentence_performed(b: Builder, case: Case) -> None:
    cite = pc("1203.4a", "(a)")
    done = case.sentence.completed if case.sentence else None
    if done is False:
        b.block("SENTENCE_NOT_PERFORMED", "pc1203_4a.sentence_not_performed", cite, temporary=True)
    elif done is None:
        b.review("pc1203_4a.sentence_performed_unknown", cite, field="cases[].sentence.completed")


def _honest_and_upright(b: Builder, case: Case) -> None:
    new = case.new_conviction_since_judgment
    if new is False:
        b.why("pc1203_4a.honest_and_upright", pc("1203.4a", "(a)"))
    elif new:
        b.discretionary("NEW_CONVICTION_SINCE_JUDGMENT", "pc1203_4a.new_conviction", pc("1203.4a", "(b)"))
    else:
        b.review("pc1203_4a.new_conviction_unknown", pc("1203.4a", "(a)"),
                 field="cases[].new_conviction_since_judgment")


def _infraction_procedure(b: Builder, counts: list[CountFacts]) -> None:
    if any(c.level is Level.infraction for c in counts):
        b.why("pc1203_4a.infraction_procedure", pc("1203.4a", "(f)"))
