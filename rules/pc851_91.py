"""Pen. Code § 851.91 — sealing an arrest that did not result in a conviction (CR-409 / CR-410).

(a)(1): eligible if (A) the statute of limitations has run on every offense the arrest was based on
and no accusatory pleading was filed, or (B) with respect to all charges: (i) dismissed and may not
be refiled, (ii) acquitted, or (iii) a conviction vacated or reversed, appeals exhausted, and not
refileable. (a)(2): not eligible if (A) the person may still be charged with any arrest offense, or
(B) any arrest offense has no statute of limitations, unless acquitted or found factually
innocent; (C)-(D) intentional evasion. (c): a matter of right, unless the arrest involved domestic
violence, child or elder abuse and the person has a pattern of it — then in the interests of
justice. One petition per arrest; serve the prosecutor and the arresting agency.
"""

from __future__ import annotations

from datetime import date

from assembler.profile import Case, Disposition, Profile
from rules.decision import Builder, Decision, pc
from rules.facts import CountFacts, arrest_offenses, has_conviction
from rules.lawdates import PC_851_91_ENACTED, add_years

REMEDY = "851.91"
FORMS = ("CR-409", "CR-410")
_CLOSED = {Disposition.acquitted, Disposition.diversion_completed}


def applies(case: Case) -> bool:
    return case.jurisdiction == "california" and not has_conviction(case) and not any(
        c.disposition is Disposition.dej_completed for c in case.counts)


def decide(profile: Profile, case: Case, as_of: date) -> Decision:
    b = Builder(REMEDY, FORMS)
    if as_of < PC_851_91_ENACTED:
        b.block("OFFENSE_NOT_COVERED", "Section 851.91 took effect on Jan. 1, 2018.", pc("851.91"))
        return b.finish(as_of)
    offenses = arrest_offenses(case)
    for c in offenses:
        _offense(b, case, c, as_of)
    _evasion(b, case)
    _matter_of_right(b, case, offenses)
    b.why("One petition is filed for each arrest, served on the prosecutor and the arresting agency at "
          "least 15 days before the hearing.", pc("851.91", "(b)"))
    return b.finish(as_of)


def _offense(b: Builder, case: Case, c: CountFacts, as_of: date) -> None:
    d = c.count.disposition
    if d is Disposition.unknown:
        b.review(f"How did {c.label} end: was it never filed, dismissed, or did it end in a conviction or "
                 "acquittal? Your RAP sheet from the California DOJ or the court docket shows it.",
                 pc("851.91", "(a)(1)"))
    elif d is Disposition.pending:
        b.block("SOL_OPEN", f"{c.label} is still pending in court.", pc("851.91", "(a)(2)(A)"), temporary=True)
    elif d in _CLOSED:
        what = "acquitted" if d is Disposition.acquitted else "completed diversion and the charge was dismissed"
        b.why(f"{c.label}: you were {what}, so it cannot be prosecuted again.", pc("851.91", "(a)(1)(B)"))
    elif d in (Disposition.dismissed, Disposition.conviction_vacated):
        _dismissed(b, case, c, as_of)
    else:
        _never_filed(b, case, c, as_of)


def _dismissed(b: Builder, case: Case, c: CountFacts, as_of: date) -> None:
    sub = "(a)(1)(B)(i)" if c.count.disposition is Disposition.dismissed else "(a)(1)(B)(iii)"
    if c.count.may_be_refiled is False:
        b.why(f"{c.label} was dismissed and cannot be refiled.", pc("851.91", sub))
        return
    if c.count.may_be_refiled is None:
        b.review(f"Can {c.label} be refiled? Misdemeanors can usually be refiled once and felonies twice "
                 "(Pen. Code § 1387), and only within the statute of limitations.", pc("851.91", sub))
        return
    run = _limitation_ends(b, case, c)
    b.block("MAY_BE_REFILED", f"{c.label} was dismissed but may still be refiled.", pc("851.91", "(a)(2)(A)"),
            until=run, temporary=run is None)


def _never_filed(b: Builder, case: Case, c: CountFacts, as_of: date) -> None:
    if c.offense and c.offense.no_limitation:
        b.block("NO_SOL_OFFENSE", f"{c.label} ({c.offense.description}) has no statute of limitations, so "
                "the arrest cannot be sealed unless you are acquitted or found factually innocent.",
                pc("851.91", "(a)(2)(B)"))
        return
    run = _limitation_ends(b, case, c)
    if run is None:
        return
    if as_of < run:
        b.block("SOL_OPEN", f"No charge was filed for {c.label}, but it could still be filed until the "
                f"statute of limitations runs ({run.isoformat()}).", pc("851.91", "(a)(2)(A)"), until=run)
    else:
        b.why(f"No charge was filed for {c.label} and the statute of limitations ran on "
              f"{run.isoformat()} (assuming nothing paused it, such as time out of state, Pen. Code § 803).",
              pc("851.91", "(a)(1)(A)"))


def _limitation_ends(b: Builder, case: Case, c: CountFacts) -> date | None:
    """The day after the limitation period, counted from the offense (not the arrest)."""
    start = c.count.offense_date or case.offense_date or (case.arrest.date if case.arrest else None)
    if c.offense is None or c.offense.limitation_years is None:
        b.review(f"What is the statute of limitations for {c.label}? It is not in our offense table.",
                 pc("851.91", "(a)(2)(A)"))
        return None
    if start is None:
        b.review(f"When did the offense in {c.label} happen? The statute of limitations runs from that date.",
                 pc("851.91", "(a)(2)(A)"))
        return None
    question = c.offense.open_question("limitation_years")
    if question:
        b.review(f"{c.label}: {question}", c.offense.cite_for("limitation_years"))
    if c.count.offense_date is None and case.offense_date is None:
        b.why("The offense date is not given; the limitation period is counted from the arrest date.",
              c.offense.cite_for("limitation_years"))
    return add_years(start, c.offense.limitation_years)


def _evasion(b: Builder, case: Case) -> None:
    evaded = case.arrest.evaded_prosecution if case.arrest else False
    if evaded:
        b.block("OFFENSE_NOT_COVERED", "Intentionally evading prosecution (absconding or using a false "
                "identity) bars sealing. Bench warrants or missed court dates before the case closed do "
                "not count as evasion.", pc("851.91", "(a)(2)(C)"))
    elif evaded is None:
        b.review("Did you leave the state or use another identity to avoid the case? (Missed court dates "
                 "before the case closed do not count.)", pc("851.91", "(a)(2)(C)"))


def _matter_of_right(b: Builder, case: Case, offenses: list[CountFacts]) -> None:
    dv = [c for c in offenses if c.offense and c.offense.dv_child_elder]
    if not dv:
        b.why("Sealing is granted as a matter of right once the conditions are met.", pc("851.91", "(c)"))
        return
    pattern = case.dv_child_elder_pattern
    if pattern:
        b.discretionary("PATTERN_DV_CHILD_ELDER", "The arrest involved domestic violence, child or elder "
                        "abuse and you have a pattern of such arrests or convictions, so the court may seal "
                        "it only in the interests of justice.", pc("851.91", "(c)"))
    elif pattern is None:
        b.review("The arrest involved domestic violence, child or elder abuse. Do you have two or more "
                 "convictions, or five or more arrests, for such offenses within three years of each "
                 "other? If so, sealing is discretionary.", pc("851.91", "(c)"))
    else:
        b.why("The arrest involved domestic violence, child or elder abuse, but there is no pattern, so "
              "sealing is a matter of right.", pc("851.91", "(c)"))
