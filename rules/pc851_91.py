"""Pen. Code § 851.91 — sealing an arrest that did not result in a conviction (CR-409 / CR-410).

(a)(1): eligible if (A) "The statute of limitations has run on every offense upon which the arrest was
based and the prosecuting attorney ... has not filed an accusatory pleading based on the arrest", or (B)
a pleading was filed but, "with respect to all charges": (i) no conviction, dismissed, and "may not be
refiled", (ii) acquitted, or (iii) a conviction vacated or reversed, appeals exhausted, not refileable.
(a)(2): not eligible if (A) "He or she may still be charged with any of the offenses upon which the arrest
was based" — every arrest offense, charged or not — or (B) any of them has no statute of limitations,
unless acquitted or found factually innocent; (C)-(D) intentional evasion. (c): a matter of right,
unless the arrest involved domestic violence, child or elder abuse and the person has a pattern of it —
then in the interests of justice. One petition per arrest; serve the prosecutor and the arresting agency.

Limitation periods run "after commission of the offense" (§§ 801, 802(a)); the last day is the
anniversary (Code Civ. Proc. § 12), so a person "may still be charged" through it and can petition the
day after. § 803(d): time out of the state, "up to a maximum of three years", is not part of the period;
§ 803(b): nor is time a prosecution for the same conduct was pending in court.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from assembler.profile import Case, Count, Disposition, Profile
from rules.decision import Builder, Cite, Decision, pc
from rules.facts import CountFacts, has_conviction
from rules.granted import already_granted
from rules.lawdates import PC_851_91_ENACTED, latest_tolled_run, limitation_runs
from rules.offenses import lookup, normalize_code, normalize_section

REMEDY = "851.91"
FORMS = ("CR-409", "CR-410")
_CLOSED = {Disposition.acquitted, Disposition.diversion_completed}


@dataclass(frozen=True)
class Charge:
    """One offense the arrest was based on, with how it ended and where the profile keeps it."""

    facts: CountFacts
    disposition: Disposition
    field: str  # "cases[].counts[N]" or "cases[].arrest.offenses[N]"
    offense_date: date | None

    @property
    def label(self) -> str:
        return self.facts.label

    @property
    def count(self) -> Count:
        return self.facts.count


def applies(case: Case) -> bool:
    return case.jurisdiction == "california" and not has_conviction(case) and not any(
        c.disposition is Disposition.dej_completed for c in case.counts)


def arrest_charges(case: Case) -> list[Charge]:
    """Every offense the arrest was based on: the counts filed in court, then each arrest offense that is
    not among them. A count decides its offense's outcome; an arrest offense that was not filed is "never
    filed" unless its own disposition says how it ended (a conviction cannot: it would be a count)."""
    arrest = case.arrest.offenses if case.arrest else []
    charges: list[Charge] = []
    filed = {_key(c) for c in case.counts}
    for i, c in enumerate(case.counts):
        same = next((a for a in arrest if _key(a) == _key(c)), None)
        when = c.offense_date or (same.offense_date if same else None)
        charges.append(_charge(c, c.disposition, f"cases[].counts[{i}]", when))
    seen: set[str] = set()
    for i, c in enumerate(arrest):
        key = _key(c)
        if key in filed or key in seen:
            continue
        seen.add(key)
        disposition = Disposition.never_filed if c.disposition.is_conviction else c.disposition
        charges.append(_charge(c, disposition, f"cases[].arrest.offenses[{i}]", c.offense_date))
    return charges


def _charge(c: Count, disposition: Disposition, field: str, when: date | None) -> Charge:
    return Charge(CountFacts(c, lookup(c.code, c.section)), disposition, field, when)


def _key(c: Count) -> str:
    offense = lookup(c.code, c.section)
    return offense.key if offense else f"{normalize_code(c.code)} {normalize_section(c.section)}"


def decide(profile: Profile, case: Case, as_of: date) -> Decision:
    b = Builder(REMEDY, FORMS)
    if as_of < PC_851_91_ENACTED:
        b.block("OFFENSE_NOT_COVERED", "Section 851.91 took effect on Jan. 1, 2018.", pc("851.91"))
        return b.finish(as_of)
    if already_granted(b, case, REMEDY, pc("851.91", "(a)(1)")):
        return b.finish(as_of)
    charges = arrest_charges(case)
    pleading_filed = any(ch.disposition is not Disposition.never_filed for ch in charges)
    for ch in charges:
        _offense(b, case, ch, as_of, pleading_filed)
    _evasion(b, case)
    _matter_of_right(b, case, [ch.facts for ch in charges])
    b.why("One petition is filed for each arrest, served on the prosecutor and the arresting agency at "
          "least 15 days before the hearing.", pc("851.91", "(b)"))
    return b.finish(as_of)


def _offense(b: Builder, case: Case, ch: Charge, as_of: date, pleading_filed: bool) -> None:
    d = ch.disposition
    if d is Disposition.unknown:
        b.review(f"How did {ch.label} end: was it never filed, dismissed, or did it end in a conviction or "
                 "acquittal? Your RAP sheet from the California DOJ or the court docket shows it.",
                 pc("851.91", "(a)(1)"), field=f"{ch.field}.disposition")
    elif d is Disposition.pending:
        b.block("SOL_OPEN", f"{ch.label} is still pending in court.", pc("851.91", "(a)(2)(A)"), temporary=True)
    elif d in _CLOSED:
        acquitted = d is Disposition.acquitted
        what = "you were acquitted" if acquitted else "you completed diversion and it was dismissed"
        b.why(f"{ch.label}: {what}, so it cannot be prosecuted again.",
              pc("851.91", "(a)(1)(B)(ii)" if acquitted else "(a)(1)(B)(i)"))
    elif d in (Disposition.dismissed, Disposition.conviction_vacated):
        _dismissed(b, case, ch, as_of)
    else:
        _never_filed(b, case, ch, as_of, pleading_filed)


def _dismissed(b: Builder, case: Case, ch: Charge, as_of: date) -> None:
    sub = "(a)(1)(B)(i)" if ch.disposition is Disposition.dismissed else "(a)(1)(B)(iii)"
    if ch.count.may_be_refiled is False:
        b.why(f"{ch.label} was dismissed and cannot be refiled.", pc("851.91", sub))
        return
    if ch.count.may_be_refiled is None:
        b.review(f"Can {ch.label} be refiled? Misdemeanors can usually be refiled once and felonies twice "
                 "(Pen. Code § 1387), and only within the statute of limitations.", pc("851.91", sub),
                 field=f"{ch.field}.may_be_refiled")
        return
    run = _limitation_runs(b, case, ch)
    if run is None:
        b.block("MAY_BE_REFILED", f"{ch.label} was dismissed but may still be refiled.", pc("851.91", "(a)(2)(A)"),
                temporary=True)
        return
    b.review(f"{ch.label} was dismissed and may be refiled. The time the case was pending in court does not "
             "count toward the statute of limitations, so the last day to refile is later than the period "
             "counted from the offense by that time; the court docket shows when the case was filed and "
             "dismissed.", pc("803", "(b)"))
    if as_of < run:
        b.block("MAY_BE_REFILED", f"{ch.label} was dismissed but may still be refiled, at least until "
                f"{_last_day(run).isoformat()}.", pc("851.91", "(a)(2)(A)"), until=run)
        _tolling_ahead(b, case)
    else:
        _tolling_behind(b, case, ch, as_of)


def _never_filed(b: Builder, case: Case, ch: Charge, as_of: date, pleading_filed: bool) -> None:
    offense = ch.facts.offense
    if offense and offense.no_limitation and not offense.open_question("no_limitation"):
        b.block("NO_SOL_OFFENSE", f"{ch.label} ({offense.description}) has no statute of limitations, so "
                "the arrest cannot be sealed unless you are acquitted or found factually innocent.",
                pc("851.91", "(a)(2)(B)"))
        return
    run = _limitation_runs(b, case, ch)
    if run is None:
        return
    question = offense.open_question("limitation_years", "no_limitation")
    if as_of < run:
        b.block("SOL_OPEN", f"No charge was filed for {ch.label}, but it could still be filed through "
                f"{_last_day(run).isoformat()}, the last day of the statute of limitations; you can petition "
                f"on or after {run.isoformat()}.", pc("851.91", "(a)(2)(A)"), until=run)
        _weekend(b, run)
        _tolling_ahead(b, case)
        if question:
            b.review(f"{ch.label}: {question} Until then it can certainly still be filed.",
                     offense.cite_for("limitation_years"))
        return
    if question:
        b.review(f"{ch.label}: {question}", offense.cite_for("limitation_years"))
        return
    sub = "(a)(2)(A)" if pleading_filed else "(a)(1)(A)"
    b.why(f"No charge was filed for {ch.label} and the statute of limitations ran at the end of "
          f"{_last_day(run).isoformat()}.", pc("851.91", sub))
    _tolling_behind(b, case, ch, as_of)


def _limitation_runs(b: Builder, case: Case, ch: Charge) -> date | None:
    """The first day no complaint may be filed, counted from the offense (not the arrest): the day after the
    anniversary (§§ 801, 802(a); Code Civ. Proc. § 12), later by the days out of state if known (§ 803(d))."""
    offense = ch.facts.offense
    if offense is None:
        b.review(f"What is the statute of limitations for {ch.label}? It is not in our offense table.",
                 pc("851.91", "(a)(2)(A)"))
        return None
    if offense.limitation_years is None:
        question = offense.open_question("limitation_years", "no_limitation")
        b.review(f"{ch.label}: {question or 'its statute of limitations is not a fixed number of years.'}",
                 offense.cite_for("limitation_years"))
        return None
    start = _start(case, ch)
    if start is not None and not (ch.offense_date or case.offense_date):
        b.why("The offense date is not given; the limitation period is counted from the arrest date.",
              offense.cite_for("limitation_years"))
    if start is None:
        b.review(f"When did the offense in {ch.label} happen? The statute of limitations runs from that date.",
                 pc("851.91", "(a)(2)(A)"), field="cases[].offense_date")
        return None
    run = limitation_runs(start, offense.limitation_years, case.days_out_of_state or 0)
    years = "one year" if offense.limitation_years == 1 else f"{offense.limitation_years} years"
    b.why(f"{ch.label}: a complaint must be filed within {years} of the offense ({start.isoformat()}); the "
          f"last day is the anniversary, counted in full.", offense.cite_for("limitation_years"))
    return run


def _start(case: Case, ch: Charge) -> date | None:
    """The limitation period runs from the offense; failing its date, from the arrest."""
    return ch.offense_date or case.offense_date or (case.arrest.date if case.arrest else None)


def _last_day(run: date) -> date:
    return run - timedelta(days=1)


def _weekend(b: Builder, run: date) -> None:
    last = _last_day(run)
    if last.weekday() >= 5:
        b.why(f"The last day, {last.isoformat()}, is a {last.strftime('%A')}. If that deadline carries over to "
              "the next court day, filing a day later than the date given here is safer.",
              Cite("12a", "(a)", "Code Civ. Proc."))


def _tolling_ahead(b: Builder, case: Case) -> None:
    days = case.days_out_of_state
    if days:
        b.why(f"The date includes the {days} days you spent outside California (at most three years count).",
              pc("803", "(d)"))
    elif days is None:
        b.why("Any time you spent outside California since the offense (up to three years) would make the "
              "date later.", pc("803", "(d)"))


def _tolling_behind(b: Builder, case: Case, ch: Charge, as_of: date) -> None:
    """The period ran on the date counted without tolling; unknown time out of state may still matter."""
    days = case.days_out_of_state
    if days is not None:
        if days:
            b.why(f"That date includes the {days} days you spent outside California (at most three years "
                  "count).", pc("803", "(d)"))
        return
    latest = latest_tolled_run(_start(case, ch), ch.facts.offense.limitation_years)
    if as_of < latest:
        b.review("How many days have you spent outside California since the offense? Up to three years of "
                 f"time out of state is added to the statute of limitations, so {ch.label} could still be "
                 f"charged until as late as {_last_day(latest).isoformat()}.", pc("803", "(d)"),
                 field="cases[].days_out_of_state")
    else:
        b.why(f"The limitation period for {ch.label} ran more than three years ago, so time spent outside "
              "California (which counts for at most three years) cannot matter.", pc("803", "(d)"))


def _evasion(b: Builder, case: Case) -> None:
    evaded = case.arrest.evaded_prosecution if case.arrest else False
    if evaded:
        b.block("OFFENSE_NOT_COVERED", "Intentionally evading prosecution (absconding or using a false "
                "identity) bars sealing. Bench warrants or missed court dates before the case closed do "
                "not count as evasion.", pc("851.91", "(a)(2)(C)"))
    elif evaded is None:
        b.review("Did you leave the state or use another identity to avoid the case? (Missed court dates "
                 "before the case closed do not count.)", pc("851.91", "(a)(2)(C)"),
                 field="cases[].arrest.evaded_prosecution")


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
                 "other? If so, sealing is discretionary.", pc("851.91", "(c)"),
                 field="cases[].dv_child_elder_pattern")
    else:
        b.why("The arrest involved domestic violence, child or elder abuse, but there is no pattern, so "
              "sealing is a matter of right.", pc("851.91", "(c)"))
