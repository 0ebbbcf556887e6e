"""A RAP sheet's text → a case profile (plain data), its open questions, and the line of every fact."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from assembler.profile.load import ProfileError, parse_profile
from assembler.rapsheet.cycles import Split, event_kind, split_cycles
from assembler.rapsheet.errors import NotARapSheet, RecordError
from assembler.rapsheet.identity import MARKS, read_identity
from assembler.rapsheet.lines import normalise
from assembler.rapsheet.profile import assemble
from assembler.rapsheet.questions import SheetQuestion, ask


_COUNT = re.compile(r"^\s*CNT:")


@dataclass
class Imported:
    profile: dict
    questions: list[SheetQuestion]  # `str(q)` in English, `q.text("es")` in Spanish
    source_lines: dict[str, int] = field(default_factory=dict)  # profile field path → sheet line number
    printed_on: date | None = None
    problems: list[str] = field(default_factory=list)  # what still keeps `relief assess` from using it
    case_labels: list[dict] = field(default_factory=list)  # each profile case's label: its questions' `case`


def import_text(text: str, source: str = "sheet", today: date | None = None) -> Imported:
    lines = normalise(text)
    if any(re.search(r"\bRECORD ERROR\b", line.text) for line in lines):
        raise RecordError(source)
    split = split_cycles(lines)
    _check_looks_like_a_sheet(split, source)
    identity = read_identity(split.header)
    assembly = assemble(identity, split.cycles)
    theft = next((line for line in lines if "IDENTITY THEFT" in line.text), None)
    if theft:
        assembly.questions.insert(0, ask("rapsheet.identity_theft", theft.no))
    imported = Imported(assembly.profile, assembly.questions, assembly.source_lines, identity.printed_on,
                        case_labels=assembly.case_labels)
    imported.problems = _problems(imported, today or date.today())
    return imported


def _check_looks_like_a_sheet(split: Split, source: str) -> None:
    """Cycles of events, and either the identification block or counts in them (the block may be missing:
    FORMAT §1.3); a letter that happens to say "Court:" is not a sheet."""
    events = [line for cycle in split.cycles for line in cycle if event_kind(line.text)]
    if not events:
        raise NotARapSheet(source, "no cycle of events (ARR/DET/CITE:, COURT: …) between '* * * *' lines")
    identified = any(MARKS.match(line.text) for line in split.header)
    if not identified and not any(_COUNT.match(line.text) for cycle in split.cycles for line in cycle):
        raise NotARapSheet(source, "no identification block (CII/, DOB/, NAM/) and no counts (CNT:)")


def _problems(imported: Imported, today: date) -> list[str]:
    try:
        parse_profile(imported.profile, imported.printed_on or today)
    except ProfileError as exc:
        return exc.problems
    return []
