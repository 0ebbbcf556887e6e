"""`relief batch --assess-only` end to end: a line per client, case and remedy deciding exactly as `relief assess
--json`, per-client errors that stop nothing else, rows of a client that are not together, and a stopped run
that resumes to the very same results.csv. No timings are asserted.
"""

import csv
import json
import os
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from assembler.batch.grouping import group_client
from assembler.batch.synthetic import clients, samples, table
from assembler.batch.tables import read_rows

REPO = Path(__file__).resolve().parents[1]
AS_OF = "2026-11-01"
SAMPLES = samples(REPO / "examples")


def make_rows(count: int, bases: list[dict] | None = None) -> tuple[list[list[str]], list[str]]:
    pairs = list(clients(bases or list(SAMPLES.values()), count, date.fromisoformat(AS_OF)))
    return table(pairs), [profile["petitioner"]["legal_name"] for _, profile in pairs]


def write(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    return path


def relief(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "assembler", *args], capture_output=True, text=True, timeout=300,
                          cwd=REPO)


def assess_only(source: Path, out: Path, *more: str) -> subprocess.CompletedProcess:
    return relief("batch", str(source), "-o", str(out), "--assess-only", "--as-of", AS_OF, "--jobs", "2", *more)


def lines(out: Path, name: str = "results.csv") -> list[dict]:
    with (out / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def by_client(out: Path) -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = {}
    for line in lines(out):
        grouped.setdefault(line["client_id"], []).append(line)
    return grouped


def test_each_case_and_remedy_is_a_line_that_decides_as_relief_assess_json(tmp_path):
    rows, names = make_rows(6)
    source = write(tmp_path / "clients.csv", rows)
    out = tmp_path / "out"
    run = assess_only(source, out)
    assert run.returncode == 0, run.stderr
    got = by_client(out)
    assert list(got) == [f"C{n:05d}" for n in range(6)]  # input order
    client_rows: dict[str, list] = {}
    for number, values in read_rows(source):
        client_rows.setdefault(values["client_id"], []).append((number, values))
    for client_id, rows_of_client in client_rows.items():
        profile = tmp_path / f"{client_id}.json"
        profile.write_text(json.dumps(group_client(rows_of_client).data), encoding="utf-8")
        said = relief("assess", str(profile), "--json", "--as-of", AS_OF)
        assert said.returncode == 0, said.stderr
        expected = [(case["case_number"] or "", d["remedy"], d["status"], "yes" if d["eligible_now"] else "no",
                     d["eligible_on"] or "", " ".join(d["blockers"]), " ".join(d["discretion"]), " ".join(case["flags"]),
                     [f"({r['cite']})" for r in d["reasons"]],
                     [q["code"] for q in d["questions"]])
                    for case in json.loads(said.stdout)["cases"] for d in case["remedies"]]
        actual = [(line["case"] if not line["case"].startswith("arrest") else "", line["remedy"], line["status"],
                   line["eligible_now"], line["eligible_on"], line["blockers"], line["discretion"], line["flags"],
                   [part[part.rindex(" ("):].strip() for part in line["reasons"].split(" | ")],
                   [q.split()[0] for q in line["questions"].split(" | ") if q])
                  for line in got[client_id]]
        assert actual == expected, client_id
        assert {line["rows"] for line in got[client_id]} == {" ".join(str(n) for n, _ in rows_of_client)}
    assert not (out / "C00000").exists()  # decisions only: no client folders, no PDFs
    assert {p.name for p in out.iterdir()} == {"results.csv", "summary.csv", "summary.html", ".assess-only.json"}
    assert all((p.stat().st_mode & 0o777) == 0o600 for p in out.iterdir())
    html = (out / "summary.html").read_text(encoding="utf-8")
    assert "Decisions only, no packets" in html and "1203.4" in html
    terminal = run.stdout + run.stderr
    assert "6 client(s)" in terminal and not any(name in terminal for name in names)


def test_a_broken_row_is_an_error_line_naming_row_and_column_and_every_other_client_is_decided(tmp_path):
    rows, _ = make_rows(40)
    header = rows[0]
    broken = {"C00007": ("probation_start", "2019-02-30"), "C00019": ("county", "Nowhere"), "C00033": ("code", "")}
    numbers = {}
    for number, row in enumerate(rows[1:], start=2):
        if row[0] in broken and row[0] not in numbers:
            column, value = broken[row[0]]
            row[header.index(column)] = value
            numbers[row[0]] = number
    out = tmp_path / "out"
    run = assess_only(write(tmp_path / "clients.csv", rows), out)
    assert run.returncode == 1, run.stderr
    got = by_client(out)
    assert len(got) == 40
    accounted = sorted({int(n) for client in got.values() for line in client for n in line["rows"].split()})
    assert accounted == list(range(2, len(rows) + 1))  # every input row, once
    for client_id, (column, _) in broken.items():
        (line,) = got[client_id]
        assert line["status"] == "error" and f"column {column}" in line["error"] and line["error"].startswith("row")
    assert all(line["status"] != "error" for cid, client in got.items() if cid not in broken for line in client)
    summary = {(r["section"], r["status"]): r["count"] for r in lines(out, "summary.csv")}
    assert summary[("clients", "error")] == "3" and summary[("clients", "total")] == "40"
    assert "C00007: error" in run.stderr


def test_rows_of_a_client_that_are_not_together_give_an_error_line_and_the_rest_is_decided(tmp_path):
    rows, _ = make_rows(6)
    header, body = rows[0], rows[1:]
    moved = next(i for i, row in enumerate(body) if row[0] == "C00002")
    body.append(body.pop(moved))  # one of C00002's rows now comes last
    out = tmp_path / "out"
    run = assess_only(write(tmp_path / "clients.csv", [header, *body]), out)
    assert run.returncode == 1, run.stderr
    got = lines(out)
    late = got[-1]
    assert late["client_id"] == "C00002" and late["status"] == "error"
    last = len(body) + 1
    assert f"rows are not together" in late["error"] and f"{last}" in late["error"]
    assert "sort the table by client_id" in late["error"]
    assert [line["status"] for line in got[:-1]].count("error") == 0
    assert len({line["client_id"] for line in got}) == 6


def test_a_stopped_run_resumes_to_exactly_the_results_of_an_uninterrupted_one(tmp_path):
    rows, _ = make_rows(3000)
    source = write(tmp_path / "clients.csv", rows)
    whole = tmp_path / "whole"
    assert assess_only(source, whole).returncode in (0, 1)

    out = tmp_path / "out"
    command = [sys.executable, "-m", "assembler", "batch", str(source), "-o", str(out), "--assess-only", "--as-of",
               AS_OF, "--jobs", "1"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO)
    partial = out / "results.csv.partial"
    deadline = time.monotonic() + 120
    while not (partial.exists() and partial.stat().st_size > 10_000):
        assert process.poll() is None, "the run finished before it could be stopped"
        assert time.monotonic() < deadline
        time.sleep(0.01)
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 130, stderr
    assert "run the same command again" in stderr and not (out / "results.csv").exists()
    record = json.loads((out / ".assess-only.json").read_text(encoding="utf-8"))
    assert 0 < record["clients"] < 3000 and not record["finished"]
    with partial.open("ab") as handle:  # lines a killed run wrote after its last record: decided again, not kept
        handle.write(b"C99999,2,half a line")

    again = assess_only(source, out)
    assert again.returncode in (0, 1), again.stderr
    assert f"{record['clients']:,} decided by the earlier run" in again.stderr
    assert (out / "results.csv").read_bytes() == (whole / "results.csv").read_bytes()
    assert (out / "summary.csv").read_bytes() == (whole / "summary.csv").read_bytes()
    assert not partial.exists() and not list(out.glob(".ids-*"))

    stamp = (out / "results.csv").stat().st_mtime_ns
    done = assess_only(source, out)  # finished: nothing is decided again
    assert done.returncode == again.returncode and (out / "results.csv").stat().st_mtime_ns == stamp


def test_a_changed_input_starts_over(tmp_path):
    rows, _ = make_rows(4)
    source = write(tmp_path / "clients.csv", rows)
    out = tmp_path / "out"
    assert assess_only(source, out).returncode == 0
    write(source, rows[:-1])
    run = assess_only(source, out)
    assert run.returncode == 0 and "earlier run" not in run.stderr
    assert sorted({int(n) for line in lines(out) for n in line["rows"].split()}) == list(range(2, len(rows)))


def test_an_id_that_looks_like_a_name_and_bytes_that_are_not_utf8_are_error_lines_never_echoed(tmp_path):
    rows, names = make_rows(5)
    named = [number for number, row in enumerate(rows[1:], start=2) if row[0] == "C00001"]
    for number in named:
        rows[number - 1][0] = "Maria Elena Lopez"  # an id that may be a person's name
    source = tmp_path / "clients.csv"
    write(source, rows)
    data = source.read_bytes().replace(b"C00003,", b"C00003,\xff\xfe", 1)  # a row that is not UTF-8
    source.write_bytes(data)
    out = tmp_path / "out"
    run = assess_only(source, out)
    assert run.returncode == 1, run.stderr
    terminal = run.stdout + run.stderr
    assert "Maria Elena" not in terminal and not any(name in terminal for name in names)
    results = (out / "results.csv").read_text(encoding="utf-8")
    assert "Maria Elena" not in results
    errors = {line["client_id"]: line["error"] for line in lines(out) if line["status"] == "error"}
    assert f"row {named[0]}" in errors and "the id" in errors[f"row {named[0]}"]
    assert "C00003" in errors and "not UTF-8" in errors["C00003"] and "column legal_name" in errors["C00003"]
    assert {"C00000", "C00004"} <= {line["client_id"] for line in lines(out) if line["status"] != "error"}


def test_results_xlsx_holds_the_same_lines(tmp_path):
    from openpyxl import load_workbook

    rows, _ = make_rows(3)
    out = tmp_path / "out"
    assert assess_only(write(tmp_path / "clients.csv", rows), out, "--results-format", "xlsx").returncode == 0
    sheet = load_workbook(out / "results.xlsx", read_only=True).worksheets[0]
    cells = [[c or "" for c in row] for row in sheet.iter_rows(values_only=True)]
    with (out / "results.csv").open(encoding="utf-8", newline="") as handle:
        assert cells == list(csv.reader(handle))
    assert (out / "results.xlsx").stat().st_mode & 0o777 == 0o600


def test_help_documents_assess_only_and_a_folder_is_refused(tmp_path):
    shown = relief("batch", "--help")
    assert "--assess-only" in shown.stdout and "--results-format" in shown.stdout
    run = assess_only(REPO / "examples", tmp_path / "out")
    assert run.returncode == 2 and "reads a .csv or .xlsx" in run.stderr + run.stdout


def test_a_header_that_is_not_utf8_is_one_message_before_any_work(tmp_path):
    rows, _ = make_rows(2)
    source = write(tmp_path / "clients.csv", rows)
    source.write_bytes(source.read_bytes().replace(b"legal_name", b"legal_n\xe9me", 1))
    run = assess_only(source, tmp_path / "out")
    assert run.returncode == 2 and "header row is not UTF-8" in run.stderr + run.stdout
    assert "Traceback" not in run.stderr
