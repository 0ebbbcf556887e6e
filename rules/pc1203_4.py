"""Pen. Code § 1203.4 — dismissal after probation.

(a)(1): a defendant who "has fulfilled the conditions of probation for the entire period of
probation, or has been discharged prior to the termination of the period of probation" shall be
permitted to withdraw the plea and have the case dismissed (mandatory); "in any other case" the
court may grant relief "in its discretion and the interest of justice" (discretionary). Only if the
person "is not then serving a sentence for any offense, on probation for any offense, or charged
with the commission of any offense".
(b): not available for the listed sex offenses, felony 261.5(d), Veh. Code 42002.1 misdemeanors,
or an infraction.
(c)(1): subdivision (a) "does not apply to a person who receives a notice to appear or is otherwise
charged with a violation of an offense described in subdivisions (a) to (e), inclusive, of Section
12810 of the Vehicle Code"; (c)(2): a defendant "convicted of a violation listed in paragraph (1)"
may be granted relief "in its discretion and in the interest of justice".
(c)(3)(A): an unfulfilled restitution order is no ground for denial. An unpaid fine that was a
condition of probation means the conditions were not fulfilled (People v. Chandler (1988) 203
Cal.App.3d 782); one that was not a condition does not (People v. Bradus (2007) 149 Cal.App.4th 636).
A prison term executed, directly or on revocation, takes the case out of § 1203.4 (People v. Borja
(1980) 110 Cal.App.3d 378); § 1203.41 is the route.
"""

from __future__ import annotations

from datetime import date

from assembler.profile.model import Case, Level, ProbationOutcome, Profile
from rules.decision import Builder, Decision, pc
from rules.facts import (CountFacts, ab1950_cap_end, ab1950_victim_unknown, convicted, every_charge,
                         highest_level, jail_1170h_term_executed, prison_term_executed, probation_end,
                         probation_running, unknown_offenses)
from rules.gates import apply_dismissal_gates
from rules.granted import already_granted
from rules.lawdates import day_after

REMEDY = "1203.4"
FORMS = ("CR-180", "CR-181")
BORJA = "People v. Borja (1980) 110 Cal.App.3d 378"
# The code spelled in parts: the offense-literal check (tests/test_rules_use_the_offense_table.py) reads
# a string starting "VC" and a digit as a Vehicle Code section.
VC12810_OFFENSE = "VC12810_OFFENSE"
CHANDLER = "People v. Chandler (1988) 203 Cal.App.3d 782"
BRADUS = "People v. Bradus (2007) 149 Cal.App.4th 636"


def applies(profile: Profile, case: Case, as_of: date) -> bool:
    """Probation was granted on a conviction."""
    return bool(case.convicted_counts and case.sentence and case.sentence.probation)


def decide(profile: Profile, case: Case, as_of: date) -> Decision:
    b = Builder(REMEDY, FORMS)
    b.why("pc1203_4.probation_granted", pc("1203.4", "(a)(1)"))
    if already_granted(b, case, REMEDY, pc("1203.4", "(a)(1)")) or _prison_term(b, case):
        return b.finish(as_of)
    eligible = _exclusions(b, convicted(case))
    if not eligible:
        return b.finish(as_of)
    convicted_12810, charged_12810 = _vehicle_code_12810(case)
    of_right = not (convicted_12810 or charged_12810)
    _timing(b, case, as_of)
    apply_dismissal_gates(b, profile, case, as_of, pc("1203.4", "(a)(1)"))
    _route(b, case, of_right)
    if of_right:
        _fines(b, case)
        _unknown_charges(b, case)
    _vehicle_code(b, convicted_12810, charged_12810)
    _restitution(b, case)
    return b.finish(as_of)


def _index(case: Case, c: CountFacts) -> str:
    if any(x is c.count for x in case.counts):
        return f"cases[].counts[{next(i for i, x in enumerate(case.counts) if x is c.count)}]"
    return f"cases[].arrest.offenses[{next(i for i, x in enumerate(case.arrest.offenses) if x is c.count)}]"


def _prison_term(b: Builder, case: Case) -> bool:
    """A prison term executed ends the § 1203.4 route; an executed § 1170(h) term leaves it open to doubt."""
    executed = prison_term_executed(case)
    if executed:
        b.block("STATE_PRISON_SENTENCE", "pc1203_4.prison_executed", f"{pc('1203.4', '(a)(1)')}; {BORJA}")
        b.why("pc1203_4.to_1203_41", pc("1203.41", "(a)(1)"))
        return True
    if executed is None:
        b.review("pc1203_4.prison_executed_unknown", f"{pc('1203.4', '(a)(1)')}; {BORJA}",
                 field="cases[].sentence.state_prison.committed_on")
    elif jail_1170h_term_executed(case):
        b.unsettled("pc1203_4.jail_1170h_executed", f"{pc('1203.4', '(a)(1)')}; {BORJA}")
        b.why("pc1203_4.to_1203_41", pc("1203.41", "(a)(1)"))
    return False


def _exclusions(b: Builder, counts: list[CountFacts]) -> list[CountFacts]:
    """Drop the counts § 1203.4(b) excludes; block when none is left."""
    eligible = []
    for c in counts:
        level = c.level
        excluded = bool(c.offense and level and level.value in c.offense.excluded_1203_4b)
        question = c.offense.open_question("excluded_1203_4b") if c.offense else None
        if level is Level.infraction:
            b.why("pc1203_4.infraction", pc("1203.4", "(b)"), count=c.label)
            continue
        if _felony_only(c):
            if c.count.reduced_under_17b:
                b.unsettled("pc1203_4.reduced_17b", c.offense.cite_for("excluded_1203_4b"), count=c.label)
            question = None  # a felony-only exclusion's open question is the § 17(b) one, asked above
        if excluded and not question:
            b.why("pc1203_4.excluded", c.offense.cite_for("excluded_1203_4b"), count=c.label,
                  offense=c.offense.description)
            continue
        if question and (excluded or not c.offense.verify_flags):
            b.review("pc1203_4.open_question", c.offense.cite_for("excluded_1203_4b"), count=c.label,
                     question=question)
        eligible.append(c)
    if not eligible:
        code = ("INFRACTION_EXCLUDED_1203_4B" if all(c.level is Level.infraction for c in counts)
                else "EXCLUDED_OFFENSE_1203_4B")
        b.block(code, "pc1203_4.all_excluded", pc("1203.4", "(b)"))
        return []
    for label in unknown_offenses(eligible):
        b.review("pc1203_4.not_in_table", pc("1203.4", "(b)"), count=label)
    return eligible


def _felony_only(c: CountFacts) -> bool:
    """§ 1203.4(b) excludes the offense only as a felony (e.g. "a felony conviction pursuant to ...")."""
    return bool(c.offense and c.offense.excluded_1203_4b == [Level.felony.value])


def _timing(b: Builder, case: Case, as_of: date) -> None:
    """Relief is available "at any time after the termination of the period of probation"."""
    running = probation_running(case, as_of)
    end = probation_end(case)
    if running:
        until = day_after(end) if end else None
        key, when = ("pc1203_4.on_probation_until", {"end": end}) if end else ("pc1203_4.on_probation", {})
        b.block("ON_PROBATION", key, pc("1203.4", "(a)(1)"), until=until, temporary=until is None, **when)
        _ab1950(b, case, as_of)
    elif running is None:
        b.review("pc1203_4.probation_end_unknown", pc("1203.4", "(a)(1)"),
                 field="cases[].sentence.probation.scheduled_end")


def _ab1950(b: Builder, case: Case, as_of: date) -> None:
    """AB 1950 capped probation granted before 2021 (if the case was not yet final), only where no
    offense sets its own length; ask about a victim only when the cap would change the answer."""
    capped = ab1950_cap_end(case, as_of)
    if capped is None:
        return
    felony = highest_level(convicted(case)) is Level.felony
    cite = pc("1203.1", "(a)") if felony else pc("1203a", "(a)")
    b.review("pc1203_4.ab1950_cap", cite, capped=capped)
    for c in ab1950_victim_unknown(case):
        b.review("pc1203_4.ab1950_victim", pc("1203.097", "(a)(1)"),
                 field=f"{_index(case, c)}.victim_relationship", count=c.label)


def _route(b: Builder, case: Case, of_right: bool) -> None:
    """Fulfilment or early discharge → "shall"; "in any other case" → the court's discretion. Where
    § 1203.4(c) makes relief discretionary anyway, say what happened without promising a "shall"."""
    p = case.sentence.probation
    cite = pc("1203.4", "(a)(1)")
    must = "_must_grant" if of_right else ""
    if p.outcome is ProbationOutcome.terminated_early:
        b.why(f"pc1203_4.discharged_early{must}", cite)
    elif p.outcome in (ProbationOutcome.revoked, ProbationOutcome.violated_reinstated) or p.violations:
        b.discretionary("PROBATION_VIOLATION", "pc1203_4.violated", cite)
    elif p.outcome is ProbationOutcome.completed and p.violations is False:
        b.why(f"pc1203_4.fulfilled{must}", cite)
    elif p.outcome is ProbationOutcome.ongoing:
        if of_right:
            b.why("pc1203_4.mandatory_once_ended", cite)
    elif of_right:
        b.review("pc1203_4.violations_unknown", cite, field="cases[].sentence.probation.violations")


def _vehicle_code_12810(case: Case) -> tuple[list[CountFacts], list[CountFacts]]:
    """The Veh. Code § 12810(a)-(e) offenses of the case: convicted, and only charged (dismissed,
    acquitted or never filed counts, and arrest offenses)."""
    listed = [c for c in every_charge(case) if c.offense and c.offense.vc_12810]
    convictions = [c for c in listed if _is_conviction(case, c)]
    charged = [c for c in listed if not _is_conviction(case, c)]
    return convictions, charged


def _is_conviction(case: Case, c: CountFacts) -> bool:
    return any(c.count is x for x in case.convicted_counts)


def _vehicle_code(b: Builder, convictions: list[CountFacts], charged: list[CountFacts]) -> None:
    """§ 1203.4(c)(1) turns on the charge: every count (dismissed ones too) and every arrest offense."""
    for c in convictions:
        b.discretionary(VC12810_OFFENSE, "pc1203_4.vc12810_convicted", pc("1203.4", "(c)(1)"), count=c.label)
        b.why("pc1203_4.vc12810_court_may", c.offense.cite_for("vc_12810") + "; " + str(pc("1203.4", "(c)(2)")))
    if convictions or not charged:
        return
    labels = sorted({c.label for c in charged})
    b.discretionary(VC12810_OFFENSE, "pc1203_4.vc12810_charged", pc("1203.4", "(c)(1)"), counts=labels)
    b.unsettled("pc1203_4.vc12810_only_charged", pc("1203.4", "(c)(2)"), counts=labels)


def _unknown_charges(b: Builder, case: Case) -> None:
    """A charge or arrest offense not in the table might be a Veh. Code § 12810 offense: ask only when
    the answer would otherwise be mandatory."""
    unknown = sorted({c.label for c in every_charge(case) if c.offense is None and not _is_conviction(case, c)})
    if unknown and not b.discretion:
        b.review("pc1203_4.charge_not_in_table", pc("1203.4", "(c)(1)"), counts=unknown)


def _fines(b: Builder, case: Case) -> None:
    """Unpaid fines defeat the mandatory route only when paying them was a condition of probation (the
    question is asked only while the route could still be mandatory)."""
    s = case.sentence
    p = s.probation
    if s.fines_paid is not False or p.outcome is ProbationOutcome.terminated_early:
        return
    condition = s.fines_condition_of_probation
    if p.outcome is ProbationOutcome.ongoing and condition is not False:
        b.why("pc1203_4.fines_unpaid_ongoing", f"{pc('1203.4', '(a)(1)')}; {CHANDLER}")
        if condition is None and not b.discretion:
            b.review("pc1203_4.fines_condition_unknown_ongoing", f"{pc('1203.4', '(a)(1)')}; {CHANDLER}",
                     field="cases[].sentence.fines_condition_of_probation")
        return
    if condition:
        b.discretionary("CONDITION_NOT_FULFILLED", "pc1203_4.fines_condition", f"{pc('1203.4', '(a)(1)')}; {CHANDLER}")
    elif condition is False:
        b.why("pc1203_4.fines_not_condition", f"{pc('1203.4', '(a)(1)')}; {BRADUS}")
    elif not b.discretion:
        b.review("pc1203_4.fines_condition_unknown", f"{pc('1203.4', '(a)(1)')}; {CHANDLER}; {BRADUS}",
                 field="cases[].sentence.fines_condition_of_probation")


def _restitution(b: Builder, case: Case) -> None:
    if case.sentence.restitution == "unpaid":
        b.why("pc1203_4.restitution", pc("1203.4", "(c)(3)(A)"))
