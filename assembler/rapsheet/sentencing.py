"""A case's sentence in the profile, from the sentences its dispositions print (FORMAT.md §1.8, §1.9, §4.6).

One sentence per case: the latest printed, the longest of those on the same day. Probation keeps the start of
its first grant; a revocation with a term ends it; completion and payment are never printed, so they stay None.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from assembler.rapsheet import dispositions
from assembler.rapsheet.counts import Dispo
from assembler.rapsheet.draft import Draft
from assembler.rapsheet.events import Event
from assembler.rapsheet.lines import Line
from assembler.rapsheet.sentences import Terms

REALIGNMENT = date(2011, 10, 1)  # Pen. Code § 1170(h): felony county-jail terms from this day


@dataclass
class Sentenced:
    """A sentence as printed, with the date and kind of the disposition that gave it."""

    on: date | None
    terms: Terms
    line: Line
    kind: str


def case_sentence(draft: Draft, sentenced: list[Sentenced], updates: list, counts: list[dict],
                  courts: list[Event], custody: list[Event], formal: bool) -> dict | None:
    """`updates`: (kind, disposition) pairs; `custody`: the case's prison entries; `formal`: a probation
    department reported on the case."""
    if not sentenced:
        return None
    latest_on = max((s.on for s in sentenced if s.on), default=None)
    base = max((s for s in sentenced if s.on == latest_on), key=lambda s: s.terms.length_days())
    for part in base.terms.unread:
        draft.ask("rapsheet.sentence_unread", base.line, said=part)
    draft.note("sentence", base.line)
    sentence: dict = {"probation": _probation(draft, sentenced, updates, formal)}
    felony = any(c.get("level_convicted") == "felony" for c in counts)
    flagged = any(c.sentencing_1170h for e in courts for c in e.counts)
    jail = base.terms.jail
    if jail and (flagged or (felony and jail.months and sentence["probation"] is None
                             and (base.on or date.min) >= REALIGNMENT)):
        sentence["jail_days"] = None
        sentence["county_jail_1170h"] = _county_jail(draft, base)
    else:
        holder = base if jail else next((s for s in reversed(sentenced) if s.terms.jail), base)
        sentence["jail_days"] = holder.terms.jail.days if holder.terms.jail else None
        if sentence["jail_days"] is not None:
            draft.note("sentence.jail_days", holder.line)
    if base.terms.prison and not base.terms.prison.suspended:
        sentence["state_prison"] = _prison(draft, base, custody)
    sentence.update({"completed": None, "fines_paid": None, "restitution": None})
    draft.ask("rapsheet.sentence_done", base.line)
    return sentence


def _probation(draft: Draft, sentenced: list[Sentenced], updates: list, formal: bool) -> dict | None:
    with_probation = [s for s in sentenced if s.terms.probation]
    if not with_probation:
        return None
    latest = with_probation[-1]
    start = min((s.on for s in with_probation if s.on), default=None)  # a modified sentence keeps its start
    months = latest.terms.probation.months
    terms = latest.terms
    suspension = "imposition" if terms.imposition_suspended else (
        "execution" if (terms.prison and terms.prison.suspended) or (terms.jail and terms.jail.suspended) else None)
    revoked = [d for kind, d in updates if kind == "probation_revoked"]
    reinstated = revoked and any(s.on and revoked[-1].on and s.on > revoked[-1].on and s.terms.probation
                                 for s in sentenced if s.kind == "sentence_modified")
    ends_with_term = revoked and any(s.on == revoked[-1].on and (s.terms.prison or s.terms.jail) for s in sentenced)
    probation = {
        "kind": "formal" if formal else None,  # a probation department's own entry shows formal supervision
        "suspension": suspension,
        "length_months": months,
        "start": start,
        "scheduled_end": _months_later(start, months) - timedelta(days=1) if start and months else None,
        "ended_on": revoked[-1].on if ends_with_term else None,
        "outcome": "violated_reinstated" if reinstated else "revoked" if revoked else "unknown",
        "violations": True if revoked else None,
    }
    draft.note("sentence.probation.length_months", latest.line)
    draft.note("sentence.probation.start", with_probation[0].line)
    if revoked:
        draft.note("sentence.probation.outcome", revoked[-1].line)
    else:
        draft.ask("rapsheet.probation_done", latest.line)
    return probation


def _county_jail(draft: Draft, base: Sentenced) -> dict:
    split = base.terms.mandatory_supervision or (base.terms.jail and base.terms.jail.suspended)
    if not split:
        draft.ask("rapsheet.mandatory_supervision", base.line)
    draft.note("sentence.county_jail_1170h", base.line)
    return {"subparagraph": "B" if split else "A", "release_date": None, "mandatory_supervision_end": None}


def _prison(draft: Draft, base: Sentenced, custody: list[Event]) -> dict:
    paroled = _custody_update(custody, "paroled")
    discharged = _custody_update(custody, "discharged")
    draft.note("sentence.state_prison.sentenced_on", base.line)
    for path, dispo in (("release_date", paroled), ("parole_discharge_date", discharged)):
        if dispo:
            draft.note(f"sentence.state_prison.{path}", dispo.line)
    if paroled is None:
        draft.ask("rapsheet.prison_release", base.line)
    elif paroled.on and paroled.on >= REALIGNMENT:
        draft.ask("rapsheet.parole_or_prcs", paroled.line)
    if discharged is None:
        draft.ask("rapsheet.parole_discharge", paroled.line if paroled else base.line)
    draft.ask("rapsheet.fire_camp", base.line)
    return {"sentenced_on": base.on, "release_date": paroled.on if paroled else None,
            "parole_discharge_date": discharged.on if discharged else None, "on_prcs": False, "fire_camp": False}


def _custody_update(custody: list[Event], kind: str) -> Dispo | None:
    return next((d for e in custody for c in e.counts for d in c.dispositions
                 if d.text and dispositions.classify(d.text) == kind), None)


def _months_later(start: date, months: int) -> date:
    year, month = divmod(start.month - 1 + months, 12)
    year += start.year
    day = min(start.day, [31, 29 if year % 4 == 0 and (year % 100 or year % 400 == 0) else 28, 31, 30, 31, 30,
                          31, 31, 30, 31, 30, 31][month])
    return date(year, month + 1, day)
