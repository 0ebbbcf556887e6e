"""The offense table: what the law says about each commonly seen offense.

The facts live in `rules/data/offenses.yaml`, one row per offense, every classification with its
citation (see the header of that file for the columns). An offense that is not in the table is
never a crash: `lookup` returns None and the rule that needed it answers `needs_review`.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from rules.packaged import read_yaml

LevelName = Literal["felony", "misdemeanor", "infraction"]
Punishment = Literal["felony", "wobbler", "misdemeanor", "wobblette", "infraction"]
Tri = Literal["yes", "no", "conditional"]
# What Prop 47 needs beyond the section (Pen. Code § 1170.18(a) and the sections it amended or added).
Prop47Predicate = Literal["value_950", "shoplifting_459_5", "forgery_473b", "vehicle_theft_page"]


class Offense(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str
    section: str
    aliases: list[str] = Field(default_factory=list)
    covers_subdivisions: bool = Field(
        default=False, description="The row speaks for every subdivision under its section"
    )
    description: str
    plain: str = Field(description="Plain-language name a petitioner recognises")
    plain_es: str | None = None
    tell_apart: str | None = Field(default=None, description="One line telling this offense from its neighbours "
                                                             "in the interview's search (484 vs 490.2 vs 487)")
    tell_apart_es: str | None = None
    punishment: Punishment
    wobbler_17b: bool = False
    wobblette_19_8: bool = False
    serious_1192_7c: Tri = "no"
    violent_667_5c: Tri = "no"
    registrable_290c: Tri = "no"
    excluded_1203_4b: list[LevelName] = Field(default_factory=list)
    excluded_1203_4a_d: list[LevelName] = Field(default_factory=list)
    vc_12810: bool = False
    prop47: bool = False
    prop47_predicate: Prop47Predicate | None = Field(
        default=None, description="The fact a count must show to fall under Prop 47 (None: the section alone)"
    )
    prop64: bool = False
    jail_1170h: bool = False
    limitation_years: int | None = None
    no_limitation: bool = False
    dv_child_elder: bool = False
    super_strike: bool = False
    firearm_ban_29805: bool = False
    prostitution_647b: bool = False
    identity_theft_530_5: bool = Field(
        default=False, description="Identity theft as defined in Pen. Code § 530.5 (with forgery, bars Prop 47, § 473(b))"
    )
    own_probation_length: bool = False
    excluded_4852_01: bool = False
    life_term: bool = False
    rehabilitation_years: int | None = Field(
        default=None, description="Period of rehabilitation under Pen. Code § 4852.03(a) when not the usual 7 years"
    )
    cite: str = Field(description="The offense's own section")
    cites: dict[str, str] = Field(default_factory=dict, description="Citation for each classification")
    verify: str | None = Field(default=None, description="An open question: rules relying on it say needs_review")
    verify_flags: list[str] = Field(
        default_factory=list, description="The classifications the open question concerns; empty: the whole row"
    )

    @model_validator(mode="after")
    def _every_classification_cited(self) -> "Offense":
        missing = [flag for flag in self.true_flags() if flag not in self.cites]
        if missing:
            raise ValueError(f"{self.code} {self.section}: no citation for {', '.join(missing)}")
        return self

    def true_flags(self) -> list[str]:
        flags = []
        for name in ("wobbler_17b", "wobblette_19_8", "vc_12810", "prop47", "prop64", "jail_1170h",
                     "dv_child_elder", "super_strike", "firearm_ban_29805", "no_limitation", "prostitution_647b",
                     "identity_theft_530_5",
                     "own_probation_length", "excluded_4852_01", "life_term"):
            if getattr(self, name):
                flags.append(name)
        for name in ("serious_1192_7c", "violent_667_5c", "registrable_290c"):
            if getattr(self, name) != "no":
                flags.append(name)
        for name in ("excluded_1203_4b", "excluded_1203_4a_d"):
            if getattr(self, name):
                flags.append(name)
        for name in ("limitation_years", "rehabilitation_years", "prop47_predicate"):
            if getattr(self, name) is not None:
                flags.append(name)
        return flags

    @property
    def key(self) -> str:
        return f"{self.code} {self.section}"

    def open_question(self, *flags: str) -> str | None:
        """The row's open question if it concerns any of `flags` (or the whole row)."""
        if self.verify and (not self.verify_flags or set(flags) & set(self.verify_flags)):
            return self.verify
        return None

    def cite_for(self, flag: str) -> str:
        return self.cites.get(flag, self.cite)


def normalize_section(section: str) -> str:
    """'245 (A)(1)' and '245(a)(1)' -> '245(a)(1)'; '245a1' stays distinct (an alias may name it)."""
    return re.sub(r"\s+", "", section).lower()


def normalize_code(code: str) -> str:
    return re.sub(r"[\s.]", "", code).upper()


@lru_cache(maxsize=1)
def table() -> dict[tuple[str, str], Offense]:
    text = resources.files("rules").joinpath("data/offenses.yaml").read_text(encoding="utf-8")
    rows = read_yaml(text)["offenses"]
    index: dict[tuple[str, str], Offense] = {}
    for row in rows:
        offense = Offense.model_validate(row)
        for section in [offense.section, *offense.aliases]:
            key = (normalize_code(offense.code), normalize_section(section))
            if key in index:
                raise ValueError(f"offense table: {key} appears twice")
            index[key] = offense
    return index


@lru_cache(maxsize=4096)  # a batch asks about the same few hundred sections over and over
def lookup(code: str, section: str) -> Offense | None:
    """The row for this code and section, or the nearest parent row that covers subdivisions."""
    rows = table()
    code, section = normalize_code(code), normalize_section(section)
    if (code, section) in rows:
        return rows[(code, section)]
    parent = section
    while "(" in parent:
        parent = parent[: parent.rindex("(")]
        row = rows.get((code, parent))
        if row is not None and row.covers_subdivisions:
            return row
    return None


def all_offenses() -> list[Offense]:
    seen: dict[str, Offense] = {}
    for offense in table().values():
        seen.setdefault(offense.key, offense)
    return list(seen.values())
