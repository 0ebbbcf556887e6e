"""Reading a batch table (CSV or the first sheet of an .xlsx) as numbered rows of non-blank cells.

The header is checked first, so a missing required column, an unknown column or a repeated one is one
clear message before any work starts. A row is `(row_number, {column: text})` with the spreadsheet's
own row number (the header is row 1) and only the cells that are not blank; wholly blank rows are not
rows. Excel dates become YYYY-MM-DD, whole numbers lose their ".0".
"""

from __future__ import annotations

import csv
import zipfile
import difflib
from datetime import date, datetime
from pathlib import Path
from typing import Iterator

from assembler.errors import ReliefError
from assembler.batch.columns import BY_NAME, REQUIRED

Row = tuple[int, dict[str, str]]
TABLE_SUFFIXES = (".csv", ".xlsx")


class TableError(ReliefError, ValueError):
    """The table cannot be read at all (its header, its format): nothing is done."""


def read_rows(path: Path) -> Iterator[Row]:
    """Every non-blank row of the table; raises TableError before the first row if the header is bad."""
    raw = _xlsx_rows(path) if path.suffix.lower() == ".xlsx" else _csv_rows(path)
    try:
        names = next(raw)
    except StopIteration:
        raise TableError(f"{path.name} is empty; fix: start from `relief batch --template {path.name}`") from None
    columns = check_header(names, path.name)
    return _rows(raw, columns)


def check_header(cells: list[str], source: str) -> list[str]:
    names = [_normal(c) for c in cells]
    problems = []
    missing = [name for name in REQUIRED if name not in names]
    if missing:
        plural = "s" if len(missing) > 1 else ""
        problems.append(f"{source} is missing the required column{plural} {', '.join(missing)}; fix: add "
                        f"{'them' if plural else 'it'} to the header row (`relief batch --template` shows "
                        "every column)")
    seen = set()
    for name in names:
        if name and name not in BY_NAME:
            hint = difflib.get_close_matches(name, BY_NAME, n=1)
            fix = f'did you mean "{hint[0]}"?' if hint else "see COLUMNS.md for the columns a batch reads"
            problems.append(f"{source}: column '{name}' is not a batch column; fix: {fix}")
        elif name in seen:
            problems.append(f"{source}: column '{name}' appears twice; fix: keep one")
        seen.add(name)
    if problems:
        raise TableError("\n".join(problems))
    return names


def _rows(raw: Iterator[list], columns: list[str]) -> Iterator[Row]:
    for number, cells in enumerate(raw, start=2):
        values = {}
        for name, cell in zip(columns, cells):
            text = _text(cell)
            if name and text:
                values[name] = text
        if values:
            yield number, values


def _normal(cell) -> str:
    return _text(cell).lower().replace(" ", "_")


def _text(cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "true" if cell else "false"
    if isinstance(cell, datetime):
        return cell.date().isoformat()
    if isinstance(cell, date):
        return cell.isoformat()
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def _csv_rows(path: Path) -> Iterator[list[str]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            yield from csv.reader(handle)
    except UnicodeDecodeError:
        raise TableError(f"{path.name} is not UTF-8 text; fix: save it as \"CSV UTF-8\"") from None
    except csv.Error as exc:
        raise TableError(f"{path.name} is not a readable CSV ({exc}); fix: save it again as CSV") from None


def _xlsx_rows(path: Path) -> Iterator[list]:
    from openpyxl import load_workbook  # only an .xlsx batch needs it
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, OSError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise TableError(f"{path.name} is not a readable .xlsx workbook ({exc}); fix: save it again from "
                         "Excel as .xlsx, or as CSV") from None
    try:
        for cells in book.worksheets[0].iter_rows(values_only=True):
            yield list(cells)
    finally:
        book.close()
