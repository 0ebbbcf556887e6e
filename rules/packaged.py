"""Reading the project's own YAML data (catalogues, offense table, form maps): trusted and large, so read
with libyaml's C loader where PyYAML has it, the same safe loader otherwise, and remembered between runs.

Parsing the ~30 files a decision needs costs ~25 ms of every `relief` command (the offense table alone 20);
unpickling what an earlier run parsed costs ~1. The copy is kept in the user's cache folder
($XDG_CACHE_HOME/ca-relief/data, default ~/.cache/ca-relief/data), named by a digest of the text and of the
loader, so an edited file or another PyYAML is simply a new entry. Only these packaged files pass through
here — a person's profile never does (assembler/profile/reading.py reads it, strictly, without a cache).
A folder another user could write to is not read from (a pickle runs code), and any trouble with the cache
(unwritable, damaged, full disk) falls back to parsing: the cache can make a run faster, never different.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import stat
from pathlib import Path
from typing import Any

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_FLAVOUR = f"{yaml.__version__}/{_LOADER.__name__}/{pickle.HIGHEST_PROTOCOL}".encode()
OFF = "CA_RELIEF_NO_DATA_CACHE"  # set (to anything) to always parse


def read_yaml(text: str) -> Any:
    folder = cache_folder()
    if folder is None:
        return _parse(text)
    entry = folder / f"{_digest(text)}.pickle"
    try:
        with entry.open("rb") as handle:
            return pickle.load(handle)  # noqa: S301 (our own parse, in a folder only this user can write)
    except Exception:  # noqa: BLE001 (missing or damaged: parse again and replace it)
        data = _parse(text)
        _store(entry, data)
        return data


def cache_folder() -> Path | None:
    """The folder of remembered parses, made private if new; None when caching is off or it is unsafe."""
    if os.environ.get(OFF):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    folder = Path(base) / "ca-relief" / "data"
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = folder.stat()
    except OSError:
        return None
    owner = getattr(os, "getuid", None)  # Windows has no owner bits: the folder is in the user's own profile
    if owner is not None and (info.st_uid != owner() or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)):
        return None
    return folder


def _parse(text: str) -> Any:
    return yaml.load(text, Loader=_LOADER)  # noqa: S506 (a safe loader)


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), key=_FLAVOUR[:64], digest_size=20).hexdigest()


def _store(entry: Path, data: Any) -> None:
    """Write beside, then rename: a process reading at the same moment sees the old entry or the new, whole."""
    partial = entry.with_name(f"{entry.stem}.{os.getpid()}.partial")
    try:
        with open(partial, "wb", opener=lambda path, flags: os.open(path, flags, 0o600)) as handle:
            pickle.dump(data, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(partial, entry)
    except OSError:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
