"""The clients of a batch: a folder of profiles (YAML/JSON) or a table (CSV/.xlsx), one at a time.

A table is read twice: once to count each client's rows (and to check the header and every cell can be
read, before any work starts), then again to hand over each client as soon as its last row is read. For
a table sorted by client (the usual case) only one client's rows are held at a time, so memory stays
flat whatever the batch size. Every row is accounted for: a row with no usable client id becomes its own
client, labelled by its row number, with an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from assembler.batch.grouping import Grouped, RowError, group_client
from assembler.batch.tables import TABLE_SUFFIXES, TableError, read_rows

PROFILE_SUFFIXES = (".yaml", ".yml", ".json")
SHEET_SUFFIXES = (".txt", ".text", ".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff")  # RAP sheets (assembler/rapsheet)
CLIENT_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
RESERVED = {"results.csv", "summary.csv", "summary.html"}  # the batch's own files in OUTDIR


@dataclass
class ClientInput:
    index: int  # order of first appearance in the input
    label: str  # the client id, or "row 12" when the row has none; all the terminal ever shows
    client_id: str | None  # names the output folder; None when unusable
    rows: list[int] = field(default_factory=list)
    grouped: Grouped | None = None  # from a table
    path: Path | None = None  # from a folder of profiles
    error: str | None = None  # known before any work


class Source:
    """What `relief batch` reads: `total` clients, handed out by iterating."""

    def __init__(self, path: Path):
        self.path = path
        if path.is_dir():
            readable = PROFILE_SUFFIXES + SHEET_SUFFIXES  # profiles and RAP sheets, mixed
            self._files = sorted(p for p in path.iterdir() if p.suffix.lower() in readable and p.is_file()
                                 and not p.name.startswith("."))
            if not self._files:
                raise TableError(f"{path} has no profiles (.yaml, .yml or .json) and no RAP sheets (.txt, .pdf, "
                                 "an image); fix: point at the folder of them, or at a .csv or .xlsx")
            self.total = len(self._files)
        elif path.suffix.lower() in TABLE_SUFFIXES:
            self._clients = _count_rows(path)
            self.total = len(self._clients)
            if not self.total:
                raise TableError(f"{path.name} has a header but no rows; fix: add one row per count")
        else:
            raise TableError(f"{path.name}: not a folder of profiles, a .csv or an .xlsx; fix: give one of those")

    def __iter__(self) -> Iterator[ClientInput]:
        if self.path.is_dir():
            yield from self._profiles()
        else:
            yield from self._table()

    def _profiles(self) -> Iterator[ClientInput]:
        seen: dict[str, str] = {}
        for index, file in enumerate(self._files):
            client = ClientInput(index, file.stem, file.stem, path=file)
            client.error = bad_id(file.stem, f"file {file.name}: the file name")
            if client.error is None and file.stem in seen:
                client.error = (f"file {file.name}: client id '{file.stem}' is already used by {seen[file.stem]}; "
                                "fix: rename one of the two files")
            if client.error:
                client.client_id = None
            seen.setdefault(file.stem, file.name)
            yield client

    def _table(self) -> Iterator[ClientInput]:
        waiting: dict[str, list] = {}
        for number, values in read_rows(self.path):
            key = _key(number, values)
            rows = waiting.setdefault(key, [])
            rows.append((number, values))
            index, count = self._clients[key]
            if len(rows) == count:
                del waiting[key]
                yield _client(index, key, rows)


def _count_rows(path: Path) -> dict[str, tuple[int, int]]:
    """Client key → (order of first appearance, number of rows)."""
    clients: dict[str, tuple[int, int]] = {}
    for number, values in read_rows(path):
        key = _key(number, values)
        index, count = clients.get(key, (len(clients), 0))
        clients[key] = (index, count + 1)
    return clients


def _key(number: int, values: dict[str, str]) -> str:
    return values.get("client_id") or f"\0{number}"  # a row without an id is a client of its own


def _client(index: int, key: str, rows: list) -> ClientInput:
    numbers = [number for number, _ in rows]
    client_id = rows[0][1].get("client_id")
    if client_id is None:
        message = f"row {numbers[0]}, column client_id: missing; fix: give every row the id of its client"
        return ClientInput(index, f"row {numbers[0]}", None, numbers, error=message)
    error = bad_id(client_id, f"row {numbers[0]}, column client_id", show=False)
    if error:  # an id that breaks the rule may be a person's name: the terminal and results show the row only
        return ClientInput(index, f"row {numbers[0]}", None, numbers, error=error)
    client = ClientInput(index, client_id, client_id, numbers)
    try:
        client.grouped = group_client(rows)
    except RowError as exc:
        client.error = str(exc)
    return client


def bad_id(client_id: str, where: str, show: bool = True) -> str | None:
    shown = f"'{client_id}' " if show else "the id "
    if client_id.lower() in RESERVED:
        return f"{where}: {shown}is the name of a batch file; fix: use another id"
    if not CLIENT_ID.fullmatch(client_id):
        return (f"{where}: {shown}cannot name a folder; fix: use up to 64 letters, digits, '.', '-' "
                "and '_', starting with a letter or digit")
    return None
