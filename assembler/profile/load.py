"""Reading a case profile from YAML or JSON, with errors a person can act on.

Every problem names the field (`cases[0].sentence.probation.start`) and says how to fix it; no
traceback reaches the user. Personal data never appears in the messages beyond the field path and
the offending value the user typed.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from assembler.errors import ReliefError
from assembler.profile.model import Profile
from assembler.profile.reading import MAX_BYTES, Unreadable, parse_bytes

_FIXES = {
    "missing": "add this field",
    "extra_forbidden": "this field is not part of a profile; check its spelling (`relief schema` lists them)",
    "date_from_datetime_parsing": "write the date as YYYY-MM-DD, e.g. 2021-03-15",
    "date_parsing": "write the date as YYYY-MM-DD, e.g. 2021-03-15",
    "date_type": "write the date as YYYY-MM-DD, e.g. 2021-03-15",
    "bool_parsing": "answer true or false (or leave it out if you don't know)",
    "bool_type": "answer true or false (or leave it out if you don't know)",
    "int_parsing": "give a whole number",
    "too_short": "give at least one",
    "string_too_short": "this cannot be empty",
    "string_too_long": "check it: it is longer than this field can be (a case number has about 7 to 15 characters)",
    "too_long": "check it: a profile holds fewer than this (split a very long record into several profiles)",
}


class ProfileError(ReliefError, ValueError):
    """A profile that cannot be used, with one message per problem."""

    def __init__(self, problems: list[str], source: str = "profile"):
        self.problems = problems
        self.source = source
        super().__init__(f"{source}: " + "; ".join(problems))

    def __str__(self) -> str:
        lines = [f"{self.source} has {len(self.problems)} problem(s):"]
        lines += [f"  - {p}" for p in self.problems]
        return "\n".join(lines)


def read_data(path: Path) -> Any:
    """Parse a YAML or JSON file strictly (`reading.parse_bytes`)."""
    try:
        _check_size(path.stat().st_size, path)  # before reading a huge file into memory
        raw = path.read_bytes()
    except OSError as exc:
        raise ProfileError([f"cannot read the file ({exc.strerror})"], str(path)) from None
    return data_of(raw, path)


def data_of(raw: bytes, path: Path) -> Any:
    """A profile file's bytes held in memory (e.g. sent to a cluster worker); `path` names it in messages."""
    _check_size(len(raw), path)
    try:
        return parse_bytes(raw, json_syntax=path.suffix.lower() == ".json")
    except Unreadable as exc:
        raise ProfileError([str(exc)], str(path)) from None


def _check_size(size: int, path: Path) -> None:
    if size > MAX_BYTES:
        raise ProfileError([f"the file is {size:,} bytes; a profile is at most {MAX_BYTES:,}; "
                            "fix: check that this is the right file"], str(path))


def load_profile(path: Path | str, as_of: date) -> Profile:
    path = Path(path)
    return parse_profile(read_data(path), as_of, source=str(path))


def parse_profile(data: Any, as_of: date, source: str = "profile") -> Profile:
    """Validate plain data as a Profile; dates after `as_of` that record the past are errors."""
    if not isinstance(data, dict):
        raise ProfileError(["the profile must be a mapping with `petitioner` and `cases`"], source)
    try:
        return Profile.model_validate(data, context={"as_of": as_of})
    except ValidationError as exc:
        raise ProfileError([_describe(e) for e in exc.errors()], source) from None


def _describe(error: dict) -> str:
    field = _path(error["loc"])
    message = error["msg"].removeprefix("Value error, ")
    if error["type"] == "value_error":
        return f"{field}: {message}" if field else message
    fix = _FIXES.get(error["type"])
    given = error.get("input")
    shown = f" (got {given!r})" if isinstance(given, (str, int, float)) and error["type"] != "missing" else ""
    text = f"{field}: {message.lower() if error['type'] == 'missing' else message}{shown}"
    return f"{text}; fix: {fix}" if fix else text


def _path(loc: tuple) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out
