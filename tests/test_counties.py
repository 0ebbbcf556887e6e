"""County profiles: all 58 load, unknown facts stay unknown, and the data matches its derivation."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from assembler.profile.counties import COUNTIES, Fact, county_profile
from tests.conftest import REPO, shared_root

DATA = REPO / "assembler" / "data" / "counties"


def _facts(profile):
    """Every Fact in a profile, wherever it sits."""
    def walk(node):
        if isinstance(node, Fact):
            yield node
        elif hasattr(node, "__pydantic_fields__"):
            for name in type(node).model_fields:
                yield from walk(getattr(node, name))
        elif isinstance(node, list):
            for item in node:
                yield from walk(item)
    yield from walk(profile)


@pytest.mark.parametrize("county", COUNTIES)
def test_every_county_loads_with_its_court_name(county):
    profile = county_profile(county)
    assert profile.county == county
    assert profile.court.name.value == f"Superior Court of California, County of {county}"


@pytest.mark.parametrize("county", COUNTIES)
def test_an_unknown_fact_has_no_source_and_a_verified_one_has_two(county):
    for fact in _facts(county_profile(county)):
        if fact.value is None:
            assert fact.sources == [] and fact.verified is False
        if fact.verified:
            assert len(fact.sources) >= 2


def test_a_name_people_type_finds_the_county():
    assert county_profile("  los angeles county ").slug == "los-angeles"


def test_a_misspelled_county_is_refused_with_a_suggestion():
    with pytest.raises(ValueError, match='did you mean "Sacramento"'):
        county_profile("Sacramneto")


def test_imperial_has_no_invented_street_address():
    court = county_profile("Imperial").court
    assert court.filing_address.value is None
    assert "street number not found" in court.filing_address.note


def test_local_practice_carries_its_source():
    tulare = county_profile("Tulare").practice
    assert tulare.copies.value == 5 and tulare.copies.sources == ["P_tulare_pd"]
    assert county_profile("San Diego").practice.local_petition_form.value == "CRM-204"


def test_one_file_per_county_and_nothing_else():
    assert len(list(DATA.glob("*.json"))) == 58


def test_the_files_ship_in_the_wheel():
    text = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert re.search(r'^assembler = \[.*"data/counties/\*".*\]$', text, re.M)


def test_the_generator_in_the_readme_reproduces_the_files(tmp_path):
    source = shared_root() / "data" / "ca_counties.json"
    if not source.exists():
        pytest.skip(f"shared county data not found at {source} (set CA_RELIEF_SHARED); the derived files are "
                    "checked against it where it exists, as in CI")
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    script = tmp_path / "gen.py"
    script.write_text(readme.split("```python\n", 1)[1].split("```", 1)[0], encoding="utf-8")
    subprocess.run([sys.executable, str(script), str(source), str(tmp_path / "out")], check=True,
                   capture_output=True)
    for path in DATA.glob("*.json"):
        assert json.loads((tmp_path / "out" / path.name).read_text()) == json.loads(path.read_text()), path.name
