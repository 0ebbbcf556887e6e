"""`relief batch --template FILE`: the header of every batch column and one example row (CSV or .xlsx)."""

from __future__ import annotations

from pathlib import Path

from assembler.batch.columns import COLUMNS, example_row, header
from assembler.batch.results import to_csv
from assembler.bundle.files import write_private


def write_template(path: Path) -> Path:
    if path.suffix.lower() == ".xlsx":
        return write_private(path, _xlsx())
    return write_private(path, to_csv([header(), example_row()]))


def _xlsx() -> bytes:
    import io

    from openpyxl import Workbook
    from openpyxl.comments import Comment

    book = Workbook()
    sheet = book.active
    sheet.title = "clients"
    sheet.append(header())
    sheet.append(example_row())
    for cell, column in zip(sheet[1], COLUMNS):
        cell.comment = Comment(column.help + (" (required)" if column.required else ""), "relief")
    sheet.freeze_panes = "B2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
