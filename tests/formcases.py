"""Profiles and hand-built decisions for the form tests (no decision engine needed)."""

from __future__ import annotations

from datetime import date

from assembler.plan.formmap.values import CourtInfo
from assembler.profile.model import Profile
from rules.decision import Decision, Reason, Status

COURT = CourtInfo("Riverside", street="4100 Main Street", city_zip="Riverside 92501")
SELF = {"legal_name": "Jane Quinn Doe", "mailing_address": {"street": "PO Box 12", "city": "Riverside", "zip": "92501"},
        "phone": "(951) 555-0100", "email": "jane@example.org"}
LAWYER = {"name": "Ana Ruiz", "state_bar_number": "123456", "firm": "Clinic LLP",
          "address": {"street": "1 Court St", "city": "Riverside", "zip": "92501"}, "phone": "(951) 555-0200",
          "fax": "(951) 555-0201", "email": "ana@clinic.example"}
FACTS = {"employment": "I have worked as a warehouse lead since 2022.",
         "hardship": "The record keeps me from renting an apartment."}


def count(section: str, level: str = "felony", code: str = "PC", **extra) -> dict:
    return {"code": code, "section": section, "level_charged": level, "level_convicted": level,
            "disposition": "convicted_plea", **extra}


def profile(*counts: dict, petitioner: dict | None = None, attorney: dict | None = None, facts: dict | None = None,
            sentence: dict | None = None, **case_extra) -> Profile:
    person = dict(petitioner or SELF)
    if attorney:
        person["attorney"] = attorney
    case = {"county": "Riverside", "court_case_number": "RIF1801234", "conviction_date": date(2018, 4, 2),
            "counts": list(counts) or [count("460(b)")],
            "sentence": sentence or {"probation": {"outcome": "completed", "violations": False}},
            **case_extra}
    return Profile.model_validate({"petitioner": person, "cases": [case], "facts": facts or FACTS})


def decision(remedy: str, status: str = "mandatory", eligible_now: bool = True, discretion=()) -> Decision:
    return Decision(remedy=remedy, status=Status(status), eligible_now=eligible_now, discretion=list(discretion),
                    reasons=[Reason.of("test reason", "Pen. Code, § 1203.4")])
