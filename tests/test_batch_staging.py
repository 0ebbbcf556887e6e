"""assembler/batch/staging.py: a packet a Dask worker staged inside OUTDIR, moved into place by the batch,
gives the very folder the batch writes from the packet's bytes (`worker.store`): the same files, the same
record; only a worker that sees this batch's probe stages; leftovers of a killed run go."""

import os
import stat
from pathlib import Path
from types import SimpleNamespace

from assembler.batch import staging
from assembler.batch.fingerprint import RECORD, finished
from assembler.batch.outcome import failed
from assembler.batch.worker import Built, store

TOKEN = "0a1b2c3d"


def built(files: dict[str, bytes], print_: str = "f" * 64) -> Built:
    return Built(failed(0, "C00000", "not a real outcome", [2]), print_, SimpleNamespace(files=files))


def folder_bytes(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


PACKET = {"packet.pdf": b"%PDF-1.7 whole packet", "CR-180_case1.pdf": b"%PDF form", "manifest.json": b"{}\n"}


def test_staged_then_placed_is_the_folder_the_bytes_make(tmp_path):
    store(tmp_path / "bytes" / "C00000", built(PACKET))
    (tmp_path / "out").mkdir()
    root = staging.open_root(tmp_path / "out", TOKEN)
    staged = staging.stage(root, built(PACKET))
    assert not (tmp_path / "out" / "C00000").exists()  # nothing in the client's folder until it is placed
    staging.place(tmp_path / "out" / "C00000", staged)
    assert folder_bytes(tmp_path / "out" / "C00000") == folder_bytes(tmp_path / "bytes" / "C00000")
    assert finished(tmp_path / "out" / "C00000", "f" * 64) is not None  # the record vouches for every file
    assert [p.name for p in root.iterdir()] == [staging.PROBE]  # the attempt's folder is gone
    for path in (tmp_path / "out" / "C00000").iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_placing_over_an_earlier_build_keeps_only_the_new_files(tmp_path):
    client = tmp_path / "out" / "C00000"
    store(client, built({**PACKET, "CR-409_case2.pdf": b"%PDF old"}, print_="e" * 64))
    (client / ".packet.pdf.x1y2.tmp").write_bytes(b"half")  # a write that was killed
    root = staging.open_root(tmp_path / "out", TOKEN)
    staging.place(client, staging.stage(root, built(PACKET)))
    assert sorted(p.name for p in client.iterdir()) == sorted([*PACKET, RECORD])
    assert finished(client, "f" * 64) is not None and finished(client, "e" * 64) is None


def test_only_a_worker_that_sees_this_batchs_probe_stages(tmp_path):
    (tmp_path / "out").mkdir()
    root = staging.open_root(tmp_path / "out", TOKEN)
    assert staging.visible(str(root), TOKEN)
    assert not staging.visible(str(root), "another1")  # a same-named folder of another batch
    assert not staging.visible(str(tmp_path / "elsewhere"), TOKEN)  # a worker on another machine
    assert stat.S_IMODE(root.stat().st_mode) == 0o700
    assert stat.S_IMODE((root / staging.PROBE).stat().st_mode) == 0o600


def test_a_killed_runs_staging_goes_with_the_next_run(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    old = staging.open_root(out, "deadbeef")
    staging.stage(old, built(PACKET))  # staged, never placed: the batch was killed
    new = staging.open_root(out, TOKEN)
    assert not old.exists() and new.is_dir()
    staging.close_root(new)
    assert os.listdir(out) == []
