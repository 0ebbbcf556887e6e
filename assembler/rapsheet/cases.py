"""Turning a cycle's events into cases of the profile (FORMAT.md §4.3-4.6).

Each fact set here is one the sheet prints, or follows from printed ones by arithmetic (a scheduled end
of probation); the rest stays None. Each case keeps the sheet line of every fact (`trace`) and the
open questions the sheet leaves (`questions`).
"""

from __future__ import annotations

import re

from assembler.rapsheet import dispositions
from assembler.rapsheet.counts import Charge, Count, Dispo
from assembler.rapsheet.courts import Place, county_of
from assembler.rapsheet.draft import Draft
from assembler.rapsheet.events import Event
from assembler.rapsheet.sentencing import Sentenced, case_sentence
from rules.messages import msg

LEVELS = {"F": "felony", "M": "misdemeanor", "I": "infraction"}
CONV_LEVELS = {"FELONY": "felony", "MISDEMEANOR": "misdemeanor", "INFRACTION": "infraction"}
# Offenses Prop 47 made misdemeanors (Pen. Code § 1170.18(a)): a reduction of one may have been under either law.
PROP_47 = re.compile(r"^(459|473|476a|484|487|488|490\.2|496|666|11350|11357|11377)\b")


def case_key(number: str | None) -> str:
    return "".join(ch for ch in (number or "").upper() if ch.isalnum())


# A letter O or I touching a digit (`19CRO01`): OCR reads 0 as O and 1 as I (FORMAT §5), and some numbers have
# such letters, so the number is kept as read and the person asked, never changed.
_LOOKALIKE_IN_NUMBER = re.compile(r"(?<=\d)[OI]|[OI](?=\d)")


def court_number(events: list[Event]) -> str | None:
    """The `#` on the court event's first count (FORMAT §4.4)."""
    return next((c.doc for e in events for c in e.counts if c.doc), None)


def arrest_data(event: Event, draft: Draft, offenses: list[dict]) -> dict:
    draft.note("arrest.date", event.agency_line)
    draft.note("arrest.agency", event.agency_line)
    doc = next((c for c in event.counts if c.doc), None)
    if doc:
        draft.note("arrest.report_number", doc.line)
    return {"date": event.on, "agency": event.agency, "report_number": doc.doc if doc else None, "offenses": offenses}


def arrest_only_case(arrests: list[Event]) -> Draft:
    """A cycle with an arrest and no court event: the arrest's counts are the offenses (FORMAT §4.3)."""
    first = arrests[0]
    place = county_of(first.agency or "")
    draft = Draft({"county": place.county}, _arrest_label(first), first.on, header_line(first))
    draft.note("county", first.agency_line)
    _ask_county(draft, place, first, msg("rapsheet.place.agency", agency=first.agency or "?"))
    offenses, detention = [], []
    for count in (c for e in arrests for c in e.counts):
        for entry in _count_entries(count, draft, f"arrest.offenses[{len(offenses)}]"):
            kinds = [dispositions.classify(d.text) for d in count.dispositions if d.text]
            detention.append("detention_only" in kinds)
            offenses.append(entry)
    arrest = arrest_data(first, draft, offenses)
    if detention and all(detention):
        arrest["detention_only"] = True
    draft.data["arrest"] = arrest
    draft.data["offense_date"] = None
    return draft


def court_case(courts: list[Event], arrest: Event | None, custody: list[Event], formal: bool) -> Draft:
    """One court case from its COURT events (same case number), with the cycle's arrest and custody."""
    first = courts[0]
    place = county_of(first.agency or "")
    number = court_number(courts)
    draft = Draft({"county": place.county, "court_case_number": number}, _court_label(first, number), first.on,
                  header_line(first))
    draft.note("county", first.agency_line)
    number_line = next((c.line for e in courts for c in e.counts if c.doc), None)
    draft.note("court_case_number", number_line)
    if number and _LOOKALIKE_IN_NUMBER.search(number):
        draft.ask("rapsheet.case_number_lookalike", number_line, number=number)
    _ask_county(draft, place, first, msg("rapsheet.place.court", court=first.agency or "?"))
    if arrest is not None:
        draft.data["arrest"] = arrest_data(arrest, draft, [])
        draft.sort_on = arrest.on or draft.sort_on
    draft.data["offense_date"] = None
    counts, convicted_on, sentenced, updates = [], [], [], []
    for count in _merged_counts(courts):
        dispos = count.dispositions
        counts += _count_entries(count, draft, f"counts[{len(counts)}]")
        convicted_on += [d for d in dispos if d.on and dispositions.classify(d.text) == "convicted"]
        sentenced += [Sentenced(d.on, d.terms, d.sentence_line, dispositions.classify(d.text) if d.text
                                 else "") for d in dispos if d.sentence]
        updates += [(dispositions.classify(d.text), d) for d in dispos if d.text]
    convicting = min(convicted_on, key=lambda d: d.on, default=None)
    conviction = convicting.on if convicting else None
    for path in ("conviction_date", "judgment_date"):
        draft.note(path, convicting.line if convicting else None)
    draft.data.update({"conviction_date": conviction, "judgment_date": conviction,
                       "new_conviction_since_judgment": None})
    draft.data["counts"] = counts
    draft.data["sentence"] = case_sentence(draft, sentenced, updates, counts, courts, custody, formal) if conviction \
        else None
    if conviction and draft.data["sentence"] is None:
        draft.ask("rapsheet.no_sentence", convicting.line)
    draft.data["relief_granted"] = _relief(draft, updates)
    return draft


def _ask_county(draft: Draft, place: Place, event: Event, what: dict) -> None:
    """`what`: the place the county is read from, a nested message naming the agency or court."""
    if place.county is None:
        draft.ask("rapsheet.county_unknown", event.agency_line, what=what)
    elif not place.certain:
        draft.ask("rapsheet.county_from_name", event.agency_line, county=place.county, what=what)


def _merged_counts(courts: list[Event]) -> list[Count]:
    """The case's counts once each: a later COURT event with the case's number adds to the counts it repeats
    (FORMAT §4.3); each disposition carries its date (an update's own, else its event's)."""
    merged: dict[tuple, Count] = {}
    for event in courts:
        for count in event.counts:
            for dispo in count.dispositions:
                dispo.on = dispo.on or event.on
            key = tuple(count.numbers) or (id(count),)
            if key in merged:
                merged[key].dispositions += count.dispositions
                merged[key].charge = merged[key].charge or count.charge
                merged[key].toc = merged[key].toc or count.toc
            else:
                merged[key] = count
    return list(merged.values())


def _count_entries(count: Count, draft: Draft, path: str) -> list[dict]:
    """The profile counts one printed count stands for (`CNT:003-005` is three)."""
    charge = count.charge
    if charge is None or not charge.section or not charge.code:
        if count.line:
            draft.ask("rapsheet.charge_unreadable", count.line)
        else:
            draft.ask("rapsheet.charge_unreadable_unplaced")
        return []
    # An attempt flagged on its own line is written as the sheet writes attempts inside sections (`664/459`):
    # the profile has no attempt field, and the offense table then knows no row, so the rules ask (FORMAT §4.5).
    section = f"664/{charge.section}" if count.attempted and "664" not in charge.section else charge.section
    entry = {"code": charge.code, "section": section, "description": charge.description,
             "level_charged": LEVELS.get(count.toc or "")}
    kinds = [(dispositions.classify(d.text), d) for d in count.dispositions if d.text]
    entry.update(_outcome(kinds))
    draft.note(f"{path}.section", charge.line)
    draft.note(f"{path}.level_charged", count.toc_line)
    for kind, dispo in kinds:
        draft.note(f"{path}.disposition", dispo.line)
        if kind == "reduced_to_misdemeanor":
            entry["reduced_under_17b"] = True
            draft.note(f"{path}.reduced_under_17b", dispo.line)
            if PROP_47.match(charge.section):
                draft.ask("rapsheet.reduction_law", dispo.line, charge=_charge(charge))
        if kind in dispositions.ASK:
            draft.ask("rapsheet.outcome_unclear", dispo.line, said=dispo.text)
    if entry["disposition"] == "unknown" and not any(k in dispositions.ASK for k, _ in kinds):
        draft.ask("rapsheet.no_outcome", charge.line, charge=_charge(charge))
    if entry["disposition"] == "convicted_plea":
        conv = next((d for k, d in kinds if k == "convicted" and d.conv_status), None)
        entry["level_convicted"] = CONV_LEVELS.get((conv.conv_status or "").split(" ")[0]) if conv else None
        draft.note(f"{path}.level_convicted", conv.conv_line if conv else None)
    numbers = count.numbers or [0]
    return [dict(entry) for _ in numbers]


def _outcome(kinds: list[tuple[str, Dispo]]) -> dict:
    outcomes = [dispositions.outcome(kind) for kind, _ in kinds if dispositions.outcome(kind)]
    if "convicted_plea" in outcomes:
        return {"disposition": "convicted_plea"}
    result = {"disposition": outcomes[-1] if outcomes else "unknown"}
    if result["disposition"] == "dismissed":
        result["may_be_refiled"] = None
    return result


def _relief(draft: Draft, updates: list) -> list[dict]:
    granted = []
    for kind, dispo in updates:
        if kind in ("set_aside_1203_4", "set_aside_1203_4a"):
            remedy = "1203.4a" if kind.endswith("4a") else "1203.4"
            if all(g["remedy"] != remedy for g in granted):
                draft.note(f"relief_granted[{len(granted)}]", dispo.line)
                granted.append({"remedy": remedy, "on": dispo.on})
        elif kind == "relief_noted":
            draft.ask("rapsheet.relief_noted", dispo.line, said=dispo.text)
    return granted


def matches_custody(event: Event, number: str | None) -> bool:
    """A custody or probation entry naming this court case (`SEN FROM: … CRT #…`, `COM: CRT CASE NBR …`)."""
    refs = {case_key(c.sentence_from or c.court_ref) for c in event.counts} - {""}
    return bool(number) and case_key(number) in refs


def names_a_case(event: Event) -> bool:
    return any(c.sentence_from or c.court_ref for c in event.counts)


def _charge(charge: Charge) -> str:
    """`PC 484(a)`: the code and section as the sheet prints them, the same in every language."""
    return f"{charge.code} {charge.section}"


def header_line(event: Event) -> int | None:
    """The sheet line of an event's header (`COURT:`, `ARR/DET/CITE:` …)."""
    return event.header.no if event.header else None


def _court_label(event: Event, number: str | None) -> dict:
    if number:
        return msg("rapsheet.label.case", number=number)
    if event.on is None:
        return msg("rapsheet.label.court_undated", at=header_line(event) or "?")
    return msg("rapsheet.label.court", on=event.on, agency=event.agency or "?")


def _arrest_label(event: Event) -> dict:
    if event.on is None:
        return msg("rapsheet.label.arrest_undated", at=header_line(event) or "?")
    return msg("rapsheet.label.arrest", on=event.on, agency=event.agency or "?")

