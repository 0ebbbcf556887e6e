"""Facts derived from a case profile that several remedies ask about.

Each function answers one question about the record; None means the profile does not say.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date
from functools import wraps

from assembler.profile.model import (Case, Count, Level, ProbationOutcome, Profile, RegistrationBasis, Supervision,
                               SupervisionKind)
from rules.offenses import Offense, lookup

# While the engine decides one profile (`deciding`), the facts every remedy module asks again are worked
# out once. Each entry holds its case or profile, so the id in its key cannot be another object's; the
# whole memo goes when the decision ends. A context variable: threads deciding others never share it.
_memo: ContextVar[dict | None] = ContextVar("rules_facts_memo", default=None)


@contextmanager
def deciding() -> Iterator[None]:
    """The scope of one profile's decision: what `_remembered` functions answer is kept until it ends.
    The record must not change meanwhile (the rules only read it); the answers are tuples, so no caller can
    change what the next one is told."""
    token = _memo.set({})
    try:
        yield
    finally:
        _memo.reset(token)


def _remembered(fn):
    """`fn(record, *rest)`, answered once per record (and `rest`) within `deciding`; as is outside it."""
    @wraps(fn)
    def remembered(record, *rest):
        memo = _memo.get()
        if memo is None:
            return fn(record, *rest)
        key = (fn, id(record), *rest)
        entry = memo.get(key)
        if entry is None or entry[0] is not record:
            entry = memo[key] = (record, fn(record, *rest))
        return entry[1]
    return remembered


@dataclass(frozen=True)
class CountFacts:
    count: Count
    offense: Offense | None

    @property
    def level(self) -> Level | None:
        """The level of the conviction as it stands now (a 17(b) reduction makes it a misdemeanor)."""
        if self.count.reduced_under_17b:
            return Level.misdemeanor
        return self.count.level_convicted or self.count.level_charged

    @property
    def label(self) -> str:
        return self.count.label


@_remembered
def convicted(case: Case) -> tuple[CountFacts, ...]:
    return tuple([CountFacts(c, lookup(c.code, c.section)) for c in case.convicted_counts])


@_remembered
def every_conviction(profile: Profile) -> tuple[CountFacts, ...]:
    """Every conviction in the profile, all cases and jurisdictions (priors count wherever they were)."""
    return tuple([c for case in profile.cases for c in convicted(case)])


def registration_basis(profile: Profile) -> RegistrationBasis | None:
    """Why the person registers under § 290, from what they told us and what their convictions show.

    None: not known. A registrant with no § 290(c) offense in the profile may be registering on a
    court order (§ 290.006), so the basis stays unknown rather than being guessed.
    """
    status = profile.status
    if status.registration is not None and status.registration.basis is not None:
        return status.registration.basis
    if status.registrant_290 is False:
        return RegistrationBasis.none
    if status.registrant_290 and any_registrable(every_conviction(profile)):
        return RegistrationBasis.offense_290c
    return None


def must_register(profile: Profile) -> bool | None:
    """Is the person under a duty to register now (on any basis)?"""
    basis = registration_basis(profile)
    if basis is None:
        return profile.status.registrant_290
    return basis in (RegistrationBasis.offense_290c, RegistrationBasis.court_ordered_290006)


def arrest_offenses(case: Case) -> list[CountFacts]:
    """What the arrest was for: the charged counts, else the arrest offenses."""
    counts = case.counts or (case.arrest.offenses if case.arrest else [])
    return [CountFacts(c, lookup(c.code, c.section)) for c in counts]


def unknown_offenses(counts: list[CountFacts]) -> list[str]:
    return [c.label for c in counts if c.offense is None]


def has_conviction(case: Case) -> bool:
    return bool(convicted(case))


def probation_granted(case: Case) -> bool | None:
    if case.sentence is None:
        return None
    return case.sentence.probation is not None


def sentenced_to_prison(case: Case) -> bool:
    return bool(case.sentence and case.sentence.state_prison)


def sentenced_to_1170h_jail(case: Case) -> bool:
    return bool(case.sentence and case.sentence.county_jail_1170h)


def probation_end(case: Case) -> date | None:
    """When the period of probation ended, or is scheduled to end."""
    p = case.sentence.probation if case.sentence else None
    if p is None:
        return None
    if p.ended_on:
        return p.ended_on
    if p.scheduled_end:
        return p.scheduled_end
    return None


def probation_running(case: Case, as_of: date) -> bool | None:
    """Is probation in this case still running on `as_of`?"""
    p = case.sentence.probation if case.sentence else None
    if p is None:
        return False
    if p.outcome is ProbationOutcome.ongoing:
        return True
    if p.ended_on is not None or p.outcome in (ProbationOutcome.completed, ProbationOutcome.terminated_early):
        return p.ended_on is not None and p.ended_on >= as_of
    if p.scheduled_end is not None:
        return p.scheduled_end >= as_of
    return None


def ab1950_cap_end(case: Case, as_of: date) -> date | None:
    """The end AB 1950's caps would give probation granted before Jan. 1, 2021, if earlier than scheduled.

    Pen. Code §§ 1203a(a) (misdemeanor: 1 year) and 1203.1(a) (felony: 2 years), from Jan. 1, 2021.
    Not for: probation granted on or after that day (it was granted under the cap already); an offense
    with its own probation length (§§ 1203a(b), 1203.1(l)(1): DUI, Veh. Code § 23600(b); domestic
    violence, § 1203.097, which reaches any crime against a Fam. Code § 6211 person); a violent felony
    (§ 1203.1(l)(1)). A count whose victim is not known is treated as not domestic here: callers ask
    (`ab1950_victim_unknown`) when the cap would change the answer. Whether the cap reaches a particular
    case is for a person to confirm: callers ask, never assume.
    """
    from rules.lawdates import AB_1950, add_months

    p = case.sentence.probation if case.sentence else None
    if as_of < AB_1950 or p is None or p.start is None or p.scheduled_end is None:
        return None
    if p.start >= AB_1950 or p.scheduled_end < AB_1950:
        return None
    counts = convicted(case)
    if any(_outside_the_cap(c) for c in counts):
        return None
    months = 24 if highest_level(counts) is Level.felony else 12
    capped = add_months(p.start, months)
    return capped if capped < p.scheduled_end else None


def _outside_the_cap(c: CountFacts) -> bool:
    victim = c.count.victim_relationship
    if victim is not None and victim.domestic:
        return True
    return bool(c.offense and (c.offense.own_probation_length or c.offense.violent_667_5c == "yes"))


def ab1950_victim_unknown(case: Case) -> list[CountFacts]:
    """Convictions of a domestic-violence, child- or elder-abuse kind whose victim is not given: if the
    victim was a Fam. Code § 6211 person, § 1203.097 sets the probation length and AB 1950 does not."""
    return [c for c in convicted(case)
            if c.count.victim_relationship is None and c.offense
            and (c.offense.dv_child_elder or c.offense.open_question("dv_child_elder"))]


@_remembered
def every_charge(case: Case) -> tuple[CountFacts, ...]:
    """Every offense the person was charged with or arrested for in the case, whatever became of it."""
    offenses = [*case.counts, *(case.arrest.offenses if case.arrest else [])]
    return tuple([CountFacts(c, lookup(c.code, c.section)) for c in offenses])


def prison_term_executed(case: Case) -> bool | None:
    """Was a state prison term executed in this case (imposed and served, directly or on revocation)?

    False: no prison term, or one imposed with execution suspended (probation granted, not revoked).
    None: a prison term is recorded but the profile does not show whether it was executed.
    """
    s = case.sentence
    if s is None:
        return False
    if revoked_to(case, "prison"):
        return True
    p = s.probation
    prison = s.state_prison
    if prison is None:
        return False
    if prison.committed_on or prison.release_date or prison.parole_discharge_date:
        return True
    if p is None or p.outcome is ProbationOutcome.revoked:
        return True
    if prison.ess_pronounced_on is not None or p.suspension == "execution":
        return False
    return None


def jail_1170h_term_executed(case: Case) -> bool:
    """A felony county-jail term under § 1170(h) was executed (on revocation of probation, or recorded)."""
    s = case.sentence
    return s is not None and (revoked_to(case, "jail_1170h") or s.county_jail_1170h is not None)


def revoked_to(case: Case, result: str) -> bool:
    """Probation in this case was revoked and `result` (a prison or § 1170(h) jail term) followed."""
    p = case.sentence.probation if case.sentence else None
    return p is not None and any(r.result == result for r in p.revocations)


@_remembered
def current_supervision(profile: Profile, as_of: date) -> tuple[Supervision, ...]:
    """Supervision the person is under on `as_of`: what they told us plus what their cases show."""
    found: dict[tuple[str, str | None], Supervision] = {}
    for s in profile.status.supervision:
        if s.ends_on is None or s.ends_on >= as_of:
            found[(s.kind.value, s.case_number)] = s
    for case in profile.cases:
        for s in _supervision_from_case(case, as_of):
            found.setdefault((s.kind.value, s.case_number), s)
    return tuple(found.values())


def _supervision_from_case(case: Case, as_of: date):
    s = case.sentence
    if s is None:
        return
    number, county = case.court_case_number, case.county
    if probation_running(case, as_of):
        yield Supervision(kind=SupervisionKind.probation, case_number=number, county=county,
                          ends_on=s.probation.scheduled_end if s.probation else None)
    jail = s.county_jail_1170h
    if jail and jail.mandatory_supervision_end and jail.mandatory_supervision_end >= as_of:
        yield Supervision(kind=SupervisionKind.mandatory_supervision, case_number=number, county=county,
                          ends_on=jail.mandatory_supervision_end)
    prison = s.state_prison
    if prison and prison.parole_discharge_date and prison.parole_discharge_date >= as_of:
        kind = SupervisionKind.prcs if prison.on_prcs else SupervisionKind.parole
        yield Supervision(kind=kind, case_number=number, county=county, ends_on=prison.parole_discharge_date)


def any_serious_or_violent(counts: list[CountFacts]) -> bool:
    return any(c.offense and "yes" in (c.offense.serious_1192_7c, c.offense.violent_667_5c) for c in counts)


def any_registrable(counts: list[CountFacts]) -> bool:
    return any(c.offense and c.offense.registrable_290c == "yes" for c in counts)


def highest_level(counts: list[CountFacts]) -> Level | None:
    levels = {c.level for c in counts}
    for level in (Level.felony, Level.misdemeanor, Level.infraction):
        if level in levels:
            return level
    return None


def judgment_date(case: Case) -> date | None:
    return case.judgment_date or case.conviction_date
