"""Batch input: the documented columns, the template, header checks before any work, rows → profiles."""

import csv
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assembler.batch.columns import REQUIRED, markdown
from assembler.batch.grouping import locate
from assembler.batch.inputs import Source
from assembler.batch.synthetic import clients, rows, samples, table
from assembler.batch.tables import TableError
from assembler.cli import app
from assembler.profile.load import ProfileError, parse_profile
from rules.engine import assess

REPO = Path(__file__).resolve().parents[1]
AS_OF = date(2026, 11, 1)
runner = CliRunner()


def write_csv(path: Path, table_rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(table_rows)
    return path


def template_rows(tmp_path: Path) -> list[list[str]]:
    result = runner.invoke(app, ["batch", "--template", str(tmp_path / "t.csv")])
    assert result.exit_code == 0, result.output
    return list(csv.reader((tmp_path / "t.csv").open(encoding="utf-8")))


def problems(client) -> list[str]:
    try:
        parse_profile(client.grouped.data, AS_OF)
    except ProfileError as exc:
        return [locate(p, client.grouped) for p in exc.problems]
    return []


def test_columns_md_documents_every_column():
    assert (REPO / "assembler" / "batch" / "COLUMNS.md").read_text(encoding="utf-8") == markdown()


def test_template_has_every_column_and_an_example_that_validates(tmp_path):
    header, example = template_rows(tmp_path)
    assert set(REQUIRED) <= set(header) and len(header) == len(example)
    (client,) = Source(tmp_path / "t.csv")
    assert client.label == "C001" and client.error is None and problems(client) == []


def test_xlsx_template_reads_back_the_same(tmp_path):
    result = runner.invoke(app, ["batch", "--template", str(tmp_path / "t.xlsx")])
    assert result.exit_code == 0, result.output
    (from_xlsx,) = Source(tmp_path / "t.xlsx")
    template_rows(tmp_path)
    (from_csv,) = Source(tmp_path / "t.csv")
    assert from_xlsx.grouped.data == from_csv.grouped.data


def test_missing_required_column_is_one_message_before_any_work(tmp_path):
    header, example = template_rows(tmp_path)
    drop = header.index("county")
    source = write_csv(tmp_path / "in.csv", [[c for i, c in enumerate(r) if i != drop] for r in (header, example)])
    result = runner.invoke(app, ["batch", str(source), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.output.count("error:") == 1
    assert "missing the required column county" in result.output
    assert not (tmp_path / "out").exists()


def test_unknown_column_suggests_the_right_name(tmp_path):
    header, example = template_rows(tmp_path)
    header[header.index("probation_start")] = "probaton_start"
    with pytest.raises(TableError, match='did you mean "probation_start"'):
        Source(write_csv(tmp_path / "in.csv", [header, example]))


def test_rows_group_by_client_and_case_and_errors_name_row_and_column(tmp_path):
    header, example = template_rows(tmp_path)
    at = {name: i for i, name in enumerate(header)}

    def row(**changes):
        out = list(example)
        for name, value in changes.items():
            out[at[name]] = value
        return out

    second_count = [""] * len(header)
    for name, value in {"client_id": "C001", "case_number": "9CJ01234", "code": "PC", "section": "148(a)(1)",
                        "disposition": "convicted_plea"}.items():
        second_count[at[name]] = value
    data = [header, row(), second_count, row(client_id="C002", probation_start="2019-13-01"),
            row(client_id="C003", legal_name="Someone Else"),
            row(client_id="C003", legal_name="Someone Else", case_number="OTHER1"),
            row(client_id="", legal_name="No Id"), row(client_id="C004", county="Los Angles")]
    c1, c2, c3, blank, c4 = Source(write_csv(tmp_path / "in.csv", data))
    assert problems(c1) == [] and len(c1.grouped.data["cases"][0]["counts"]) == 2
    assert problems(c2) == ["row 4, column probation_start: Input should be a valid date or datetime, month "
                            "value is outside expected range of 1-12 (got '2019-13-01'); fix: write the date "
                            "as YYYY-MM-DD, e.g. 2021-03-15"]
    assert c3.error is None and len(c3.grouped.data["cases"]) == 2
    assert blank.label == "row 7" and "column client_id: missing" in blank.error
    assert problems(c4) == ['row 8, column county: \'Los Angles\' is not a California county; did you mean '
                            '"Los Angeles"?']


def test_conflicting_values_for_one_client_name_both_rows(tmp_path):
    header, example = template_rows(tmp_path)
    other = list(example)
    other[header.index("date_of_birth")] = "1991-01-01"
    (client,) = Source(write_csv(tmp_path / "in.csv", [header, example, other]))
    assert client.error.startswith("rows 2 and 3, column date_of_birth: two different values")


def test_a_bad_client_id_is_an_error_not_a_folder(tmp_path):
    header, example = template_rows(tmp_path)
    bad = list(example)
    bad[0] = "../escape"
    (client,) = Source(write_csv(tmp_path / "in.csv", [header, bad]))
    assert client.client_id is None and "cannot name a folder" in client.error


def test_synthetic_rows_decide_like_the_profiles_they_came_from(tmp_path):
    pairs = list(clients(list(samples(REPO / "examples").values()), 30, AS_OF))
    source = Source(write_csv(tmp_path / "in.csv", table(pairs)))
    assert source.total == 30
    for (client_id, data), client in zip(pairs, source):
        assert client.label == client_id and len(client.rows) == len(rows(client_id, data))
        from_rows = assess(parse_profile(client.grouped.data, AS_OF), AS_OF).contract_json()
        from_profile = assess(parse_profile(data, AS_OF), AS_OF).contract_json()
        assert from_rows["cases"] == from_profile["cases"]


def test_folder_of_profiles_takes_the_file_name_as_client_id(tmp_path):
    for name in ("A1.yaml", "B2.json", "notes.txt"):
        (tmp_path / name).write_text("{}", encoding="utf-8")
    (tmp_path / "A1.json").write_text("{}", encoding="utf-8")
    listed = [(c.label, c.error) for c in Source(tmp_path)]
    # a .txt may be a RAP sheet: it is a client too, and reading it says whether it is one (nothing is skipped)
    assert [label for label, _ in listed] == ["A1", "A1", "B2", "notes"]
    assert "already used by A1.json" in listed[1][1]


def test_official_forms_missing_is_one_message_before_any_work(tmp_path):
    template_rows(tmp_path)
    result = runner.invoke(app, ["batch", str(tmp_path / "t.csv"), "-o", str(tmp_path / "out"), "--forms",
                                 "official", "--forms-dir", str(tmp_path / "no-forms")])
    assert result.exit_code == 2
    assert "CR-180" in result.output and "relief forms fetch" in result.output
    assert not (tmp_path / "out").exists()


def test_the_facts_the_law_needs_have_columns(tmp_path):
    """Registration basis (§§ 290(c), 290.006), the Prop 47 shoplifting predicate (§ 459.5(a)), relief
    already granted and a revocation reach the profile, and the decisions read them."""
    header, example = template_rows(tmp_path)
    row = dict(zip(header, example))
    row.update({"registrant_290": "true", "registration_basis": "court_ordered_290006", "registration_tier": "1",
                "code": "PC", "section": "460(b)", "level_charged": "felony", "level_convicted": "felony",
                "commercial_establishment_open": "false", "relief_granted": "1203.4",
                "relief_granted_on": "2022-05-01", "revoked_on": "2020-01-10", "revocation_result": "reinstated",
                "victim_relationship": "none", "fines_condition_of_probation": "unknown"})
    path = write_csv(tmp_path / "facts.csv", [header, [row[h] for h in header]])
    (client,) = Source(path)
    profile = parse_profile(client.grouped.data, AS_OF)
    assert profile.status.registration.basis.value == "court_ordered_290006"
    assert profile.status.registration.tier == 1
    case = profile.cases[0]
    assert case.counts[0].commercial_establishment_open is False
    assert case.granted("1203.4").on == date(2022, 5, 1)
    assert case.sentence.probation.revocations[0].result == "reinstated"
    assert case.sentence.fines_condition_of_probation is None
    result = assess(profile, AS_OF).cases[0]
    assert result.remedy("1203.4").blockers == ["ALREADY_GRANTED"]


def test_a_garbage_xlsx_is_a_message_not_a_traceback(tmp_path):
    garbage = tmp_path / "clients.xlsx"
    garbage.write_bytes(b"\x00\x01not a workbook" * 100)
    result = runner.invoke(app, ["batch", str(garbage), "-o", str(tmp_path / "out"), "--as-of", "2026-11-01"])
    assert result.exit_code == 2 and "is not a readable .xlsx workbook" in result.output
    assert "Traceback" not in result.output


def test_an_id_that_breaks_the_rule_is_never_echoed(tmp_path):
    """A client_id column filled with the person's name must not reach the terminal or results.csv."""
    header, example = template_rows(tmp_path)
    bad = list(example)
    bad[0] = "Maria Elena Lopez"
    (client,) = Source(write_csv(tmp_path / "in.csv", [header, bad]))
    assert client.client_id is None and client.label == "row 2"
    assert "Maria" not in client.error and "cannot name a folder" in client.error
