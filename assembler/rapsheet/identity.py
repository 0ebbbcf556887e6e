"""The header block: print date and the identification block's names and date of birth (FORMAT.md §1.1, §1.3,
§4.1). Other identifiers (CII, FBI, licence, inmate numbers) are personal data the profile never holds."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from assembler.rapsheet.counts import parse_date
from assembler.rapsheet.lines import Line

_PRINT_DATE = re.compile(r"^\s*RE\s*:.*\bDATE\s*:\s*((?:19|20)\d{6})")
_DOB = re.compile(r"\bDOB/\s*((?:19|20)\d{6})")
_NAM = re.compile(r"^\s*NAM/\s*(\d{2,3})\s+(.+?)\s*$")
_MORE_NAM = re.compile(r"^\s+(\d{2,3})\s+([A-Z][A-Z' \-]*,[A-Z' \-.]*?)\s*$")
_SUPERVISION = re.compile(r"^\s*(PROBATION|PAROLE)\s*:")
MARKS = re.compile(r"^\s*(CII/|DOB/|NAM/|FBI/|RE\s*:\s*QHY)")


@dataclass
class Identity:
    printed_on: date | None = None
    date_of_birth: date | None = None
    dob_line: Line | None = None
    names: list[tuple[str, Line]] = field(default_factory=list)  # in the order of their codes, 01 first
    supervision_lines: list[Line] = field(default_factory=list)


def read_identity(header: list[Line]) -> Identity:
    identity = Identity()
    in_names = False
    for line in header:
        text = line.text
        if (match := _PRINT_DATE.match(text)) and identity.printed_on is None:
            identity.printed_on = parse_date(match[1])
        if (match := _DOB.search(text)) and identity.date_of_birth is None:
            identity.date_of_birth, identity.dob_line = parse_date(match[1]), line
        if match := _NAM.match(text):
            identity.names.append((person_name(match[2]), line))
            in_names = True
        elif in_names and (match := _MORE_NAM.match(text)):
            identity.names.append((person_name(match[2]), line))
        else:
            in_names = False
        if _SUPERVISION.match(text):
            identity.supervision_lines.append(line)
    return identity


def person_name(printed: str) -> str:
    """`DOE,JANE MARIE` → `Jane Marie Doe`: the RAP prints capitals only, so the capitalisation is ours."""
    last, _, given = printed.partition(",")
    words = f"{given} {last}".split()
    return " ".join(w.title() for w in words)
