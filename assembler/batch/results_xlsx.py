"""results.xlsx: the assess-only results.csv as a workbook, for a clinic that asked for one (`--results-format
xlsx`). Written once at the end from results.csv, row by row (openpyxl's write-only mode, so memory stays
flat), atomically and mode 0600. A sheet holds 1,048,576 rows: a larger run keeps results.csv only.
"""

from __future__ import annotations

import csv
import os
import tempfile
from pathlib import Path

from assembler.errors import ReliefError

SHEET_ROWS = 1_048_576


class TooManyRows(ReliefError):
    """More result lines than one .xlsx sheet holds."""


def write_xlsx(results: Path, target: Path, lines: int) -> Path:
    """`results` (a CSV whose header counts as a row) as an .xlsx; `lines`: its rows under the header."""
    if lines + 1 > SHEET_ROWS:
        raise TooManyRows(f"{lines:,} result lines are more than an .xlsx sheet holds ({SHEET_ROWS - 1:,})",
                          field="--results-format xlsx", fix="open results.csv, which has every line")
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("results")
    with results.open(encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle):
            sheet.append(row)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)  # mode 0600
    os.close(fd)
    try:
        book.save(tmp)
        os.chmod(tmp, 0o600)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target
