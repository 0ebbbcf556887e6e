"""A batch table read row by row, handed over one client at a time, for `relief batch --assess-only`.

A client's rows must be together (one after another, as a table sorted by client_id has them): a client
is handed over as soon as a row of another client follows, so only one client's rows are held at a
time, whatever the size of the table. A client id that shows up again after other clients' rows is not
merged with its earlier rows (that would need every row in memory): `Seen` notices it and the later
rows become an error row of their own, naming both row ranges and the fix (sort the table).

Every row is accounted for, as in `inputs.Source`: a row with no client id is a client of its own,
labelled by its row number; an id that breaks the rule for ids may be a person's name, so the client is
labelled by its row number and the id is never shown. A CSV row that cannot be read (bytes that are not
UTF-8, a cell too long for a CSV) is an error of its client, or of its own: one broken row in a million
stops nothing else.
"""

from __future__ import annotations

import csv
import os
import re
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from assembler.batch.inputs import bad_id
from assembler.batch.tables import Row, TableError, check_header, read_rows

Read = tuple[int, dict[str, str], str | None]  # row number, non-blank cells, what is wrong with the row


@dataclass
class ClientRows:
    index: int  # the client's place in the table, from 0
    label: str  # the client id, or "row 12" when the id is missing or unusable: all the terminal shows
    rows: list[Row]
    error: str | None = None  # known from the rows alone: a missing or unusable id, rows not together

    @property
    def numbers(self) -> list[int]:
        return [number for number, _ in self.rows]


def read_clients(path: Path) -> Iterator[ClientRows]:
    """The clients of the table in order; raises TableError before the first one if the header is bad."""
    if path.suffix.lower() == ".csv":
        rows = _csv_rows(path)
        next(rows)  # reads and checks the header now
    else:
        rows = ((number, values, None) for number, values in read_rows(path))
    return _clients(rows)


def _clients(rows: Iterable[Read]) -> Iterator[ClientRows]:
    index, key, held, problem = 0, None, [], None
    for number, values, wrong in rows:
        this = values.get("client_id")
        if held and (this is None or this != key):
            yield _client(index, held, problem)
            index, held, problem = index + 1, [], None
        key = this
        held.append((number, values))
        problem = problem or wrong
    if held:
        yield _client(index, held, problem)


def _client(index: int, rows: list[Row], problem: str | None) -> ClientRows:
    first = rows[0][0]
    client_id = rows[0][1].get("client_id")
    if problem and (client_id is None or bad_id(client_id, "", show=False)):
        return ClientRows(index, f"row {first}", rows, problem)
    if client_id is None:
        return ClientRows(index, f"row {first}", rows,
                          f"row {first}, column client_id: missing; fix: give every row the id of its client")
    error = bad_id(client_id, f"row {first}, column client_id", show=False)
    if error:  # the id may be a person's name: say the row only
        return ClientRows(index, f"row {first}", rows, error)
    return ClientRows(index, client_id, rows, problem)


def _csv_rows(path: Path) -> Iterator[Read | None]:
    """The header check (yields None once it passed), then each non-blank row as `tables.read_rows` has it,
    with what is wrong with the row instead of a stop for the whole table."""
    try:
        with path.open(encoding="utf-8-sig", errors="surrogateescape", newline="") as handle:
            reader = csv.reader(handle)
            try:
                names = next(reader)
            except StopIteration:
                raise TableError(f"{path.name} is empty; fix: start from `relief batch --template {path.name}`") \
                    from None
            except csv.Error as exc:
                raise TableError(f"{path.name} is not a readable CSV ({exc}); fix: save it again as CSV") from None
            if any(_SURROGATE.search(name) for name in names):
                raise TableError(f"{path.name}: the header row is not UTF-8 text; fix: save the table as \"CSV UTF-8\"")
            columns = check_header(names, path.name)
            yield None
            yield from _records(reader, columns)
    except OSError as exc:
        raise TableError(f"{path.name} cannot be read ({exc.strerror}); fix: check the file") from None


def _records(reader, columns: list[str]) -> Iterator[Read]:
    number = 1  # the header; a row's number is the spreadsheet's, as in tables.read_rows
    while True:
        number += 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield number, {}, f"row {number}: not a readable CSV row ({exc}); fix: correct the row, or save the " \
                              "table again as CSV"
            continue
        values = {name: text for name, cell in zip(columns, cells) if name and (text := cell.strip())}
        if values:
            yield number, values, _undecodable(number, values)


_SURROGATE = re.compile("[\udc80-\udcff]")  # a byte that was not UTF-8 (errors="surrogateescape")


def _undecodable(number: int, values: dict[str, str]) -> str | None:
    for name, text in values.items():
        if not text.isascii() and _SURROGATE.search(text):
            return (f"row {number}, column {name}: the text is not UTF-8 (a character could not be read); fix: save "
                    "the table as \"CSV UTF-8\"")
    return None


class Seen:
    """The ids read so far, in a private temporary SQLite file (not in memory: a county's table has a
    million ids), to notice a client whose rows are not together. Removed when the run ends."""

    LEFTOVERS = ".ids-*.sqlite"

    def __init__(self, folder: Path):
        fd, name = tempfile.mkstemp(prefix=".ids-", suffix=".sqlite", dir=folder)  # mode 0600
        os.close(fd)
        self.path = Path(name)
        self._db = sqlite3.connect(name, isolation_level=None)
        self._db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-2000;"
                               "CREATE TABLE seen (id TEXT PRIMARY KEY, first INTEGER, last INTEGER) WITHOUT ROWID;")

    def check(self, clients: list[ClientRows]) -> None:
        """Record the clients' ids; a client whose id was seen before gets the error that says so."""
        named = [c for c in clients if not c.label.startswith("row ")]  # labelled by a usable id
        before = self._db.total_changes
        self._db.execute("BEGIN")
        self._db.executemany("INSERT OR IGNORE INTO seen VALUES (?, ?, ?)",
                             [(c.label, c.rows[0][0], c.rows[-1][0]) for c in named])
        self._db.execute("COMMIT")
        if self._db.total_changes - before == len(named):
            return  # the usual case: every id is new
        for client in named:  # rare: find which ones were there already
            first, last = self._db.execute("SELECT first, last FROM seen WHERE id = ?", (client.label,)).fetchone()
            if first != client.rows[0][0]:
                client.error = client.error or _apart(client, first, last)

    def close(self) -> None:
        self._db.close()
        self.path.unlink(missing_ok=True)

    def __enter__(self) -> "Seen":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _apart(client: ClientRows, first: int, last: int) -> str:
    numbers = client.numbers
    return (f"client {client.label}'s rows are not together: {_span(first, last)} and "
            f"{_span(numbers[0], numbers[-1])}; the results of {_span(first, last)} leave these rows out; fix: "
            "sort the table by client_id (keeping each client's rows in their order) and run it again")


def _span(first: int, last: int) -> str:
    return f"row {first}" if first == last else f"rows {first}–{last}"
