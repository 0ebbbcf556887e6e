"""Packets a Dask worker writes beside OUTDIR's client folders, for the batch to move into place.

With `--dask`, the process holding OUTDIR writes every client folder (cluster.py): a resume never meets a
packet half written by a worker it cannot see. Sending each packet's bytes back to that process costs it
~10 ms of CPU a client (receiving, hashing and writing ~1 MB), on the cores the workers need. When the
workers can write OUTDIR themselves — a LocalCluster, or a cluster on a shared file system — a worker
writes the packet's files into a staging folder of its own inside OUTDIR (`.staging-TOKEN/ATTEMPT/`), and
the batch only moves them into the client's folder and writes the record that vouches for them
(`place`): still the one writer of every client folder, and the record still last.

A worker stages only when it sees this batch's probe (the token, in a file this user owns), so a worker on
another machine, or running as another user, sends the bytes back as before. Each attempt has a folder of
its own: a worker killed mid-write leaves an unfinished folder that nothing moves, and the whole staging
folder is removed when the batch ends (or by the next run in OUTDIR, if this one was killed).
"""

from __future__ import annotations

import os
import secrets
import shutil
from dataclasses import dataclass
from pathlib import Path

from assembler.batch.fingerprint import hashes_of
from assembler.batch.outcome import Outcome
from assembler.batch.worker import Built, fill
from assembler.bundle.files import write_private

PREFIX = ".staging-"
PROBE = "probe"


@dataclass
class Staged:
    """A client's packet, written into `where` by a worker: what `place` needs to move it into place."""

    outcome: Outcome
    fingerprint: str
    where: Path
    hashes: dict[str, str]  # file name → sha256 of its bytes, for the record


def open_root(outdir: Path, token: str) -> Path:
    """This batch's staging folder, private, with the probe a worker looks for; those of killed runs removed
    (OUTDIR's lock is held: no other batch is using them)."""
    for leftover in outdir.glob(PREFIX + "*"):
        shutil.rmtree(leftover, ignore_errors=True)
    root = outdir / f"{PREFIX}{token}"
    root.mkdir(mode=0o700)
    write_private(root / PROBE, token.encode(), durable=False)
    return root


def close_root(root: Path) -> None:
    shutil.rmtree(root, ignore_errors=True)


def visible(root: str, token: str) -> bool:
    """On a worker: is this batch's staging folder here, and does this worker write as its owner?"""
    try:
        probe = Path(root) / PROBE
        return probe.stat().st_uid == os.getuid() and probe.read_bytes() == token.encode()
    except (OSError, AttributeError):  # not here, or no owners to compare (Windows)
        return False


def stage(root: Path, built: Built) -> Staged:
    """On a worker: the packet's files written into a new folder of `root`; raises OSError or NotWritable if
    they cannot be."""
    from assembler.bundle.pipeline import write_packet

    where = root / secrets.token_hex(8)
    where.mkdir(mode=0o700)
    write_packet(built.packet, where, durable=False, owned=True)  # the runner syncs once at the end
    return Staged(built.outcome, built.fingerprint, where, hashes_of(built.packet.files))


def place(folder: Path, staged: Staged) -> Outcome:
    """In the batch: the staged files moved into the client's folder (`worker.fill`: the same folder, record
    last, as `worker.store` of the bytes)."""
    outcome = fill(folder, lambda: _move(staged, folder), staged.fingerprint, staged.hashes, staged.outcome)
    staged.where.rmdir()
    return outcome


def _move(staged: Staged, folder: Path) -> None:
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    for name in sorted(staged.hashes, key=lambda name: name == "manifest.json"):  # manifest last: it vouches
        os.replace(staged.where / name, folder / name)
