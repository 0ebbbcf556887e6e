"""Pen. Code § 1203.4 — dismissal after probation. Each test names the subsection it exercises."""

from datetime import date

from tests.scenario import (AS_OF, NEXT_YEAR, case_result, cites, conviction, count, decide, probation, run)


def test_fulfilled_probation_is_mandatory():
    """§ 1203.4(a)(1): "fulfilled the conditions of probation for the entire period" → shall be permitted."""
    d = decide("1203.4", conviction(count("484")))
    assert d.status == "mandatory" and d.eligible_now
    assert "Pen. Code, § 1203.4(a)(1)" in cites(d)
    assert d.forms == ["CR-180", "CR-181"]


def test_early_discharge_is_mandatory():
    """§ 1203.4(a)(1): "discharged prior to the termination of the period of probation" → mandatory."""
    d = decide("1203.4", conviction(sentence={"probation": probation("terminated_early"), "completed": True}))
    assert d.status == "mandatory"
    assert any("discharged from probation early" in r.text for r in d.reasons)


def test_any_violation_makes_it_discretionary():
    """§ 1203.4(a)(1): "in any other case" the court decides in the interest of justice (trap 1)."""
    d = decide("1203.4", conviction(sentence={"probation": probation("violated_reinstated", violations=True),
                                              "completed": True}))
    assert d.status == "discretionary"
    assert d.discretion == ["PROBATION_VIOLATION"]


def test_a_crime_after_probation_ended_does_not_matter():
    """§ 1203.4(a)(1): only fulfilment of probation and present status count, not later conduct (trap 1)."""
    first = conviction(count("484"), number="OLD1")
    later = conviction(count("484"), number="NEW2", convicted_on=date(2019, 6, 1),
                       sentence={"probation": probation(start=date(2019, 6, 1), end=date(2020, 6, 1)),
                                 "completed": True})
    assert decide("1203.4", first, later).status == "mandatory"


def test_still_on_probation_is_not_yet_with_the_date_and_early_termination_first():
    """§ 1203.4(a)(1): relief "at any time after the termination of the period of probation";
    § 1203.3(a) early termination is the unlocking step."""
    case = conviction(sentence={"probation": probation("ongoing", start=date(2026, 1, 10), end=NEXT_YEAR),
                                "completed": False}, convicted_on=date(2026, 1, 10))
    result = run(case)
    d = result.cases[0].remedy("1203.4")
    assert d.blockers == ["ON_PROBATION"] and not d.eligible_now
    assert d.eligible_on == date(2027, 7, 1)
    assert result.recommended_order.index("1203.3@CASE1") < result.recommended_order.index("1203.4@CASE1")


def test_dui_with_perfect_probation_is_discretionary():
    """§ 1203.4(c)(1)-(2): Veh. Code § 12810(a)-(e) offenses only in the court's discretion (trap 2)."""
    d = decide("1203.4", conviction(count("23152(a)", code="VC")))
    assert d.status == "discretionary"
    assert "VC12810_OFFENSE" in d.discretion
    assert "Pen. Code, § 1203.4(c)(1)" in cites(d)


def test_listed_sex_offense_is_excluded():
    """§ 1203.4(b): "does not apply to ... Section 311.11" (trap 4)."""
    d = decide("1203.4", conviction(count("311.11(a)")))
    assert d.status == "ineligible"
    assert d.blockers == ["EXCLUDED_OFFENSE_1203_4B"]
    assert d.forms == []


def test_registrable_offense_not_on_the_list_can_be_dismissed_but_registration_continues():
    """§ 1203.4(b) lists offenses, not "all sex offenses": 243.4(e)(1) is dismissable; § 290.007 keeps
    registration (trap 4)."""
    result = case_result(conviction(count("243.4(e)(1)")))
    assert result.remedy("1203.4").status == "mandatory"
    assert "REGISTRATION_CONTINUES" in result.flags


def test_felony_261_5_d_excluded_but_misdemeanor_is_not():
    """§ 1203.4(b): "a felony conviction pursuant to subdivision (d) of Section 261.5"."""
    felony = decide("1203.4", conviction(count("261.5(d)", level="felony")))
    misdemeanor = decide("1203.4", conviction(count("261.5(d)", level="misdemeanor")))
    assert felony.status == "ineligible" and felony.blockers == ["EXCLUDED_OFFENSE_1203_4B"]
    assert misdemeanor.status != "ineligible"


def test_unpaid_restitution_never_blocks():
    """§ 1203.4(c)(3)(A): "shall not be denied due to an unfulfilled order of restitution" (trap 9)."""
    d = decide("1203.4", conviction(sentence={"probation": probation(), "completed": True,
                                              "restitution": "unpaid"}))
    assert d.status == "mandatory"
    assert "Pen. Code, § 1203.4(c)(3)(A)" in cites(d)


def test_pending_charge_anywhere_blocks_without_a_date():
    """§ 1203.4(a)(1): not "charged with the commission of any offense" (person-level gate)."""
    d = decide("1203.4", conviction(), pending_charges=[{"description": "new case", "court": "Orange"}])
    assert d.blockers == ["PENDING_CHARGE"]
    assert not d.eligible_now and d.eligible_on is None
    assert d.status == "mandatory"  # the route stays mandatory; only the timing is blocked


def test_probation_in_another_case_blocks_until_it_ends():
    """§ 1203.4(a)(1): not "on probation for any offense" — any case, named (person-level gate)."""
    old = conviction(number="OLD1")
    current = conviction(number="CUR2", county="Orange", convicted_on=date(2025, 6, 1),
                         sentence={"probation": probation("ongoing", start=date(2025, 6, 1), end=date(2027, 5, 31)),
                                   "completed": False})
    d = decide("1203.4", old, current)
    assert d.blockers == ["ON_PROBATION_OTHER_CASE"]
    assert d.eligible_on == date(2027, 6, 1)
    assert any("CUR2" in r.text for r in d.reasons)


def test_infraction_goes_to_1203_4a_not_1203_4():
    """§ 1203.4(b): "or to an infraction"; § 1203.4a(a) covers "every defendant convicted of an
    infraction" (trap 3)."""
    result = case_result(conviction(count("415", level="infraction")))
    assert result.remedy("1203.4").blockers == ["INFRACTION_EXCLUDED_1203_4B"]
    assert result.remedy("1203.4a").status in ("mandatory", "needs_review")


def test_unknown_offense_is_needs_review_not_a_crash():
    """§ 1203.4(b): whether an offense is excluded needs the table; unknown → needs_review."""
    d = decide("1203.4", conviction(count("12345.6", code="BP")))
    assert d.status == "needs_review"
    assert any("not in our offense table" in r.text for r in d.reasons)


def test_unknown_probation_outcome_asks_the_question():
    """§ 1203.4(a)(1): mandatory vs discretionary turns on fulfilment; unknown → needs_review."""
    d = decide("1203.4", conviction(sentence={"probation": probation("unknown", violations=None),
                                              "completed": True}))
    assert d.status == "needs_review"
    assert any("without any violation" in r.text or "no violation" in r.text for r in d.reasons)


def test_ab_1950_cap_raises_the_question_when_probation_runs_past_it():
    """Pen. Code § 1203.1(a) (AB 1950, from Jan. 1, 2021): a felony term granted before 2021 and running past
    two years may be capped (probation granted on or after Jan. 1, 2021 was granted under the cap)."""
    case = conviction(count("460(b)", level="felony"), convicted_on=date(2019, 6, 1),
                      sentence={"probation": probation("ongoing", start=date(2019, 6, 1), end=date(2022, 5, 31)),
                                "completed": False})
    d = decide("1203.4", case, as_of=date(2021, 9, 1))
    assert d.status == "needs_review"
    assert any("AB 1950" in r.text and "June 1, 2021" in r.text for r in d.reasons)
    assert d.eligible_on == date(2022, 6, 1)


def test_as_of_is_injected_not_today():
    """Dated law: the same profile decided on an earlier date gives that date's answer."""
    case = conviction(sentence={"probation": probation("ongoing", start=date(2024, 1, 1), end=date(2025, 1, 1)),
                                "completed": False}, convicted_on=date(2024, 1, 1))
    before = decide("1203.4", case, as_of=date(2024, 6, 1))
    after = decide("1203.4", case | {"sentence": {"probation": probation("completed", start=date(2024, 1, 1),
                                                                         end=date(2025, 1, 1)), "completed": True}})
    assert not before.eligible_now and before.eligible_on == date(2025, 1, 2)
    assert after.eligible_now and AS_OF > date(2025, 1, 2)
