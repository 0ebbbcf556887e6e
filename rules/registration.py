"""Pen. Code § 290.5 — ending sex-offender registration under the tiered system (SB 384).

§ 290(d): a tier one offender registers for at least ten years, tier two for at least twenty, tier
three for life; tier one is "a misdemeanor described in subdivision (c), or ... a felony described in
subdivision (c) that was not a serious or violent felony" (§§ 1192.7(c), 667.5(c)), so a violent felony
such as § 288(a) is never tier one. § 290(e): the minimum period starts on release from custody and is
extended by failure-to-register convictions. § 290.5(a)(1): a tier one or tier two offender "may file
a petition ... on or after their next birthday after July 1, 2021, following the expiration of the
person's mandatory minimum registration period"; the prosecutor may ask for a hearing and the court
may deny it for community safety (§ 290.5(a)(3)) — discretionary. § 290.5(b): a tier three offender
may not petition, apart from narrow exceptions. A dismissal never ends registration (§ 290.007).

Also here: whether a conviction "resulted in" a duty to register — a § 290(c) offense, or a court
order under § 290.006 — which §§ 1203.41 and 1203.42 ask.
"""

from __future__ import annotations

from datetime import date

from assembler.profile.model import Case, Level, Profile, RegistrationBasis
from rules.decision import Builder, Decision, pc
from rules.facts import (CountFacts, any_registrable, convicted, every_conviction, judgment_date, must_register,
                         registration_basis)
from rules.lawdates import add_years, day_after

REMEDY = "290.5"
# SB 384 (Stats. 2017, ch. 541): tier petitions under § 290.5(a)(1) open after July 1, 2021.
TIER_PETITIONS = date(2021, 7, 1)
TIER_YEARS = {1: 10, 2: 20}
_HAD_DUTY = (RegistrationBasis.offense_290c, RegistrationBasis.court_ordered_290006,
             RegistrationBasis.terminated_290_5)


# --- did this conviction lead to a duty to register? ------------------------------------------------


def duty_from_conviction(profile: Profile, case: Case) -> bool | None:
    """True: a count is a § 290(c) offense. False: the person does not register, or the duty plainly comes
    from another case. None: a § 290.006 order, a conditional offense or an unknown basis leaves it open."""
    counts = convicted(case)
    if any_registrable(counts):
        return True
    basis = registration_basis(profile)
    if basis is RegistrationBasis.none:
        return False
    open_here = any(c.offense is None or c.offense.registrable_290c == "conditional" for c in counts)
    source_elsewhere = any_registrable(every_conviction(profile))
    if basis in (RegistrationBasis.offense_290c, RegistrationBasis.terminated_290_5):
        return False if source_elsewhere and not open_here else None
    return None  # court-ordered (§ 290.006): was the order made in this case? Or the basis is unknown.


def ask_duty(b: Builder, profile: Profile, cite) -> None:
    """The question to ask when `duty_from_conviction` is None."""
    basis = registration_basis(profile)
    if basis is RegistrationBasis.court_ordered_290006:
        b.review("registration.court_order_here", cite)
    else:
        b.review("registration.duty_question", cite, field="status.registration.basis")


# --- § 290.5 ----------------------------------------------------------------------------------------


def applies(profile: Profile, case: Case, as_of: date) -> bool:
    """A current registrant, on the case their duty comes from (or, when no listed case shows that, on
    their first conviction case, so the petition is listed once)."""
    if must_register(profile) is not True:
        return False
    if any(c.offense and c.offense.registrable_290c != "no" for c in convicted(case)):
        return True
    if any_registrable(every_conviction(profile)):
        return False
    return case is _first_conviction_case(profile)


def decide(profile: Profile, case: Case, as_of: date) -> Decision:
    b = Builder(REMEDY)
    b.why("registration.dismissal_no_end", pc("290.007"))
    if not any_registrable(convicted(case)):
        b.why("registration.duty_elsewhere", pc("290.5", "(a)(1)"))
    years = _minimum_years(b, profile)
    if years is None:
        return b.finish(as_of)
    _period(b, profile, years, as_of)
    b.discretionary("STATUTE_DISCRETIONARY", "registration.prosecutor_hearing", pc("290.5", "(a)(3)"))
    return b.finish(as_of)


def _minimum_years(b: Builder, profile: Profile) -> int | None:
    """The tier's minimum period, or None when the tier bars the petition (tier three)."""
    registration = profile.status.registration
    tier = registration.tier if registration else None
    never_tier_one = [c.label for c in every_conviction(profile) if _serious_or_violent_registrable_felony(c)]
    if tier == 3:
        b.block("REGISTRATION_TIER_3", "registration.tier_three", pc("290.5", "(b)"))
        return None
    if tier is None:
        b.review("registration.tier_question", pc("290", "(d)"), field="status.registration.tier")
    elif tier == 1 and never_tier_one:
        b.review("registration.not_tier_one", pc("290", "(d)(1)"), field="status.registration.tier",
                 counts=never_tier_one)
    else:
        b.why("registration.tier_minimum", pc("290", f"(d)({tier})"), tier=tier, years=TIER_YEARS[tier])
        return TIER_YEARS[tier]
    return TIER_YEARS[2] if never_tier_one else TIER_YEARS[1]


def _serious_or_violent_registrable_felony(c: CountFacts) -> bool:
    o = c.offense
    return bool(o and o.registrable_290c == "yes" and c.level is Level.felony
                and "yes" in (o.serious_1192_7c, o.violent_667_5c))


def _period(b: Builder, profile: Profile, years: int, as_of: date) -> None:
    registration = profile.status.registration
    since = registration.since if registration else None
    if since is None:
        b.review("registration.since_question", pc("290", "(e)"), field="status.registration.since", years=years)
        return
    ends = add_years(since, years)
    b.why("registration.failure_to_register", pc("290", "(e)"))
    birthday = profile.petitioner.date_of_birth
    opens = max(ends, TIER_PETITIONS)
    cite = pc("290.5", "(a)(1)")
    if birthday is None:
        if as_of <= opens:
            b.block("WAIT_PERIOD", "registration.wait_first_birthday", cite, until=day_after(opens), ends=ends)
        elif as_of < add_years(opens, 1):
            b.review("registration.date_of_birth", cite, field="petitioner.date_of_birth", ends=ends)
        else:
            b.why("registration.ended_year_ago", cite, ends=ends)
        return
    file_on = _next_birthday(birthday, opens)
    if as_of < file_on:
        b.block("WAIT_PERIOD", "registration.wait_next_birthday", cite, until=file_on, ends=ends, file_on=file_on)
    else:
        b.why("registration.ended_birthday_passed", cite, ends=ends)


def _next_birthday(birthday: date, after: date) -> date:
    """The first birthday strictly after `after` (Feb. 29 counts as Feb. 28 in other years)."""
    candidate = add_years(birthday, after.year - birthday.year)
    return candidate if candidate > after else add_years(birthday, after.year + 1 - birthday.year)


def _first_conviction_case(profile: Profile) -> Case | None:
    cases = [c for c in profile.cases if c.jurisdiction == "california" and c.convicted_counts]
    dated = sorted((c for c in cases if judgment_date(c)), key=judgment_date)
    return (dated or cases or [None])[0]
