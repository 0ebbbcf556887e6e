"""The output folder: one person's papers never sit beside another's, one run writes at a time, and a
folder the user made keeps its permissions (issue: hostile and clumsy input, items 2, 6 and 14)."""

from __future__ import annotations

import fcntl
import os
import stat

import yaml
from typer.testing import CliRunner

from assembler.cli import app
from conftest import REPO

runner = CliRunner()


def _build(profile, out):
    return runner.invoke(app, ["build", str(profile), "-o", str(out), "--as-of", "2026-11-01"])


def test_a_folder_with_another_persons_papers_is_refused_and_left_alone(tmp_path):
    out = tmp_path / "out"
    assert _build(REPO / "examples" / "wobbler-17b-then-dismissal.yaml", out).exit_code == 0
    before = sorted(p.name for p in out.iterdir())
    result = _build(REPO / "examples" / "dismissal-misdemeanor.yaml", out)
    assert result.exit_code == 2 and "another person" in result.output and "Traceback" not in result.output
    assert sorted(p.name for p in out.iterdir()) == before


def test_a_rebuild_for_the_same_person_leaves_only_the_new_papers(tmp_path):
    out = tmp_path / "out"
    data = yaml.safe_load((REPO / "examples" / "wobbler-17b-then-dismissal.yaml").read_text(encoding="utf-8"))
    first = tmp_path / "first.yaml"
    first.write_text(yaml.safe_dump(data), encoding="utf-8")
    assert _build(first, out).exit_code == 0
    assert (out / "CR-180_RIF1801234.pdf").exists()
    data["cases"][0]["court_case_number"] = "RIF1809999"
    first.write_text(yaml.safe_dump(data), encoding="utf-8")
    assert _build(first, out).exit_code == 0
    assert not (out / "CR-180_RIF1801234.pdf").exists() and (out / "CR-180_RIF1809999.pdf").exists()


def test_a_second_run_into_a_folder_being_written_stops_with_a_message(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    held = os.open(out, os.O_RDONLY | os.O_DIRECTORY)  # as another run holds it
    try:
        fcntl.flock(held, fcntl.LOCK_EX)
        result = _build(REPO / "examples" / "dismissal-misdemeanor.yaml", out)
    finally:
        os.close(held)
    assert result.exit_code == 2 and "another relief run is writing to this folder" in result.output


def test_a_folder_the_user_made_keeps_its_permissions(tmp_path):
    out = tmp_path / "shared"
    out.mkdir()
    os.chmod(out, 0o770)  # a clinic's shared folder
    assert _build(REPO / "examples" / "dismissal-misdemeanor.yaml", out).exit_code == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o770
    assert stat.S_IMODE((out / "packet.pdf").stat().st_mode) == 0o600  # the papers themselves stay private


def test_a_second_batch_into_a_folder_being_written_stops_with_a_message(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    held = os.open(out, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(held, fcntl.LOCK_EX)
        result = runner.invoke(app, ["batch", str(REPO / "examples"), "-o", str(out), "--as-of", "2026-11-01"])
    finally:
        os.close(held)
    assert result.exit_code == 2 and "another relief run is writing to this folder" in result.output
    assert not (out / "results.csv").exists()


def test_a_folder_that_cannot_be_made_is_a_message_and_no_partial_files(tmp_path):
    """The output path runs through a file (as unwritable as a read-only folder, for root too)."""
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = _build(REPO / "examples" / "dismissal-misdemeanor.yaml", blocker / "out")
    assert result.exit_code == 2 and "cannot write here" in result.output and "Traceback" not in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]


def test_a_failing_disk_is_a_message_and_leaves_no_half_written_file(tmp_path, monkeypatch):
    """A full disk (ENOSPC) in the middle of a file: the message names the folder; the temporary file goes."""
    import errno

    from assembler.bundle import files

    real = os.fdopen

    def full(fd, *args, **kwargs):
        handle = real(fd, *args, **kwargs)

        class Full:
            def __enter__(self):
                return self

            def __exit__(self, *exc):
                handle.close()

            def write(self, data):
                raise OSError(errno.ENOSPC, "No space left on device")

            flush = fileno = lambda self: None
        return Full()

    monkeypatch.setattr(files.os, "fdopen", full)
    result = _build(REPO / "examples" / "dismissal-misdemeanor.yaml", tmp_path / "out")
    assert result.exit_code == 2 and "No space left on device" in result.output and "Traceback" not in result.output
    assert not list((tmp_path / "out").glob(".*.tmp"))
