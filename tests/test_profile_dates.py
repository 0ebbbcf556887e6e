"""Implausible facts are input errors, named by field with the fix, before any decision."""

from __future__ import annotations

import copy
from datetime import date

import pytest
import yaml

from assembler.profile.load import ProfileError, parse_profile
from conftest import REPO

AS_OF = date(2026, 11, 1)
BASE = yaml.safe_load((REPO / "examples" / "dismissal-misdemeanor.yaml").read_text(encoding="utf-8"))


def _problems(change) -> list[str]:
    data = copy.deepcopy(BASE)
    change(data)
    with pytest.raises(ProfileError) as caught:
        parse_profile(data, AS_OF)
    return caught.value.problems


def test_a_future_date_of_birth_is_refused():
    problems = _problems(lambda d: d["petitioner"].update(date_of_birth="2030-01-01"))
    assert problems[0].startswith("petitioner.date_of_birth: 2030-01-01 is in the future")


def test_a_birth_after_the_offense_is_refused_naming_both_fields():
    problems = _problems(lambda d: d["petitioner"].update(date_of_birth="2019-03-01"))
    assert "cases[0].offense_date (2019-02-03) is before petitioner.date_of_birth (2019-03-01)" in problems[0]


def test_a_year_0201_offense_is_a_typo_not_a_fact():
    """A year-0201 offense once passed and even added a Prop 47 row (Prop 47 predates it by 1,800 years)."""
    problems = _problems(lambda d: d["cases"][0].update(offense_date="0201-02-03"))
    assert "offense_date (0201-02-03) is not a plausible date; fix: check the year" in problems[0]


def test_the_same_case_twice_is_an_error_naming_both():
    """Listed twice, one case put every petition in packet.pdf twice; numbers that differ only in spacing or
    punctuation ("RIF 1801234" / "RIF-1801234") are the same court case."""
    def twice(d):
        d["cases"].append(copy.deepcopy(d["cases"][0]))
        d["cases"][1]["court_case_number"] = "9CJ-01234"
    problems = _problems(twice)
    assert "cases[0] and cases[1] are the same case (Los Angeles, 9CJ-01234)" in problems[0]
