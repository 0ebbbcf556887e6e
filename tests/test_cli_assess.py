"""`relief assess`: the JSON contract, the readable table, and bad input that names the field."""

import json
import subprocess
import sys
from pathlib import Path

import yaml
from typer.testing import CliRunner

from assembler.cli import app

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
runner = CliRunner()


def assess_json(path: Path, as_of: str = "2026-11-01") -> dict:
    result = runner.invoke(app, ["assess", str(path), "--json", "--as-of", as_of])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def write(tmp_path: Path, data: dict, name: str = "p.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def example() -> dict:
    return yaml.safe_load((EXAMPLES / "dismissal-misdemeanor.yaml").read_text())


def test_json_follows_the_design_contract():
    out = assess_json(EXAMPLES / "wobbler-17b-then-dismissal.yaml")
    assert set(out) == {"petitioner", "as_of", "cases", "recommended_order"}
    case = out["cases"][0]
    # DESIGN.md's fields, plus `key` (added in issue 13: the case's one file-safe identity)
    assert set(case) == {"case_number", "county", "remedies", "flags", "notices", "key"}
    assert case["key"] == "RIF1801234"
    remedy = case["remedies"][0]
    assert set(remedy) == {"remedy", "status", "eligible_now", "eligible_on", "forms", "blockers",
                           "discretion", "reasons", "questions"}
    assert remedy["remedy"] == "17b" and remedy["status"] == "discretionary"
    assert out["recommended_order"][:2] == ["17b@RIF1801234", "1203.4@RIF1801234"]


def test_the_three_examples_decide_as_their_comments_say():
    dismissal = assess_json(EXAMPLES / "dismissal-misdemeanor.yaml")["cases"][0]["remedies"]
    sealing = assess_json(EXAMPLES / "arrest-sealing.yaml")["cases"][0]["remedies"]
    assert [(r["remedy"], r["status"]) for r in dismissal] == [("1203.4", "mandatory")]
    assert [(r["remedy"], r["status"], r["forms"]) for r in sealing] == [
        ("851.91", "mandatory", ["CR-409", "CR-410"]), ("851.8", "needs_review", [])]


def test_table_for_people_shows_status_in_words_and_citations():
    result = runner.invoke(app, ["assess", str(EXAMPLES / "dismissal-misdemeanor.yaml"), "--as-of", "2026-11-01"],
                           env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "the court must grant it" in result.stdout
    assert "1203.4(a)(1)" in result.stdout


def test_brackets_in_a_name_print_as_written(tmp_path):
    # rich reads "[/b]" as the end of a style: a name like this once stopped the command with a MarkupError
    data = example()
    data["petitioner"]["legal_name"] = "Ana [/b] [bold]Lopez"
    result = runner.invoke(app, ["assess", str(write(tmp_path, data)), "--as-of", "2026-11-01"])
    assert result.exit_code == 0, result.output
    assert "Ana [/b] [bold]Lopez — decided as of 2026-11-01" in result.stdout
    assert "§ 1203.4(a)(1)" in result.stdout


def test_probation_ending_before_it_began_names_both_fields(tmp_path):
    data = example()
    data["cases"][0]["sentence"]["probation"]["ended_on"] = "2018-01-01"
    result = runner.invoke(app, ["assess", str(write(tmp_path, data)), "--as-of", "2026-11-01"])
    assert result.exit_code == 2
    assert "sentence.probation.ended_on" in result.stderr and "sentence.probation.start" in result.stderr
    assert "fix:" in result.stderr


def test_future_date_is_rejected_with_the_field(tmp_path):
    data = example()
    data["cases"][0]["conviction_date"] = "2030-01-01"
    data["cases"][0]["judgment_date"] = "2030-01-01"
    result = runner.invoke(app, ["assess", str(write(tmp_path, data)), "--as-of", "2026-11-01"])
    assert result.exit_code == 2
    assert "conviction_date (2030-01-01) is in the future" in result.stderr


def test_unknown_county_suggests_the_right_one(tmp_path):
    data = example()
    data["cases"][0]["county"] = "Los Angelos"
    result = runner.invoke(app, ["assess", str(write(tmp_path, data))])
    assert result.exit_code == 2
    assert "cases[0].county" in result.stderr and 'did you mean "Los Angeles"' in result.stderr


def test_bad_date_format_and_missing_field(tmp_path):
    data = example()
    data["cases"][0]["offense_date"] = "March 3rd"
    del data["petitioner"]["legal_name"]
    result = runner.invoke(app, ["assess", str(write(tmp_path, data))])
    assert result.exit_code == 2
    assert "cases[0].offense_date" in result.stderr and "YYYY-MM-DD" in result.stderr
    assert "petitioner.legal_name: field required; fix: add this field" in result.stderr


def test_broken_yaml_and_bad_as_of(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("petitioner: {legal_name: [unclosed\n")
    result = runner.invoke(app, ["assess", str(broken)])
    assert result.exit_code == 2 and "not valid YAML near line" in result.stderr
    result = runner.invoke(app, ["assess", str(EXAMPLES / "arrest-sealing.yaml"), "--as-of", "yesterday"])
    assert result.exit_code == 2 and "--as-of" in result.stderr


def test_real_console_script_prints_no_traceback(tmp_path):
    data = example()
    data["cases"][0]["county"] = "Atlantis"
    proc = subprocess.run([sys.executable, "-m", "assembler", "assess", str(write(tmp_path, data))],
                          capture_output=True, text=True)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and "'Atlantis' is not a California county" in proc.stderr


def test_schema_lists_the_profile_fields():
    result = runner.invoke(app, ["schema"])
    schema = json.loads(result.stdout)
    assert {"petitioner", "cases", "status", "facts"} <= set(schema["properties"])
