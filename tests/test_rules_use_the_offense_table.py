"""Offense knowledge lives in the offense table (rules/data/offenses.yaml), never in a rule module.

DESIGN.md: "Offense facts ... live in a data table with a citation per row; no rule module keeps its own
list of sections." And an offense the table does not know gives needs_review for every answer that
depends on a table fact — never the most favourable guess.
"""

import ast
import re
from datetime import date
from importlib import resources
from pathlib import Path

import pytest

from rules.decision import Status
from tests.scenario import arrest, conviction, count, run

RULES = Path(resources.files("rules"))
OFFENSE_KEY = re.compile(r"^(PC|HS|VC|BP|WI|PEN|HSC|VEH)\s*\d+(\.\d+)?[a-z]*(\([a-z0-9]+\))*$", re.IGNORECASE)
OFFENSE_ATTRIBUTES = {"key", "section", "code"}


def _docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef)):
            body = getattr(node, "body", [])
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                ids.add(id(body[0].value))
    return ids


def _offense_literals(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = _docstrings(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs:
            if OFFENSE_KEY.match(node.value.strip()):
                found.append(f"line {node.lineno}: {node.value!r}")
        if isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            names = {s.attr for s in sides if isinstance(s, ast.Attribute)}
            literal = any(isinstance(s, ast.Constant) and isinstance(s.value, str) for s in sides)
            collection = any(isinstance(s, (ast.Set, ast.List, ast.Tuple)) for s in sides)
            if names & OFFENSE_ATTRIBUTES and (literal or collection) and "code" not in names:
                found.append(f"line {node.lineno}: compares an offense's {names & OFFENSE_ATTRIBUTES} with a literal")
    return found


@pytest.mark.parametrize("module", sorted(p.name for p in RULES.glob("*.py")))
def test_no_rule_module_lists_offense_sections(module):
    assert _offense_literals(RULES / module) == [], (
        f"rules/{module} names offenses in code; put the fact in rules/data/offenses.yaml with its citation")


def test_the_check_itself_catches_a_section_list(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text('_EXCLUDED = {"PC 288(a)", "PC 288.5"}\n\ndef f(o):\n    return o.key == "PC 647(b)"\n'
                   'CODE = "VC12810_OFFENSE"\n')
    found = _offense_literals(bad)
    assert {f.split(":")[0] for f in found} == {"line 1", "line 4"}


UNKNOWN = "999.99"  # no such row in the table


def _open_answers(result) -> list[tuple[str, str]]:
    return [(d.remedy, d.status.value) for d in result.remedies if d.status in (Status.mandatory,
                                                                             Status.discretionary)]


def test_an_unknown_felony_with_probation_is_never_answered_from_a_guess():
    """§ 17(b) (wobbler?), § 1203.4(b) (excluded?), § 4852.01(c) (excluded?): each depends on the table."""
    case = conviction(count(UNKNOWN, level="felony"))
    result = run(case, california_resident_since="1980-01-01").cases[0]
    for remedy in ("17b", "1203.4"):
        assert result.remedy(remedy).status is Status.needs_review, remedy
    certificate = result.remedy("4852.01")
    assert certificate is None or certificate.status in (Status.needs_review, Status.ineligible)
    assert _open_answers(result) == []


def test_an_unknown_misdemeanor_without_probation_needs_review():
    """§ 1203.4a(d) exclusions come from the table."""
    case = conviction(count(UNKNOWN), sentence={"jail_days": 2, "completed": True}, new_conviction_since_judgment=False)
    result = run(case).cases[0]
    assert result.remedy("1203.4a").status is Status.needs_review


def test_an_unknown_arrest_offense_needs_review():
    """§ 851.91(a)(1)(A), (a)(2)(A)-(B): the limitation period and the no-limitation list come from the table."""
    result = run(arrest(count(UNKNOWN, disposition="never_filed"))).cases[0]
    assert result.remedy("851.91").status is Status.needs_review


def test_an_unknown_prison_felony_needs_review_for_the_certificate_period():
    """§ 4852.03(a): the period (7, 9 or 10 years) depends on the offense; never the shortest by default."""
    case = conviction(count(UNKNOWN, level="felony"), sentence={
        "state_prison": {"sentenced_on": "2010-01-01", "release_date": "2012-01-01",
                         "parole_discharge_date": "2013-01-01"}, "completed": True, "completed_on": "2013-01-01"},
        convicted_on=date(2010, 1, 1))
    result = run(case, california_resident_since="1980-01-01").cases[0]
    certificate = result.remedy("4852.01")
    assert certificate is not None and certificate.status is Status.needs_review
