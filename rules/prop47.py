"""Prop 47, Pen. Code § 1170.18 — listed drug and theft felonies redesignated as misdemeanors.

(a): a person who "would have been guilty of a misdemeanor under the act that added this section ... had
this act been in effect at the time of the offense" — so each count must fit the offense as Prop 47 rewrote
it, not merely its section: shoplifting, § 459.5(a) ("entering a commercial establishment with intent to
commit larceny while that establishment is open during regular business hours", $950 or less); theft of a
car worth $950 or less, not driving it (Veh. Code § 10851; People v. Page (2017) 3 Cal.5th 1175); forgery
of a § 473(b) instrument worth $950 or less, but not for "any person who is convicted both of forgery and of
identity theft, as defined in Section 530.5"; property worth $950 or less (§§ 490.2, 496, 476a(b)).
(f)-(g): a person who has completed the sentence "may file an application ... to have the felony
conviction or convictions designated as misdemeanors", and the court "shall" designate them if eligible —
mandatory. (a)-(b): someone still serving petitions for recall and resentencing, which the court may
refuse on a finding of unreasonable danger. (i): "This section does not apply to persons who have one or
more prior convictions for an offense specified in clause (iv) of subparagraph (C) of paragraph (2) of
subdivision (e) of Section 667 or for an offense requiring registration pursuant to subdivision (c) of
Section 290." (j): the Nov. 4, 2022 deadline (later only on good cause) was removed by SB 749 (2023).
(k): the designation does not restore firearm rights. No statewide Judicial Council form.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum

from assembler.profile.model import Case, Level, Profile, RegistrationBasis
from rules import messages
from rules.decision import Builder, Cite, Decision, pc
from rules.facts import CountFacts, convicted, every_conviction, probation_running, registration_basis
from rules.granted import already_granted
from rules.lawdates import PROP_47, PROP_47_DEADLINE, SB749_UNCERTAIN, SB_749, within

REMEDY = "1170.18"


class Fit(str, Enum):
    """Whether one count is an offense Prop 47 made a misdemeanor, on the facts given."""

    covered = "covered"
    not_covered = "not_covered"
    unknown = "unknown"


def prop47_counts(case: Case) -> list[CountFacts]:
    return [c for c in convicted(case) if c.level is Level.felony and c.offense and c.offense.prop47]


def applies(profile: Profile, case: Case, as_of: date) -> bool:
    offense_date = case.offense_date
    return bool(prop47_counts(case)) and (offense_date is None or offense_date < PROP_47)


def decide(profile: Profile, case: Case, as_of: date) -> Decision:
    b = Builder(REMEDY)
    if as_of < PROP_47:
        b.block("NOT_YET_IN_FORCE", "prop47.not_yet_law", pc("1170.18"))
        return b.finish(as_of)
    if already_granted(b, case, REMEDY, pc("1170.18", "(g)")):
        return b.finish(as_of)
    counts = prop47_counts(case)
    if not _counts(b, profile, case, counts):
        return b.finish(as_of)
    disqualifiers(b, profile, counts, pc("1170.18", "(i)"), bars=True)
    if b.permanently_barred:
        return b.finish(as_of)
    _deadline(b, as_of)
    if case.offense_date is None:
        b.review("prop47.ask_offense_date", pc("1170.18", "(a)"), field="cases[].offense_date")
    serving = probation_running(case, as_of) or profile.status.serving_sentence
    if serving:
        b.discretionary("STATUTE_DISCRETIONARY", "prop47.resentencing", pc("1170.18", "(b)"))
    else:
        b.why("prop47.designation", pc("1170.18", "(g)"))
    return b.finish(as_of)


# --- which counts Prop 47 reaches ----------------------------------------------------------------------


def _counts(b: Builder, profile: Profile, case: Case, counts: list[CountFacts]) -> bool:
    """Weigh each count; False when none can qualify (then the remedy is barred). A count that is not
    covered does not stop another count of the case that is."""
    fits = [_fit(b, profile, case, c) for c in counts]
    if Fit.covered in fits or Fit.unknown in fits:
        return True
    b.block("OFFENSE_NOT_COVERED", "prop47.none_covered", pc("1170.18", "(a)"))
    return False


@dataclass(frozen=True)
class Need:
    """One fact a count must show: met (True), not met (False) or not known (None)."""

    met: bool | None
    name: str  # the Count field that holds it
    question: dict  # a nested message (messages.msg)
    fails: dict  # why the count is not covered when the fact is not met (a nested message)


def _fit(b: Builder, profile: Profile, case: Case, c: CountFacts) -> Fit:
    predicate = c.offense.prop47_predicate
    if predicate is None:
        return _by_section(b, c)
    cite = c.offense.cite_for("prop47_predicate")
    if predicate == "forgery_473b":
        identity_theft = [x for x in every_conviction(profile) if x.offense and x.offense.identity_theft_530_5]
        if identity_theft:
            return _not_covered(b, c, messages.msg("prop47.fails.identity_theft", count=identity_theft[0].label),
                                cite)
    needs = {"shoplifting_459_5": _shoplifting, "vehicle_theft_page": _vehicle_theft,
             "forgery_473b": _forgery, "value_950": _value}[predicate](c)
    return _weigh(b, case, c, needs, cite)


def _weigh(b: Builder, case: Case, c: CountFacts, needs: list[Need], cite: str) -> Fit:
    failed = next((n for n in needs if n.met is False), None)
    if failed is not None:
        return _not_covered(b, c, failed.fails, cite)
    unknown = [n for n in needs if n.met is None]
    index = next(i for i, x in enumerate(case.counts) if x is c.count)
    for n in unknown:
        b.review("prop47.count_question", cite, field=f"cases[].counts[{index}].{n.name}", count=c.label,
                 question=n.question)
    if unknown:
        return Fit.unknown
    b.why("prop47.covered_on_facts", cite, count=c.label, offense=c.offense.description)
    return Fit.covered


def _by_section(b: Builder, c: CountFacts) -> Fit:
    question = c.offense.open_question("prop47")
    if question:
        b.review("prop47.count_question", c.offense.cite_for("prop47"), count=c.label, question=question)
        return Fit.unknown
    b.why("prop47.covered", c.offense.cite_for("prop47"), count=c.label, offense=c.offense.description)
    return Fit.covered


def _not_covered(b: Builder, c: CountFacts, why: dict, cite: str) -> Fit:
    b.why("prop47.not_covered", cite, count=c.label, offense=c.offense.description, why=why)
    return Fit.not_covered


def _worth(what: str, c: CountFacts) -> Need:
    """`what` was worth $950 or less: "property" (or the amount), "taken" (or meant to be) or "car"."""
    over = c.count.value_over_950
    return Need(None if over is None else not over, "value_over_950",
                messages.msg(f"prop47.ask.value_{what}"), messages.msg(f"prop47.fails.value_{what}"))


def _value(c: CountFacts) -> list[Need]:
    return [_worth("property", c)]


def _shoplifting(c: CountFacts) -> list[Need]:
    """§ 459.5(a): an open commercial establishment, entered to steal, $950 or less — not value alone."""
    return [Need(c.count.commercial_establishment_open, "commercial_establishment_open",
                 messages.msg("prop47.ask.shoplifting"), messages.msg("prop47.fails.shoplifting")),
            _worth("taken", c)]


def _vehicle_theft(c: CountFacts) -> list[Need]:
    """Veh. Code § 10851 under § 490.2: theft of a car worth $950 or less, not driving it (People v. Page)."""
    taking = c.count.vehicle_taking
    return [Need(None if taking is None else taking == "theft", "vehicle_taking",
                 messages.msg("prop47.ask.vehicle_taking"), messages.msg("prop47.fails.vehicle_taking")),
            _worth("car", c)]


def _forgery(c: CountFacts) -> list[Need]:
    """§ 473(b): a check, bond, bank bill, note, cashier's check, traveler's check or money order, $950 or less."""
    return [Need(c.count.forged_instrument_473b, "forged_instrument_473b",
                 messages.msg("prop47.ask.forgery"), messages.msg("prop47.fails.forgery"))]


# --- (i): prior super strikes and § 290(c) offenses ---------------------------------------------------


def disqualifiers(b: Builder, profile: Profile, own: list[CountFacts], cite: Cite | str, *, bars: bool) -> None:
    """§ 1170.18(i) (and the same priors in Health & Saf. Code §§ 11358(d), 11359(c), 11360(a)(3)): a prior
    conviction for a § 667(e)(2)(C)(iv) offense or one "requiring registration pursuant to subdivision (c) of
    Section 290". Read from every conviction in the profile (other than the counts in question), from what
    the person told us, and from why they register. `bars`: a prior blocks the remedy; else it is a question."""
    effect = "bars" if bars else "cannabis"  # what a prior does: the last part of the questions' keys
    hits, doubts = _priors(b, profile, own, cite, effect)
    for key, params, field in doubts:
        b.review(key, cite, field=field, **params)
    if not hits:
        return
    found = hits[0]
    for hit in hits[1:]:  # "a; b; c"
        found = messages.msg("prop47.hit.and", first=found, then=hit)
    if bars:
        b.block("OFFENSE_NOT_COVERED", "prop47.prior_bars", cite, found=found)
    else:
        b.review("prop47.prior_cannabis", cite, found=found)


Doubt = tuple[str, dict, str | None]  # a question's key, its params, the field that would settle it


def _priors(b: Builder, profile: Profile, own: list[CountFacts], cite: Cite | str, effect: str
            ) -> tuple[list[dict], list[Doubt]]:
    hits: list[dict] = []
    doubts: list[Doubt] = []
    mine = [c.count for c in own]
    for c in every_conviction(profile):
        if c.offense is None or any(c.count is x for x in mine):
            continue
        _prior(c, hits, doubts)
    status = profile.status
    if status.super_strike_prior:
        hits.append(messages.msg("prop47.hit.told_super_strike"))
    elif status.super_strike_prior is None:
        doubts.append((f"prop47.ask_super_strike.{effect}", {}, "status.super_strike_prior"))
    _registration(b, profile, hits, doubts, cite, effect)
    return hits, doubts


def _prior(c: CountFacts, hits: list[dict], doubts: list[Doubt]) -> None:
    o = c.offense
    if o.super_strike:
        question = o.open_question("super_strike")
        if question is None:
            hits.append(messages.msg("prop47.hit.super_strike", count=c.label, offense=o.description,
                                     cite=o.cite_for("super_strike")))
            return
        doubts.append(("prop47.ask_prior_super_strike", {"count": c.label, "question": question}, None))
    if o.registrable_290c == "yes" and o.open_question("registrable_290c") is None:
        hits.append(messages.msg("prop47.hit.registration", count=c.label, offense=o.description,
                                 cite=o.cite_for("registrable_290c")))
    elif o.registrable_290c != "no":
        question = o.open_question("registrable_290c")
        if question is None:
            doubts.append(("prop47.ask_prior_290c_facts", {"count": c.label}, "status.registration.basis"))
        else:
            doubts.append(("prop47.ask_prior_290c", {"count": c.label, "question": question},
                           "status.registration.basis"))


def _registration(b: Builder, profile: Profile, hits: list[dict], doubts: list[Doubt],
                  cite: Cite | str, effect: str) -> None:
    basis = registration_basis(profile)
    if basis is RegistrationBasis.offense_290c:
        if not any(hit["msg"] == "prop47.hit.registration" for hit in hits):  # not already named from the table
            hits.append(messages.msg("prop47.hit.registrant_290c"))
    elif basis is RegistrationBasis.court_ordered_290006:
        b.why("prop47.court_ordered_registration", cite)
    elif basis is RegistrationBasis.terminated_290_5:
        doubts.append((f"prop47.ask_terminated_290_5.{effect}", {}, None))
    elif basis is None and profile.status.registrant_290 is None:
        doubts.append((f"prop47.ask_registrant.{effect}", {}, "status.registrant_290"))
    elif basis is None:
        doubts.append((f"prop47.ask_registration_basis.{effect}", {}, "status.registration.basis"))


def _deadline(b: Builder, as_of: date) -> None:
    if as_of <= PROP_47_DEADLINE:
        b.why("prop47.deadline_ahead", pc("1170.18", "(j)"), deadline=PROP_47_DEADLINE)
    elif as_of < SB_749:
        b.discretionary("STATUTE_DISCRETIONARY", "prop47.deadline_passed", pc("1170.18", "(j)"))
    else:
        b.why("prop47.no_deadline", pc("1170.18", "(j)"))
    if within(as_of, SB749_UNCERTAIN):
        b.review("prop47.sb749_day", pc("1170.18", "(j)"))
