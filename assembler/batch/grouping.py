"""One client's rows → the plain data of a profile, and where each field came from.

Rows group into cases by `case_number` (else `arrest_report_number`, else `arrest_date`); each row is one
count. `locations` maps a profile field path (`cases[0].sentence.probation.start`) to the rows and
column that gave it, so a validation message can say "row 7, column probation_start" instead of a path
the attorney never typed.
"""

from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass, field

from assembler.errors import ReliefError
from assembler.batch.columns import COLUMNS, Column
from assembler.batch.tables import Row

UNKNOWN = {"unknown", "?", "not known", "don't know", "dont know"}
CASE_KEYS = ("case_number", "arrest_report_number", "arrest_date")


class RowError(ReliefError, ValueError):
    """A row that cannot become part of a profile, named by row and column."""


@dataclass
class Grouped:
    data: dict
    rows: dict[str, list[int]] = field(default_factory=dict)  # "", "cases[0]", "cases[0].counts[1]" → rows
    levels: list[tuple[str, str, list[Row]]] = field(default_factory=list)  # (prefix, level, its rows)

    @property
    def locations(self) -> dict[str, tuple[tuple[int, ...], str]]:
        """Field path → (row numbers, column), said as "row 7, column probation_start": worked out from the
        rows only when a problem needs it (most clients have none)."""
        out: dict[str, tuple[tuple[int, ...], str]] = {}
        for prefix, level, rows in self.levels:
            at = _columns_at(level)
            dot = "." if prefix else ""
            for name in dict.fromkeys(name for _, values in rows for name in values if name in at):
                field_path = at[name][1]
                numbers = tuple(number for number, values in rows if name in values)
                out[prefix + (field_path if field_path[0] == "[" else dot + field_path)] = (numbers, name)
        return out


def group_client(rows: list[Row]) -> Grouped:
    """The profile data of one client's rows; raises RowError for conflicting values."""
    out = Grouped({})
    _put_level(out, out.data, "client", rows, "")
    for index, case_rows in enumerate(_cases(rows)):
        case: dict = {"counts": []}
        prefix = f"cases[{index}]"
        _put_level(out, case, "case", case_rows, prefix)
        for number, row in enumerate(case_rows):
            count: dict = {}
            _put_level(out, count, "count", [row], f"{prefix}.counts[{number}]")
            case["counts"].append(count)
        out.data.setdefault("cases", []).append(case)
    return out


def locate(problem: str, grouped: Grouped) -> str:
    """A profile problem (`cases[0].county: …`) said in rows and columns (`row 3, column county: …`)."""
    match = re.match(r"^([A-Za-z_][\w.\[\]]*): (.*)$", problem, re.S)
    if not match:
        return problem
    path, message = match.groups()
    locations = grouped.locations
    if path in locations:
        return f"{_where(*locations[path])}: {message}"
    scope = max((p for p in grouped.rows if _within(path, p)), key=len, default="")
    rest = path[len(scope):].lstrip(".")
    level = "count" if ".counts[" in scope else "case" if scope else "client"
    named = [c.name for c in COLUMNS if c.level == level and c.path and
             (_field_path("", c.path) == rest or _mentions(message, c))]
    named = named or [c.name for c in COLUMNS if c.level == level and c.required and rest
                      and _field_path("", c.path).startswith(rest + ".")]
    rows = grouped.rows.get(scope, [])
    where = f"row{'s' if len(rows) > 1 else ''} {', '.join(map(str, rows))}" if rows else path
    if named:
        where += f", column{'s' if len(named) > 1 else ''} {', '.join(named)}"
    return f"{where}: {message}"


def _within(path: str, scope: str) -> bool:
    return not scope or path == scope or path.startswith(scope + ".") or path.startswith(scope + "[")


def _mentions(message: str, column: Column) -> bool:
    return bool(re.search(rf"(?<![\w.]){re.escape(_dotted(column.path))}\b", message))


def _cases(rows: list[Row]) -> list[list[Row]]:
    cases: dict[str, list[Row]] = {}
    for row in rows:
        values = row[1]
        key = next((f"{k}={values[k]}" for k in CASE_KEYS if values.get(k)), "")
        cases.setdefault(key, []).append(row)
    return list(cases.values())


def _put_level(out: Grouped, tree: dict, level: str, rows: list[Row], prefix: str) -> None:
    out.rows[prefix] = [number for number, _ in rows]
    out.levels.append((prefix, level, rows))
    at = _columns_at(level)
    if len(rows) == 1:  # the common case (every count): no conflicts to look for
        placers = _placers(level)
        for name, text in rows[0][1].items():
            place = placers.get(name)
            if place is not None:
                place(tree, text)
        return
    first: dict[str, str] = {}  # each column's value on the first row that has it
    for _, values in rows:
        for name, text in values.items():
            if name in at and first.setdefault(name, text) != text:
                _conflict(level, rows, at)
    placers = _placers(level)
    for name in sorted(first, key=lambda n: at[n][2]):  # in the order of COLUMNS, as the tree always is
        placers[name](tree, first[name])


def _conflict(level: str, rows: list[Row], at: dict) -> None:
    """Raise the RowError for the first column (in the order of COLUMNS, whatever the cells' order) on which
    the rows differ."""
    for name in sorted({name for _, values in rows for name in values if name in at}, key=lambda n: at[n][2]):
        given = [(number, values[name]) for number, values in rows if name in values]
        if len(given) > 1 and len({text for _, text in given}) > 1:
            shown = " and ".join(str(number) for number, _ in given[:2])
            raise RowError(f"rows {shown}, column {name}: two different values for the same {level}; "
                           "fix: give one value (or leave it blank on all but one row)")


def _where(numbers: tuple[int, ...], name: str) -> str:
    if len(numbers) == 1:
        return f"row {numbers[0]}, column {name}"
    return f"rows {', '.join(map(str, numbers))}, column {name}"


@lru_cache(maxsize=None)
def _columns_at(level: str) -> dict[str, tuple[Column, str, int]]:
    """A level's columns by name: (column, its field path within the level, its place in COLUMNS)."""
    return {c.name: (c, _field_path("", c.path), i) for i, c in enumerate(COLUMNS) if c.level == level and c.path}


@lru_cache(maxsize=None)
def _placers(level: str) -> dict:
    """A level's columns by name, each as a function that puts a cell's value in the tree (one call a cell)."""
    return {name: _placer(column) for name, (column, _, _) in _columns_at(level).items()}


def _placer(column: Column):
    """`_put` of the column's converted value, with the common short paths written out."""
    path, convert = column.path, _converter(column.kind)
    if len(path) == 1:
        key = path[0]

        def place(tree: dict, text: str) -> None:
            tree[key] = convert(text)
    elif len(path) == 2 and path[0].__class__ is str:
        parent, key = path

        def place(tree: dict, text: str) -> None:
            node = tree.get(parent)
            if node is None:
                node = tree[parent] = {}
            node[key] = convert(text)
    else:
        def place(tree: dict, text: str) -> None:
            _put(tree, path, convert(text))
    return place


def _converter(kind: str):
    """A cell's text as the profile takes it, by the column's kind (text and dates as typed)."""
    return {"list": _list, "bool": _bool, "choice": _choice, "upper": str.upper}.get(kind, _same)


def _list(text: str) -> list[str]:
    return [part.strip() for part in text.split(";") if part.strip()]


def _bool(text: str) -> str | None:
    return None if text.lower() in UNKNOWN else text.lower()


def _choice(text: str) -> str:
    return text.lower().replace(" ", "_")


def _same(text: str) -> str:
    return text


def _put(tree: dict, path: tuple, value) -> None:
    node = tree
    for key, following in zip(path, path[1:]):
        if key.__class__ is str:
            child = node.get(key)
            if child is None:
                child = node[key] = [] if following.__class__ is int else {}
            node = child
        else:
            while len(node) <= key:
                node.append({})
            node = node[key]
    node[path[-1]] = value


def _field_path(prefix: str, path: tuple) -> str:
    out = prefix
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _dotted(path: tuple) -> str:
    return ".".join(str(p) for p in path if not isinstance(p, int))
