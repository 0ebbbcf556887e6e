"""A case being built from the sheet, with the line of each fact and the questions the sheet leaves open."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from assembler.rapsheet.lines import Line
from assembler.rapsheet.questions import SheetQuestion, ask


@dataclass
class Draft:
    """One case being built: its profile data, where each fact came from, and what the sheet leaves open.

    `label` names the case in a question ("Case 9CJ01234", "The arrest of …") as a nested message, so it is
    translated with the question; `line` is the sheet line of the case's first event."""

    data: dict
    label: dict
    sort_on: date | None
    line: int | None = None
    trace: dict[str, int] = field(default_factory=dict)
    questions: list[SheetQuestion] = field(default_factory=list)

    def note(self, path: str, line: Line | None) -> None:
        if line is not None:
            self.trace[path] = line.no

    def ask(self, code: str, line: Line | int | None = None, **params: Any) -> None:
        """Ask about this case; the question is about `line` when given, else about the case's own line."""
        number = line.no if isinstance(line, Line) else line
        self.questions.append(ask(code, number if number is not None else self.line, case=self.label, **params))
