"""The case profile: a petitioner and their cases, as the decisions and the forms need them.

A fact that may be unknown is Optional: `None` means "I don't know", and the rule that needs it
answers `needs_review` with the question to ask, never a guess.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

Date = date  # a field named `date` would shadow the type inside its class
from enum import Enum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from assembler.profile.county_names import canonical_county, suggest_county
from assembler.profile.printable import printable


# Far above any real record (a long RAP sheet has a few dozen cycles); a bound keeps one upload from
# occupying the tool for minutes.
MAX_CASES = 100
MAX_COUNTS = 60
CASE_NUMBER_MAX = 24  # California case numbers are about 7-15 characters; 24 fits every caption box


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    @field_validator("*", mode="before")
    @classmethod
    def _printable(cls, value):
        """Every text as a court form prints it (assembler/profile/printable.py)."""
        if isinstance(value, str):
            return _as_printed(value)
        if isinstance(value, list):
            return [_as_printed(v) if isinstance(v, str) else v for v in value]
        return value


# Printable ASCII and line layout: already NFC and printable as typed (most text), so no check per character.
_PLAIN = re.compile(r"[ -~\n\r\t]*").fullmatch
_printed = lru_cache(maxsize=4096)(printable)  # other text recurs too (names, "§"); a refusal is never cached


def _as_printed(text: str) -> str:
    if text.isascii() and (text.isprintable() or _PLAIN(text)):
        return text
    return _printed(text)


# --- petitioner -----------------------------------------------------------------------------


class Address(_Model):
    street: str
    city: str
    state: str = "CA"
    zip: str = Field(default="", description="ZIP code")
    unit: str | None = None

    def one_line(self) -> str:
        street = f"{self.street} {self.unit}" if self.unit else self.street
        return f"{street}, {self.city}, {self.state} {self.zip}".strip()


class Attorney(_Model):
    name: str
    state_bar_number: str
    firm: str | None = None
    address: Address | None = None
    phone: str | None = None
    email: str | None = None
    fax: str | None = None


class Petitioner(_Model):
    legal_name: str = Field(min_length=1)
    other_names: list[str] = Field(default_factory=list, description="Names used in any case")
    last_names: str | None = Field(
        default=None, description="The last name(s) within legal_name (e.g. 'García López'), for forms that ask "
        "for first, middle and last names apart (CR-410); None: not said, and a name of three or more words is "
        "not split into a middle name")
    date_of_birth: date | None = None
    mailing_address: Address | None = Field(
        default=None, description="May be a mailing address that keeps the home address private"
    )
    phone: str | None = None
    email: str | None = None
    preferred_language: Literal["en", "es"] = "en"
    attorney: Attorney | None = Field(default=None, description="None: self-represented")

    @property
    def self_represented(self) -> bool:
        return self.attorney is None

    @model_validator(mode="after")
    def _last_names_end_the_legal_name(self) -> "Petitioner":
        if self.last_names and not self.legal_name.endswith(self.last_names):
            raise ValueError(f"last_names: '{self.last_names}' is not the end of legal_name '{self.legal_name}'; "
                             "fix: give the last name(s) exactly as they end your legal name")
        return self

    @field_validator("date_of_birth")
    @classmethod
    def _born_in_the_past(cls, v: date | None, info: ValidationInfo) -> date | None:
        as_of = (info.context or {}).get("as_of")
        if v is not None and as_of is not None and v > as_of:
            raise ValueError(f"{v} is in the future (after {as_of}); fix: give the date of birth")
        if v is not None and v.year < EARLIEST_YEAR:
            raise ValueError(f"{v} is not a plausible date of birth; fix: check the year")
        return v


# --- person-level status --------------------------------------------------------------------


class SupervisionKind(str, Enum):
    probation = "probation"
    parole = "parole"
    prcs = "prcs"  # post-release community supervision (Pen. Code, § 3451)
    mandatory_supervision = "mandatory_supervision"  # Pen. Code, § 1170(h)(5)(B)
    federal = "federal"


class Supervision(_Model):
    kind: SupervisionKind
    case_number: str | None = Field(default=None, description="The case it belongs to")
    county: str | None = None
    ends_on: date | None = None


class PendingCharge(_Model):
    description: str = ""
    case_number: str | None = None
    court: str | None = Field(default=None, description="County or other court where it is pending")


class RegistrationBasis(str, Enum):
    """Why a person registers as a sex offender; the law treats the reasons differently."""

    none = "none"
    offense_290c = "offense_290c"  # convicted of an offense listed in Pen. Code, § 290(c): mandatory
    court_ordered_290006 = "court_ordered_290006"  # ordered by the court, Pen. Code, § 290.006
    terminated_290_5 = "terminated_290_5"  # the duty was ended under Pen. Code, § 290.5


class Registration(_Model):
    basis: RegistrationBasis | None = Field(default=None, description="Why the person registers; None: not known")
    since: date | None = Field(default=None, description="When the duty to register began")
    tier: int | None = Field(default=None, ge=1, le=3, description="Tier under Pen. Code, § 290(d): 1, 2 or 3")


class Status(_Model):
    """Where the person is now. `None` means unknown and leads to needs_review."""

    pending_charges: list[PendingCharge] = Field(default_factory=list)
    pending_charges_unknown: bool = Field(
        default=False, description="True when the person does not know whether a charge is pending"
    )
    supervision: list[Supervision] = Field(default_factory=list)
    supervision_unknown: bool = Field(
        default=False, description="True when the person does not know whether they are under supervision"
    )
    serving_sentence: bool | None = False
    registrant_290: bool | None = False
    super_strike_prior: bool | None = Field(
        default=False, description="A prior listed in Pen. Code, § 667(e)(2)(C)(iv) (Prop 47/64 bar)"
    )
    california_resident_since: date | None = Field(
        default=None, description="For a certificate of rehabilitation (Pen. Code, § 4852.06)"
    )
    registration: Registration | None = Field(
        default=None, description="Why and since when the person registers (Pen. Code, §§ 290(c), 290.006, 290.5)"
    )
    prior_serious_violent_felony: bool | None = Field(
        default=None, description="A serious or violent felony conviction not listed in this profile, out-of-state "
        "included (Pen. Code, § 1170(h)(3)); None: not known"
    )
    incarcerated_since_release: bool | None = Field(
        default=None, description="Jailed or imprisoned again since the release a certificate of rehabilitation "
        "counts from (Pen. Code, § 4852.01)"
    )
    mandatory_life_parole: bool | None = Field(
        default=None, description="Serving or sentenced to mandatory life parole (Pen. Code, § 4852.01(c))"
    )


# --- cases ----------------------------------------------------------------------------------


class Level(str, Enum):
    felony = "felony"
    misdemeanor = "misdemeanor"
    infraction = "infraction"


class Disposition(str, Enum):
    convicted_plea = "convicted_plea"
    convicted_verdict = "convicted_verdict"
    dismissed = "dismissed"
    acquitted = "acquitted"
    never_filed = "never_filed"
    diversion_completed = "diversion_completed"
    dej_completed = "dej_completed"
    conviction_vacated = "conviction_vacated"  # reversed on appeal, remedies exhausted
    pending = "pending"
    unknown = "unknown"  # the person does not know how the charge ended: needs_review, never a guess

    @property
    def is_conviction(self) -> bool:
        return self in (Disposition.convicted_plea, Disposition.convicted_verdict)


class VictimRelationship(str, Enum):
    spouse_or_partner = "spouse_or_partner"  # spouse, former spouse, registered partner (Fam. Code, § 6211(a))
    dating = "dating"  # dating or engagement relationship, now or before (§ 6211(c))
    cohabitant = "cohabitant"  # lives or lived with the person (§ 6211(b))
    child_in_common = "child_in_common"  # has a child with the person (§ 6211(d))
    family = "family"  # other close relative (§ 6211(f))
    child = "child"  # a minor
    elder = "elder"  # 65 or older, or a dependent adult (Pen. Code, § 368)
    other = "other"  # none of these
    none = "none"  # no victim

    @property
    def domestic(self) -> bool:
        return self in (VictimRelationship.spouse_or_partner, VictimRelationship.dating,
                        VictimRelationship.cohabitant, VictimRelationship.child_in_common,
                        VictimRelationship.family)


class Count(_Model):
    code: str = Field(description="Code abbreviation: PC, HS, VC, BP, WI …")
    section: str = Field(description="Section with subdivisions, e.g. 245(a)(1)")
    description: str | None = None
    level_charged: Level | None = None
    level_convicted: Level | None = None
    disposition: Disposition = Disposition.convicted_plea
    may_be_refiled: bool | None = Field(default=None, description="For a dismissed count")
    reduced_under_17b: bool = Field(default=False, description="Already declared a misdemeanor")
    value_over_950: bool | None = Field(default=None, description="For theft/value wobblers (Prop 47)")
    commercial_establishment_open: bool | None = Field(
        default=None, description="A burglary: entry into a commercial establishment, open during regular "
        "business hours, to steal (the shoplifting predicate of Pen. Code, § 459.5(a))"
    )
    vehicle_taking: Literal["theft", "driving"] | None = Field(
        default=None, description="Veh. Code, § 10851: the conviction rests on taking the car for good (theft) or "
        "on driving it (People v. Page (2017) 3 Cal.5th 1175)"
    )
    forged_instrument_473b: bool | None = Field(
        default=None, description="Forgery of a check, bond, bank bill, note, cashier's check, traveler's check "
        "or money order worth $950 or less (Pen. Code, § 473(b))"
    )
    victim_relationship: VictimRelationship | None = Field(
        default=None, description="Who the victim was to the person, for domestic-violence rules (Fam. Code, "
        "§ 6211; Pen. Code, §§ 1203.097, 851.91(c))"
    )
    offense_date: date | None = None

    @field_validator("code")
    @classmethod
    def _upper_code(cls, v: str) -> str:
        return v.strip().upper().replace(".", "").replace(" ", "")

    @field_validator("section")
    @classmethod
    def _normal_section(cls, v: str) -> str:
        return v.strip().lower().replace(" ", "")

    @property
    def label(self) -> str:
        return f"{self.code} {self.section}"


class Arrest(_Model):
    date: Date | None = None
    agency: str | None = None
    report_number: str | None = None
    offenses: list[Count] = Field(default_factory=list, max_length=MAX_COUNTS, description="What the arrest was for")
    evaded_prosecution: bool | None = Field(
        default=False, description="Pen. Code, § 851.91(a)(2)(C)-(D): absconded or used a false identity"
    )
    factually_innocent_claim: bool = False
    detention_only: bool | None = Field(
        default=None, description="Released without a charge and the arrest deemed a detention only (Pen. Code, "
        "§§ 849(b), 851.6), as a RAP sheet prints 'RELEASED/DETENTION ONLY'; None: not known")


class ProbationOutcome(str, Enum):
    completed = "completed"
    terminated_early = "terminated_early"
    violated_reinstated = "violated_reinstated"
    revoked = "revoked"
    ongoing = "ongoing"
    unknown = "unknown"


class Revocation(_Model):
    on: date | None = Field(default=None, description="The day probation was revoked")
    result: Literal["reinstated", "prison", "jail_1170h"] | None = Field(
        default=None, description="Probation reinstated, or a state prison / § 1170(h) county jail term executed"
    )


class Probation(_Model):
    kind: Literal["summary", "formal"] | None = Field(default="summary", description="None: not known")
    suspension: Literal["imposition", "execution"] | None = Field(
        default="imposition",
        description="Imposition of sentence suspended (ISS) or execution of a prison term suspended (ESS)",
    )
    length_months: int | None = Field(default=None, ge=0, le=600)
    start: date | None = None
    scheduled_end: date | None = None
    ended_on: date | None = None
    outcome: ProbationOutcome = ProbationOutcome.unknown
    violations: bool | None = Field(default=None, description="Any violation, even if reinstated")
    revocations: list[Revocation] = Field(
        default_factory=list, description="Each time probation was revoked and what followed"
    )


class CountyJail1170h(_Model):
    subparagraph: Literal["A", "B"] = Field(description="1170(h)(5)(A) straight jail or (B) split sentence")
    release_date: date | None = None
    mandatory_supervision_end: date | None = None


class StatePrison(_Model):
    sentenced_on: date | None = None
    ess_pronounced_on: date | None = Field(
        default=None, description="A prison term imposed with execution suspended: the day it was pronounced"
    )
    committed_on: date | None = Field(
        default=None, description="The day the person was committed to prison (an ESS term: when executed)"
    )
    release_date: date | None = None
    parole_discharge_date: date | None = None
    on_prcs: bool = Field(default=False, description="Released to post-release community supervision")
    fire_camp: bool = Field(default=False, description="Served on a fire camp / hand crew (Pen. Code, § 1203.4b)")


class Sentence(_Model):
    probation: Probation | None = None
    jail_days: int | None = Field(default=None, ge=0)
    county_jail_1170h: CountyJail1170h | None = None
    state_prison: StatePrison | None = None
    completed: bool | None = Field(
        default=None, description="Every part of the sentence performed (fines aside from restitution)"
    )
    completed_on: date | None = None
    fines_paid: bool | None = None
    fines_condition_of_probation: bool | None = Field(
        default=None, description="Payment of the unpaid fines or fees was a condition of probation "
        "(People v. Chandler (1988) 203 Cal.App.3d 782)"
    )
    restitution: Literal["none_ordered", "paid", "unpaid"] | None = None


class ReliefGranted(_Model):
    """Relief a court (or the DOJ, automatically) has already granted in this case."""

    remedy: Literal["1203.4", "1203.4a", "1203.41", "1203.42", "1203.43", "1203.49", "17b", "17d2", "1170.18",
                    "11361.8", "1203.425", "851.91", "851.93", "851.8", "236.14", "4852.01"] = Field(
        description="The statute the relief was granted under (1203.425 / 851.93: automatic relief on the record)")
    on: date | None = None


class Case(_Model):
    jurisdiction: Literal["california", "federal", "other_state"] = "california"
    county: str | None = None
    court_case_number: str | None = Field(default=None, max_length=CASE_NUMBER_MAX)
    arrest: Arrest | None = None
    counts: list[Count] = Field(default_factory=list, max_length=MAX_COUNTS)
    offense_date: date | None = None
    conviction_date: date | None = None
    judgment_date: date | None = None
    dej_dismissed_on: date | None = Field(default=None, description="Charges dismissed under former § 1000.3")
    sentence: Sentence | None = None
    new_conviction_since_judgment: bool | None = Field(
        default=None, description="For § 1203.4a(a): any new offense since judgment"
    )
    trafficking_victim: bool | None = Field(
        default=None, description="Conviction was the result of being a victim of human trafficking"
    )
    dv_child_elder_pattern: bool | None = Field(
        default=None, description="§ 851.91(c): a pattern of domestic violence, child or elder abuse"
    )
    what_happened: str | None = Field(default=None, description="The person's own short account")
    relief_granted: list[ReliefGranted] = Field(
        default_factory=list, description="Relief already granted in this case (dismissal, redesignation, sealing)"
    )
    days_out_of_state: int | None = Field(
        default=None, ge=0, le=40000, description="Days spent outside California since the offense (they pause "
        "the statute of limitations, Pen. Code, § 803(d)); None: not known"
    )

    @field_validator("county")
    @classmethod
    def _known_county(cls, v: str | None) -> str | None:
        if v is None:
            return None
        name = canonical_county(v)
        if name is None:
            hint = suggest_county(v)
            fix = f'did you mean "{hint}"?' if hint else "use one of the 58 county names, e.g. \"Los Angeles\""
            raise ValueError(f"'{v}' is not a California county; {fix}")
        return name

    @property
    def convicted_counts(self) -> list[Count]:
        return [c for c in self.counts if c.disposition.is_conviction]

    def granted(self, remedy: str) -> ReliefGranted | None:
        for r in self.relief_granted:  # asked for each remedy of each case: a plain loop, no generator
            if r.remedy == remedy:
                return r
        return None

    @property
    def label(self) -> str:
        if self.court_case_number:
            return self.court_case_number
        if self.arrest and self.arrest.report_number:
            return f"arrest {self.arrest.report_number}"
        if self.arrest and self.arrest.date:
            return f"arrest {self.arrest.date.isoformat()}"
        return "case"

    @model_validator(mode="after")
    def _consistent(self, info: ValidationInfo) -> "Case":
        if self.jurisdiction == "california" and self.county is None:
            raise ValueError("county is missing; fix: give the California county of the court or arrest")
        if not self.counts and not (self.arrest and self.arrest.offenses):
            raise ValueError("no counts and no arrest offenses; fix: list at least one count or arrest offense")
        _check_dates(self, info)
        return self


class DeclarationFacts(_Model):
    """What a declaration draws on. Anything missing is left as a marked blank, never invented."""

    employment: str | None = None
    education: str | None = None
    family: str | None = None
    treatment: str | None = None
    community_service: str | None = None
    hardship: str | None = Field(default=None, description="How the record holds the person back")
    responsibility: str | None = Field(
        default=None, description="What the person understands now about the offense and its harm (weighed for a "
        "reduction under Pen. Code, § 17(b): People v. Superior Court (Alvarez) (1997) 14 Cal.4th 968, 978)")
    why_now: str | None = None


class Profile(_Model):
    petitioner: Petitioner
    status: Status = Field(default_factory=Status)
    cases: list[Case] = Field(min_length=1, max_length=MAX_CASES)
    facts: DeclarationFacts = Field(default_factory=DeclarationFacts)

    @model_validator(mode="after")
    def _each_case_once(self) -> "Profile":
        """The same case listed twice would put every petition in the packet twice."""
        seen: dict[tuple, int] = {}
        for index, case in enumerate(self.cases):
            if not case.court_case_number:
                continue
            number = case.court_case_number.upper()
            key = (case.county, number if number.isalnum() else "".join(ch for ch in number if ch.isalnum()))
            if key in seen:
                raise ValueError(f"cases[{seen[key]}] and cases[{index}] are the same case ({case.county}, "
                                 f"{case.court_case_number}); fix: list each case once, with all its counts")
            seen[key] = index
        return self

    @model_validator(mode="after")
    def _born_before_the_record(self) -> "Profile":
        born = self.petitioner.date_of_birth
        if born is None:
            return self
        for index, case in enumerate(self.cases):
            for name, value in _past_dates(case):
                if value < born:
                    raise ValueError(f"cases[{index}].{name} ({value}) is before petitioner.date_of_birth ({born}); "
                                     "fix: check both dates")
        return self


# --- date sanity ----------------------------------------------------------------------------

EARLIEST_YEAR = 1900  # a record or a birth before this is a typo (a year 0201), not a fact


def _check_dates(case: Case, info: ValidationInfo) -> None:
    """Impossible or future dates are input errors, named by field with the fix."""
    as_of: date | None = (info.context or {}).get("as_of") if info else None
    sentence = case.sentence
    probation = sentence.probation if sentence else None
    if probation and probation.start:
        for name in ("scheduled_end", "ended_on"):
            end = getattr(probation, name)
            if end and end < probation.start:
                raise ValueError(
                    f"sentence.probation.{name} ({end}) is before sentence.probation.start "
                    f"({probation.start}); fix: check both dates"
                )
    if case.conviction_date and case.offense_date and case.conviction_date < case.offense_date:
        raise ValueError(
            f"conviction_date ({case.conviction_date}) is before offense_date ({case.offense_date}); "
            "fix: check both dates"
        )
    if case.judgment_date and case.conviction_date and case.judgment_date < case.conviction_date:
        raise ValueError(
            f"judgment_date ({case.judgment_date}) is before conviction_date ({case.conviction_date}); "
            "fix: judgment (sentencing) comes on or after conviction"
        )
    dates = _past_dates(case)
    for name, value in dates:
        if value.year < EARLIEST_YEAR:
            raise ValueError(f"{name} ({value}) is not a plausible date; fix: check the year")
    if as_of is None:
        return
    for name, value in dates:
        if value > as_of:
            raise ValueError(
                f"{name} ({value}) is in the future (after {as_of}); fix: give the date it happened"
            )


def _past_dates(case: Case) -> list[tuple[str, date]]:
    """The dates given that record something that already happened (scheduled ends may lie ahead), in a
    fixed order: the first wrong one is the one reported."""
    found = [("offense_date", case.offense_date), ("conviction_date", case.conviction_date),
             ("judgment_date", case.judgment_date), ("dej_dismissed_on", case.dej_dismissed_on)]
    found += [(f"relief_granted.{r.remedy}.on", r.on) for r in case.relief_granted if r.on is not None]
    if case.arrest:
        found.append(("arrest.date", case.arrest.date))
    s = case.sentence
    if s:
        found.append(("sentence.completed_on", s.completed_on))
        if s.probation:
            found += [("sentence.probation.start", s.probation.start),
                      ("sentence.probation.ended_on", s.probation.ended_on)]
            found += [("sentence.probation.revocations.on", r.on) for r in s.probation.revocations]
        if s.state_prison:
            found += [("sentence.state_prison.sentenced_on", s.state_prison.sentenced_on),
                      ("sentence.state_prison.release_date", s.state_prison.release_date),
                      ("sentence.state_prison.ess_pronounced_on", s.state_prison.ess_pronounced_on),
                      ("sentence.state_prison.committed_on", s.state_prison.committed_on)]
        if s.county_jail_1170h:
            found.append(("sentence.county_jail_1170h.release_date", s.county_jail_1170h.release_date))
    found += [(f"counts.{c.label}.offense_date", c.offense_date) for c in case.counts if c.offense_date is not None]
    return [(name, value) for name, value in found if value is not None]
