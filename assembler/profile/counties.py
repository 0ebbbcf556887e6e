"""The 58 California counties, a forgiving lookup for what people type, and each county's profile
(court, prosecutor, probation, public defender), read from assembler/data/counties/<slug>.json."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Generic, TypeVar

from pydantic import BaseModel, ConfigDict

from assembler.profile.county_names import COUNTIES, canonical_county, suggest_county  # noqa: F401 (re-exported)


# --- county profiles (data in assembler/data/counties/<slug>.json) --------------------------

T = TypeVar("T")


class Fact(BaseModel, Generic[T]):
    """One fact about a county with where it came from. `value` None: unknown, never guessed.

    `verified` is True only when two independent sources agree on it (see the data README).
    """

    model_config = ConfigDict(frozen=True)
    value: T | None = None
    sources: list[str] = []
    verified: bool = False
    note: str | None = None

    @property
    def known(self) -> bool:
        return self.value is not None


class PostalAddress(BaseModel):
    model_config = ConfigDict(frozen=True)
    street: str
    city: str | None = None
    zip: str | None = None

    def one_line(self) -> str:
        tail = " ".join(p for p in ("CA", self.zip) if p)
        return ", ".join(p for p in (self.street, self.city, tail) if p)


class Conflict(BaseModel):
    address: PostalAddress | None = None
    sources: list[str] = []
    note: str | None = None


class Courthouse(BaseModel):
    name: str
    address: PostalAddress | None = None
    label: str | None = None
    sources: list[str] = []


class Court(BaseModel):
    name: Fact[str]
    courthouse: Fact[str]
    filing_address: Fact[PostalAddress]
    criminal_location: str
    basis: str
    phone: Fact[str]
    url: Fact[str]
    url_alt: Fact[str]
    local_rules_url: Fact[str]
    local_forms_url: Fact[str]
    zip_candidates: list[str] = []
    conflicts: list[Conflict] = []
    other_courthouses: list[Courthouse] = []

    @property
    def location_confirmed(self) -> bool:
        return self.criminal_location.startswith("confirmed")


class Office(BaseModel):
    """A prosecutor, probation department, public defender or legal-aid office."""

    name: Fact[str]
    unit: Fact[str]
    address: Fact[PostalAddress]
    phone: Fact[str]
    email: Fact[str]
    url: Fact[str]
    as_of: str | None = None
    walk_in: str | None = None


class Practice(BaseModel):
    """Local practice found in court or public-defender pages, each with its source."""

    copies: Fact[int] = Fact()
    self_addressed_envelope: Fact[bool] = Fact()
    local_petition_form: Fact[str] = Fact()
    probation_referral: Fact[str] = Fact()


class Source(BaseModel):
    id: str
    title: str | None = None
    url: str | None = None
    repo: str | None = None
    path: str | None = None
    commit: str | None = None
    date: str | None = None


class CountyProfile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    county: str
    slug: str
    fips: str
    as_of: str
    derived_from: str
    court: Court
    district_attorney: Office
    probation: Office
    public_defender: Office
    legal_aid: list[Office] = []
    practice: Practice = Practice()
    notes: list[Fact[str]] = []
    sources: list[Source] = []


def county_slug(name: str) -> str:
    return name.lower().replace(" ", "-")


def county_profile(name: str) -> CountyProfile:
    """The county's court and service contacts. Raises ValueError for a name that is no county."""
    county = canonical_county(name)
    if county is None:
        hint = suggest_county(name)
        fix = f'did you mean "{hint}"?' if hint else 'use one of the 58 county names, e.g. "Los Angeles"'
        raise ValueError(f"'{name}' is not a California county; {fix}")
    return _load_profile(county_slug(county))


@lru_cache(maxsize=None)
def _load_profile(slug: str) -> CountyProfile:
    text = (resources.files("assembler") / "data" / "counties" / f"{slug}.json").read_text(encoding="utf-8")
    return CountyProfile.model_validate(json.loads(text))
