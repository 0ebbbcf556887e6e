"""`relief batch` end to end: every row accounted for, resume, and stops that leave no broken file.

Batches are small (the rendition packet takes about a second a client) and use `--jobs 2`. Most synthetic
clients are arrests (quick: nothing to file on paper yet), the rest convictions with a full packet.
"""

import copy
import csv
import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from assembler.batch.synthetic import clients, samples, table

REPO = Path(__file__).resolve().parents[1]
AS_OF = "2026-11-01"
SAMPLES = samples(REPO / "examples")
ARREST, DISMISSAL, WOBBLER = (SAMPLES[name] for name in ("arrest-sealing", "dismissal-misdemeanor",
                                                         "wobbler-17b-then-dismissal"))


def make_csv(path: Path, count: int, bases: list[dict]) -> tuple[Path, list[list[str]], list[str]]:
    pairs = list(clients(bases, count, date.fromisoformat(AS_OF)))
    rows = table(pairs)
    write(path, rows)
    return path, rows, [profile["petitioner"]["legal_name"] for _, profile in pairs]


def many_cases(profile: dict, count: int) -> dict:
    """The profile with its first case repeated `count` times (each gets its own number when varied)."""
    return {**profile, "cases": [copy.deepcopy(profile["cases"][0]) for _ in range(count)]}


def write(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)


def batch(*args: str, **popen) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "assembler", "batch", *args, "--jobs", "2", "--as-of", AS_OF]
    return subprocess.run(command, capture_output=True, text=True, timeout=300, cwd=REPO, **popen)


def start(*args: str) -> subprocess.Popen:
    command = [sys.executable, "-m", "assembler", "batch", *args, "--jobs", "2", "--as-of", AS_OF]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO,
                            start_new_session=True)


def results(out: Path) -> dict[str, dict]:
    with (out / "results.csv").open(encoding="utf-8") as handle:
        return {row["client_id"]: row for row in csv.DictReader(handle)}


def assert_complete(folder: Path) -> dict:
    """The folder holds exactly what its record vouches for, each file intact, each PDF readable."""
    record = json.loads((folder / "batch.json").read_text(encoding="utf-8"))
    assert {p.name for p in folder.iterdir()} == set(record["files"]) | {"batch.json"}
    for name, digest in record["files"].items():
        data = (folder / name).read_bytes()
        assert hashlib.sha256(data).hexdigest() == digest, f"{folder.name}/{name}"
        if name.endswith(".pdf"):
            assert len(PdfReader(folder / name).pages) >= 1
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    listed = {d["file"] for d in manifest["documents"]} | {manifest.get("packet", {}).get("file"), "manifest.json"}
    assert set(record["files"]) == listed - {None}
    assert (folder.stat().st_mode & 0o777) == 0o700
    return record


def wait_for_records(out: Path, count: int, process: subprocess.Popen, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while len(list(out.glob("*/batch.json"))) < count:
        assert process.poll() is None, "the batch finished before it could be stopped"
        assert time.monotonic() < deadline, "the batch made no progress"
        time.sleep(0.05)


def test_fifty_clients_three_broken_rows_give_47_packets_and_3_error_rows(tmp_path):
    source, rows, names = make_csv(tmp_path / "clients.csv", 50, [ARREST] * 9 + [DISMISSAL])
    header = rows[0]
    broken = {"C00007": ("arrest_date", "2022-02-30"), "C00019": ("county", "Nowhere"), "C00033": ("code", "")}
    for row in rows[1:]:
        if row[0] in broken:
            column, value = broken[row[0]]
            row[header.index(column)] = value
    write(source, rows)
    out = tmp_path / "out"
    run = batch(str(source), "-o", str(out))
    assert run.returncode == 1, run.stderr
    table_rows = results(out)
    assert len(table_rows) == 50
    accounted = sorted(int(n) for row in table_rows.values() for n in row["rows"].split())
    assert accounted == list(range(2, len(rows) + 1))  # every input row, once (the header is row 1)
    errors = {cid: row for cid, row in table_rows.items() if row["status"] == "error"}
    assert set(errors) == set(broken)
    for cid, (column, _) in broken.items():
        assert errors[cid]["error"].startswith("row") and f"column {column}" in errors[cid]["error"]
        assert not (out / cid).exists()
    built = [p for p in out.iterdir() if p.is_dir()]
    assert len(built) == 47
    packets = [assert_complete(folder) for folder in built]
    with_pdf = sum("packet.pdf" in record["files"] for record in packets)
    assert with_pdf >= 3 and with_pdf == sum(bool(row["packet"]) for row in table_rows.values())
    assert {row["status"] for cid, row in table_rows.items() if cid not in broken} <= {"ok", "needs_review"}
    summary = {(r["section"], r["status"]): r["count"] for r in csv.DictReader((out / "summary.csv").open())}
    assert summary[("clients", "error")] == "3"
    assert "851.91" in (out / "summary.html").read_text(encoding="utf-8")
    terminal = run.stdout + run.stderr
    assert "C00007" in terminal and not any(name in terminal for name in names)


def test_resume_keeps_unchanged_clients_and_redoes_changed_or_damaged_ones(tmp_path):
    source, rows, _ = make_csv(tmp_path / "clients.csv", 4, [DISMISSAL, ARREST])
    out = tmp_path / "out"
    assert batch(str(source), "-o", str(out)).returncode == 0
    stamps = {p: p.stat().st_mtime_ns for p in out.glob("*/*")}

    again = batch(str(source), "-o", str(out))
    assert again.returncode == 0 and "4 unchanged and kept" in again.stderr
    assert all(row["resumed"] == "yes" for row in results(out).values())
    assert {p: p.stat().st_mtime_ns for p in out.glob("*/*")} == stamps

    header = rows[0]
    for row in rows[1:]:
        if row[0] == "C00001":
            row[header.index("phone")] = "(213) 555-0000"
    write(source, rows)
    manifest = out / "C00002" / "manifest.json"
    manifest.write_bytes(manifest.read_bytes()[:100])
    changed = batch(str(source), "-o", str(out))
    assert changed.returncode == 0
    resumed = {cid: row["resumed"] for cid, row in results(out).items()}
    assert resumed == {"C00000": "yes", "C00001": "", "C00002": "", "C00003": "yes"}
    for folder in ("C00000", "C00001", "C00002", "C00003"):
        assert_complete(out / folder)

    rebuilt = batch(str(source), "-o", str(out), "--no-resume")
    assert rebuilt.returncode == 0 and all(row["resumed"] == "" for row in results(out).values())


def test_a_folder_of_profiles_gives_one_folder_per_file_and_names_the_broken_field(tmp_path):
    profiles = tmp_path / "profiles"
    profiles.mkdir()
    (profiles / "A1.yaml").write_text((REPO / "examples" / "arrest-sealing.yaml").read_text(encoding="utf-8"))
    broken = (REPO / "examples" / "dismissal-misdemeanor.yaml").read_text(encoding="utf-8")
    (profiles / "B2.yaml").write_text(broken.replace("county: Los Angeles", "county: Nowhere"), encoding="utf-8")
    out = tmp_path / "out"
    run = batch(str(profiles), "-o", str(out))
    assert run.returncode == 1, run.stderr
    rows = results(out)
    assert rows["A1"]["status"] == "ok" and rows["A1"]["remedies"].startswith("851.91@")
    assert rows["B2"]["status"] == "error" and rows["B2"]["error"].startswith("cases[0].county: 'Nowhere'")
    assert_complete(out / "A1")
    assert not (out / "B2").exists()


@pytest.mark.parametrize("how", ["sigkill", "ctrl-c", "ctrl-c-twice"])
def test_a_stopped_batch_resumes_to_exactly_one_complete_packet_per_client(tmp_path, how):
    # Clients with forty cases take a second or more each, so a second Ctrl-C 0.3 s after the first still finds
    # work in progress to abandon.
    source, _, _ = make_csv(tmp_path / "clients.csv", 4, [DISMISSAL, many_cases(WOBBLER, 40)])
    out = tmp_path / "out"
    process = start(str(source), "-o", str(out))
    try:
        wait_for_records(out, 1, process)
        if how == "sigkill":
            os.killpg(process.pid, signal.SIGKILL)  # the batch and its workers, mid-write
        else:
            process.send_signal(signal.SIGINT)
        if how == "ctrl-c-twice":
            time.sleep(0.3)
            process.send_signal(signal.SIGINT)  # abandon the clients in flight
        _, stderr = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    if how.startswith("ctrl-c"):
        assert process.returncode == 130
        assert "run the same command again" in stderr
    if how == "ctrl-c":
        assert not list(out.glob("*/.*.tmp"))
    if how == "ctrl-c-twice":
        assert "abandoned" in stderr
    assert not (out / "results.csv").exists()

    resumed = batch(str(source), "-o", str(out))
    assert resumed.returncode == 0, resumed.stderr
    assert "unchanged and kept" in resumed.stderr
    folders = sorted(p.name for p in out.iterdir() if p.is_dir())
    assert folders == [f"C{n:05d}" for n in range(4)]
    for name in folders:
        record = assert_complete(out / name)
        assert "packet.pdf" in record["files"]
    assert len(results(out)) == 4


def test_a_batch_on_the_official_forms_rebuilds_a_client_when_a_blank_is_replaced(tmp_path, official_forms_dir):
    """--forms official: the court's own PDFs filled for every client; the record notes which blanks
    (by sha256), so a replaced blank is a changed input and resume rebuilds rather than keeps."""
    import shutil

    import pikepdf

    forms = tmp_path / "forms"
    shutil.copytree(official_forms_dir, forms)
    source, _, _ = make_csv(tmp_path / "clients.csv", 3, [DISMISSAL, WOBBLER])
    out = tmp_path / "out"
    first = batch(str(source), "-o", str(out), "--forms", "official", "--forms-dir", str(forms))
    assert first.returncode == 0, first.stderr
    for name in ("C00000", "C00001", "C00002"):
        record = assert_complete(out / name)
        manifest = json.loads((out / name / "manifest.json").read_text(encoding="utf-8"))
        assert manifest["forms"] == "official"
        petition = next(d for d in manifest["documents"] if d.get("form") == "CR-180")
        assert petition["source_sha256"] == hashlib.sha256((forms / "CR-180.pdf").read_bytes()).hexdigest()
        assert "packet.pdf" in record["files"]

    again = batch(str(source), "-o", str(out), "--forms", "official", "--forms-dir", str(forms))
    assert "3 unchanged and kept" in again.stderr

    # The same form, written out again by qpdf: other bytes, still the current CR-181.
    with pikepdf.open(official_forms_dir / "CR-181.pdf") as pdf:
        pdf.save(forms / "CR-181.pdf", object_stream_mode=pikepdf.ObjectStreamMode.generate)
    rebuilt = batch(str(source), "-o", str(out), "--forms", "official", "--forms-dir", str(forms))
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert "unchanged and kept" not in rebuilt.stderr
    assert all(row["status"] in ("ok", "needs_review") for row in results(out).values())
    new_sha = hashlib.sha256((forms / "CR-181.pdf").read_bytes()).hexdigest()
    manifest = json.loads((out / "C00000" / "manifest.json").read_text(encoding="utf-8"))
    assert next(d for d in manifest["documents"] if d.get("form") == "CR-181")["source_sha256"] == new_sha


def test_open_questions_are_listed_as_codes_with_the_field_that_answers_them(tmp_path):
    """Pen. Code § 1203.4(a)(1): whether probation's conditions were fulfilled decides "shall" or "may";
    left unknown, the result names the question and its profile field, for filtering a large run."""
    profiles = tmp_path / "profiles"
    profiles.mkdir()
    text = (REPO / "examples" / "dismissal-misdemeanor.yaml").read_text(encoding="utf-8")
    assert "violations: false" in text
    (profiles / "Q1.yaml").write_text(text.replace("violations: false", "violations: null"), encoding="utf-8")
    out = tmp_path / "out"
    batch(str(profiles), "-o", str(out))
    row = results(out)["Q1"]
    assert row["status"] == "needs_review"
    assert "cases[0].sentence.probation.violations" in row["questions"]
    assert row["questions"].split(" ", 1)[0].startswith("ASK_")


def _children(pid: int) -> set[int]:
    found = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        text = (task / "children").read_text() if (task / "children").exists() else ""
        found |= {int(p) for p in text.split()}
    return found


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads worker processes from Linux /proc")
def test_workers_die_with_a_killed_batch(tmp_path):
    """A SIGKILLed batch once left its worker processes alive forever."""
    source, _, _ = make_csv(tmp_path / "clients.csv", 6, [many_cases(WOBBLER, 40)])
    process = subprocess.Popen([sys.executable, "-m", "assembler", "batch", str(source), "-o", str(tmp_path / "out"),
                                "--jobs", "2", "--as-of", AS_OF], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, cwd=REPO)
    try:
        deadline = time.monotonic() + 60
        while len(workers := _children(process.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert len(workers) >= 2
        process.kill()  # only the batch: its workers get no signal from us
        process.wait(timeout=30)
        deadline = time.monotonic() + 10
        while any(Path(f"/proc/{w}").exists() and "Z" not in _state(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not [w for w in workers if Path(f"/proc/{w}").exists() and "Z" not in _state(w)]
    finally:
        if process.poll() is None:
            process.kill()


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return "Z"


def test_a_folder_of_rap_sheets_and_profiles_gives_a_packet_and_the_open_questions_per_client(tmp_path):
    """Issue 16: `relief batch FOLDER` takes RAP sheets beside profiles; the results list what each sheet
    leaves open, and a file that is no RAP sheet is an error row that says so."""
    from conftest import shared_root

    sample = shared_root() / "data" / "rapsheet" / "samples" / "01-misdemeanor-probation.txt"
    if not sample.exists():
        pytest.skip(f"RAP sheet samples not found beside the repository ({sample}); set CA_RELIEF_SHARED")
    folder = tmp_path / "clients"
    folder.mkdir()
    (folder / "S1.txt").write_text(sample.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "P1.yaml").write_text((REPO / "examples" / "dismissal-misdemeanor.yaml").read_text(encoding="utf-8"))
    (folder / "X1.txt").write_text("shopping list: milk, eggs\n", encoding="utf-8")
    out = tmp_path / "out"
    run = batch(str(folder), "-o", str(out))
    rows = results(out)
    assert set(rows) == {"S1", "P1", "X1"}, run.stderr
    assert rows["S1"]["status"] == "needs_review" and "RAP sheet:" in rows["S1"]["review"]
    assert rows["S1"]["packet"] == "S1/packet.pdf" and (out / "S1" / "packet.pdf").exists()
    assert rows["X1"]["status"] == "error" and "not a California DOJ RAP sheet" in rows["X1"]["error"]
