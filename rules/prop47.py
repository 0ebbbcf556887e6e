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

from assembler.profile import Case, Level, Profile, RegistrationBasis
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


def applies(case: Case) -> bool:
    offense_date = case.offense_date
    return bool(prop47_counts(case)) and (offense_date is None or offense_date < PROP_47)


def decide(profile: Profile, case: Case, as_of: date) -> Decision:
    b = Builder(REMEDY)
    if as_of < PROP_47:
        b.block("OFFENSE_NOT_COVERED", "Prop 47 took effect on Nov. 5, 2014.", pc("1170.18"))
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
        b.review("When was the offense committed? Prop 47 redesignates felonies committed before "
                 "Nov. 5, 2014.", pc("1170.18", "(a)"), field="cases[].offense_date")
    serving = probation_running(case, as_of) or profile.status.serving_sentence
    if serving:
        b.discretionary("STATUTE_DISCRETIONARY", "You are still serving the sentence, so this is a petition "
                        "for resentencing; the court may refuse it if it finds an unreasonable risk of "
                        "danger.", pc("1170.18", "(b)"))
    else:
        b.why("Your sentence is complete, so on your application the court must designate the felony a "
              "misdemeanor. Courts use local forms; there is no statewide form.", pc("1170.18", "(g)"))
    return b.finish(as_of)


# --- which counts Prop 47 reaches ----------------------------------------------------------------------


def _counts(b: Builder, profile: Profile, case: Case, counts: list[CountFacts]) -> bool:
    """Weigh each count; False when none can qualify (then the remedy is barred). A count that is not
    covered does not stop another count of the case that is."""
    fits = [_fit(b, profile, case, c) for c in counts]
    if Fit.covered in fits or Fit.unknown in fits:
        return True
    b.block("OFFENSE_NOT_COVERED", "None of the felonies in this case is an offense Prop 47 made a misdemeanor.",
            pc("1170.18", "(a)"))
    return False


@dataclass(frozen=True)
class Need:
    """One fact a count must show: met (True), not met (False) or not known (None)."""

    met: bool | None
    name: str  # the Count field that holds it
    question: str
    fails: str  # why the count is not covered when the fact is not met


def _fit(b: Builder, profile: Profile, case: Case, c: CountFacts) -> Fit:
    predicate = c.offense.prop47_predicate
    if predicate is None:
        return _by_section(b, c)
    cite = c.offense.cite_for("prop47_predicate")
    if predicate == "forgery_473b":
        identity_theft = [x for x in every_conviction(profile) if x.offense and x.offense.identity_theft_530_5]
        if identity_theft:
            return _not_covered(b, c, f"you were also convicted of identity theft ({identity_theft[0].label}), and "
                                "forgery stays a felony for a person convicted of both", cite)
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
        b.review(f"{c.label}: {n.question}", cite, field=f"cases[].counts[{index}].{n.name}")
    if unknown:
        return Fit.unknown
    b.why(f"{c.label} ({c.offense.description}): on the facts given, an offense Prop 47 made a misdemeanor.", cite)
    return Fit.covered


def _by_section(b: Builder, c: CountFacts) -> Fit:
    question = c.offense.open_question("prop47")
    if question:
        b.review(f"{c.label}: {question}", c.offense.cite_for("prop47"))
        return Fit.unknown
    b.why(f"{c.label} ({c.offense.description}) is an offense Prop 47 made a misdemeanor.",
          c.offense.cite_for("prop47"))
    return Fit.covered


def _not_covered(b: Builder, c: CountFacts, why: str, cite: str) -> Fit:
    b.why(f"{c.label} ({c.offense.description}) is not covered by Prop 47: {why}. That does not stop another "
          "felony in the case that is covered.", cite)
    return Fit.not_covered


def _worth(what: str, c: CountFacts) -> Need:
    over = c.count.value_over_950
    return Need(None if over is None else not over, "value_over_950",
                f"was {what} worth more than $950? Prop 47 covers it only at $950 or less.",
                f"{what} was worth more than $950")


def _value(c: CountFacts) -> list[Need]:
    return [_worth("the property (or the amount)", c)]


def _shoplifting(c: CountFacts) -> list[Need]:
    """§ 459.5(a): an open commercial establishment, entered to steal, $950 or less — not value alone."""
    return [Need(c.count.commercial_establishment_open, "commercial_establishment_open",
                 "was it entering a business (a store, not a car or a home) while it was open during regular "
                 "business hours, to steal? Only that is now shoplifting; a value of $950 or less is not enough "
                 "by itself.",
                 "only entering a business open during regular business hours to steal is now shoplifting; a "
                 "car, a home or a business after hours is not, whatever the value"),
            _worth("what was taken (or meant to be taken)", c)]


def _vehicle_theft(c: CountFacts) -> list[Need]:
    """Veh. Code § 10851 under § 490.2: theft of a car worth $950 or less, not driving it (People v. Page)."""
    taking = c.count.vehicle_taking
    return [Need(None if taking is None else taking == "theft", "vehicle_taking",
                 "does the conviction rest on taking the car for good (theft) or on driving it? Prop 47 covers "
                 "only the theft of a car worth $950 or less.",
                 "a conviction for driving the car, not for stealing it, stays as it was (People v. Page)"),
            _worth("the car", c)]


def _forgery(c: CountFacts) -> list[Need]:
    """§ 473(b): a check, bond, bank bill, note, cashier's check, traveler's check or money order, $950 or less."""
    return [Need(c.count.forged_instrument_473b, "forged_instrument_473b",
                 "was the forged item a check, bond, bank bill, note, cashier's check, traveler's check or money "
                 "order worth $950 or less? Only those are covered.",
                 "only forging a check, bond, bank bill, note, cashier's check, traveler's check or money order "
                 "worth $950 or less became a misdemeanor")]


# --- (i): prior super strikes and § 290(c) offenses ---------------------------------------------------


def disqualifiers(b: Builder, profile: Profile, own: list[CountFacts], cite: Cite | str, *, bars: bool) -> None:
    """§ 1170.18(i) (and the same priors in Health & Saf. Code §§ 11358(d), 11359(c), 11360(a)(3)): a prior
    conviction for a § 667(e)(2)(C)(iv) offense or one "requiring registration pursuant to subdivision (c) of
    Section 290". Read from every conviction in the profile (other than the counts in question), from what
    the person told us, and from why they register. `bars`: a prior blocks the remedy; else it is a question."""
    effect = "bars this relief" if bars else "can keep a cannabis felony a felony"
    hits, doubts = _priors(b, profile, own, cite, effect)
    for text, field in doubts:
        b.review(text, cite, field=field)
    if not hits:
        return
    found = "; ".join(hits)
    if bars:
        b.block("OFFENSE_NOT_COVERED", f"You have {found}. A prior conviction for a 'super strike' or for an "
                "offense requiring sex-offender registration under § 290(c) bars this relief. (We count every "
                "other conviction you listed, whenever it was; ask a lawyer if it came after this one.)", cite)
    else:
        b.review(f"You have {found}. Such a prior can keep a cannabis felony a felony today, so the court may "
                 "refuse to reduce it; a lawyer should check.", cite)


def _priors(b: Builder, profile: Profile, own: list[CountFacts], cite: Cite | str, effect: str
            ) -> tuple[list[str], list[tuple[str, str | None]]]:
    hits: list[str] = []
    doubts: list[tuple[str, str | None]] = []
    mine = [c.count for c in own]
    for c in every_conviction(profile):
        if c.offense is None or any(c.count is x for x in mine):
            continue
        _prior(c, hits, doubts)
    status = profile.status
    if status.super_strike_prior:
        hits.append("a prior 'super strike' conviction (you told us so)")
    elif status.super_strike_prior is None:
        doubts.append(("Do you have a prior conviction for a 'super strike' (such as murder, attempted murder or "
                       f"a sex offense against a child)? It {effect}.", "status.super_strike_prior"))
    _registration(b, profile, hits, doubts, cite, effect)
    return hits, doubts


def _prior(c: CountFacts, hits: list[str], doubts: list[tuple[str, str | None]]) -> None:
    o = c.offense
    if o.super_strike:
        question = o.open_question("super_strike")
        if question is None:
            hits.append(f"a conviction for {c.label} ({o.description}), a 'super strike' "
                        f"({o.cite_for('super_strike')})")
            return
        doubts.append((f"Is your conviction for {c.label} a 'super strike'? {question}", None))
    if o.registrable_290c == "yes" and o.open_question("registrable_290c") is None:
        hits.append(f"a conviction for {c.label} ({o.description}), which requires registration "
                    f"({o.cite_for('registrable_290c')})")
    elif o.registrable_290c != "no":
        question = o.open_question("registrable_290c") or "It depends on the facts of that case."
        doubts.append((f"Did your conviction for {c.label} require registration under § 290(c)? {question}",
                       "status.registration.basis"))


def _registration(b: Builder, profile: Profile, hits: list[str], doubts: list[tuple[str, str | None]],
                  cite: Cite | str, effect: str) -> None:
    basis = registration_basis(profile)
    if basis is RegistrationBasis.offense_290c:
        if not any("requires registration" in hit for hit in hits):  # not already named from the table
            hits.append("a conviction that requires you to register under § 290(c)")
    elif basis is RegistrationBasis.court_ordered_290006:
        b.why("You register because a court ordered it (§ 290.006), not because of a § 290(c) offense; that "
              "alone does not stand in the way.", cite)
    elif basis is RegistrationBasis.terminated_290_5:
        doubts.append(("Your duty to register was ended under § 290.5. Was the conviction you registered for an "
                       f"offense listed in § 290(c)? A prior conviction for one {effect}, even after the duty ends.",
                       None))
    elif basis is None and profile.status.registrant_290 is None:
        doubts.append(("Do you have to register as a sex offender? A conviction requiring registration under "
                       f"§ 290(c) {effect}.", "status.registrant_290"))
    elif basis is None:
        doubts.append(("You register as a sex offender: is it for an offense listed in § 290(c) (that "
                       f"{effect}) or on a court order under § 290.006 (that does not, by itself)?",
                       "status.registration.basis"))


def _deadline(b: Builder, as_of: date) -> None:
    if as_of <= PROP_47_DEADLINE:
        b.why(f"File by {PROP_47_DEADLINE.isoformat()} (later only for good cause).", pc("1170.18", "(j)"))
    elif as_of < SB_749:
        b.discretionary("STATUTE_DISCRETIONARY", "The Nov. 4, 2022 deadline has passed; a late application "
                        "needs a showing of good cause.", pc("1170.18", "(j)"))
    else:
        b.why("There is no deadline: SB 749 (2023) removed it.", pc("1170.18", "(j)"))
    if within(as_of, SB749_UNCERTAIN):
        b.review("SB 749 took effect in October 2023 on the Governor's approval; confirm the exact day.",
                 pc("1170.18", "(j)"))
