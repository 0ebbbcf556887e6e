"""Where the blank official forms are on this machine.

In order: `--forms-dir DIR`, the environment variable CA_RELIEF_FORMS_DIR, then the user cache that
`relief forms fetch` fills ($XDG_CACHE_HOME/ca-relief/forms, default ~/.cache/ca-relief/forms).
A file may be named as in this project (CR-180.pdf) or as courts.ca.gov names it (cr180.pdf).
"""

from __future__ import annotations

import os
from pathlib import Path

from assembler.errors import ReliefError

ENV_VAR = "CA_RELIEF_FORMS_DIR"


class FormsNotFound(ReliefError, FileNotFoundError):
    pass


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "ca-relief" / "forms"


def forms_dir(option: Path | None = None) -> tuple[Path, str]:
    """The folder to read forms from and how it was chosen (for `relief forms list`)."""
    if option is not None:
        return Path(option), "--forms-dir"
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR]), ENV_VAR
    return cache_dir(), "user cache (relief forms fetch)"


def candidates(form_id: str) -> list[str]:
    compact = form_id.replace("-", "").lower()
    return [f"{form_id}.pdf", f"{compact}.pdf", f"{form_id.lower()}.pdf"]


def find_form(folder: Path, form_id: str) -> Path:
    names = candidates(form_id)
    if folder.is_dir():
        by_lower = {p.name.lower(): p for p in folder.iterdir() if p.is_file()}
        for name in names:
            if name.lower() in by_lower:
                return by_lower[name.lower()]
    raise FormsNotFound(
        f"{form_id}: no {' or '.join(names[:2])} in {folder}; fix: run `relief forms fetch`, or pass "
        f"--forms-dir (or set {ENV_VAR}) to a folder holding the Judicial Council's PDF")
