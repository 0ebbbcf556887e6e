"""A case being built from the sheet, with the line of each fact and the questions the sheet leaves open."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from assembler.rapsheet.lines import Line


@dataclass
class Draft:
    """One case being built: its profile data, where each fact came from, and what the sheet leaves open."""

    data: dict
    label: str
    sort_on: date | None
    trace: dict[str, int] = field(default_factory=dict)
    questions: list[str] = field(default_factory=list)

    def note(self, path: str, line: Line | None) -> None:
        if line is not None:
            self.trace[path] = line.no
