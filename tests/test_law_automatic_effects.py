"""Automatic relief flags (Pen. Code §§ 1203.425, 851.93), the immigration and licensing notices, and
§ 17(b) after a revocation — RULES.md corrections 10 and 16."""

from datetime import date, timedelta

import pytest

from rules.decision import CaseResult, Decision, Status
from rules.effects import add_effects
from tests.scenario import (arrest, case_result, cites, conviction, count, decide, probation, profile, run)

PAID = {"fines_paid": True, "restitution": "none_ordered"}


def flag_of(result, prefix: str = "AUTO_RELIEF_1203_425") -> str:
    found = [f for f in result.flags if f.startswith(prefix)]
    assert len(found) == 1, result.flags
    return found[0]


def auto_notice(result, section: str = "1203.425") -> str:
    return next(n.text for n in result.notices if section in n.cite)


def misdemeanor_probation(**sentence) -> dict:
    return conviction(sentence={"probation": probation(), "completed": True, **PAID, **sentence})


def felony_revoked_to_prison(section: str = "460(b)", done: date = date(2019, 6, 1), **extra) -> dict:
    """Felony probation, revoked 2016 and a prison term executed; parole over on `done`."""
    p = probation("revoked", violations=True, start=date(2015, 3, 1), end=date(2018, 3, 1),
                  revocations=[{"on": date(2016, 1, 5), "result": "prison"}], kind="formal")
    p["ended_on"] = date(2016, 1, 5)
    return conviction(count(section, level="felony"), sentence={"probation": p, "completed": True,
                                                                 "completed_on": done, **PAID}, **extra)


def jail_1170h(done: date = date(2020, 1, 15), section: str = "487(a)", **extra) -> dict:
    return conviction(count(section, level="felony"), convicted_on=date(2019, 3, 1),
                      sentence={"county_jail_1170h": {"subparagraph": "A", "release_date": done},
                                "completed": True, "completed_on": done, **PAID}, **extra)


# --- § 1203.425: already granted -----------------------------------------------------------------


def test_relief_already_granted_by_doj_is_its_own_flag():
    """§ 1203.425(a): relief on the record → AUTO_RELIEF_1203_425_GRANTED, with the date."""
    granted = {"relief_granted": [{"remedy": "1203.425", "on": date(2023, 2, 1)}]}
    result = case_result(misdemeanor_probation() | granted)
    assert flag_of(result) == "AUTO_RELIEF_1203_425_GRANTED"
    assert "February 1, 2023" in auto_notice(result)
    assert any(n.cite == "Pen. Code, § 1203.425(a)" for n in result.notices)


def test_arrest_relief_already_granted_by_doj_is_its_own_flag():
    """§ 851.93(a): sealing on the record → AUTO_RELIEF_851_93_GRANTED."""
    case = arrest(count("148(a)(1)", disposition="dismissed", may_be_refiled=False) | {"level_convicted": None},
                  relief_granted=[{"remedy": "851.93", "on": date(2024, 1, 1)}])
    result = case_result(case)
    assert flag_of(result, "AUTO_RELIEF_851_93") == "AUTO_RELIEF_851_93_GRANTED"
    assert "January 1, 2024" in auto_notice(result, "851.93")


# --- § 1203.425(a)(1)(B)(i): registration -------------------------------------------------------


@pytest.mark.parametrize("basis, expected", [
    ("offense_290c", "AUTO_RELIEF_1203_425_NOT_AVAILABLE"),
    ("court_ordered_290006", "AUTO_RELIEF_1203_425_NOT_AVAILABLE"),
    ("terminated_290_5", "AUTO_RELIEF_1203_425_LIKELY"),
    ("none", "AUTO_RELIEF_1203_425_LIKELY"),
])
def test_each_registration_basis(basis, expected):
    """§ 1203.425(a)(1)(B)(i): "not required to register"; a § 290.006 order counts, a § 290.5 termination
    ends the duty."""
    result = case_result(misdemeanor_probation(), registrant_290=None, registration={"basis": basis})
    assert flag_of(result) == expected
    if expected.endswith("NOT_AVAILABLE"):
        assert "register" in auto_notice(result)


def test_unknown_registration_is_an_open_condition():
    """§ 1203.425(a)(1)(B)(i): registration not known → POSSIBLE, never LIKELY."""
    result = case_result(misdemeanor_probation(), registrant_290=None)
    assert flag_of(result) == "AUTO_RELIEF_1203_425_POSSIBLE"
    assert "register" in auto_notice(result)


def test_a_registrable_conviction_after_termination_is_only_possible_under_probation():
    """§ 1203.425(a)(1)(B)(i): a terminated duty is no bar, but the offense remains one requiring registration."""
    case = conviction(count("311.11(a)", level="felony"),
                      sentence={"probation": probation(), "completed": True, **PAID})
    ended = case_result(case, registrant_290=None, registration={"basis": "terminated_290_5"})
    registering = case_result(case, registrant_290=None, registration={"basis": "offense_290c"})
    assert flag_of(ended) == "AUTO_RELIEF_1203_425_POSSIBLE"
    assert "registration" in auto_notice(ended)
    assert flag_of(registering) == "AUTO_RELIEF_1203_425_NOT_AVAILABLE"


# --- § 1203.425(a)(1)(B)(v): floor and prong (I) --------------------------------------------------


def test_conviction_floor_is_january_1_1973():
    """§ 1203.425(a)(1)(B)(v): convictions "on or after January 1, 1973"."""
    before = misdemeanor_probation() | {"conviction_date": date(1972, 12, 31), "judgment_date": date(1972, 12, 31),
                                        "offense_date": date(1972, 12, 1)}
    on = misdemeanor_probation() | {"conviction_date": date(1973, 1, 1), "judgment_date": date(1973, 1, 1),
                                    "offense_date": date(1972, 12, 1)}
    assert flag_of(case_result(before)) == "AUTO_RELIEF_1203_425_NOT_AVAILABLE"
    assert flag_of(case_result(on)) == "AUTO_RELIEF_1203_425_LIKELY"


def test_probation_prong_starts_july_1_2022():
    """§ 1203.425(a)(1)(A): DOJ review "commencing July 1, 2022": the day before → LATER, the day → LIKELY."""
    assert flag_of(case_result(misdemeanor_probation(), as_of=date(2022, 6, 30))) == "AUTO_RELIEF_1203_425_LATER"
    assert flag_of(case_result(misdemeanor_probation(), as_of=date(2022, 7, 1))) == "AUTO_RELIEF_1203_425_LIKELY"


@pytest.mark.parametrize("change, words", [
    ({"fines_paid": None}, "fines may still be owed"),
    ({"fines_paid": False}, "fines are still owed"),
    ({"restitution": "unpaid"}, "restitution is still owed"),
])
def test_money_owed_keeps_the_probation_prong_possible(change, words):
    """§ 1203.425(a)(1)(B)(v): LIKELY only when every condition is plainly met; fines or restitution owed is open."""
    result = case_result(misdemeanor_probation(**change))
    assert flag_of(result) == "AUTO_RELIEF_1203_425_POSSIBLE"
    assert words in auto_notice(result)
    assert any(n.cite == "Pen. Code, § 1203.425(a)(1)(B)" for n in result.notices)


def test_early_termination_or_a_violation_is_possible_not_likely():
    """§ 1203.425(a)(1)(B)(v): DOJ reads "the term of probation specified in the department's records"."""
    early = conviction(sentence={"probation": probation("terminated_early"), "completed": True, **PAID})
    violated = conviction(sentence={"probation": probation(violations=True), "completed": True, **PAID})
    assert flag_of(case_result(early)) == "AUTO_RELIEF_1203_425_POSSIBLE"
    assert "ended early" in auto_notice(case_result(early))
    assert flag_of(case_result(violated)) == "AUTO_RELIEF_1203_425_POSSIBLE"


def test_probation_still_running_is_later():
    """§ 1203.425(a)(1)(B)(v): probation must appear completed."""
    case = conviction(convicted_on=date(2026, 2, 1),
                      sentence={"probation": probation("ongoing", start=date(2026, 2, 1), end=date(2027, 2, 1)),
                                "completed": False, **PAID})
    assert flag_of(case_result(case)) == "AUTO_RELIEF_1203_425_LATER"


def test_revoked_and_reinstated_misdemeanor_probation_fits_no_prong():
    """§ 1203.425(a)(1)(B)(v): not "without revocation", and probation was granted."""
    reinstated = [{"on": date(2016, 1, 1), "result": "reinstated"}]
    p = probation("violated_reinstated", violations=True, revocations=reinstated)
    case = conviction(sentence={"probation": p, "completed": True, **PAID})
    result = case_result(case)
    assert flag_of(result) == "AUTO_RELIEF_1203_425_NOT_AVAILABLE"
    assert "revoked" in auto_notice(result)


def test_serious_felony_after_probation_without_revocation_is_possible():
    """§ 1203.425(a)(1)(B)(v): the serious/violent exclusion is in the felony prong; DOJ practice for
    probation cases is not confirmed → POSSIBLE."""
    case = conviction(count("245(a)(1)", level="felony"),
                      sentence={"probation": probation(), "completed": True, **PAID})
    result = case_result(case)
    assert flag_of(result) == "AUTO_RELIEF_1203_425_POSSIBLE"
    assert "serious or violent" in auto_notice(result)


def test_execution_suspended_prison_term_is_an_open_condition():
    """§ 1203.425(a)(1)(B)(iv): "no indication that the conviction resulted in a sentence of incarceration in
    the state prison"; an ESS term completed on probation is open → POSSIBLE."""
    case = conviction(count("460(b)", level="felony"),
                      sentence={"probation": probation(suspension="execution"), "completed": True, **PAID,
                                "state_prison": {"ess_pronounced_on": date(2015, 3, 1)}})
    result = case_result(case)
    assert flag_of(result) == "AUTO_RELIEF_1203_425_POSSIBLE"
    assert "prison term was imposed" in auto_notice(result)



# --- prong (II): misdemeanor without probation ---------------------------------------------------


def test_misdemeanor_without_probation_waits_one_calendar_year_from_judgment():
    """§ 1203.425(a)(1)(B)(v): "at least one calendar year has elapsed since the date of judgment"."""
    judged = date(2025, 11, 1)
    case = conviction(convicted_on=judged, sentence={"jail_days": 5, "completed": True,
                                                     "completed_on": judged, **PAID})
    assert flag_of(case_result(case, as_of=date(2026, 10, 31))) == "AUTO_RELIEF_1203_425_LATER"
    assert flag_of(case_result(case, as_of=date(2026, 11, 1))) == "AUTO_RELIEF_1203_425_LIKELY"


def test_misdemeanor_sentence_completion_unknown_is_possible():
    """§ 1203.425(a)(1)(B)(v): the sentence must appear completed; not known → POSSIBLE."""
    case = conviction(sentence={"jail_days": 5, **PAID})
    result = case_result(case)
    assert flag_of(result) == "AUTO_RELIEF_1203_425_POSSIBLE"
    assert "completed" in auto_notice(result)


# --- prong (III): felonies -----------------------------------------------------------------------


def test_revoked_felony_probation_goes_to_the_felony_prong():
    """§ 1203.425(a)(1)(B)(v): "a felony other than one for which the defendant completed probation without
    revocation"; four years after parole ended, no new felony → POSSIBLE (DOJ practice not confirmed)."""
    result = case_result(felony_revoked_to_prison())
    assert flag_of(result) == "AUTO_RELIEF_1203_425_POSSIBLE"
    assert "felony prong" in auto_notice(result)


def test_felony_prong_four_years_boundary():
    """§ 1203.425(a)(1)(B)(v): "a period of four years has elapsed since the date on which the defendant
    completed probation or supervision": the day before → LATER, the day → POSSIBLE."""
    case = felony_revoked_to_prison(done=date(2022, 5, 10))
    assert flag_of(case_result(case, as_of=date(2026, 5, 9))) == "AUTO_RELIEF_1203_425_LATER"
    assert "May 10, 2026" in auto_notice(case_result(case, as_of=date(2026, 5, 9)))
    assert flag_of(case_result(case, as_of=date(2026, 5, 10))) == "AUTO_RELIEF_1203_425_POSSIBLE"


def test_felony_prong_operative_october_1_2024():
    """SB 731 as delayed: the felony prong is operative Oct. 1, 2024."""
    case = jail_1170h()
    assert flag_of(case_result(case, as_of=date(2024, 9, 30))) == "AUTO_RELIEF_1203_425_LATER"
    assert flag_of(case_result(case, as_of=date(2024, 10, 1))) == "AUTO_RELIEF_1203_425_POSSIBLE"


def test_felony_prong_is_never_likely_even_with_everything_met():
    """§ 1203.425(a)(1)(B)(v): how DOJ applies the felony prong is not confirmed → at most POSSIBLE."""
    result = case_result(jail_1170h())
    assert flag_of(result) == "AUTO_RELIEF_1203_425_POSSIBLE"
    assert "not confirmed" in auto_notice(result)


def test_mandatory_supervision_still_running_is_later():
    """§ 1203.425(a)(1)(B)(ii), (v): mandatory supervision must be completed."""
    case = conviction(count("487(a)", level="felony"), convicted_on=date(2024, 3, 1),
                      sentence={"county_jail_1170h": {"subparagraph": "B", "release_date": date(2025, 1, 1),
                                                      "mandatory_supervision_end": date(2027, 1, 1)},
                                "completed": False, **PAID})
    assert flag_of(case_result(case)) == "AUTO_RELIEF_1203_425_LATER"


def test_prison_release_without_the_end_of_parole_is_possible():
    """§ 1203.425(a)(1)(B)(v): parole must be completed; release alone does not show it."""
    case = conviction(count("460(b)", level="felony"), convicted_on=date(2012, 1, 1),
                      sentence={"state_prison": {"sentenced_on": date(2012, 1, 1), "release_date": date(2014, 1, 1)},
                                **PAID})
    result = case_result(case)
    assert flag_of(result) == "AUTO_RELIEF_1203_425_POSSIBLE"
    assert "cannot tell when" in auto_notice(result)


@pytest.mark.parametrize("section", ["245(a)(1)", "451(b)"])
def test_serious_or_violent_felony_is_excluded(section):
    """§ 1203.425(a)(1)(B)(v): the felony prong "does not apply to" a § 1192.7(c) or § 667.5(c) felony
    (scenario 03: 245(a)(1) revoked to prison)."""
    result = case_result(felony_revoked_to_prison(section))
    assert flag_of(result) == "AUTO_RELIEF_1203_425_NOT_AVAILABLE"
    assert "serious felony (§ 1192.7(c))" in auto_notice(result)


def test_registrable_felony_excluded_even_after_registration_ended():
    """§ 1203.425(a)(1)(B)(v): "a felony offense requiring registration" is out of the felony prong."""
    case = felony_revoked_to_prison("311.11(a)")
    result = case_result(case, registrant_290=None, registration={"basis": "terminated_290_5"})
    assert flag_of(result) == "AUTO_RELIEF_1203_425_NOT_AVAILABLE"
    assert "registration" in auto_notice(result)


def new_felony(on: date | None) -> dict:
    p = probation(start=on or date(2021, 1, 1), end=(on or date(2021, 1, 1)) + timedelta(days=365))
    return conviction(count("460(b)", level="felony"), number="NEW1", convicted_on=on or date(2021, 1, 1),
                      sentence={"probation": p, "completed": True, **PAID}) | (
        {"conviction_date": None, "judgment_date": None} if on is None else {})


def test_new_felony_within_the_four_years_defeats_the_felony_prong():
    """§ 1203.425(a)(1)(B)(v): four years "during which the defendant was not convicted of a new felony
    offense"; the window ends on the fourth anniversary (inclusive), a felony the day after does not count."""
    done = date(2019, 6, 1)
    inside = run(felony_revoked_to_prison(done=done), new_felony(date(2023, 6, 1)))
    after = run(felony_revoked_to_prison(done=done), new_felony(date(2023, 6, 2)))
    assert flag_of(inside.cases[0]) == "AUTO_RELIEF_1203_425_NOT_AVAILABLE"
    assert "new felony" in auto_notice(inside.cases[0])
    assert flag_of(after.cases[0]) == "AUTO_RELIEF_1203_425_POSSIBLE"


def test_new_misdemeanor_does_not_defeat_the_felony_prong():
    """§ 1203.425(a)(1)(B)(v): only "a new felony offense" counts."""
    misdemeanor = conviction(number="NEW2", convicted_on=date(2021, 1, 1),
                             sentence={"probation": probation(start=date(2021, 1, 1), end=date(2022, 1, 1)),
                                       "completed": True, **PAID})
    result = run(felony_revoked_to_prison(), misdemeanor)
    assert flag_of(result.cases[0]) == "AUTO_RELIEF_1203_425_POSSIBLE"


def test_undated_other_felony_is_an_open_condition():
    """§ 1203.425(a)(1)(B)(v): a felony conviction in another case with no date → we cannot rule it in or out."""
    result = run(felony_revoked_to_prison(), new_felony(None))
    assert flag_of(result.cases[0]) == "AUTO_RELIEF_1203_425_POSSIBLE"
    assert "later felony conviction is not known" in auto_notice(result.cases[0])


# --- clauses (ii)-(iii): current supervision, charges, sentence ----------------------------------


def test_relief_possibly_granted_before_a_later_supervision_is_possible():
    """§ 1203.425(a)(1)(B)(ii): supervision now holds relief back, but the case met prong (I) from
    July 1, 2022 and the later probation began in 2025 → relief may already have been granted."""
    later = conviction(number="LATER1", convicted_on=date(2025, 3, 1),
                       sentence={"probation": probation("ongoing", start=date(2025, 3, 1), end=date(2027, 3, 1)),
                                 "completed": False})
    result = run(misdemeanor_probation(), later)
    assert flag_of(result.cases[0]) == "AUTO_RELIEF_1203_425_POSSIBLE"
    assert "already have been granted" in auto_notice(result.cases[0])


def test_supervision_that_began_before_eligibility_is_later():
    """§ 1203.425(a)(1)(B)(ii): supervision since before the case could qualify → no window → LATER."""
    earlier = conviction(number="EARLY1", convicted_on=date(2021, 3, 1),
                         sentence={"probation": probation("ongoing", start=date(2021, 3, 1), end=date(2027, 3, 1)),
                                   "completed": False})
    result = run(misdemeanor_probation(), earlier)
    assert flag_of(result.cases[0]) == "AUTO_RELIEF_1203_425_LATER"


def test_pending_charge_of_unknown_start_is_possible():
    """§ 1203.425(a)(1)(B)(iii): "no indication of pending criminal charges"; when it began is not known."""
    result = case_result(misdemeanor_probation(), pending_charges=[{"description": "new case"}])
    assert flag_of(result) == "AUTO_RELIEF_1203_425_POSSIBLE"


def test_unknown_supervision_is_an_open_condition():
    """§ 1203.425(a)(1)(B)(ii): supervision not known → POSSIBLE."""
    assert flag_of(case_result(misdemeanor_probation(), supervision_unknown=True)) == "AUTO_RELIEF_1203_425_POSSIBLE"


# --- § 851.93 -------------------------------------------------------------------------------------


def misdemeanor_arrest(disposition: str, on: date = date(2023, 2, 10), **extra) -> dict:
    return arrest(count("148(a)(1)", disposition=disposition, **extra) | {"level_convicted": None}, on=on)


def felony_arrest(disposition: str, section: str = "460(b)", on: date = date(2020, 2, 10), **extra) -> dict:
    return arrest(count(section, level="felony", disposition=disposition, **extra) | {"level_convicted": None},
                  on=on)


def test_any_felony_arrest_offense_makes_it_a_felony_arrest():
    """§ 851.93(a)(2)(A), (C): a felony never filed beside a dismissed misdemeanor count (scenario 07) → not
    expected."""
    case = arrest(count("245(a)(1)", level="felony", disposition="never_filed") | {"level_convicted": None},
                  count("148(a)(1)", disposition="dismissed", may_be_refiled=False) | {"level_convicted": None},
                  on=date(2024, 3, 1), court_case_number="24CM00707")
    case["counts"] = [count("148(a)(1)", disposition="dismissed", may_be_refiled=False) | {"level_convicted": None}]
    result = case_result(case)
    assert flag_of(result, "AUTO_RELIEF_851_93") == "AUTO_RELIEF_851_93_NOT_EXPECTED"
    assert any(n.cite == "Pen. Code, § 851.93(a)(2)(C)(i)" for n in result.notices)


def test_felony_charged_then_dismissed_is_not_expected():
    """§ 851.93(a)(2)(A) is for misdemeanor arrests; (C) needs "no indication that criminal proceedings have
    been initiated"."""
    result = case_result(felony_arrest("dismissed", may_be_refiled=False))
    assert flag_of(result, "AUTO_RELIEF_851_93") == "AUTO_RELIEF_851_93_NOT_EXPECTED"


def test_misdemeanor_dismissed_is_likely_from_july_1_2022():
    """§ 851.93(a)(2)(A): "arrest was for a misdemeanor offense and the charge was dismissed"."""
    case = misdemeanor_arrest("dismissed", on=date(2020, 2, 10), may_be_refiled=False)
    assert flag_of(case_result(case, as_of=date(2022, 6, 30)), "AUTO_RELIEF_851_93") == "AUTO_RELIEF_851_93_LATER"
    result = case_result(case, as_of=date(2022, 7, 1))
    assert flag_of(result, "AUTO_RELIEF_851_93") == "AUTO_RELIEF_851_93_LIKELY"
    assert any(n.cite == "Pen. Code, § 851.93(a)(2)(A)" for n in result.notices)


def test_misdemeanor_never_filed_waits_one_calendar_year():
    """§ 851.93(a)(2)(B): "at least one calendar year has elapsed since the date of the arrest"."""
    case = misdemeanor_arrest("never_filed", on=date(2025, 11, 1))
    assert flag_of(case_result(case, as_of=date(2026, 10, 31)), "AUTO_RELIEF_851_93") == "AUTO_RELIEF_851_93_LATER"
    assert flag_of(case_result(case, as_of=date(2026, 11, 1)), "AUTO_RELIEF_851_93") == "AUTO_RELIEF_851_93_LIKELY"


def test_felony_never_filed_waits_three_years():
    """§ 851.93(a)(2)(C)(i): "at least three calendar years have elapsed since the date of the arrest"."""
    case = felony_arrest("never_filed", on=date(2023, 11, 1))
    assert flag_of(case_result(case, as_of=date(2026, 10, 31)), "AUTO_RELIEF_851_93") == "AUTO_RELIEF_851_93_LATER"
    result = case_result(case, as_of=date(2026, 11, 1))
    assert flag_of(result, "AUTO_RELIEF_851_93") == "AUTO_RELIEF_851_93_LIKELY"
    assert any(n.cite == "Pen. Code, § 851.93(a)(2)(C)(i)" for n in result.notices)


def test_felony_arrest_prong_operative_october_1_2024():
    """§ 851.93(a)(2)(C), operative Oct. 1, 2024 (SB 731 as delayed)."""
    case = felony_arrest("never_filed", on=date(2015, 1, 1))
    assert flag_of(case_result(case, as_of=date(2024, 9, 30)), "AUTO_RELIEF_851_93") == "AUTO_RELIEF_851_93_LATER"
    assert flag_of(case_result(case, as_of=date(2024, 10, 1)), "AUTO_RELIEF_851_93") == "AUTO_RELIEF_851_93_LIKELY"


def test_eight_year_felony_waits_six_years():
    """§ 851.93(a)(2)(C)(ii): punishable by eight years or more → six years (§ 800 gives such offenses six)."""
    case = felony_arrest("never_filed", section="451(b)", on=date(2020, 11, 1))
    result = case_result(case, as_of=date(2026, 10, 31))
    assert flag_of(result, "AUTO_RELIEF_851_93") == "AUTO_RELIEF_851_93_LATER"
    assert any(n.cite == "Pen. Code, § 851.93(a)(2)(C)(ii)" for n in result.notices)
    assert flag_of(case_result(case, as_of=date(2026, 11, 1)), "AUTO_RELIEF_851_93") == "AUTO_RELIEF_851_93_LIKELY"


def test_felony_not_in_the_table_is_possible_between_three_and_six_years():
    """§ 851.93(a)(2)(C)(i)-(ii): the punishment decides the wait; not known → POSSIBLE in between."""
    case = felony_arrest("never_filed", section="999.99", on=date(2022, 1, 1))
    result = case_result(case)
    assert flag_of(result, "AUTO_RELIEF_851_93") == "AUTO_RELIEF_851_93_POSSIBLE"
    assert "January 1, 2028" in auto_notice(result, "851.93")


def test_no_limitation_offense_is_possible():
    """§ 851.93(a)(2)(C)(ii): whether it reaches an offense with no limitation period is unclear."""
    case = felony_arrest("never_filed", section="187", on=date(2015, 1, 1))
    assert flag_of(case_result(case), "AUTO_RELIEF_851_93") == "AUTO_RELIEF_851_93_POSSIBLE"


def test_felony_acquittal_is_likely_after_the_wait_possible_before():
    """§ 851.93(a)(2)(C)(i): "or the arrestee was acquitted of any charges arising from that arrest"."""
    old = felony_arrest("acquitted", on=date(2020, 2, 10))
    recent = felony_arrest("acquitted", on=date(2025, 2, 10))
    assert flag_of(case_result(old), "AUTO_RELIEF_851_93") == "AUTO_RELIEF_851_93_LIKELY"
    assert flag_of(case_result(recent), "AUTO_RELIEF_851_93") == "AUTO_RELIEF_851_93_POSSIBLE"


def test_diversion_and_dej():
    """§ 851.93(a)(2)(D): DEJ and drug diversion; a misdemeanor diversion also fits (A) (scenario 33); a felony
    diversion depends on the program → POSSIBLE."""
    dej = felony_arrest("dej_completed", section="11350(a)", code="HS")
    misdemeanor = misdemeanor_arrest("diversion_completed")
    felony = felony_arrest("diversion_completed")
    assert flag_of(case_result(dej), "AUTO_RELIEF_851_93") == "AUTO_RELIEF_851_93_LIKELY"
    assert flag_of(case_result(misdemeanor), "AUTO_RELIEF_851_93") == "AUTO_RELIEF_851_93_LIKELY"
    result = case_result(felony)
    assert flag_of(result, "AUTO_RELIEF_851_93") == "AUTO_RELIEF_851_93_POSSIBLE"
    assert any(n.cite == "Pen. Code, § 851.93(a)(2)(D)" for n in result.notices)


def test_unknown_arrest_level_is_possible_when_it_matters():
    """§ 851.93(a)(2)(B)-(C): a wobbler arrest of unknown level, 1-3 years ago → the level decides → POSSIBLE."""
    case = arrest(count("460(b)", disposition="never_filed") | {"level_charged": None, "level_convicted": None},
                  on=date(2024, 6, 1))
    result = case_result(case)
    assert flag_of(result, "AUTO_RELIEF_851_93") == "AUTO_RELIEF_851_93_POSSIBLE"
    assert "felony or a misdemeanor" in auto_notice(result, "851.93")


# --- immigration (8 U.S.C. § 1101(a)(48)(A)) and licensing ---------------------------------------


IMMIGRATION_CITE = "8 U.S.C. § 1101(a)(48)(A)"


def immigration(result) -> list[str]:
    return [n.text for n in result.notices if n.cite == IMMIGRATION_CITE]


def test_dej_plea_gets_immigration_counsel_pointing_to_1203_43():
    """8 U.S.C. § 1101(a)(48)(A); Pen. Code § 1203.43: the DEJ plea can count even after dismissal."""
    dej = count("11350(a)", code="HS", level="felony", disposition="dej_completed") | {"level_convicted": None}
    case = arrest(dej, on=date(2012, 4, 1), dej_dismissed_on=date(2014, 4, 1), court_case_number="DEJ1")
    result = case_result(case)
    assert "IMMIGRATION_COUNSEL" in result.flags
    assert any("§ 1203.43" in t and "deferred entry of judgment" in t for t in immigration(result))


def test_diversion_plea_gets_immigration_counsel():
    """8 U.S.C. § 1101(a)(48)(A): a plea entered for diversion can count as a conviction."""
    result = case_result(misdemeanor_arrest("diversion_completed"))
    assert "IMMIGRATION_COUNSEL" in result.flags
    assert any("diversion" in t and "plea" in t for t in immigration(result))


def test_conviction_keeps_immigration_counsel_after_a_dismissal():
    """8 U.S.C. § 1101(a)(48)(A): a dismissal already granted does not undo the conviction."""
    result = case_result(misdemeanor_probation() | {"relief_granted": [{"remedy": "1203.4", "on": date(2020, 1, 1)}]})
    assert "IMMIGRATION_COUNSEL" in result.flags
    assert any("1473.7" in t for t in immigration(result))


def test_verdict_conviction_gets_immigration_counsel():
    """8 U.S.C. § 1101(a)(48)(A): "a formal judgment of guilt" — a verdict too."""
    result = case_result(conviction(count("484", disposition="convicted_verdict")))
    assert "IMMIGRATION_COUNSEL" in result.flags


@pytest.mark.parametrize("disposition", ["never_filed", "acquitted", "dismissed"])
def test_no_immigration_counsel_without_a_plea(disposition):
    """8 U.S.C. § 1101(a)(48)(A): no plea, no finding → no conviction; the flag is not added."""
    result = case_result(misdemeanor_arrest(disposition, on=date(2020, 2, 10), may_be_refiled=False))
    assert "IMMIGRATION_COUNSEL" not in result.flags
    assert immigration(result) == []


def test_licensing_protection_is_not_promised_for_1203_42_alone():
    """Bus. & Prof. Code § 480(c) names §§ 1203.4, 1203.4a, 1203.41 dismissals; § 1203.42 is open."""
    case = profile(conviction(count("460(b)", level="felony"))).cases[0]
    only_42 = CaseResult(case_number="X", county="Fresno", remedies=[
        Decision(remedy="1203.42", status=Status.discretionary, eligible_now=True)])
    add_effects(only_42, case)
    disclosure = next(n.text for n in only_42.notices if n.text.startswith("You must still tell the truth"))
    assert "480(c)" not in disclosure
    with_41 = CaseResult(case_number="X", county="Fresno", remedies=[
        Decision(remedy="1203.41", status=Status.discretionary, eligible_now=True)])
    add_effects(with_41, case)
    assert any("480(c)" in n.text for n in with_41.notices)


# --- § 17(b) after a revocation -------------------------------------------------------------------


def felony_probation_revoked(**probation_extra) -> dict:
    p = probation("revoked", violations=True, kind="formal") | probation_extra
    return conviction(count("460(b)", level="felony"), sentence={"probation": p, "completed": True})


def test_17b_blocked_by_prison_executed_on_revocation():
    """§ 17(b)(1): a judgment imposing state prison — here executed when probation was revoked."""
    d = decide("17b", felony_probation_revoked(revocations=[{"on": date(2016, 1, 5), "result": "prison"}]))
    assert d.status == "ineligible" and d.blockers == ["STATE_PRISON_SENTENCE"]
    assert "Pen. Code, § 17(b)(1)" in cites(d)
    assert any("revoked" in r.text for r in d.reasons)


def test_17b_blocked_by_1170h_jail_executed_on_revocation():
    """§ 17(b)(1): a county-jail term under § 1170(h) executed on revocation."""
    d = decide("17b", felony_probation_revoked(revocations=[{"on": date(2016, 1, 5), "result": "jail_1170h"}]))
    assert d.status == "ineligible" and d.blockers == ["COUNTY_JAIL_1170H_SENTENCE"]
    assert "Pen. Code, § 17(b)(1)" in cites(d)


def test_17b_blocked_by_revoked_outcome_with_a_prison_or_jail_block():
    """§ 17(b)(1): outcome revoked with a state_prison or county_jail_1170h block → executed term."""
    prison = felony_probation_revoked()
    prison["sentence"]["state_prison"] = {"sentenced_on": date(2016, 1, 5)}
    jail = felony_probation_revoked()
    jail["sentence"]["county_jail_1170h"] = {"subparagraph": "A", "release_date": date(2017, 1, 1)}
    assert decide("17b", prison).blockers == ["STATE_PRISON_SENTENCE"]
    assert decide("17b", jail).blockers == ["COUNTY_JAIL_1170H_SENTENCE"]


def test_17b_revoked_then_reinstated_stays_discretionary():
    """§ 17(b)(3): probation reinstated after a revocation is still a grant of probation."""
    case = conviction(count("460(b)", level="felony"), sentence={"probation": probation(
        "violated_reinstated", violations=True, revocations=[{"on": date(2016, 1, 5), "result": "reinstated"}]),
        "completed": True})
    d = decide("17b", case)
    assert d.status == "discretionary" and d.eligible_now


def test_17b_revocation_with_nothing_known_after_it_is_asked():
    """§ 17(b)(1): revoked, and what followed is not known → needs_review with the field to fill."""
    d = decide("17b", felony_probation_revoked())
    assert d.status == "needs_review"
    assert "cases[0].sentence.probation.revocations" in {q.field for q in d.questions}


def test_17b_ess_term_still_suspended_is_unsettled_not_barred():
    """§ 17(b)(3), People v. Wood (1998): an ESS term pronounced, execution still suspended → needs_review."""
    case = conviction(count("460(b)", level="felony"),
                      sentence={"probation": probation(), "completed": True,
                                "state_prison": {"ess_pronounced_on": date(2015, 3, 1)}})
    d = decide("17b", case)
    assert d.status == "needs_review" and d.blockers == ["ESS_PRISON_SENTENCE_IMPOSED"]
    assert "Pen. Code, § 17(b)(3)" in cites(d)


def test_17b_ess_term_executed_on_revocation_is_barred():
    """§ 17(b)(1): the suspended prison term executed on revocation → a prison judgment."""
    p = probation("revoked", violations=True, suspension="execution",
                  revocations=[{"on": date(2016, 1, 5), "result": "prison"}])
    case = conviction(count("460(b)", level="felony"),
                      sentence={"probation": p, "completed": True,
                                "state_prison": {"ess_pronounced_on": date(2015, 3, 1),
                                                 "committed_on": date(2016, 1, 5)}})
    d = decide("17b", case)
    assert d.status == "ineligible" and d.blockers == ["STATE_PRISON_SENTENCE"]


def test_17b_prison_block_with_probation_unclear_is_asked():
    """§ 17(b)(1): a prison term recorded beside probation, execution not shown → needs_review, asked."""
    case = conviction(count("460(b)", level="felony"),
                      sentence={"probation": probation(), "completed": True,
                                "state_prison": {"sentenced_on": date(2015, 3, 1)}})
    d = decide("17b", case)
    assert d.status == "needs_review"
    assert "cases[0].sentence.state_prison.committed_on" in {q.field for q in d.questions}

