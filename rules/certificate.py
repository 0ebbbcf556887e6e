"""Pen. Code § 4852.01 ff. — certificate of rehabilitation (and with it a pardon application).

§ 4852.01(a): "Except as specified in subdivision (b), a person convicted of a felony may file a
petition" — any felony, county-jail (§ 1170(h)) and probation felonies included. (b): a person convicted
of a felony or misdemeanor sex offense specified in § 290 who was granted probation may petition only
once "the accusatory pleading ... has been dismissed pursuant to Section 1203.4", if not incarcerated
since the dismissal and not on probation for another felony. So (b) — not (a) — governs a § 290 offense
with probation: no certificate where § 1203.4(b) forbids the dismissal (e.g. § 311.11), and the
dismissal comes first. A felony with probation that is not a § 290 offense goes under (a) directly:
(b) is the exception only for sex offenses. (c): the chapter "does not apply to persons serving a
mandatory life parole, persons committed under death sentences, persons convicted of" §§ 269, 286(c),
287(c), 288, 288.5, 288.7, 289(j) (offense table column excluded_4852_01), "or persons in the military
service" (death sentences and military service are not in the profile).

§ 4852.03(a): the period of rehabilitation runs from discharge from custody or release on parole,
PRCS, mandatory supervision or probation, "whichever is sooner": five years' residence in this state
plus two years (seven), four (nine) for §§ 187, 209, 219, 4500, 18755 or an offense carrying a life
sentence (table: rehabilitation_years, life_term), five (ten) for "persons convicted of offenses
requiring registration pursuant to Sections 290 to 290.024" — a court-ordered § 290.006 registrant
too. An offense the table does not know is never given the shortest period. § 4852.06: filed after
parole, probation, PRCS or mandatory supervision ends, in the county of residence, after five years'
continuous residence in California. Always discretionary (§ 4852.13).
"""

from __future__ import annotations

from datetime import date

from assembler.profile.model import Case, Level, Profile, RegistrationBasis, SupervisionKind
from rules import messages
from rules.decision import Builder, Cite, Decision, pc
from rules.facts import (CountFacts, convicted, current_supervision, highest_level, must_register,
                         probation_granted, registration_basis, sentenced_to_1170h_jail, sentenced_to_prison)
from rules.granted import already_granted, grant_for
from rules.lawdates import add_years, day_after

REMEDY = "4852.01"
BASE_YEARS, LISTED_YEARS, REGISTRATION_YEARS = 7, 9, 10
_PERIOD = {LISTED_YEARS: "certificate.period_listed", REGISTRATION_YEARS: "certificate.period_registration"}


def applies(profile: Profile, case: Case, as_of: date) -> bool:
    counts = convicted(case)
    if case.sentence is None or not counts:
        return False
    if any(c.level is Level.felony for c in counts):
        return True
    return bool(probation_granted(case)) and bool(_sex_offenses(counts))


def decide(profile: Profile, case: Case, as_of: date) -> Decision:
    b = Builder(REMEDY)
    b.discretionary("STATUTE_DISCRETIONARY", "certificate.up_to_court", pc("4852.13"))
    if already_granted(b, case, REMEDY, pc("4852.13")):
        return b.finish(as_of)
    counts = convicted(case)
    _excluded_persons(b, profile, case, as_of)
    if b.permanently_barred:
        return b.finish(as_of)
    sex_route = _route(b, case, counts)
    if b.permanently_barred:
        return b.finish(as_of)
    _supervision(b, profile, case, as_of, sex_route)
    _period(b, profile, case, counts, as_of)
    _incarceration(b, profile, sex_route)
    return b.finish(as_of)


# --- § 4852.01(c): persons the chapter does not reach --------------------------------------------


def _excluded_persons(b: Builder, profile: Profile, case: Case, as_of: date) -> None:
    cite = pc("4852.01", "(c)")
    for other in profile.cases:
        for c in convicted(other):
            if c.offense is None:
                continue
            here = other is case
            where = {} if here else {"case": other.label}
            if c.offense.excluded_4852_01:
                b.block("COR_EXCLUDED_OFFENSE", "certificate.excluded_offense" + ("" if here else "_other_case"),
                        c.offense.cite_for("excluded_4852_01"), count=c.label, **where)
            elif question := c.offense.open_question("excluded_4852_01"):
                b.review("certificate.open_question" + ("" if here else "_other_case"), cite, count=c.label,
                         question=question, **where)
    unknown = [c.label for c in convicted(case) if c.offense is None]
    if unknown:
        b.review("certificate.not_in_table", cite, counts=unknown)
    _life_parole(b, profile, as_of)


def _life_parole(b: Builder, profile: Profile, as_of: date) -> None:
    cite = pc("4852.01", "(c)")
    serving = profile.status.mandatory_life_parole
    if serving:
        b.block("MANDATORY_LIFE_PAROLE", "certificate.life_parole", cite)
    elif serving is None and any(_life_term(k) and not _parole_over(k, as_of) for k in profile.cases):
        b.review("certificate.life_parole_question", cite, field="status.mandatory_life_parole")


def _life_term(case: Case) -> bool:
    return any(c.offense and c.offense.life_term for c in convicted(case))


def _parole_over(case: Case, as_of: date) -> bool:
    prison = case.sentence.state_prison if case.sentence else None
    return bool(prison and prison.parole_discharge_date and prison.parole_discharge_date <= as_of)


# --- § 4852.01(a) or (b) --------------------------------------------------------------------------


def _sex_offenses(counts: list[CountFacts]) -> list[CountFacts]:
    """Counts that are, or may be (conditional), sex offenses specified in § 290 (table: registrable_290c)."""
    return [c for c in counts if c.offense and c.offense.registrable_290c != "no"]


def _route(b: Builder, case: Case, counts: list[CountFacts]) -> bool:
    """True when subdivision (b) governs: a § 290 offense with probation and no prison or jail term."""
    listed = _sex_offenses(counts)
    if not probation_granted(case) or sentenced_to_prison(case) or sentenced_to_1170h_jail(case) or not listed:
        b.why("certificate.any_felony", pc("4852.01", "(a)"))
        return False
    maybe = [c.label for c in listed if c.offense.registrable_290c == "conditional"]
    if maybe:
        b.review("certificate.maybe_sex_offense", pc("4852.01", "(b)"), counts=maybe)
    sex = [c for c in listed if c.offense.registrable_290c == "yes"]
    if not sex:
        return False
    _dismissal_first(b, case, sex)
    return True


def _dismissal_first(b: Builder, case: Case, sex: list[CountFacts]) -> None:
    cite = pc("4852.01", "(b)")
    grant = grant_for(case, "1203.4")
    if grant:
        on = {"on": grant.on} if grant.on else {}
        b.why("certificate.dismissed" + ("_on" if grant.on else ""), cite, remedy=grant.remedy, **on)
        return
    barred = [c for c in sex if c.level and c.level.value in c.offense.excluded_1203_4b]
    if barred:
        b.block("EXCLUDED_OFFENSE_1203_4B", "certificate.dismissal_barred", cite, counts=[c.label for c in barred])
        b.why("certificate.excluded_1203_4b", barred[0].offense.cite_for("excluded_1203_4b"))
        return
    for c in sex:
        if question := c.offense.open_question("excluded_1203_4b"):
            b.review("certificate.open_question", c.offense.cite_for("excluded_1203_4b"), count=c.label,
                     question=question)
    b.block("DISMISSAL_FIRST", "certificate.dismissal_first", cite, temporary=True)


# --- § 4852.06 (and (b)): supervision ended -------------------------------------------------------


def _supervision(b: Builder, profile: Profile, case: Case, as_of: date, sex_route: bool) -> None:
    codes = {SupervisionKind.probation: "ON_PROBATION", SupervisionKind.mandatory_supervision:
             "ON_MANDATORY_SUPERVISION", SupervisionKind.parole: "ON_PAROLE", SupervisionKind.prcs: "ON_PAROLE"}
    for sup in current_supervision(profile, as_of):
        until = day_after(sup.ends_on) if sup.ends_on else None
        if case.court_case_number and sup.case_number == case.court_case_number and sup.kind in codes:
            b.block(codes[sup.kind], "certificate.supervision", pc("4852.06"), until=until, temporary=until is None)
        elif sex_route and sup.kind is SupervisionKind.probation:
            _other_felony_probation(b, profile, sup.case_number, until)


def _other_felony_probation(b: Builder, profile: Profile, number: str | None, until: date | None) -> None:
    cite = pc("4852.01", "(b)")
    other = next((k for k in profile.cases if number and k.court_case_number == number), None)
    if other is None:
        b.review("certificate.other_probation" if number else "certificate.other_probation_unnumbered", cite,
                 **({"case": number} if number else {}))
    elif highest_level(convicted(other)) is Level.felony:
        b.block("ON_PROBATION_OTHER_CASE", "certificate.on_probation_other_case", cite, until=until,
                temporary=until is None, case=number)


# --- § 4852.03(a): the period of rehabilitation ---------------------------------------------------


def _period(b: Builder, profile: Profile, case: Case, counts: list[CountFacts], as_of: date) -> None:
    start = _release(case)
    cite = pc("4852.03", "(a)")
    if start is None:
        b.review("certificate.release_date", cite, field=_release_field(case))
        return
    certain, possible, asks = _years(profile, counts)
    ready, latest = add_years(start, certain), add_years(start, possible)
    resident = profile.status.california_resident_since
    if resident is None:
        b.review("certificate.residence", pc("4852.06"), field="status.california_resident_since")
    else:
        ready, latest = max(ready, add_years(resident, 5)), max(latest, add_years(resident, 5))
    period = messages.msg(_PERIOD.get(certain, "certificate.period"), years=certain, start=start)
    if as_of < ready:
        b.block("WAIT_PERIOD", "certificate.period_ends", cite, until=ready, period=period, ready=ready)
    else:
        b.why("certificate.period_passed", cite, period=period)
    if as_of < latest:
        for question, ask_cite, field in asks:
            b.review("certificate.longer_period", ask_cite, field=field, question=question, years=possible,
                     ends=latest)


def _years(profile: Profile, counts: list[CountFacts]) -> tuple[int, int, list[tuple[dict, Cite | str, str | None]]]:
    """The period the record shows for sure, the longest it may be, and the questions that decide it."""
    certain, possible, asks = BASE_YEARS, BASE_YEARS, []
    for c in counts:
        if c.offense is None:  # already asked about in _excluded_persons
            possible = REGISTRATION_YEARS
            continue
        certain = max(certain, _count_years(c))
        if c.offense.registrable_290c == "conditional":
            possible = REGISTRATION_YEARS
            asks.append((messages.msg("certificate.count_registration", count=c.label),
                         c.offense.cite_for("registrable_290c"), None))
        if question := c.offense.open_question("rehabilitation_years", "life_term", "registrable_290c"):
            possible = REGISTRATION_YEARS
            asks.append((messages.msg("certificate.open_question", count=c.label, question=question),
                         c.offense.cite, None))
    duty = must_register(profile)
    if duty or registration_basis(profile) in (RegistrationBasis.offense_290c,
                                               RegistrationBasis.court_ordered_290006,
                                               RegistrationBasis.terminated_290_5):
        certain = REGISTRATION_YEARS
    elif duty is None:
        possible = REGISTRATION_YEARS
        asks.append((messages.msg("certificate.ever_registered"), pc("4852.03", "(a)(2)"),
                     "status.registration.basis"))
    return certain, max(certain, possible), asks


def _count_years(c: CountFacts) -> int:
    o = c.offense
    if o.registrable_290c == "yes":
        return REGISTRATION_YEARS
    return max(o.rehabilitation_years or BASE_YEARS, LISTED_YEARS if o.life_term else BASE_YEARS)


def _release(case: Case) -> date | None:
    """§ 4852.03(a): discharge from custody or release on supervision, whichever is sooner."""
    s = case.sentence
    if s.state_prison:
        return s.state_prison.release_date
    if s.county_jail_1170h:
        return s.county_jail_1170h.release_date or s.completed_on
    return s.probation.start if s.probation else None


def _release_field(case: Case) -> str | None:
    s = case.sentence
    if s.state_prison:
        return "cases[].sentence.state_prison.release_date"
    if s.county_jail_1170h:
        return "cases[].sentence.county_jail_1170h.release_date"
    return "cases[].sentence.probation.start" if s.probation else None


# --- not incarcerated since ------------------------------------------------------------------------


def _incarceration(b: Builder, profile: Profile, sex_route: bool) -> None:
    """(b) requires that the petitioner "has not been incarcerated in any prison, jail, detention facility,
    or other penal institution or agency since the dismissal". Subdivision (a) does not repeat it."""
    again = profile.status.incarcerated_since_release
    if sex_route:
        cite = pc("4852.01", "(b)")
        if again:
            b.block("INCARCERATED_SINCE_RELEASE", "certificate.incarcerated_again", cite)
        elif again is None and not b.blockers:
            b.review("certificate.incarcerated_question", cite, field="status.incarcerated_since_release")
    elif again:
        b.unsettled("certificate.incarcerated_felony", pc("4852.01", "(a)"))
