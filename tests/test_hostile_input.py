"""Malformed, hostile and clumsy profiles: a message naming the problem and the fix, exit 2, never a
traceback, never a file outside OUTDIR (issue: hostile and clumsy input, items 1, 4, 5, 10, 12)."""

from __future__ import annotations

import copy
import unicodedata
from datetime import date

import pytest
import yaml
from hypothesis import HealthCheck, given, settings, strategies as st
from typer.testing import CliRunner

from assembler.cli import app
from assembler.profile.load import ProfileError, parse_profile
from assembler.profile.reading import MAX_BYTES, Unreadable, parse_bytes
from conftest import REPO

runner = CliRunner()
EXAMPLE = (REPO / "examples" / "dismissal-misdemeanor.yaml").read_text(encoding="utf-8")
AS_OF = date(2026, 11, 1)


@pytest.mark.parametrize("name, content, says", [
    ("impossible date", EXAMPLE.replace("conviction_date: 2019-03-15", "conviction_date: 2019-02-29"),
     "cases[0].conviction_date"),
    ("not UTF-8", EXAMPLE.replace("Maria Elena Lopez", "María").encode("latin-1"), "not UTF-8 text"),
    ("a huge integer", EXAMPLE.replace("length_months: 24", "length_months: " + "9" * 5000), "no profile field"),
    ("deep nesting", EXAMPLE + "extra: " + "[" * 3000 + "]" * 3000 + "\n", "nested deeper"),
    ("a key twice", EXAMPLE.replace("  preferred_language: en", "  preferred_language: en\n  preferred_language: es"),
     "'preferred_language' is given twice"),
    ("aliases", EXAMPLE + "spare: &case {county: Alameda}\nmore: [*case, *case]\n", "anchor (&) or alias (*)"),
    ("a 40-character case number", EXAMPLE.replace("court_case_number: 9CJ01234", "court_case_number: " + "B" * 40),
     "cases[0].court_case_number"),
    ("too big", b"#" * (MAX_BYTES + 1), "a profile is at most"),
])
def test_each_malformed_file_is_a_message_with_exit_2(tmp_path, name, content, says):
    source = tmp_path / "profile.yaml"
    source.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    result = runner.invoke(app, ["build", str(source), "-o", str(tmp_path / "out"), "--as-of", "2026-11-01"])
    assert result.exit_code == 2, (name, result.output)
    assert says in result.output and "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_a_yaml_alias_bomb_is_refused_before_it_expands():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(9))
    with pytest.raises(Unreadable, match="anchor"):
        parse_bytes(bomb.encode())


def test_decomposed_accents_are_normalised_not_refused():
    data = yaml.safe_load(EXAMPLE)
    data["petitioner"]["legal_name"] = unicodedata.normalize("NFD", "José Peña")
    assert parse_profile(data, AS_OF).petitioner.legal_name == "José Peña"


def test_more_cases_than_any_record_is_a_message():
    data = yaml.safe_load(EXAMPLE)
    data["cases"] = [copy.deepcopy(data["cases"][0]) for _ in range(101)]
    with pytest.raises(ProfileError, match="cases"):
        parse_profile(data, AS_OF)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=400) | st.text(max_size=400).map(str.encode)
       | st.sampled_from(EXAMPLE.splitlines()).flatmap(
           lambda line: st.text(max_size=30).map(lambda junk: EXAMPLE.replace(line, line + junk, 1).encode())))
def test_fuzz_the_loader_and_build_exit_0_or_2_and_write_only_under_outdir(tmp_path, content):
    source = tmp_path / "fuzz.yaml"
    source.write_bytes(content)
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(source), "-o", str(out), "--as-of", "2026-11-01"])
    assert result.exit_code in (0, 2), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert {p.name for p in tmp_path.iterdir()} <= {"fuzz.yaml", "out"}
