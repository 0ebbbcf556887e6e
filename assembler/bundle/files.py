"""Writing output files: private (mode 0600) and atomic (a reader never sees half a file)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_private(path: Path, data: bytes, *, durable: bool = True) -> Path:
    """Write `data` to `path` with mode 0600, via a temporary file in the same folder and a rename.

    `durable`: flushed to the disk before the rename. A batch passes False for its packets: its record
    of each file's sha256 catches a file a crash damaged (the client is rebuilt on resume), and it
    syncs everything once at the end instead of once per file.
    """
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)  # a folder we create is private too
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)  # created 0600
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            if durable:
                os.fsync(out.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
