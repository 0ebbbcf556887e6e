"""Reading a `SEN:` text into its terms (FORMAT.md §1.8).

Parts are comma-separated: `036 MONTHS PROBATION`, `3 YR PROB`, `045 DAYS JAIL`, `6 MO JL WORK`,
`2 YEARS PRISON`, `1 YR PRISON SS`, `FINE`, `FINE SS`, `IMP SEN SS`, `RESTN`, `$971 FINE $420 RSTN` …
The unit is read from the first letter of the word after the number (Y, M, D), as DOJ abbreviates freely.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_TERM = r"(?:(?P<n>\d+)\s*(?P<unit>[YMD][A-Z]*)\.?\s+)?"
_PROBATION = re.compile(_TERM + r"(?:PROBATION|PROB)\b")
_JAIL = re.compile(_TERM + r"(?:JAIL|JL)\b(?P<rest>.*)")
_PRISON = re.compile(_TERM + r"(?:PRISON|PRSN)\b(?P<rest>.*)")
_IMPOSITION_SUSPENDED = re.compile(r"\bIMP\w*\s+SEN\w*\s+SS\b")
_FINE = re.compile(r"\b(?:FINE|FN)(?:\s*SS)?\b|\bFNSS\b")
_RESTITUTION = re.compile(r"\b(?:RESTN|RSTN|RESTITUTION)\b")
_MANDATORY_SUPERVISION = re.compile(r"\bMAND\w*\s+SUP\w*")
_INCIDENTAL = re.compile(r"^(?:CONCURRENT|CONSECUTIVE|CC|CS|WORK|\$?\d+)$")
_COMMENT_PREFIX = re.compile(r"^\s*(?:SEN-X,?|XSEN\s*:|SEN-)\s*")


@dataclass
class Term:
    months: int | None  # None: bare, no length printed; days are kept apart
    days: int | None = None
    suspended: bool = False


@dataclass
class Terms:
    probation: Term | None = None
    jail: Term | None = None
    prison: Term | None = None
    imposition_suspended: bool = False
    fine: bool = False
    restitution: bool = False
    mandatory_supervision: bool = False
    unread: list[str] = field(default_factory=list)

    def length_days(self) -> int:
        """A rough size, only to pick the longest of several printed sentences (FORMAT §1.8)."""
        return sum(_days(t) for t in (self.probation, self.jail, self.prison) if t)


def from_comment(text: str) -> str | None:
    """The sentence inside a comment (`COM: SEN-X3 YR PROB, …`, `COM: XSEN:3 YR PROB, …`), or None."""
    match = _COMMENT_PREFIX.match(text)
    return text[match.end():] if match else None


def parse(text: str) -> Terms:
    terms = Terms()
    for part in (p.strip() for p in text.split(",")):
        if part and not _read_part(part, terms):
            terms.unread.append(part)
    return terms


def _read_part(part: str, terms: Terms) -> bool:
    found = False
    if match := _PROBATION.search(part):
        terms.probation, found = _term(match), True
    elif match := _JAIL.search(part):
        terms.jail, found = _term(match, suspended=bool(re.search(r"\bSS\b", match["rest"]))), True
    elif match := _PRISON.search(part):
        terms.prison, found = _term(match, suspended=bool(re.search(r"\bSS\b", match["rest"]))), True
    elif _IMPOSITION_SUSPENDED.search(part):
        terms.imposition_suspended = found = True
    if _FINE.search(part):
        terms.fine = found = True
    if _RESTITUTION.search(part):
        terms.restitution = found = True
    if _MANDATORY_SUPERVISION.search(part):
        terms.mandatory_supervision = found = True
    return found or bool(_INCIDENTAL.match(part))


def _term(match: re.Match, suspended: bool = False) -> Term:
    if match["n"] is None:
        return Term(None, suspended=suspended)
    n, unit = int(match["n"]), match["unit"][0]
    if unit == "D":
        return Term(None, days=n, suspended=suspended)
    return Term(n * 12 if unit == "Y" else n, suspended=suspended)


def _days(term: Term) -> int:
    return term.days if term.days is not None else (term.months or 0) * 30
