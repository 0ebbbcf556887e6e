"""Pen. Code § 1203.4 — dismissal after probation.

(a)(1): a defendant who "has fulfilled the conditions of probation for the entire period of
probation, or has been discharged prior to the termination of the period of probation" shall be
permitted to withdraw the plea and have the case dismissed (mandatory); "in any other case" the
court may grant relief "in its discretion and the interest of justice" (discretionary).
(b): not available for the listed sex offenses, felony 261.5(d), Veh. Code 42002.1 misdemeanors,
or an infraction. (c)(1)-(2): Veh. Code 12810(a)-(e) offenses only in the court's discretion.
(c)(3)(A): an unfulfilled restitution order is no ground for denial.
"""

from __future__ import annotations

from datetime import date

from assembler.profile import Case, Level, ProbationOutcome, Profile
from rules.decision import Builder, Decision, pc
from rules.facts import (CountFacts, ab1950_cap_end, convicted, probation_end, probation_running,
                         unknown_offenses)
from rules.gates import apply_dismissal_gates
from rules.lawdates import day_after

REMEDY = "1203.4"
FORMS = ("CR-180", "CR-181")


def applies(case: Case) -> bool:
    """Probation was granted on a conviction."""
    return bool(case.convicted_counts and case.sentence and case.sentence.probation)


def decide(profile: Profile, case: Case, as_of: date) -> Decision:
    b = Builder(REMEDY, FORMS)
    b.why("Probation was granted in this case, so § 1203.4 is the dismissal statute.", pc("1203.4", "(a)(1)"))
    counts = convicted(case)
    eligible = _exclusions(b, counts)
    if not eligible:
        return b.finish(as_of)
    _timing(b, case, as_of)
    apply_dismissal_gates(b, profile, case, as_of, pc("1203.4", "(a)(1)"))
    _route(b, case)
    _vehicle_code(b, eligible)
    _restitution(b, case)
    return b.finish(as_of)


def _exclusions(b: Builder, counts: list[CountFacts]) -> list[CountFacts]:
    """Drop the counts § 1203.4(b) excludes; block when none is left."""
    eligible = []
    for c in counts:
        level = c.level
        if level is Level.infraction:
            b.why(f"{c.label} is an infraction: § 1203.4 does not apply to infractions; "
                  "§ 1203.4a does.", pc("1203.4", "(b)"))
            continue
        if c.offense and level and level.value in c.offense.excluded_1203_4b:
            b.why(f"{c.label} ({c.offense.description}) is excluded from § 1203.4 and stays on the "
                  "record.", c.offense.cite_for("excluded_1203_4b"))
            continue
        eligible.append(c)
    if not eligible:
        code = ("INFRACTION_EXCLUDED_1203_4B" if all(c.level is Level.infraction for c in counts)
                else "EXCLUDED_OFFENSE_1203_4B")
        b.block(code, "Every conviction in this case is excluded from § 1203.4.", pc("1203.4", "(b)"))
        return []
    for label in unknown_offenses(eligible):
        b.review(f"{label} is not in our offense table: check that § 1203.4(b) does not exclude it.",
                 pc("1203.4", "(b)"))
    for c in eligible:
        if c.offense and c.offense.key == "PC 261.5(d)" and c.count.reduced_under_17b:
            b.unsettled("Whether a felony 261.5(d) reduced under § 17(b) escapes the § 1203.4(b) "
                     "exclusion is unsettled.", pc("1203.4", "(b)"))
        question = c.offense.open_question("excluded_1203_4b", "vc_12810") if c.offense else None
        if question:
            b.review(f"{c.label}: {question}", c.offense.cite)
    return eligible


def _timing(b: Builder, case: Case, as_of: date) -> None:
    """Relief is available "at any time after the termination of the period of probation"."""
    running = probation_running(case, as_of)
    end = probation_end(case)
    if running:
        until = day_after(end) if end else None
        when = f" (scheduled to end {end.isoformat()})" if end else ""
        b.block("ON_PROBATION", f"Probation in this case has not ended{when}. You can ask the court to "
                "end it early (§ 1203.3); an early discharge makes the dismissal mandatory.",
                pc("1203.4", "(a)(1)"), until=until, temporary=until is None)
        capped = ab1950_cap_end(case, as_of)
        if capped is not None:
            b.review(f"AB 1950 capped most probation terms from Jan. 1, 2021; yours may have ended on "
                     f"{capped.isoformat()}. Whether the cap applies to your case depends on when it became "
                     "final: ask the court or a lawyer.", pc("1203.1", "(a)"))
    elif running is None:
        b.review("When did (or will) probation end? The petition can be filed only after it ends.",
                 pc("1203.4", "(a)(1)"))


def _route(b: Builder, case: Case) -> None:
    p = case.sentence.probation
    cite = pc("1203.4", "(a)(1)")
    if p.outcome is ProbationOutcome.terminated_early:
        b.why("You were discharged from probation early, so the court must grant the dismissal.", cite)
    elif p.outcome in (ProbationOutcome.revoked, ProbationOutcome.violated_reinstated) or p.violations:
        b.discretionary("PROBATION_VIOLATION", "Probation was violated (or revoked) at some point, so "
                        "the court may grant the dismissal in the interest of justice but does not "
                        "have to. A declaration about your life since then helps.", cite)
    elif p.outcome is ProbationOutcome.completed and p.violations is False:
        b.why("You fulfilled the conditions of probation for the entire period, so the court must "
              "grant the dismissal. What happened after probation ended does not matter.", cite)
    elif p.outcome is ProbationOutcome.ongoing:
        b.why("Once probation ends without a violation, the dismissal is mandatory.", cite)
    else:
        b.review("Did you complete probation with no violation at all? With none, the court must "
                 "grant the dismissal; with any, it may.", cite)


def _vehicle_code(b: Builder, counts: list[CountFacts]) -> None:
    for c in counts:
        if c.offense and c.offense.vc_12810:
            b.discretionary("VC12810_OFFENSE", f"{c.label} is a Vehicle Code offense listed in Veh. Code "
                            "§ 12810(a)-(e), so even with perfect probation the dismissal is up to the "
                            "court.", pc("1203.4", "(c)(1)"))


def _restitution(b: Builder, case: Case) -> None:
    if case.sentence.restitution == "unpaid":
        b.why("Unpaid restitution is not a reason to deny the petition.", pc("1203.4", "(c)(3)(A)"))
