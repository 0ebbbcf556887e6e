"""Synthetic clinic batches for the batch tests and benchmark: varied clients made from sample profiles.

Every client is one of the sample profiles (e.g. `examples/*.yaml`) with a made-up name and case
number, its dates moved, and, by a seeded draw: another county, a probation violation (a discretionary
instead of a mandatory dismissal), probation still running (not yet eligible, with a date), a second
count, or a second case. The same seed gives the same batch. `rows()` writes a client as batch-table
rows (one per count, `columns.COLUMNS`), the inverse of `grouping.group_client`.
"""

from __future__ import annotations

import copy
import random
import re
from datetime import date, timedelta
from pathlib import Path
from typing import Iterator

from assembler.batch.columns import COLUMNS, Column, header
from assembler.profile.load import read_data

FIRST = ("Ana", "Luis", "Maria", "Jose", "Keisha", "Tuan", "Grace", "Omar", "Priya", "Daniel", "Rosa", "Malik",
         "Yesenia", "Andre", "Mei", "Carlos", "Fatima", "Jamal", "Lucia", "Samuel")
LAST = ("Garcia", "Nguyen", "Johnson", "Hernandez", "Kim", "Washington", "Lopez", "Patel", "Smith", "Ramirez",
        "Chen", "Brown", "Flores", "Jackson", "Torres", "Ali", "Reyes", "Davis", "Morales", "Lee")
COUNTIES = ("Los Angeles", "Riverside", "Alameda", "San Diego", "Fresno", "Sacramento", "Orange", "Kern")
EXTRA_COUNT = {"code": "PC", "section": "148(a)(1)", "description": "resisting an officer",
               "level_charged": "misdemeanor", "level_convicted": "misdemeanor", "disposition": "convicted_plea"}
ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


def samples(folder: Path) -> dict[str, dict]:
    """The sample profiles of a folder as plain data (dates as YYYY-MM-DD text), by file name."""
    return {path.stem: plain(read_data(path)) for path in sorted(folder.glob("*.yaml"))}


def clients(bases: list[dict], count: int, as_of: date, seed: int = 2026) -> Iterator[tuple[str, dict]]:
    """`count` (client id, profile data) pairs, varied from `bases`."""
    draw = random.Random(seed)
    for number in range(count):
        profile = copy.deepcopy(bases[number % len(bases)])
        profile["petitioner"]["legal_name"] = f"{draw.choice(FIRST)} {draw.choice(FIRST)} {draw.choice(LAST)}"
        profile["petitioner"].pop("other_names", None)
        for index, case in enumerate(profile["cases"]):
            _vary_case(case, draw, as_of, f"{number:05d}{index}")
        if draw.random() < 0.15:
            other = copy.deepcopy(bases[(number + 1) % len(bases)]["cases"][0])
            _vary_case(other, draw, as_of, f"{number:05d}9")
            profile["cases"].append(other)
        yield f"C{number:05d}", profile


def rows(client_id: str, profile: dict) -> list[list[str]]:
    """The batch-table rows of one client: one per count, client and case columns on every row."""
    out = []
    for case in profile["cases"]:
        counts = case.get("counts") or (case.get("arrest") or {}).get("offenses") or []
        for count in counts:
            out.append([_cell(c, client_id, profile, case, count) for c in COLUMNS])
    return out


def table(pairs) -> list[list[str]]:
    return [header()] + [row for client_id, profile in pairs for row in rows(client_id, profile)]


def _vary_case(case: dict, draw: random.Random, as_of: date, serial: str) -> None:
    if case.get("court_case_number"):
        case["court_case_number"] = f"{case['court_case_number'][:3]}{serial}"
    if case.get("arrest", {}).get("report_number"):
        case["arrest"]["report_number"] = f"R{serial}"
    if draw.random() < 0.3:
        case["county"] = draw.choice(COUNTIES)
    probation = (case.get("sentence") or {}).get("probation")
    if probation and draw.random() < 0.2:
        _still_on_probation(case, probation, as_of)
    else:
        _shift(case, -timedelta(days=draw.randrange(0, 3 * 365)))
        if probation and draw.random() < 0.3:
            probation["violations"] = True
            probation["outcome"] = "violated_reinstated"
    if case.get("counts") and draw.random() < 0.2:
        case["counts"].append(dict(EXTRA_COUNT))


def _still_on_probation(case: dict, probation: dict, as_of: date) -> None:
    """Probation that began a year ago and runs past the as-of date: relief only later."""
    start = date.fromisoformat(probation["start"])
    _shift(case, (as_of - timedelta(days=365)) - start)
    probation.pop("ended_on", None)
    probation["outcome"] = "ongoing"
    case["sentence"]["completed"] = False
    case["sentence"].pop("completed_on", None)


def _shift(node, by: timedelta):
    if isinstance(node, dict):
        for key, value in node.items():
            node[key] = _shift(value, by)
    elif isinstance(node, list):
        node[:] = [_shift(value, by) for value in node]
    elif isinstance(node, str) and ISO.fullmatch(node):
        return (date.fromisoformat(node) + by).isoformat()
    return node


def _cell(column: Column, client_id: str, profile: dict, case: dict, count: dict) -> str:
    if column.name == "client_id":
        return client_id
    node = {"client": profile, "case": case, "count": count}[column.level]
    for key in column.path:
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            return ""
    if isinstance(node, list):
        return "; ".join(map(str, node))
    if isinstance(node, bool):
        return "true" if node else "false"
    return "" if node is None else str(node)


def plain(node):
    if isinstance(node, dict):
        return {key: plain(value) for key, value in node.items()}
    if isinstance(node, list):
        return [plain(value) for value in node]
    if isinstance(node, date):
        return node.isoformat()
    return node
