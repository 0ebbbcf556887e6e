"""Writing output files: private (mode 0600) and atomic (a reader never sees half a file)."""

from __future__ import annotations

import fcntl
import json
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

from assembler.errors import ReliefError


def write_private(path: Path, data: bytes, *, durable: bool = True) -> Path:
    """Write `data` to `path` with mode 0600, via a temporary file in the same folder and a rename.

    `durable`: flushed to the disk before the rename. A batch passes False for its packets: its record
    of each file's sha256 catches a file a crash damaged (the client is rebuilt on resume), and it
    syncs everything once at the end instead of once per file.
    """
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)  # a folder we create is private too
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)  # created 0600
    except OSError as exc:
        raise NotWritable(exc, path.parent) from None
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            if durable:
                os.fsync(out.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise NotWritable(exc, path.parent) from None
        raise
    return path


class NotWritable(ReliefError):
    """The output folder cannot be written (read-only, full, or not ours); no half-written file is left."""

    def __init__(self, error: OSError, folder: Path):
        super().__init__(f"cannot write here ({error.strerror or error})", field=str(folder),
                         fix="free some disk space, or choose a folder you can write to")


class OutdirInUse(ReliefError):
    """Another run writes to the folder, or the folder holds another person's papers."""


@contextmanager
def one_writer(outdir: Path):
    """Hold OUTDIR for this run: a second run into the same folder stops with a message instead of mixing
    its results with this one's. The lock is the kernel's flock on the folder itself: nothing is left in
    the folder, and a killed run holds nothing."""
    try:
        outdir.mkdir(mode=0o700, parents=True, exist_ok=True)  # only a folder we create is made private
        handle = os.open(outdir, os.O_RDONLY | os.O_DIRECTORY)
    except OSError as exc:
        raise NotWritable(exc, outdir) from None
    if not os.access(outdir, os.W_OK):
        os.close(handle)
        raise NotWritable(PermissionError(13, "the folder is read-only"), outdir)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise OutdirInUse("another relief run is writing to this folder", field=str(outdir),
                              fix="wait for it to finish, or choose another folder") from None
        yield outdir
    finally:
        os.close(handle)


def earlier_files(outdir: Path, petitioner: str) -> list[str]:
    """The files an earlier build wrote into `outdir` (its manifest.json), for the same petitioner; a
    folder holding another person's papers is refused, so one person is never handed another's."""
    manifest = outdir / "manifest.json"
    if not manifest.exists():
        return []
    try:
        earlier = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise OutdirInUse("the folder holds a manifest.json this tool cannot read", field=str(outdir),
                          fix="choose an empty folder") from None
    if earlier.get("petitioner") != petitioner:
        raise OutdirInUse("the folder holds papers built for another person", field=str(outdir),
                          fix="choose an empty folder, or move that person's papers out first") from None
    listed = [d.get("file") for d in earlier.get("documents", [])] + [(earlier.get("packet") or {}).get("file")]
    return [name for name in listed if isinstance(name, str) and "/" not in name and name != "manifest.json"]
