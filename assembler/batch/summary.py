"""`summary.csv` and `summary.html`: the batch at a glance for the attorney.

Both hold the same four parts: clients by status; decisions by remedy and status (one decision per
remedy per case, so two cases with § 1203.4 count twice); the clients needing review and why; the
clients with a remedy that applies later, with the earliest date; and the errors. Clients appear by
id only. summary.csv is one long table an attorney can filter: `section, client_id, remedy, status,
count, date, detail`.

A county-scale run (`relief batch --assess-only`) names only the first clients of each list (`limit`)
and counts the rest, so the summary stays small and its memory flat; results.csv has every client.
Such a run gathers the summary in pieces (`merge`) and keeps it across a stop (`state`, `from_state`).
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

from jinja2 import Environment

from assembler.batch.outcome import Outcome
from assembler.batch.results import to_csv
from assembler.bundle.files import write_private
from rules.decision import Status
from rules.engine import ORDER

STATUSES = ("ok", "needs_review", "error")
DECISION_STATUSES = tuple(s.value for s in Status)
CSV_HEADER = ["section", "client_id", "remedy", "status", "count", "date", "detail"]


class Tally:
    """The summary's facts, gathered one client at a time: counts, and the clients each list names."""

    def __init__(self, limit: int | None = None):
        self.total = self.resumed = 0
        self.by_status: Counter = Counter()
        self.by_remedy: dict[str, Counter] = {}
        self.review: list[tuple[int, str, str]] = []
        self.not_yet: list[tuple[int, str, str, str | None]] = []
        self.errors: list[tuple[int, str, str, str]] = []
        self.limit = limit  # None: every entry is listed; else the first `limit` of each list
        self.unlisted: Counter = Counter()  # list name → entries past the limit (counted, not kept)

    def add(self, o: Outcome) -> None:
        self.total += 1
        self.resumed += o.skipped
        self.by_status[o.status] += 1
        for d in o.decisions:
            counts = self.by_remedy.setdefault(d["remedy"], Counter())
            counts[d["status"]] += 1
            if d["status"] != Status.ineligible.value:
                counts["now" if d["eligible_now"] else "later"] += 1
        self._list("review", [(o.index, o.label, line) for line in o.review])
        self._list("not_yet", [(o.index, o.label, f"{d['remedy']}@{d['case']}", d["eligible_on"]) for d in o.not_yet])
        if o.status == "error":
            self._list("errors", [(o.index, o.label, " ".join(map(str, o.rows)), o.error)])

    def _list(self, name: str, entries: list[tuple]) -> None:
        kept: list = getattr(self, name)
        room = len(entries) if self.limit is None else max(0, min(len(entries), self.limit - len(kept)))
        kept += entries[:room]
        if room < len(entries):
            self.unlisted[name] += len(entries) - room

    def merge(self, other: "Tally") -> None:
        """Add a tally of the clients that follow this one's (its lists come after this one's)."""
        self.total += other.total
        self.resumed += other.resumed
        self.by_status.update(other.by_status)
        for remedy, counts in other.by_remedy.items():
            self.by_remedy.setdefault(remedy, Counter()).update(counts)
        for name in LISTS:
            self._list(name, getattr(other, name))
        self.unlisted.update(other.unlisted)

    def state(self) -> dict:
        """The tally as JSON-ready data (`from_state` reads it back)."""
        return {"total": self.total, "resumed": self.resumed, "by_status": dict(self.by_status),
                "by_remedy": {r: dict(c) for r, c in self.by_remedy.items()}, "limit": self.limit,
                "unlisted": dict(self.unlisted), **{name: list(getattr(self, name)) for name in LISTS}}

    @classmethod
    def from_state(cls, data: dict) -> "Tally":
        tally = cls(data["limit"])
        tally.total, tally.resumed = data["total"], data["resumed"]
        tally.by_status = Counter(data["by_status"])
        tally.by_remedy = {r: Counter(c) for r, c in data["by_remedy"].items()}
        tally.unlisted = Counter(data["unlisted"])
        for name in LISTS:
            setattr(tally, name, [tuple(entry) for entry in data[name]])
        return tally

    def facts(self) -> dict:
        remedies = sorted(self.by_remedy, key=lambda r: ORDER.index(r) if r in ORDER else len(ORDER))
        return {
            "total": self.total,
            "resumed": self.resumed,
            "by_status": [(s, self.by_status[s]) for s in STATUSES],
            "decision_statuses": DECISION_STATUSES,
            "by_remedy": [(r, self.by_remedy[r]) for r in remedies],
            "review": [entry[1:] for entry in sorted(self.review)],
            "not_yet": [entry[1:] for entry in sorted(self.not_yet, key=lambda e: e[:3])],
            "errors": [entry[1:] for entry in sorted(self.errors)],
            "unlisted": {name: self.unlisted[name] for name in LISTS},
        }

    def write(self, outdir: Path, as_of: date, assess_only: bool = False) -> list[Path]:
        facts = self.facts()
        html = _TEMPLATE.render(as_of=as_of.isoformat(), assess_only=assess_only, **facts)
        return [write_private(outdir / "summary.csv", to_csv(_csv_rows(facts))),
                write_private(outdir / "summary.html", html.encode())]


LISTS = ("review", "not_yet", "errors")


def _csv_rows(facts: dict) -> list[list]:
    rows = [CSV_HEADER]
    rows += [["clients", "", "", status, count, "", ""] for status, count in facts["by_status"]]
    rows += [["clients", "", "", "total", facts["total"], "", f"{facts['resumed']} resumed unchanged"]]
    for remedy, counts in facts["by_remedy"]:
        rows += [["decisions", "", remedy, s, counts[s], "", ""] for s in (*DECISION_STATUSES, "now", "later")
                 if counts[s]]
    for label, line in facts["review"]:
        remedy, _, why = line.partition(": ")
        rows.append(["needs_review", label, remedy, "needs_review", "", "", why])
    rows += [["not_yet", label, remedy, "", "", when or "", "" if when else "date unknown"]
             for label, remedy, when in facts["not_yet"]]
    rows += [["error", label, "", "error", "", "", f"rows {where}: {message}" if where else message]
             for label, where, message in facts["errors"]]
    rows += [["unlisted", "", "", name, count, "", "not listed here; results.csv has them"]
             for name, count in facts["unlisted"].items() if count]
    return rows


_TEMPLATE = Environment(autoescape=True).from_string("""{% macro more(count) %}{% if count %}
<p>… and {{ count }} more, not listed here: results.csv has every one.</p>{% endif %}{% endmacro %}<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Batch summary — as of {{ as_of }}</title>
<style>
body { font: 14px/1.4 system-ui, sans-serif; margin: 2em; color: #111; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; }
th, td { border: 1px solid #bbb; padding: 0.25em 0.6em; text-align: left; vertical-align: top; }
th { background: #eee; } td.n { text-align: right; }
</style></head><body>
<h1>Batch summary</h1>
<p>Decided as of {{ as_of }}: {{ total }} client(s){% if resumed %}, {{ resumed }} unchanged since an earlier
run and not rebuilt{% endif %}. {% if assess_only %}Decisions only, no packets (--assess-only): results.csv
has one row per client, case and remedy.{% else %}Each client's packet is in the folder named by its id; results.csv
has one row per client.{% endif %}</p>
<h2>Clients by status</h2>
<table><tr><th>status</th><th>clients</th></tr>
{% for status, count in by_status %}<tr><td>{{ status }}</td><td class="n">{{ count }}</td></tr>
{% endfor %}</table>
<h2>Decisions by remedy and status</h2>
<p>One decision per remedy per case. "now" and "later" split the remedies worth pursuing.</p>
<table><tr><th>remedy</th>{% for s in decision_statuses %}<th>{{ s }}</th>{% endfor %}<th>now</th><th>later</th></tr>
{% for remedy, counts in by_remedy %}<tr><td>{{ remedy }}</td>
{% for s in decision_statuses %}<td class="n">{{ counts[s] }}</td>{% endfor %}
<td class="n">{{ counts["now"] }}</td><td class="n">{{ counts["later"] }}</td></tr>
{% endfor %}</table>
<h2>Clients needing review ({{ review | map(attribute=0) | unique | list | length }} client(s))</h2>
{% if review %}<table><tr><th>client</th><th>remedy@case: what to check</th></tr>
{% for label, line in review %}<tr><td>{{ label }}</td><td>{{ line }}</td></tr>
{% endfor %}</table>{% else %}<p>None.</p>{% endif %}{{ more(unlisted.review) }}
<h2>Not yet eligible ({{ not_yet | map(attribute=0) | unique | list | length }} client(s))</h2>
{% if not_yet %}<table><tr><th>client</th><th>remedy@case</th><th>from</th></tr>
{% for label, remedy, when in not_yet %}<tr><td>{{ label }}</td><td>{{ remedy }}</td>
<td>{{ when or "date unknown" }}</td></tr>
{% endfor %}</table>{% else %}<p>None.</p>{% endif %}{{ more(unlisted.not_yet) }}
<h2>Errors ({{ errors | length + unlisted.errors }} client(s))</h2>
{% if errors %}<table><tr><th>client</th><th>rows</th><th>what is wrong, and the fix</th></tr>
{% for label, where, message in errors %}<tr><td>{{ label }}</td><td>{{ where }}</td><td>{{ message }}</td></tr>
{% endfor %}</table>{% else %}<p>None.</p>{% endif %}{{ more(unlisted.errors) }}
</body></html>
""")
