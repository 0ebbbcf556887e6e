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

from assembler.profile.model import Case, Count, Disposition, Profile
from rules import messages
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


def applies(profile: Profile, case: Case, as_of: date) -> bool:
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
        b.block("NOT_YET_IN_FORCE", "pc851_91.not_enacted", pc("851.91"))
        return b.finish(as_of)
    if already_granted(b, case, REMEDY, pc("851.91", "(a)(1)")):
        return b.finish(as_of)
    charges = arrest_charges(case)
    pleading_filed = any(ch.disposition is not Disposition.never_filed for ch in charges)
    for ch in charges:
        _offense(b, case, ch, as_of, pleading_filed)
    _evasion(b, case)
    _matter_of_right(b, case, [ch.facts for ch in charges])
    b.why("pc851_91.one_petition", pc("851.91", "(b)"))
    return b.finish(as_of)


def _offense(b: Builder, case: Case, ch: Charge, as_of: date, pleading_filed: bool) -> None:
    d = ch.disposition
    if d is Disposition.unknown:
        b.review("pc851_91.how_ended", pc("851.91", "(a)(1)"), field=f"{ch.field}.disposition", count=ch.label)
    elif d is Disposition.pending:
        b.block("SOL_OPEN", "pc851_91.pending", pc("851.91", "(a)(2)(A)"), temporary=True, count=ch.label)
    elif d in _CLOSED:
        acquitted = d is Disposition.acquitted
        b.why("pc851_91.acquitted" if acquitted else "pc851_91.diversion_done",
              pc("851.91", "(a)(1)(B)(ii)" if acquitted else "(a)(1)(B)(i)"), count=ch.label)
    elif d in (Disposition.dismissed, Disposition.conviction_vacated):
        _dismissed(b, case, ch, as_of)
    else:
        _never_filed(b, case, ch, as_of, pleading_filed)


def _dismissed(b: Builder, case: Case, ch: Charge, as_of: date) -> None:
    sub = "(a)(1)(B)(i)" if ch.disposition is Disposition.dismissed else "(a)(1)(B)(iii)"
    if ch.count.may_be_refiled is False:
        b.why("pc851_91.dismissed_final", pc("851.91", sub), count=ch.label)
        return
    if ch.count.may_be_refiled is None:
        b.review("pc851_91.can_refile", pc("851.91", sub), field=f"{ch.field}.may_be_refiled", count=ch.label)
        return
    run = _limitation_runs(b, case, ch)
    if run is None:
        b.block("MAY_BE_REFILED", "pc851_91.may_be_refiled", pc("851.91", "(a)(2)(A)"), temporary=True,
                count=ch.label)
        return
    b.review("pc851_91.pending_time", pc("803", "(b)"), count=ch.label)
    if as_of < run:
        b.block("MAY_BE_REFILED", "pc851_91.refile_until", pc("851.91", "(a)(2)(A)"), until=run, count=ch.label,
                last_day=_last_day(run))
        _tolling_ahead(b, case)
    else:
        _tolling_behind(b, case, ch, as_of)


def _never_filed(b: Builder, case: Case, ch: Charge, as_of: date, pleading_filed: bool) -> None:
    offense = ch.facts.offense
    if offense and offense.no_limitation and not offense.open_question("no_limitation"):
        b.block("NO_SOL_OFFENSE", "pc851_91.no_limitation", pc("851.91", "(a)(2)(B)"), count=ch.label,
                offense=offense.description)
        return
    run = _limitation_runs(b, case, ch)
    if run is None:
        return
    question = offense.open_question("limitation_years", "no_limitation")
    if as_of < run:
        b.block("SOL_OPEN", "pc851_91.could_be_filed", pc("851.91", "(a)(2)(A)"), until=run, count=ch.label,
                last_day=_last_day(run), run=run)
        _weekend(b, run)
        _tolling_ahead(b, case)
        if question:
            b.review("pc851_91.open_until_then", offense.cite_for("limitation_years"), count=ch.label,
                     question=question)
        return
    if question:
        b.review("pc851_91.open_question", offense.cite_for("limitation_years"), count=ch.label, question=question)
        return
    sub = "(a)(2)(A)" if pleading_filed else "(a)(1)(A)"
    b.why("pc851_91.limitation_ran", pc("851.91", sub), count=ch.label, last_day=_last_day(run))
    _tolling_behind(b, case, ch, as_of)


def _limitation_runs(b: Builder, case: Case, ch: Charge) -> date | None:
    """The first day no complaint may be filed, counted from the offense (not the arrest): the day after the
    anniversary (§§ 801, 802(a); Code Civ. Proc. § 12), later by the days out of state if known (§ 803(d))."""
    offense = ch.facts.offense
    if offense is None:
        b.review("pc851_91.limitation_unknown", pc("851.91", "(a)(2)(A)"), count=ch.label)
        return None
    if offense.limitation_years is None:
        question = offense.open_question("limitation_years", "no_limitation")
        if question:
            b.review("pc851_91.open_question", offense.cite_for("limitation_years"), count=ch.label,
                     question=question)
        else:
            b.review("pc851_91.limitation_not_fixed", offense.cite_for("limitation_years"), count=ch.label)
        return None
    start = _start(case, ch)
    if start is not None and not (ch.offense_date or case.offense_date):
        b.why("pc851_91.from_arrest", offense.cite_for("limitation_years"))
    if start is None:
        b.review("pc851_91.offense_date", pc("851.91", "(a)(2)(A)"), field="cases[].offense_date", count=ch.label)
        return None
    run = limitation_runs(start, offense.limitation_years, case.days_out_of_state or 0)
    one = "_one" if offense.limitation_years == 1 else ""
    b.why(f"pc851_91.limitation_period{one}", offense.cite_for("limitation_years"), count=ch.label,
          years=offense.limitation_years, start=start)
    return run


def _start(case: Case, ch: Charge) -> date | None:
    """The limitation period runs from the offense; failing its date, from the arrest."""
    return ch.offense_date or case.offense_date or (case.arrest.date if case.arrest else None)


def _last_day(run: date) -> date:
    return run - timedelta(days=1)


def _weekend(b: Builder, run: date) -> None:
    last = _last_day(run)
    if last.weekday() >= 5:
        weekday = messages.msg("pc851_91.saturday" if last.weekday() == 5 else "pc851_91.sunday")
        b.why("pc851_91.weekend", Cite("12a", "(a)", "Code Civ. Proc."), last_day=last, weekday=weekday)


def _tolling_ahead(b: Builder, case: Case) -> None:
    days = case.days_out_of_state
    if days:
        b.why("pc851_91.out_of_state_ahead", pc("803", "(d)"), days=days)
    elif days is None:
        b.why("pc851_91.out_of_state_unknown", pc("803", "(d)"))


def _tolling_behind(b: Builder, case: Case, ch: Charge, as_of: date) -> None:
    """The period ran on the date counted without tolling; unknown time out of state may still matter."""
    days = case.days_out_of_state
    if days is not None:
        if days:
            b.why("pc851_91.out_of_state_behind", pc("803", "(d)"), days=days)
        return
    latest = latest_tolled_run(_start(case, ch), ch.facts.offense.limitation_years)
    if as_of < latest:
        b.review("pc851_91.days_out_of_state", pc("803", "(d)"), field="cases[].days_out_of_state",
                 count=ch.label, last_day=_last_day(latest))
    else:
        b.why("pc851_91.out_of_state_moot", pc("803", "(d)"), count=ch.label)


def _evasion(b: Builder, case: Case) -> None:
    evaded = case.arrest.evaded_prosecution if case.arrest else False
    if evaded:
        b.block("OFFENSE_NOT_COVERED", "pc851_91.evaded", pc("851.91", "(a)(2)(C)"))
    elif evaded is None:
        b.review("pc851_91.evaded_question", pc("851.91", "(a)(2)(C)"), field="cases[].arrest.evaded_prosecution")


def _matter_of_right(b: Builder, case: Case, offenses: list[CountFacts]) -> None:
    dv = [c for c in offenses if c.offense and c.offense.dv_child_elder]
    if not dv:
        b.why("pc851_91.matter_of_right", pc("851.91", "(c)"))
        return
    pattern = case.dv_child_elder_pattern
    if pattern:
        b.discretionary("PATTERN_DV_CHILD_ELDER", "pc851_91.pattern", pc("851.91", "(c)"))
    elif pattern is None:
        b.review("pc851_91.pattern_question", pc("851.91", "(c)"), field="cases[].dv_child_elder_pattern")
    else:
        b.why("pc851_91.no_pattern", pc("851.91", "(c)"))
