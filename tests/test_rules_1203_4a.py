"""Pen. Code § 1203.4a — misdemeanors without probation and infractions."""

from datetime import date

from tests.scenario import (JUST_UNDER_ONE_YEAR_AGO, LONG_AGO, cites, conviction, count, decide)

NO_PROBATION = {"jail_days": 10, "completed": True}


def misdemeanor(judged: date = LONG_AGO, *counts, sentence=None, **extra) -> dict:
    return conviction(*(counts or [count("484")]), convicted_on=judged,
                      sentence=sentence or NO_PROBATION, new_conviction_since_judgment=False, **extra)


def test_after_a_year_with_an_honest_life_is_mandatory():
    """§ 1203.4a(a): after one year, sentence performed, honest and upright life → "shall" be permitted."""
    d = decide("1203.4a", misdemeanor())
    assert d.status == "mandatory" and d.eligible_now
    assert "Pen. Code, § 1203.4a(a)" in cites(d)


def test_the_year_runs_from_judgment():
    """§ 1203.4a(a): "after the lapse of one year from the date of pronouncement of judgment" (trap 7)."""
    d = decide("1203.4a", misdemeanor(JUST_UNDER_ONE_YEAR_AGO))
    assert d.blockers == ["WAIT_PERIOD"] and not d.eligible_now
    assert d.eligible_on == date(2026, 11, 16)


def test_the_year_does_not_restart_when_the_sentence_ends_late():
    """§ 1203.4a(a): the clock is judgment, not completion — a sentence finished last month is enough (trap 7)."""
    sentence = {"jail_days": 30, "completed": True, "completed_on": date(2026, 10, 1)}
    d = decide("1203.4a", misdemeanor(date(2024, 1, 5), sentence=sentence))
    assert d.eligible_now and d.status == "mandatory"


def test_sentence_must_be_fully_performed():
    """§ 1203.4a(a): "if they have fully complied with and performed the sentence of the court" (trap 7)."""
    d = decide("1203.4a", misdemeanor(sentence={"jail_days": 0, "completed": False}))
    assert "SENTENCE_NOT_PERFORMED" in d.blockers and not d.eligible_now


def test_a_new_conviction_makes_it_discretionary():
    """§ 1203.4a(b): without an honest and upright life, the court may still grant in the interest of justice."""
    d = decide("1203.4a", misdemeanor() | {"new_conviction_since_judgment": True})
    assert d.status == "discretionary"
    assert d.discretion == ["NEW_CONVICTION_SINCE_JUDGMENT"]
    assert "Pen. Code, § 1203.4a(b)" in cites(d)


def test_ordinary_vehicle_code_infraction_cannot_be_dismissed():
    """§ 1203.4a(d): not "an infraction falling within the provisions of Section 42001 of the Vehicle Code"
    (trap 3)."""
    d = decide("1203.4a", misdemeanor(LONG_AGO, count("22350", code="VC", level="infraction")))
    assert d.status == "ineligible"
    assert d.blockers == ["VEHICLE_CODE_42001_INFRACTION"]


def test_infraction_petition_uses_written_declaration_and_15_days_notice():
    """§ 1203.4a(f): infractions by written declaration, 15 days' notice to the prosecutor."""
    d = decide("1203.4a", misdemeanor(LONG_AGO, count("415", level="infraction")))
    assert "Pen. Code, § 1203.4a(f)" in cites(d)
    assert d.status == "mandatory"


def test_unpaid_restitution_is_no_ground_for_denial():
    """§ 1203.4a(e): an unfulfilled restitution order is not a ground for denial (trap 9)."""
    d = decide("1203.4a", misdemeanor(sentence=NO_PROBATION | {"restitution": "unpaid"}))
    assert d.status == "mandatory"
    assert "Pen. Code, § 1203.4a(e)" in cites(d)


def test_missing_judgment_date_counts_from_conviction_and_says_so():
    """§ 1203.4a(a): the year runs from judgment; if only a conviction date is given, ask."""
    case = misdemeanor()
    case.pop("judgment_date")
    d = decide("1203.4a", case)
    assert d.status == "needs_review"
    assert any("sentencing date" in r.text for r in d.reasons)
