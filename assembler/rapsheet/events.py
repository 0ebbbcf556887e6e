"""Reading one event: its header, date, agency and counts (FORMAT.md §1.5)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from assembler.rapsheet.counts import Count, parse_date, read_counts
from assembler.rapsheet.cycles import RawEvent
from assembler.rapsheet.lines import Line

# Events whose counts the profile uses; the others are read for nothing (FORMAT §1.5, §4.3).
READ_KINDS = {"arrest", "supplemental_arrest", "court", "custody_prison", "probation", "registration"}

_DATE_AGENCY = re.compile(r"^\s*((?:19|20)\d{6})\s+(?P<agency>.*?)\s*$")
_HEADER_DATE = re.compile(r"(?<![:/\d])((?:19|20)\d{6})\s+(?P<agency>[A-Z]{4}\b.*?)\s*$")
_NAM = re.compile(r"\bNAM:\s*([0-9OUL]{1,3})\b")
_TOC = re.compile(r"\s*\bTOC:\s*([A-Z])\b")


@dataclass
class Event:
    kind: str | None
    header: Line | None
    on: date | None = None
    agency: str | None = None
    agency_line: Line | None = None
    counts: list[Count] = field(default_factory=list)
    unread: list[Line] = field(default_factory=list)


def read_event(raw: RawEvent) -> Event:
    event = Event(raw.kind, raw.header)
    body = raw.body
    toc = None
    if raw.header and (match := _HEADER_DATE.search(raw.header.text)):
        toc = _take_date(event, match, raw.header)
    elif body and (match := _DATE_AGENCY.match(body[0].text)):
        toc = _take_date(event, match, body[0])
        body = body[1:]
    if raw.kind is None:  # a block with no event header: nothing in it can be placed
        event.unread = list(raw.body)
    if raw.kind not in READ_KINDS:
        return event
    read = read_counts(body)
    event.counts, event.unread = read.counts, read.unread
    for count in event.counts:
        if count.toc is None and toc:  # a TOC printed on the date line speaks for the event's counts
            count.toc, count.toc_line = toc, event.agency_line
    return event


def clean_agency(text: str) -> str:
    """`CASC LOS .ANGELES VAN NUYS` → `CASC LOS ANGELES VAN NUYS`."""
    return " ".join(text.replace(".", " ").replace(",", " , ").split()).replace(" , ", ", ")


def _take_date(event: Event, match: re.Match, line: Line) -> str | None:
    event.on = parse_date(match[1])
    agency = match["agency"]
    toc = _TOC.search(agency)
    if toc:
        agency = agency[:toc.start()] + agency[toc.end():]
    event.agency, event.agency_line = clean_agency(agency) or None, line
    return toc[1] if toc else None
