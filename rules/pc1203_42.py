"""Pen. Code § 1203.42 — state prison before Realignment for a crime now served in county jail.

(a)(1): "If a defendant was sentenced prior to the implementation of the 2011 Realignment
Legislation for a crime for which the defendant would otherwise have been eligible for sentencing
pursuant to subdivision (h) of Section 1170, the court, in its discretion and in the interest of
justice, may order" relief. (a)(2): "only after the lapse of two years following the defendant's
completion of the sentence". (a)(3): not under supervised release, not serving a sentence for, on
probation for, or charged with any offense.
"""

from __future__ import annotations

from datetime import date

from assembler.profile import Case, Level, Profile
from rules.decision import Builder, Decision, pc
from rules.facts import convicted, sentenced_to_prison
from rules.gates import apply_dismissal_gates
from rules.lawdates import PC_1203_42_ENACTED, REALIGNMENT

REMEDY = "1203.42"
FORMS = ("CR-180", "CR-181")


def applies(case: Case) -> bool:
    if not sentenced_to_prison(case) or not any(c.level is Level.felony for c in convicted(case)):
        return False
    sentenced = case.sentence.state_prison.sentenced_on or case.judgment_date
    return sentenced is None or sentenced < REALIGNMENT


def decide(profile: Profile, case: Case, as_of: date) -> Decision:
    b = Builder(REMEDY, FORMS)
    cite = pc("1203.42", "(a)(1)")
    b.discretionary("STATUTE_DISCRETIONARY", "Dismissal under § 1203.42 is up to the court, in the "
                    "interest of justice.", cite)
    if as_of < PC_1203_42_ENACTED:
        b.block("STATE_PRISON_SENTENCE", "Section 1203.42 took effect on Jan. 1, 2018.", cite)
        return b.finish(as_of)
    _sentenced_before_realignment(b, case)
    _offense_now_1170h(b, case)
    _wait(b, case, as_of)
    apply_dismissal_gates(b, profile, case, as_of, pc("1203.42", "(a)(3)"))
    return b.finish(as_of)


def _sentenced_before_realignment(b: Builder, case: Case) -> None:
    sentenced = case.sentence.state_prison.sentenced_on or case.judgment_date
    if sentenced is None:
        b.review("When were you sentenced to prison? Section 1203.42 covers sentences before "
                 "Oct. 1, 2011.", pc("1203.42", "(a)(1)"))
    else:
        b.why(f"You were sentenced on {sentenced.isoformat()}, before Realignment (Oct. 1, 2011).",
              pc("1203.42", "(a)(1)"))


def _offense_now_1170h(b: Builder, case: Case) -> None:
    for c in (c for c in convicted(case) if c.level is Level.felony):
        if c.offense is None:
            b.review(f"{c.label} is not in our offense table: would it be served in county jail under "
                     "§ 1170(h) today?", pc("1170", "(h)"))
        elif not c.offense.jail_1170h:
            b.block("NOT_1170H_ELIGIBLE_OFFENSE", f"{c.label} ({c.offense.description}) would still be a "
                    "state prison offense today, so § 1203.42 does not reach it.", pc("1203.42", "(a)(1)"))
        else:
            question = c.offense.open_question("jail_1170h")
            if question:
                b.review(f"{c.label}: {question}", c.offense.cite)
            b.why(f"{c.label} would be served in county jail under § 1170(h) today.",
                  c.offense.cite_for("jail_1170h"))


def _wait(b: Builder, case: Case, as_of: date) -> None:
    prison = case.sentence.state_prison
    done = prison.parole_discharge_date or case.sentence.completed_on
    cite = pc("1203.42", "(a)(2)")
    if done is None:
        b.review("When did you complete the prison sentence, including parole? The petition can be "
                 "filed two years after.", cite)
        return
    b.wait(done, 2, "you completed the sentence", cite, as_of)
