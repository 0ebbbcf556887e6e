"""results.py's CSV writer (written out for speed): every cell reads back as itself through a CSV reader, and a
cell a spreadsheet would run as a formula is defused as before."""

import csv
import io

from assembler.batch.results import safe_cell, to_csv

CELLS = ["plain", "", "with, comma", 'a "quoted" word', "two\nlines", "carriage\rreturn", "crlf\r\nend",
         "=SUM(A1)", "+1", "-x", "@me", "  spaced  ", "Peña § 1203.4(a)(1)", None, 17, "\x00nul"]


def test_every_cell_reads_back_as_written():
    rows = [CELLS, list(reversed(CELLS)), ["only"], [""], [None]]
    read = list(csv.reader(io.StringIO(to_csv(rows).decode("utf-8"), newline="")))
    assert read == [[safe_cell(cell) for cell in row] for row in rows]


def test_it_writes_what_the_csv_module_writes_for_cells_without_a_carriage_return():
    rows = [[c for c in CELLS if not (isinstance(c, str) and "\r" in c)], [""], ["a", ""]]
    expected = io.StringIO()
    csv.writer(expected, lineterminator="\n").writerows([[safe_cell(c) for c in row] for row in rows])
    assert to_csv(rows) == expected.getvalue().encode("utf-8")


def test_formulas_are_defused():
    assert to_csv([["=1+1", "-2", "+3", "@4", "5"]]) == b"'=1+1,'-2,'+3,'@4,5\n"
