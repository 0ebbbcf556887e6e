"""`relief batch --dask`: the pool's outputs, byte for byte, from a Dask cluster; a killed worker loses and
duplicates nothing; a stopped batch resumes; without Dask the option says how to install it.

One LocalCluster (two worker processes, localhost) serves the module; one test starts its own through
`--dask local`, the way a person runs it.
"""

import os
import signal
import subprocess
import sys
import threading
import time
from datetime import date
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

pytest.importorskip("distributed", reason="the cluster extra: pip install 'ca-relief[cluster]'")

from distributed import LocalCluster  # noqa: E402

from assembler.batch import staging  # noqa: E402
from assembler.batch.cluster import DaskDispatcher  # noqa: E402
from assembler.batch.inputs import Source  # noqa: E402
from assembler.batch.runner import run_batch  # noqa: E402
from assembler.batch.synthetic import clients  # noqa: E402
from assembler.batch.worker import Settings  # noqa: E402
from assembler.cli import app  # noqa: E402
from tests.test_batch_run import (AS_OF, ARREST, DISMISSAL, REPO, WOBBLER, assert_complete, batch, make_csv,  # noqa: E402
                                  many_cases, results, start, wait_for_records, write)


@pytest.fixture(scope="module")
def cluster():
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as local:
        yield local.scheduler_address


class Quiet:
    """A progress display that shows nothing."""

    def __init__(self):
        self.said = []

    def done(self, outcome) -> None:
        pass

    def say(self, text: str) -> None:
        self.said.append(text)


class KillABusyWorker(threading.Thread):
    """Once a worker process has been building one of the batch's clients for a moment: SIGKILL it."""

    def __init__(self, dispatcher: DaskDispatcher):
        super().__init__(daemon=True)
        self.dispatcher, self.killed, self.stop = dispatcher, None, threading.Event()

    def run(self) -> None:
        while not self.stop.wait(0.02):
            client = self.dispatcher.client
            try:
                busy = [w for w, keys in client.processing().items() if any(self.dispatcher.token in k for k in keys)]
            except Exception:  # not connected yet
                continue
            if busy:
                time.sleep(0.2)  # into the build, well past receiving the client
                self.killed = client.run(os.getpid, workers=busy[:1])[busy[0]]
                os.kill(self.killed, signal.SIGKILL)
                return


def profiles(folder: Path, count: int) -> list[str]:
    """A folder of `count` YAML profiles (slow ones: many cases each); the petitioners' names."""
    folder.mkdir()
    names = []
    for client_id, profile in clients([many_cases(WOBBLER, 8), many_cases(DISMISSAL, 8)], count,
                                      date.fromisoformat(AS_OF)):
        (folder / f"{client_id}.yaml").write_text(yaml.safe_dump(profile), encoding="utf-8")
        names.append(profile["petitioner"]["legal_name"])
    return names


def files(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def test_dask_local_writes_what_the_pool_writes_byte_for_byte(tmp_path):
    source, rows, names = make_csv(tmp_path / "clients.csv", 4, [DISMISSAL, WOBBLER, ARREST])
    header = rows[0]
    for row in rows[1:]:
        if row[0] == "C00003":
            row[header.index("county")] = "Nowhere"  # an error row: no folder, one line in results.csv
    write(source, rows)
    pool = batch(str(source), "-o", str(tmp_path / "pool"))
    dask = batch(str(source), "-o", str(tmp_path / "dask"), "--dask", "local")
    assert pool.returncode == dask.returncode == 1, dask.stderr
    assert "Dask LocalCluster of 2 worker process(es)" in dask.stderr
    ours = files(tmp_path / "dask")
    assert ours.keys() == files(tmp_path / "pool").keys()
    different = [name for name, data in files(tmp_path / "pool").items()
                 if data != ours[name] and name != "summary.html"]  # the summary shows the time taken
    assert not different
    assert results(tmp_path / "dask")["C00003"]["status"] == "error" and not (tmp_path / "dask" / "C00003").exists()
    for cid in ("C00000", "C00001", "C00002"):
        assert_complete(tmp_path / "dask" / cid)
    terminal = dask.stdout + dask.stderr
    assert not any(name in terminal for name in names)
    assert "distributed." not in terminal and "Traceback" not in terminal


def test_a_folder_of_a_profile_and_a_rap_sheet_travels_to_the_workers_as_bytes(tmp_path):
    """The input files reach the workers in memory (no shared folder, nothing written on the worker) and give
    the pool's packets."""
    from tests.test_web_rapsheet import SHEET

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "sheet-client.txt").write_text(SHEET, encoding="utf-8")
    (folder / "profile-client.yaml").write_text((REPO / "examples" / "dismissal-misdemeanor.yaml").read_text(
        encoding="utf-8"), encoding="utf-8")
    pool = batch(str(folder), "-o", str(tmp_path / "pool"))
    dask = batch(str(folder), "-o", str(tmp_path / "dask"), "--dask", "local")
    assert pool.returncode == dask.returncode == 0, dask.stderr
    assert results(tmp_path / "dask")["sheet-client"]["status"] == "needs_review"  # the sheet's open questions
    ours = files(tmp_path / "dask")
    assert {n: d for n, d in files(tmp_path / "pool").items() if n != "summary.html"} == \
        {n: d for n, d in ours.items() if n != "summary.html"}


def test_workers_that_see_outdir_stage_packets_and_others_send_the_bytes(tmp_path, cluster, monkeypatch):
    """On this machine the workers write each packet into OUTDIR's staging folder and this process only moves it
    into place (staging.py); workers that cannot see OUTDIR send the bytes: the same folders either way."""
    profiles(tmp_path / "profiles", 3)
    placed = []
    place = staging.place
    monkeypatch.setattr(staging, "place", lambda folder, staged: placed.append(folder.name) or place(folder, staged))

    def run(out: Path) -> dict[str, bytes]:
        settings = Settings(out, date.fromisoformat(AS_OF))
        report = run_batch(Source(tmp_path / "profiles"), settings, 2, Quiet(), DaskDispatcher(settings, cluster, 2))
        assert report.done == 3 and report.count("error") == 0
        assert not list(out.glob(staging.PREFIX + "*"))  # the staging folder goes with the batch
        return {name: data for name, data in files(out).items() if name != "summary.html"}

    staged = run(tmp_path / "staged")
    assert sorted(placed) == ["C00000", "C00001", "C00002"]
    placed.clear()
    monkeypatch.setattr(DaskDispatcher, "_open_staging", lambda self: None)  # as if on other machines
    sent = run(tmp_path / "sent")
    assert placed == []
    assert sent == staged


def test_a_worker_killed_mid_client_loses_and_duplicates_nothing(tmp_path, cluster):
    profiles(tmp_path / "profiles", 6)
    out = tmp_path / "out"
    settings = Settings(out, date.fromisoformat(AS_OF))
    dispatcher = DaskDispatcher(settings, cluster, 2)
    killer = KillABusyWorker(dispatcher)
    killer.start()
    try:
        report = run_batch(Source(tmp_path / "profiles"), settings, 2, Quiet(), dispatcher)
    finally:
        killer.stop.set()
    assert killer.killed is not None, "no worker was seen building a client"
    assert not report.interrupted and report.done == 6 and report.count("error") == 0, (out / "results.csv").read_text()
    lines = (out / "results.csv").read_text(encoding="utf-8").splitlines()[1:]
    assert sorted(line.split(",")[0] for line in lines) == [f"C{n:05d}" for n in range(6)]
    for n in range(6):
        assert_complete(out / f"C{n:05d}")
    assert not [p for p in out.rglob(".*") if p.is_file()]  # no temporary file left anywhere

    again = run_batch(Source(tmp_path / "profiles"), settings, 2, Quiet(), DaskDispatcher(settings, cluster, 2))
    assert again.resumed == 6 and report.count("error") == 0
    assert all(row["resumed"] == "yes" for row in results(out).values())


def test_a_stopped_dask_batch_resumes_to_one_complete_packet_per_client(tmp_path, cluster):
    source, _, _ = make_csv(tmp_path / "clients.csv", 6, [many_cases(DISMISSAL, 8), many_cases(WOBBLER, 8)])
    out = tmp_path / "out"
    process = start(str(source), "-o", str(out), "--dask", cluster)
    try:
        wait_for_records(out, 1, process)
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    assert process.returncode == 130, stderr
    assert "run the same command again" in stderr
    assert not list(out.glob("*/.*.tmp")) and not (out / "results.csv").exists()

    resumed = batch(str(source), "-o", str(out), "--dask", cluster)
    assert resumed.returncode == 0, resumed.stderr
    assert "unchanged and kept" in resumed.stderr
    assert sorted(p.name for p in out.iterdir() if p.is_dir()) == [f"C{n:05d}" for n in range(6)]
    for n in range(6):
        assert_complete(out / f"C{n:05d}")
    assert len(results(out)) == 6


def test_without_dask_the_option_says_how_to_install_it(tmp_path, monkeypatch):
    source, _, _ = make_csv(tmp_path / "clients.csv", 1, [ARREST])
    monkeypatch.setitem(sys.modules, "distributed", None)  # `import distributed` now fails as if not installed
    monkeypatch.delitem(sys.modules, "assembler.batch.cluster")
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(tmp_path / "out"), "--dask", "local"])
    assert result.exit_code == 2
    assert "install it: pip install 'ca-relief[cluster]'" in result.output
    assert not (tmp_path / "out").exists()


def test_a_target_that_is_no_cluster_is_refused(tmp_path):
    source, _, _ = make_csv(tmp_path / "clients.csv", 1, [ARREST])
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(tmp_path / "out"), "--dask", "nowhere"])
    assert result.exit_code == 2
    assert "tcp://HOST:8786" in result.output


def test_an_unreachable_scheduler_is_named_with_the_fix(tmp_path):
    source, _, _ = make_csv(tmp_path / "clients.csv", 1, [ARREST])
    began = time.monotonic()
    run = batch(str(source), "-o", str(tmp_path / "out"), "--dask", "tcp://127.0.0.1:9")  # nothing listens there
    assert run.returncode == 2, run.stderr
    assert "cannot reach the Dask scheduler" in run.stderr and "Traceback" not in run.stderr
    assert time.monotonic() - began < 60


def test_the_cluster_options_are_documented():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "## Running on a cluster" in readme and "dask-jobqueue" in readme
    assert "cluster = [" in (REPO / "pyproject.toml").read_text(encoding="utf-8")
    shown = subprocess.run([sys.executable, "-m", "assembler", "batch", "--help"], capture_output=True, text=True,
                           cwd=REPO, env={**os.environ, "COLUMNS": "200"}).stdout
    assert "--dask" in shown
    assert "'ca-relief[cluster]'" in shown  # the extra's name survives the help's markup
