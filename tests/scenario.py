"""Build case profiles for rule tests in a line or two.

Dates are named by the boundary they test, relative to a fixed AS_OF, so the tests never expire.
"""

from __future__ import annotations

from datetime import date, timedelta

from assembler.profile.load import parse_profile
from assembler.profile.model import Profile
from rules.decision import Assessment, CaseResult, Decision
from rules.engine import assess

AS_OF = date(2026, 11, 1)
LONG_AGO = date(2015, 3, 1)
THREE_YEARS_AGO = date(2023, 11, 1)
ONE_YEAR_AND_A_DAY_AGO = date(2025, 10, 31)
JUST_UNDER_ONE_YEAR_AGO = date(2025, 11, 15)
LAST_MONTH = date(2026, 10, 1)
NEXT_YEAR = date(2027, 6, 30)


def count(section: str, code: str = "PC", level: str = "misdemeanor", disposition: str = "convicted_plea",
          **extra) -> dict:
    return {"code": code, "section": section, "level_charged": level, "level_convicted": level,
            "disposition": disposition, **extra}


def probation(outcome: str = "completed", violations: bool | None = False, start: date = LONG_AGO,
              end: date | None = date(2017, 3, 1), **extra) -> dict:
    p = {"kind": "summary", "suspension": "imposition", "start": start, "scheduled_end": end,
         "outcome": outcome, "violations": violations, **extra}
    if outcome in ("completed", "terminated_early", "violated_reinstated", "revoked") and end and end <= AS_OF:
        p.setdefault("ended_on", end)
    return p


def conviction(*counts: dict, county: str = "Los Angeles", number: str = "CASE1", sentence: dict | None = None,
               convicted_on: date = LONG_AGO, **extra) -> dict:
    if sentence is None:
        sentence = {"probation": probation(), "completed": True}
    return {"county": county, "court_case_number": number, "offense_date": convicted_on - timedelta(days=30),
            "conviction_date": convicted_on, "judgment_date": convicted_on,
            "counts": list(counts) or [count("484")], "sentence": sentence, **extra}


def arrest(*offenses: dict, county: str = "Alameda", on: date = THREE_YEARS_AGO, **extra) -> dict:
    return {"county": county, "offense_date": on,
            "arrest": {"date": on, "agency": "Oakland Police Department", "report_number": "R-1",
                       "offenses": list(offenses)}, **extra}


def profile(*cases: dict, as_of: date = AS_OF, **status) -> Profile:
    base_status = {"serving_sentence": False, "registrant_290": False, "super_strike_prior": False}
    data = {"petitioner": {"legal_name": "Test Person"}, "status": {**base_status, **status},
            "cases": list(cases)}
    return parse_profile(data, as_of)


def run(*cases: dict, as_of: date = AS_OF, **status) -> Assessment:
    return assess(profile(*cases, as_of=as_of, **status), as_of)


def case_result(*cases: dict, as_of: date = AS_OF, index: int = 0, **status) -> CaseResult:
    return run(*cases, as_of=as_of, **status).cases[index]


def decide(remedy: str, *cases: dict, as_of: date = AS_OF, index: int = 0, **status) -> Decision:
    result = case_result(*cases, as_of=as_of, index=index, **status)
    decision = result.remedy(remedy)
    assert decision is not None, f"{remedy} not decided; got {[d.remedy for d in result.remedies]}"
    return decision


def cites(decision: Decision) -> set[str]:
    return {r.cite for r in decision.reasons}
