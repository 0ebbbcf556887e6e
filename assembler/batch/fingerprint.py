"""What `--resume` compares: a client's outputs are kept only if complete and made from the same input.

The fingerprint is the sha256 of the normalized input (the validated profile, so a reordered YAML key or
a stray space does not count as a change), the as-of date, the forms backend, the language and the
tool version. `batch.json`, written beside the outputs after every other file, holds the fingerprint,
the sha256 of each file of the packet and the client's outcome; a folder whose record is missing,
unreadable, from another input, or whose files do not match their hashes is built again.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

from assembler import __version__
from assembler.batch.outcome import Outcome
from assembler.bundle.files import write_private
from assembler.profile.model import Profile

RECORD = "batch.json"


def fingerprint(profile: Profile, as_of: date, forms: str, lang: str | None,
                blanks: dict[str, str] | None = None) -> str:
    """What a client's packet is made from: the profile, the date, the options, the tool's version and
    (official forms) the sha256 of each blank PDF."""
    payload = {"profile": profile.model_dump(mode="json"), "as_of": as_of.isoformat(), "forms": forms,
               "lang": lang, "tool": __version__, "blanks": blanks or {}}
    return _sha(json.dumps(payload, sort_keys=True, ensure_ascii=False).encode())


def finished(folder: Path, print_: str) -> Outcome | None:
    """The stored outcome when the folder holds complete outputs made from this fingerprint."""
    try:
        record = json.loads((folder / RECORD).read_text(encoding="utf-8"))
        if record["fingerprint"] != print_:
            return None
        for name, digest in record["files"].items():
            if _sha((folder / name).read_bytes()) != digest:
                return None
        return Outcome.from_json(record["outcome"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write_record(folder: Path, print_: str, hashes: dict[str, str], outcome: Outcome, *,
                 durable: bool = True) -> None:
    """`hashes`: each file's sha256 (`hashes_of` the packet's files)."""
    record = {"fingerprint": print_, "files": dict(sorted(hashes.items())), "outcome": outcome.to_json()}
    write_private(folder / RECORD, (json.dumps(record, indent=1, ensure_ascii=False) + "\n").encode(), durable=durable)


def hashes_of(files: dict[str, bytes]) -> dict[str, str]:
    return {name: _sha(data) for name, data in files.items()}


def recorded_names(folder: Path) -> list[str]:
    """The files the folder's record vouches for (none when there is no readable record)."""
    try:
        return list(json.loads((folder / RECORD).read_text(encoding="utf-8"))["files"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return []


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
