"""`results.csv`: one row per input client, in input order, every input row accounted for.

Columns: `client_id` (or "row N" for a row without a usable id), `status` (ok, needs_review, error),
`packet` (the client's packet.pdf, blank when there is nothing to file now or on error),
`remedies` (each remedy worth pursuing as remedy@case with its status, "now" or "later"), `not_yet` (the
remedies that apply later, with the earliest date or "date unknown"), `review` (what a person must check),
`error` (what is wrong and how to fix it), `rows` (the input rows of a table), `resumed` (yes when the
outputs of an earlier run were complete and matched the input, so nothing was redone), `questions` (the
open questions as codes, each with the profile field that would answer it: `ASK_COMPLETED_ON
cases[0].sentence.completed_on`, for sorting and filtering a large run).
"""

from __future__ import annotations

from pathlib import Path

from assembler.batch.outcome import Outcome
from assembler.bundle.files import write_private

FILE = "results.csv"
PACKET = "packet.pdf"
HEADER = ["client_id", "status", "packet", "remedies", "not_yet", "review", "error", "rows", "resumed", "questions"]


class Results:
    """The rows so far, each kept as its CSV line (a few hundred bytes a client, not the whole Outcome)."""

    def __init__(self):
        self._lines: list[tuple[int, bytes]] = []

    def add(self, outcome: Outcome) -> None:
        self._lines.append((outcome.index, to_csv([_row(outcome)])))

    def write(self, outdir: Path) -> Path:
        self._lines.sort()
        return write_private(outdir / FILE, to_csv([HEADER]) + b"".join(line for _, line in self._lines))


def remedy_text(outcome: Outcome) -> str:
    return "; ".join(f"{d['remedy']}@{d['case']} {d['status']} {'now' if d['eligible_now'] else 'later'}"
                     for d in outcome.remedies)


def not_yet_text(outcome: Outcome) -> str:
    return "; ".join(f"{d['remedy']}@{d['case']} {d['eligible_on'] or 'date unknown'}" for d in outcome.not_yet)


def to_csv(rows: list[list]) -> bytes:
    """The rows as CSV: the bytes `csv.writer(..., lineterminator="\\n")` writes (minimal quoting), made with
    string methods (the csv module looks at each character in turn, and the reasons cells are long) — except
    that a cell with a carriage return is quoted too, so that it reads back as one cell."""
    return "".join([_line(row) for row in rows]).encode("utf-8")


def _line(row: list) -> str:
    if len(row) == 1 and safe_cell(row[0]) == "":
        return '""\n'  # as the csv module writes a lone empty cell, so the line is not read as no row
    return ",".join([_field(safe_cell(cell)) for cell in row]) + "\n"


def _field(text: str) -> str:
    if '"' in text:
        return '"' + text.replace('"', '""') + '"'
    if "," in text or "\n" in text or "\r" in text:  # csv.writer leaves a lone \r bare; a reader ends the row there
        return '"' + text + '"'
    return text


def safe_cell(value) -> str:
    """A cell a spreadsheet will not run as a formula (a leading = + - @ is quoted with ')."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def _row(o: Outcome) -> list:
    packet = f"{o.label}/{PACKET}" if PACKET in o.files else ""
    return [o.label, o.status, packet, remedy_text(o), not_yet_text(o), " | ".join(o.review), o.error or "",
            " ".join(map(str, o.rows)), "yes" if o.skipped else "", " | ".join(o.questions)]
