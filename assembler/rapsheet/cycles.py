"""Splitting the cleaned lines into the header block, cycles and events (FORMAT.md §1.2, §1.4, §1.5)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assembler.rapsheet.lines import Line

# Event headers and the kind each names (FORMAT §1.5).
_HEADERS = [
    (re.compile(r"^\s*ARR/DET/CITE\b\s*[:;]?"), "arrest"),
    (re.compile(r"^\s*SUPPLEMENTAL ARR\s*[:;]?"), "supplemental_arrest"),
    (re.compile(r"^\s*COURT\s*([:;]|\s(?=\s*NAM:))"), "court"),
    (re.compile(r"^\s*CUSTODY\s*[:;]\s*(CDC|CDCR)\b"), "custody_prison"),
    (re.compile(r"^\s*CUSTODY\s*[:;]"), "custody_other"),
    (re.compile(r"^\s*PROBATION\s*[:;]"), "probation"),
    (re.compile(r"^\s*APPLICANT\s*[:;]"), "applicant"),
    (re.compile(r"^\s*REGISTRATION\s*[:;]"), "registration"),
    (re.compile(r"^\s*MENTAL HLTH"), "mental_health"),
    (re.compile(r"^\s*DECEASED\s*[:;]"), "deceased"),
    (re.compile(r"^\s*INTERST COMP PAROLEE"), "interstate_parolee"),
]
# Headers that end the identification block even without a delimiter; not PROBATION:, which the block
# itself may carry as a supervision line (FORMAT §1.3).
_OPENS_A_CYCLE = {"arrest", "court", "custody_prison", "custody_other", "applicant", "registration"}
_END = re.compile(r"END OF MESSAGE")
_RULE = re.compile(r"^[\s*]*\*{5,}[\s*]*$|^(?:\s*\*){5,}\s*$")  # a row of many asterisks: notice furniture
_NOTICE = re.compile(r"^\s*(\*\*|III CALIFORNIA ONLY|THE FOLLOWING CII)")
_ALONE_NAM = re.compile(r"^\s*NAM:\s*\S+\s*$")
_BOX_MAX = 8  # a notice box between two asterisk rows holds a few lines (FORMAT §1.2, §1.4)


@dataclass
class RawEvent:
    kind: str | None  # None: a dashed-off block with no header
    header: Line | None
    body: list[Line] = field(default_factory=list)


@dataclass
class Split:
    header: list[Line]
    cycles: list[list[Line]]


def event_kind(text: str) -> str | None:
    return next((kind for pattern, kind in _HEADERS if pattern.match(text)), None)


def is_cycle_delimiter(text: str) -> bool:
    """3 or 4 asterisks apart, with OCR's stray periods and commas (`  .   * *, * *.`), not `**` box sides."""
    bare = text.strip()
    return 3 <= bare.count("*") <= 4 and "**" not in bare and not re.search(r"[^*\s.,'`]", bare)


def is_event_delimiter(text: str) -> bool:
    return text.count("-") >= 3 and not re.search(r"[^\-\s'.,`]", text)


def split_cycles(lines: list[Line]) -> Split:
    """The header block (before the first cycle) and each cycle's lines, notices left out."""
    kept = _without_notices(lines)
    header: list[Line] = []
    cycles: list[list[Line]] = []
    current = header
    i = 0
    while i < len(kept):
        text = kept[i].text
        if _END.search(text):
            break
        stars = _lone_star_run(kept, i)
        if is_cycle_delimiter(text) or stars:
            current = []
            cycles.append(current)
            i += max(stars, 1)
            continue
        if current is header and event_kind(text) in _OPENS_A_CYCLE:  # the first delimiter lost (OCR)
            current = []
            cycles.append(current)
        current.append(kept[i])
        i += 1
    return Split(header, [c for c in cycles if c])


def _lone_star_run(lines: list[Line], i: int) -> int:
    """A cycle delimiter OCR split one asterisk per line: 3 or 4 lines of a lone `*`."""
    n = 0
    while i + n < len(lines) and lines[i + n].text.strip() == "*":
        n += 1
    return n if 3 <= n <= 4 else 0


def _without_notices(lines: list[Line]) -> list[Line]:
    """Drop asterisk rows, the short boxes they frame, and known notice lines."""
    out: list[Line] = []
    i = 0
    while i < len(lines):
        if _RULE.match(lines[i].text):
            i = _box_end(lines, i) + 1
            continue
        if not _NOTICE.match(lines[i].text):
            out.append(lines[i])
        i += 1
    return out


def _box_end(lines: list[Line], start: int) -> int:
    """The closing asterisk row of a box opened at `start`, or `start` itself if the row is a lone rule."""
    for j in range(start + 1, min(start + 1 + _BOX_MAX, len(lines))):
        text = lines[j].text
        if _RULE.match(text):
            return j
        if is_cycle_delimiter(text) or event_kind(text) or _END.search(text):
            break
    return start


def split_events(cycle: list[Line]) -> list[RawEvent]:
    """A cycle's events: a new one at each header line or after each dashed line."""
    events: list[RawEvent] = []
    current: RawEvent | None = None
    for line in cycle:
        kind = event_kind(line.text)
        if _ALONE_NAM.match(line.text):
            continue  # which of the names was used: nothing for the profile (FORMAT §1.5)
        if kind:
            current = RawEvent(kind, line)
            events.append(current)
        elif is_event_delimiter(line.text):
            current = None
        elif current is None:
            current = RawEvent(_headerless_kind(events), None, [line])
            events.append(current)
        else:
            current.body.append(line)
    return events


def _headerless_kind(events: list[RawEvent]) -> str | None:
    """Later entries of a registration cycle print no header (FORMAT §1.10); others stay unknown."""
    return "registration" if events and events[-1].kind == "registration" else None
