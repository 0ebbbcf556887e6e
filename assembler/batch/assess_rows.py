"""The assess-only `results.csv`: a line per client, case and remedy, made in the worker processes.

Columns (`HEADER`): `client_id` (or "row N" when the id is missing or unusable), `rows` (the client's
input rows), `case` (the court case number, else the arrest: `arrest R-123`), `county`, `remedy`,
`status` (mandatory, discretionary, ineligible, needs_review; `error` when the client's rows could not be
decided), `eligible_now` (yes/no), `eligible_on` (the earliest date a not-yet remedy applies; blank when
now, never, or no date can be computed), `blockers` and `discretion` (codes, as in `relief assess
--json`), `flags` (the case's flags), `questions` (what to find out, as `CODE field`), `reasons` (each
reason's words with its citation), `error` (what is wrong with the client's rows, naming row and column,
and the fix). A client with an error has one line, with `status` error.

Decisions are exactly those of `relief assess`: the same profile parsing and the same engine.
"""

from __future__ import annotations

from datetime import date

from assembler.batch.grouping import RowError, group_client, locate
from assembler.batch.outcome import Outcome, failed, from_assessment
from assembler.batch.results import to_csv
from assembler.batch.stream import ClientRows
from assembler.batch.summary import Tally
from assembler.profile.load import ProfileError, parse_profile
from assembler.profile.model import Profile
from rules.decision import Assessment
from rules.engine import assess

HEADER = ["client_id", "rows", "case", "county", "remedy", "status", "eligible_now", "eligible_on", "blockers",
          "discretion", "flags", "questions", "reasons", "error"]
LISTED = 1000  # clients the summary names per list (needing review, not yet, errors); results.csv has all


def decide_chunk(clients: list[ClientRows], as_of: date) -> tuple[bytes, Tally]:
    """The results lines of these clients, in their order, and their part of the summary."""
    lines: list[list] = []
    tally = Tally(limit=LISTED)
    for client in clients:
        client_lines, outcome = decide(client, as_of)
        lines += client_lines
        tally.add(outcome)
    return to_csv(lines), tally


def decide(client: ClientRows, as_of: date) -> tuple[list[list], Outcome]:
    numbers = client.numbers
    if client.error:
        return _failed(client, client.error)
    try:
        grouped = group_client(client.rows)
        profile = parse_profile(grouped.data, as_of, source=client.label)
        assessment = assess(profile, as_of)
    except RowError as exc:
        return _failed(client, str(exc))
    except ProfileError as exc:
        return _failed(client, "; ".join(locate(p, grouped) for p in exc.problems))
    except Exception as exc:  # one client's bug must not stop the other clients
        return _failed(client, f"internal error ({type(exc).__name__}: {exc}); the other clients are not "
                               "affected; please report it")
    outcome = from_assessment(client.index, client.label, profile, assessment, [], numbers)
    return _lines(client, profile, assessment), outcome


def _lines(client: ClientRows, profile: Profile, assessment: Assessment) -> list[list]:
    rows = " ".join(map(str, client.numbers))
    out = []
    for facts, case in zip(profile.cases, assessment.cases):
        flags = " ".join(case.flags)
        for d in case.remedies:
            out.append([client.label, rows, facts.label, case.county or "", d.remedy, d.status.value,
                        "yes" if d.eligible_now else "no", d.eligible_on.isoformat() if d.eligible_on else "",
                        " ".join(d.blockers), " ".join(d.discretion), flags,
                        " | ".join(f"{q.code} {q.field}" if q.field else q.code for q in d.questions),
                        " | ".join(f"{r.text} ({r.cite})" for r in d.reasons), ""])
    return out


def _failed(client: ClientRows, message: str) -> tuple[list[list], Outcome]:
    rows = " ".join(map(str, client.numbers))
    line = [client.label, rows, "", "", "", "error", "", "", "", "", "", "", "", message]
    return [line], failed(client.index, client.label, message, client.numbers)
