"""Where a stopped `relief batch --assess-only` resumes: the partial results and a small record of them.

The results grow in `results.csv.partial` (mode 0600), appended as clients are decided in input order.
After each flush the record, `.assess-only.json` (written atomically, mode 0600), says how many input
clients are finished, how many bytes of the partial file hold their lines (with the sha256 of the last
4 KiB of those bytes), the summary so far, and what the results are made from: the input file (size,
modification time, sha256 of its first 64 KiB), the as-of date, the tool version and the columns.

A run that finds a record made from the same things cuts the partial file back to the recorded bytes
(lines written after the last record are decided again, never twice) and reads on after the finished
clients; anything else starts over. When every client is done the partial file becomes results.csv and
the record says `finished`, so running the same command again redoes nothing.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field, fields
from datetime import date
from pathlib import Path

from assembler import __version__
from assembler.bundle.files import write_private

RECORD = ".assess-only.json"
PARTIAL = "results.csv.partial"
TAIL = 4096
HEAD = 65536


@dataclass
class Checkpoint:
    made_from: dict
    clients: int = 0  # input clients whose lines are in the first `size` bytes
    size: int = 0
    tail: str = ""  # sha256 of the last TAIL bytes before `size`
    finished: bool = False
    tally: dict = field(default_factory=dict)  # summary.Tally.state()


FIELDS = tuple(f.name for f in fields(Checkpoint))


def made_from(source: Path, as_of: date, columns: list[str]) -> dict:
    """What the results depend on; a change in any of it means starting over."""
    stat = source.stat()
    with source.open("rb") as handle:
        head = hashlib.sha256(handle.read(HEAD)).hexdigest()
    return {"input": source.name, "size": stat.st_size, "mtime_ns": stat.st_mtime_ns, "head": head,
            "as_of": as_of.isoformat(), "tool": __version__, "columns": columns}


def load(outdir: Path, made: dict) -> Checkpoint | None:
    """The record of an earlier run made from the same things, if its results file still matches it."""
    try:
        record = Checkpoint(**json.loads((outdir / RECORD).read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None
    if record.made_from != made:
        return None
    if record.finished and not (outdir / "results.csv").exists() and (outdir / PARTIAL).exists():
        os.replace(outdir / PARTIAL, outdir / "results.csv")  # stopped between the record and the rename
    results = outdir / ("results.csv" if record.finished else PARTIAL)
    return record if tail_of(results, record.size) == record.tail else None


def save(outdir: Path, record: Checkpoint) -> None:
    data = {name: getattr(record, name) for name in FIELDS}  # not asdict(): it deep-copies the summary each time
    write_private(outdir / RECORD, json.dumps(data, ensure_ascii=False).encode(), durable=False)


def tail_of(path: Path, size: int) -> str | None:
    """sha256 of the TAIL bytes before `size`; None when the file is missing or shorter."""
    try:
        with path.open("rb") as handle:
            if os.fstat(handle.fileno()).st_size < size:
                return None
            handle.seek(max(0, size - TAIL))
            return hashlib.sha256(handle.read(size - max(0, size - TAIL))).hexdigest()
    except OSError:
        return None


def digest(data: bytes) -> str:
    return hashlib.sha256(data[-TAIL:]).hexdigest()


class Partial:
    """results.csv.partial, opened to append after an earlier run's recorded bytes (or anew with `header`)."""

    def __init__(self, outdir: Path, header: bytes, earlier: Checkpoint | None):
        self.path = outdir / PARTIAL
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        os.fchmod(fd, 0o600)
        self._file = os.fdopen(fd, "r+b")
        keep = earlier.size if earlier is not None else 0
        self._file.truncate(keep)
        self._file.seek(keep)
        if earlier is None:
            self._file.write(header)
        self.size = self._file.tell()
        self._file.seek(max(0, self.size - TAIL))
        self._tail = self._file.read()
        self._file.seek(self.size)

    def append(self, data: bytes) -> None:
        self._file.write(data)
        self.size += len(data)
        self._tail = (self._tail + data)[-TAIL:]

    def flush(self) -> str:
        """Hand the lines to the system (a killed run loses none of them); the digest of the tail."""
        self._file.flush()
        return digest(self._tail)

    def finish(self, results: Path) -> None:
        self._file.flush()
        os.fsync(self._file.fileno())
        self._file.close()
        os.replace(self.path, results)

    def close(self) -> None:
        if not self._file.closed:
            self._file.close()
