"""Assembling the profile from the sheet's cycles, with the questions it leaves open (FORMAT.md §4, §6)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from assembler.rapsheet import cases
from assembler.rapsheet.courts import county_of
from assembler.rapsheet.cycles import split_events
from assembler.rapsheet.dispositions import classify
from assembler.rapsheet.draft import Draft
from assembler.rapsheet.events import Event, read_event
from assembler.rapsheet.identity import Identity
from assembler.rapsheet.lines import Line
from assembler.rapsheet.questions import SheetQuestion, ask
from rules.messages import msg

# Pen. Code § 667(e)(2)(C)(iv) offenses a RAP sheet can show by section alone ("super strikes"); the others
# on that list turn on facts the sheet does not print (a victim's age, a life term), so they stay unknown.
_SUPER_STRIKES = {("PC", "187"), ("PC", "187(a)"), ("PC", "664/187"), ("PC", "664/187(a)"), ("PC", "269"),
                  ("PC", "269(a)"), ("PC", "288.5"), ("PC", "288.5(a)"), ("PC", "245(d)(3)"),
                  ("PC", "11418(a)(1)"), ("PC", "653f(b)")}
# Offenses whose Prop 47 treatment turns on a value the sheet never prints (Pen. Code §§ 459.5, 473, 476a,
# 490.2, 496; Veh. Code § 10851 by People v. Page).
_VALUE_OFFENSES = re.compile(r"^(459|470|471|472|473|475|476|476a|484|487|488|490\.2|496|666|10851)\b")
_ENDS_REGISTRATION = "registration_ended"
# Entries that are not cases but that the person is told of (FORMAT §1.5), with the message naming them; the
# others are skipped silently.
_TOLD = {"interstate_parolee": "rapsheet.told.interstate_parolee"}


@dataclass
class Assembly:
    profile: dict
    questions: list[SheetQuestion]
    source_lines: dict[str, int] = field(default_factory=dict)  # profile field path → sheet line number
    case_labels: list[dict] = field(default_factory=list)  # each profile case's label (its questions' `case`)


def assemble(identity: Identity, cycles: list[list[Line]]) -> Assembly:
    events = [[read_event(raw) for raw in split_events(cycle)] for cycle in cycles]
    questions: list[SheetQuestion] = []
    trace: dict[str, int] = {}
    drafts = _drafts(events, questions)
    drafts.sort(key=lambda d: d.sort_on or date.max)
    _mark_later_convictions(drafts)
    profile = {"petitioner": _petitioner(identity, trace, questions), "status": _status(events, drafts, questions),
               "cases": [d.data for d in drafts]}
    for index, draft in enumerate(drafts):
        trace.update({f"cases[{index}].{path}": no for path, no in draft.trace.items()})
        questions.extend(draft.questions)
        questions.extend(_value_questions(draft))
    questions.extend(_unread_questions(events))
    questions.extend(_standing_questions(identity, events))
    return Assembly(profile, _once(questions), trace, [d.label for d in drafts])


def _once(questions: list[SheetQuestion]) -> list[SheetQuestion]:
    """Each question once: the same words about two lines (two counts of one charge, or a count printed as
    `CNT:003-005`) are asked once, about the first."""
    first: dict[str, SheetQuestion] = {}
    for question in questions:
        first.setdefault(str(question), question)
    return list(first.values())


def _drafts(cycles: list[list[Event]], questions: list[SheetQuestion]) -> list[Draft]:
    by_number: dict[tuple, list[Event]] = {}
    arrests: dict[tuple, Event | None] = {}
    extras: dict[tuple, tuple[list[Event], bool]] = {}
    drafts: list[Draft] = []
    for cycle in cycles:
        arrest_events = [e for e in _arrests(cycle) if _counts_as_case(e, questions)]
        all_courts = [e for e in cycle if e.kind == "court"]
        courts = [e for e in all_courts if _counts_as_case(e, questions)]
        for event in (e for e in cycle if e.kind in _TOLD):
            told = msg(_TOLD[event.kind])
            questions.append(ask("rapsheet.told_not_imported", cases.header_line(event), what=told))
        if not courts:
            if arrest_events and not all_courts:  # an arrest whose only court was juvenile or federal is skipped
                drafts.append(cases.arrest_only_case(arrest_events))
            continue
        for event in courts:
            key = (county_of(event.agency or "").county, cases.case_key(cases.court_number([event])) or id(event))
            by_number.setdefault(key, []).append(event)
            arrests.setdefault(key, arrest_events[0] if arrest_events else None)
            custody, formal = extras.get(key, ([], False))
            extras[key] = (custody + _attached(cycles, cycle, event, "custody_prison", courts),
                           formal or bool(_attached(cycles, cycle, event, "probation", courts)))
    for key, courts in by_number.items():
        drafts.append(cases.court_case(courts, arrests[key], *extras[key]))
    return drafts


def _arrests(cycle: list[Event]) -> list[Event]:
    """The cycle's arrest, with any supplemental arrest's charges added to it (FORMAT §1.5)."""
    return [e for e in cycle if e.kind in ("arrest", "supplemental_arrest")]


def _counts_as_case(event: Event, questions: list[SheetQuestion]) -> bool:
    """Juvenile and federal entries are not cases here (FORMAT §4.3); the person is told of them."""
    kind = county_of(event.agency or "").kind
    if kind in ("juvenile", "federal"):
        what = msg("rapsheet.entry.juvenile") if kind == "juvenile" else msg("rapsheet.entry.federal")
        questions.append(ask("rapsheet.juvenile_or_federal", cases.header_line(event), what=what,
                             agency=event.agency or "?"))
        return False
    return True


def _attached(cycles: list[list[Event]], cycle: list[Event], court: Event, kind: str,
              courts: list[Event]) -> list[Event]:
    """Custody or probation entries naming this case anywhere on the sheet (`SEN FROM: … CRT #…`), and those of
    its own cycle that name no case when the cycle has only this one (FORMAT §4.3)."""
    number = cases.court_number([court])
    named = [e for c in cycles for e in c if e.kind == kind and cases.matches_custody(e, number)]
    unnamed = [e for e in cycle if e.kind == kind and not cases.names_a_case(e) and len(courts) == 1]
    return named + unnamed


def _mark_later_convictions(drafts: list[Draft]) -> None:
    """`new_conviction_since_judgment`: true when a later conviction is on the sheet (FORMAT §4.4)."""
    convictions = [d.data.get("conviction_date") for d in drafts if d.data.get("conviction_date")]
    for draft in drafts:
        judged = draft.data.get("judgment_date")
        if judged and any(c > judged for c in convictions):
            draft.data["new_conviction_since_judgment"] = True


def _petitioner(identity: Identity, trace: dict[str, int], questions: list[SheetQuestion]) -> dict:
    names = [name for name, _ in identity.names]
    legal = names[0] if names else None
    name_line = identity.names[0][1].no if identity.names else None
    if name_line:
        trace["petitioner.legal_name"] = name_line
    else:
        questions.append(ask("rapsheet.no_name"))
    if identity.dob_line:
        trace["petitioner.date_of_birth"] = identity.dob_line.no
    others = [n for n in dict.fromkeys(names[1:]) if n.lower() != (legal or "").lower()]
    questions.append(ask("rapsheet.check_name", name_line))
    return {"legal_name": legal, "other_names": others, "date_of_birth": identity.date_of_birth}


def _status(cycles: list[list[Event]], drafts: list[Draft], questions: list[SheetQuestion]) -> dict:
    return {"pending_charges": [], "pending_charges_unknown": True, "supervision": [], "supervision_unknown": True,
            "serving_sentence": None, "registrant_290": _registrant(cycles, questions),
            "super_strike_prior": True if _super_strike(drafts) else None}


def _registrant(cycles: list[list[Event]], questions: list[SheetQuestion]) -> bool | None:
    """True when a registration entry has a 290 PC count and nothing later ends it (FORMAT §1.10, §4.2)."""
    registered_at, ended = None, False  # the line of the first 290 PC registration count
    for event in (e for cycle in cycles for e in cycle if e.kind == "registration"):
        for count in event.counts:
            if count.charge and count.charge.code == "PC" and count.charge.section.startswith("290"):
                registered_at = registered_at or count.charge.line.no
            if any(d.text and classify(d.text) == _ENDS_REGISTRATION and "DRUG" not in d.text
                   for d in count.dispositions):
                ended = True
    if registered_at and ended:
        questions.append(ask("rapsheet.registration_ended", registered_at))
        return None
    if registered_at:
        questions.append(ask("rapsheet.registration_tier", registered_at))
    return registered_at is not None


def _super_strike(drafts: list[Draft]) -> bool:
    return any((c["code"], c["section"]) in _SUPER_STRIKES for d in drafts for c in d.data.get("counts", [])
               if c.get("disposition") == "convicted_plea")


def _value_questions(draft: Draft) -> list[SheetQuestion]:
    return [ask("rapsheet.value_950", draft.trace.get(f"counts[{n}].section", draft.line), case=draft.label,
                charge=f"{c['code']} {c['section']}") for n, c in enumerate(draft.data.get("counts", []))
            if c.get("disposition") == "convicted_plea" and _VALUE_OFFENSES.match(c["section"])]


def _unread_questions(cycles: list[list[Event]]) -> list[SheetQuestion]:
    lines = sorted({line.no: line for cycle in cycles for e in cycle for line in e.unread}.values(),
                   key=lambda line: line.no)
    return [ask("rapsheet.unread_line", line.no, said=line.text.strip()) for line in lines]


def _standing_questions(identity: Identity, cycles: list[list[Event]]) -> list[SheetQuestion]:
    """What a RAP sheet can never show (FORMAT §6): asked every time."""
    pending = ask("rapsheet.pending", printed=identity.printed_on) if identity.printed_on \
        else ask("rapsheet.pending_undated")
    asked = [pending, ask("rapsheet.supervision")]
    if identity.supervision_lines:
        asked.append(ask("rapsheet.supervision_noted", identity.supervision_lines[0].no))
    if not any(e.kind in ("court", "arrest") for cycle in cycles for e in cycle):
        asked.append(ask("rapsheet.no_cases"))
    asked.append(ask("rapsheet.outside_california"))
    return asked
