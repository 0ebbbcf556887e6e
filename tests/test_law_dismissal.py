"""The dismissal statutes as the December 2026 review corrected them: §§ 1203.4, 1203.4a, the
person-level gates, § 17(d)(2) for Vehicle Code wobblettes, AB 1950's caps and § 1203.3.

Each test's docstring names the subdivision (or case) it exercises; the rule is built from the statute text.
"""

from datetime import date

import pytest

from tests.scenario import AS_OF, LONG_AGO, arrest, case_result, cites, conviction, count, decide, probation, run

NO_PROBATION = {"jail_days": 2, "completed": True}


def fields(d) -> set:
    return {q.field for q in d.questions}


def codes(d) -> set:
    return {q.code for q in d.questions}


def any_cite(d, text: str) -> bool:
    return any(text in c for c in cites(d))


def misdemeanor_no_probation(*counts, judged: date = LONG_AGO, **extra) -> dict:
    return conviction(*counts, convicted_on=judged, sentence=NO_PROBATION, new_conviction_since_judgment=False,
                      **extra)


# --- 1. § 1203.4(c)(1): "charged with" a Veh. Code § 12810(a)-(e) offense ------------------------------


@pytest.mark.parametrize("disposition", ["dismissed", "acquitted", "never_filed"])
def test_a_12810_charge_that_did_not_end_in_conviction_is_never_mandatory(disposition):
    """§ 1203.4(c)(1): (a) "does not apply to a person who receives a notice to appear or is otherwise charged
    with" a 12810 offense; (c)(2) speaks of one "convicted of" it → unsettled, needs_review."""
    d = decide("1203.4", conviction(count("14601.1(a)", code="VC", disposition=disposition),
                                    count("12500(a)", code="VC")))
    assert d.status == "needs_review" and d.eligible_now
    assert "VC12810_OFFENSE" in d.discretion
    assert "LAW_UNSETTLED" in codes(d)
    assert "Pen. Code, § 1203.4(c)(1)" in cites(d) and "Pen. Code, § 1203.4(c)(2)" in cites(d)
    assert not any("court must grant" in r.text for r in d.reasons)


def test_a_12810_arrest_offense_counts_too():
    """§ 1203.4(c)(1): "receives a notice to appear or is otherwise charged" — the arrest offenses of the case
    are read, not only its counts."""
    case = conviction(count("484")) | {"arrest": {"date": date(2015, 1, 1), "offenses": [
        count("23152(a)", code="VC", disposition="never_filed")]}}
    d = decide("1203.4", case)
    assert d.status == "needs_review"
    assert "VC12810_OFFENSE" in d.discretion and "LAW_UNSETTLED" in codes(d)


def test_a_12810_conviction_is_discretionary_not_unsettled():
    """§ 1203.4(c)(2): a defendant "convicted of" a listed violation may get relief in the court's discretion."""
    d = decide("1203.4", conviction(count("14601.1(a)", code="VC"), count("23103(a)", code="VC",
                                                                          disposition="dismissed")))
    assert d.status == "discretionary" and d.eligible_now
    assert d.discretion == ["VC12810_OFFENSE"]
    assert any_cite(d, "Veh. Code, § 12810(e)") and any_cite(d, "§ 1203.4(c)(2)")
    assert d.questions == []


def test_without_a_12810_charge_fulfilled_probation_stays_mandatory():
    """§ 1203.4(a)(1): with no 12810 charge anywhere, fulfilment makes relief "shall"."""
    d = decide("1203.4", conviction(count("484"), count("242", disposition="dismissed")))
    assert d.status == "mandatory" and d.discretion == []


def test_an_unknown_dismissed_charge_is_asked_about_only_when_it_matters():
    """§ 1203.4(c)(1): a charge not in the offense table might be a 12810 offense; it matters only while the
    answer would otherwise be mandatory."""
    clean = decide("1203.4", conviction(count("484"), count("99999", code="VC", disposition="dismissed")))
    assert clean.status == "needs_review"
    assert any("12810" in r.text and "VC 99999" in r.text for r in clean.reasons)
    violated = decide("1203.4", conviction(count("484"), count("99999", code="VC", disposition="dismissed"),
                                           sentence={"probation": probation("violated_reinstated", violations=True),
                                                     "completed": True}))
    assert violated.status == "discretionary" and violated.discretion == ["PROBATION_VIOLATION"]


# --- 2. the person-level gates, statute by statute ------------------------------------------------------


def _other_case_on_probation(end: date = date(2027, 5, 31)) -> dict:
    return conviction(count("484"), number="CUR2", convicted_on=date(2025, 6, 1),
                      sentence={"probation": probation("ongoing", start=date(2025, 6, 1), end=end),
                                "completed": False})


def test_probation_in_another_case_is_unsettled_for_1203_4a_not_a_dated_block():
    """§ 1203.4a(a): "not then serving a sentence for any offense"; probation is not a sentence (§ 1203(a))."""
    d = decide("1203.4a", misdemeanor_no_probation(count("484")), _other_case_on_probation())
    assert d.status == "needs_review"
    assert d.blockers == [] and d.eligible_now and d.eligible_on is None
    assert "LAW_UNSETTLED" in codes(d)
    assert "Pen. Code, § 1203(a)" in cites(d) and any("CUR2" in r.text for r in d.reasons)


def test_probation_in_another_case_still_blocks_1203_4():
    """§ 1203.4(a)(1): not "on probation for any offense" — a dated not-yet."""
    d = decide("1203.4", conviction(number="OLD1"), _other_case_on_probation())
    assert d.blockers == ["ON_PROBATION_OTHER_CASE"] and d.eligible_on == date(2027, 6, 1)


@pytest.mark.parametrize("kind,code,cite", [
    ("parole", "ON_PAROLE", "Pen. Code, § 3000(a)(1)"),
    ("prcs", "ON_PAROLE", "Pen. Code, § 3000(a)(1)"),
    ("mandatory_supervision", "ON_MANDATORY_SUPERVISION", "Pen. Code, § 1170(h)(5)(B)"),
    ("federal", "ON_FEDERAL_SUPERVISION", "18 U.S.C. § 3583(a)"),
])
@pytest.mark.parametrize("remedy", ["1203.4", "1203.4a"])
def test_supervision_that_is_part_of_a_sentence_blocks_both_statutes(kind, code, cite, remedy):
    """§ 1203.4(a)(1), § 1203.4a(a): "serving a sentence"; parole/PRCS are part of a prison sentence
    (§ 3000(a)(1)), mandatory supervision of a § 1170(h)(5)(B) term, supervised release of a federal one
    (18 U.S.C. § 3583(a))."""
    case = conviction() if remedy == "1203.4" else misdemeanor_no_probation(count("484"))
    d = decide(remedy, case, supervision=[{"kind": kind, "case_number": "X-9", "ends_on": date(2027, 6, 30)}])
    assert d.blockers == [code]
    assert not d.eligible_now and d.eligible_on == date(2027, 7, 1)
    assert cite in cites(d)


def test_supervision_ending_today_still_blocks_and_ended_yesterday_does_not():
    """§ 1203.4(a)(1): relief only when the person "is not then serving a sentence"; the day after the end."""
    sup = {"kind": "federal", "case_number": "2:19-cr-1"}
    today = decide("1203.4", conviction(), supervision=[sup | {"ends_on": AS_OF}])
    yesterday = decide("1203.4", conviction(), supervision=[sup | {"ends_on": date(2026, 10, 31)}])
    assert today.blockers == ["ON_FEDERAL_SUPERVISION"] and today.eligible_on == date(2026, 11, 2)
    assert yesterday.blockers == [] and yesterday.status == "mandatory" and yesterday.eligible_now


def test_unknown_supervision_asks_with_the_field():
    """§ 1203.4a(a): whether a sentence is being served is a fact to ask."""
    d = decide("1203.4a", misdemeanor_no_probation(count("484")), supervision_unknown=True)
    assert d.status == "needs_review" and "status.supervision" in fields(d)


def test_a_pending_charge_blocks_1203_4a():
    """§ 1203.4a(a): "not under charge of commission of any crime"."""
    d = decide("1203.4a", misdemeanor_no_probation(count("484")), pending_charges=[{"court": "Orange"}])
    assert d.blockers == ["PENDING_CHARGE"] and not d.eligible_now and d.eligible_on is None


# --- 3. unpaid fines and § 1203.4 -----------------------------------------------------------------------


def _fines(condition, outcome: str = "completed", violations: bool | None = False, **extra) -> dict:
    return conviction(sentence={"probation": probation(outcome, violations=violations), "completed": True,
                                "fines_paid": False, "fines_condition_of_probation": condition, **extra})


def test_unpaid_fines_that_were_a_condition_make_it_discretionary():
    """§ 1203.4(a)(1); People v. Chandler (1988) 203 Cal.App.3d 782: the conditions were not fulfilled."""
    d = decide("1203.4", _fines(True))
    assert d.status == "discretionary" and d.discretion == ["CONDITION_NOT_FULFILLED"]
    assert any_cite(d, "Chandler")


def test_unpaid_fines_that_were_not_a_condition_do_not_matter():
    """§ 1203.4(a)(1); People v. Bradus (2007) 149 Cal.App.4th 636."""
    d = decide("1203.4", _fines(False))
    assert d.status == "mandatory" and any_cite(d, "Bradus")


def test_unpaid_fines_with_the_condition_unknown_asks_for_it():
    """§ 1203.4(a)(1): Chandler vs Bradus turns on whether payment was a condition → needs_review."""
    d = decide("1203.4", _fines(None))
    assert d.status == "needs_review"
    assert "cases[0].sentence.fines_condition_of_probation" in fields(d)


def test_paid_fines_ask_nothing_and_restitution_stays_carved_out():
    """§ 1203.4(c)(3)(A): "shall not be denied due to an unfulfilled order of restitution"."""
    paid = decide("1203.4", conviction(sentence={"probation": probation(), "completed": True, "fines_paid": True,
                                                 "restitution": "unpaid"}))
    assert paid.status == "mandatory" and "Pen. Code, § 1203.4(c)(3)(A)" in cites(paid)


def test_the_fines_question_is_not_asked_when_it_cannot_change_the_answer():
    """§ 1203.4(a)(1) "in any other case": after a violation the route is discretionary whatever the fines."""
    d = decide("1203.4", _fines(None, "violated_reinstated", violations=True))
    assert d.status == "discretionary" and d.questions == []


def test_early_discharge_is_its_own_prong_whatever_the_fines():
    """§ 1203.4(a)(1): "or has been discharged prior to the termination of the period of probation"."""
    d = decide("1203.4", _fines(True, "terminated_early"))
    assert d.status == "mandatory"


# --- 4. no § 1203.4 after a prison term was executed ---------------------------------------------------


def _revoked(**sentence) -> dict:
    return conviction(count("460(b)", level="felony"), sentence={
        "probation": probation("revoked", violations=True, end=date(2018, 3, 1)), "completed": True, **sentence})


def test_revoked_and_sent_to_prison_is_no_1203_4_case():
    """People v. Borja (1980) 110 Cal.App.3d 378; since SB 731 the route is § 1203.41."""
    result = run(_revoked(state_prison={"sentenced_on": date(2016, 1, 1), "release_date": date(2017, 1, 1),
                                        "parole_discharge_date": date(2018, 1, 1)}))
    d = result.cases[0].remedy("1203.4")
    assert d.status == "ineligible" and d.blockers == ["STATE_PRISON_SENTENCE"]
    assert any_cite(d, "Borja") and "Pen. Code, § 1203.41(a)(1)" in cites(d)
    assert result.cases[0].remedy("1203.41") is not None


def test_a_revocation_recorded_as_prison_is_enough():
    """People v. Borja: a prison term executed on revocation (Probation.revocations[].result = prison)."""
    case = conviction(count("460(b)", level="felony"), sentence={"probation": probation(
        "violated_reinstated", violations=True, revocations=[{"on": date(2016, 1, 1), "result": "prison"}]),
        "completed": True})
    d = decide("1203.4", case)
    assert d.status == "ineligible" and d.blockers == ["STATE_PRISON_SENTENCE"]


def test_revoked_then_1170h_jail_is_unsettled_and_points_to_1203_41():
    """§ 1203.41(a)(1) covers a § 1170(h) term; whether § 1203.4 survives its execution is unsettled."""
    result = run(_revoked(county_jail_1170h={"subparagraph": "A", "release_date": date(2018, 6, 1)}))
    d = result.cases[0].remedy("1203.4")
    assert d.status == "needs_review" and "LAW_UNSETTLED" in codes(d)
    assert "Pen. Code, § 1203.41(a)(1)" in cites(d)
    assert result.cases[0].remedy("1203.41") is not None


def test_a_suspended_prison_term_never_executed_leaves_1203_4_open():
    """§ 1203.4(a)(1): probation granted with execution of a prison term suspended, completed → mandatory."""
    case = conviction(count("460(b)", level="felony"), sentence={
        "probation": probation(suspension="execution"), "completed": True,
        "state_prison": {"ess_pronounced_on": date(2015, 3, 1)}})
    d = decide("1203.4", case)
    assert d.status == "mandatory" and d.blockers == []


def test_a_prison_term_of_unknown_fate_asks_whether_it_was_executed():
    """People v. Borja: the answer turns on whether the term was executed → needs_review with the field."""
    case = conviction(count("460(b)", level="felony"), sentence={
        "probation": probation(), "completed": True, "state_prison": {"sentenced_on": date(2015, 3, 1)}})
    d = decide("1203.4", case)
    assert d.status == "needs_review"
    assert "cases[0].sentence.state_prison.committed_on" in fields(d)


# --- relief already granted ----------------------------------------------------------------------------


@pytest.mark.parametrize("granted", ["1203.4", "1203.425"])
def test_a_dismissal_already_granted_is_not_asked_for_again(granted):
    """§ 1203.4(a)(1): the dismissal (or DOJ's automatic relief, § 1203.425) was already granted."""
    d = decide("1203.4", conviction(relief_granted=[{"remedy": granted, "on": date(2020, 1, 2)}]))
    assert d.status == "ineligible" and d.blockers == ["ALREADY_GRANTED"]


def test_a_1203_4a_dismissal_already_granted():
    """§ 1203.4a(a): nothing more to ask for once granted."""
    d = decide("1203.4a", misdemeanor_no_probation(count("484"), relief_granted=[{"remedy": "1203.4a"}]))
    assert d.status == "ineligible" and d.blockers == ["ALREADY_GRANTED"]


# --- § 1203.4(b): a felony-only exclusion and a § 17(b) reduction --------------------------------------


def test_a_felony_only_exclusion_reduced_under_17b_is_unsettled():
    """§ 1203.4(b): "a felony conviction pursuant to subdivision (d) of Section 261.5"; reduced under § 17(b)
    → unsettled; not reduced → excluded."""
    reduced = decide("1203.4", conviction(count("261.5(d)", level="felony", reduced_under_17b=True)))
    felony = decide("1203.4", conviction(count("261.5(d)", level="felony")))
    assert reduced.status == "needs_review" and "LAW_UNSETTLED" in codes(reduced)
    assert felony.status == "ineligible" and felony.blockers == ["EXCLUDED_OFFENSE_1203_4B"]


# --- 11. AB 1950's caps ---------------------------------------------------------------------------------


def _running(*counts, start: date, end: date, level: str = "felony") -> dict:
    return conviction(*(counts or [count("460(b)", level=level)]), convicted_on=start,
                      sentence={"probation": probation("ongoing", start=start, end=end), "completed": False})


def _cap_reasons(d) -> list[str]:
    return [r.text for r in d.reasons if "AB 1950" in r.text]


def test_probation_granted_the_day_before_ab_1950_raises_the_cap_the_day_of_does_not():
    """Pen. Code § 1203.1(a) as amended by AB 1950 (from Jan. 1, 2021): probation granted on or after that
    day was granted under the cap."""
    as_of = date(2022, 6, 1)
    before = decide("1203.4", _running(start=date(2020, 12, 31), end=date(2023, 12, 30)), as_of=as_of)
    on = decide("1203.4", _running(start=date(2021, 1, 1), end=date(2023, 12, 31)), as_of=as_of)
    assert before.status == "needs_review" and any("December 31, 2022" in t for t in _cap_reasons(before))
    assert "Pen. Code, § 1203.1(a)" in cites(before)
    assert _cap_reasons(on) == [] and on.status == "mandatory" and on.eligible_on == date(2024, 1, 1)


@pytest.mark.parametrize("section,code", [("23152(a)", "VC"), ("273.5(a)", "PC")])
def test_an_offense_with_its_own_probation_length_is_not_capped(section, code):
    """Pen. Code § 1203a(b), § 1203.1(l)(1): DUI (Veh. Code § 23600(b)) and domestic violence (§ 1203.097)."""
    case = _running(count(section, code=code), start=date(2020, 6, 1), end=date(2023, 6, 1))
    d = decide("1203.4", case, as_of=date(2022, 1, 1))
    assert _cap_reasons(d) == []


def test_a_domestic_victim_takes_any_crime_out_of_the_cap():
    """Pen. Code § 1203.097(a): any crime against a Fam. Code § 6211 person; another victim: the cap asks."""
    def case(victim):
        return _running(count("242", victim_relationship=victim), start=date(2020, 6, 1), end=date(2023, 6, 1),
                        level="misdemeanor")
    assert _cap_reasons(decide("1203.4", case("spouse_or_partner"), as_of=date(2022, 1, 1))) == []
    other = decide("1203.4", case("other"), as_of=date(2022, 1, 1))
    assert any("June 1, 2021" in t for t in _cap_reasons(other)) and "Pen. Code, § 1203a(a)" in cites(other)


def test_an_unknown_victim_of_a_dv_type_offense_is_asked_only_when_the_cap_would_apply():
    """Pen. Code § 1203.097(a)(1): a § 6211 victim puts probation outside AB 1950; ask for the victim only when
    the cap would change the answer."""
    capped = decide("1203.4", _running(count("368(c)"), start=date(2020, 6, 1), end=date(2023, 6, 1),
                                       level="misdemeanor"), as_of=date(2022, 1, 1))
    assert "cases[0].counts[0].victim_relationship" in fields(capped)
    uncapped = decide("1203.4", _running(count("368(c)"), start=date(2021, 6, 1), end=date(2022, 6, 1),
                                         level="misdemeanor"), as_of=date(2022, 1, 1))
    assert "cases[0].counts[0].victim_relationship" not in fields(uncapped)


def test_a_violent_felony_is_not_capped():
    """Pen. Code § 1203.1(l)(1): offenses listed in § 667.5(c) are outside the two-year cap."""
    d = decide("1203.4", _running(count("211", level="felony"), start=date(2020, 6, 1), end=date(2023, 6, 1)),
               as_of=date(2022, 1, 1))
    assert _cap_reasons(d) == []


def test_the_dv_minimum_does_not_bar_early_termination():
    """Pen. Code § 1203.3(a); § 1203.097(a)(1); People v. Killion (2018), No. E068225: the 36-month minimum
    governs the grant, not early termination."""
    case = _running(count("273.5(a)", level="misdemeanor"), start=date(2025, 1, 10), end=date(2028, 1, 9),
                    level="misdemeanor")
    d = decide("1203.3", case)
    assert d.status == "discretionary" and d.eligible_now
    assert any_cite(d, "E068225") and any_cite(d, "Pen. Code, § 1203.3(a)")


# --- 14. § 1203.4a(d): Vehicle Code infractions only; § 17(d)(2) never ahead of the dismissal -----------


def test_a_vehicle_code_wobblette_convicted_as_a_misdemeanor_gets_1203_4a_in_the_ordinary_way():
    """§ 1203.4a(d) excludes "an infraction falling within the provisions of Section 42001 of the Vehicle
    Code", not a Vehicle Code misdemeanor."""
    d = decide("1203.4a", misdemeanor_no_probation(count("14601.1(a)", code="VC")))
    assert d.status == "mandatory" and d.eligible_now and d.blockers == []


def test_an_ordinary_vehicle_code_infraction_is_excluded():
    """§ 1203.4a(d); Veh. Code § 42001: a speeding ticket."""
    d = decide("1203.4a", misdemeanor_no_probation(count("22350", code="VC", level="infraction")))
    assert d.blockers == ["VEHICLE_CODE_42001_INFRACTION"] and d.status == "ineligible"


def test_a_vehicle_code_wobblette_convicted_as_an_infraction_is_an_open_question_not_a_bar():
    """§ 1203.4a(d): whether a § 19.8 wobblette as an infraction is "within" Veh. Code § 42001 is not
    confirmed → needs_review, never ineligible."""
    d = decide("1203.4a", misdemeanor_no_probation(count("12500(a)", code="VC", level="infraction")))
    assert d.status == "needs_review" and d.blockers == []


def test_17d2_of_a_vehicle_code_wobblette_warns_it_would_bar_the_dismissal():
    """§ 17(d)(2) with § 1203.4a(d): the reduction would make it a Vehicle Code infraction that cannot be
    dismissed → needs_review at most, with the warning; never recommended ahead of the dismissal."""
    result = run(misdemeanor_no_probation(count("14601.1(a)", code="VC")))
    d = result.cases[0].remedy("17d2")
    assert d.status == "needs_review"
    assert "Pen. Code, § 1203.4a(d); Veh. Code, § 42001" in cites(d)
    assert any("Do not ask for this reduction before" in r.text for r in d.reasons)
    order = result.recommended_order
    assert order.index("1203.4a@CASE1") < order.index("17d2@CASE1")


def test_17d2_of_a_penal_code_wobblette_has_no_vehicle_code_warning():
    """§ 17(d)(2): a Penal Code wobblette (§ 415) reduced to an infraction can still be dismissed (§ 1203.4a)."""
    d = decide("17d2", conviction(count("415")))
    assert d.status == "needs_review"
    assert not any("1203.4a(d)" in c for c in cites(d))


def test_arrest_without_conviction_is_untouched_by_these_rules():
    """§ 1203.4(a)(1) needs a conviction; an arrest alone goes to § 851.91."""
    result = run(arrest(count("23152(a)", code="VC", disposition="never_filed")))
    assert result.cases[0].remedy("1203.4") is None


def test_revocation_to_prison_without_prison_details_still_offers_1203_41():
    """People v. Borja (1980) 110 Cal.App.3d 378: no § 1203.4 once a prison term is executed on revocation;
    § 1203.41(a)(1)-(2) is the route, and its two-year wait needs the discharge date."""
    case = conviction(count("245(a)(1)", level="felony"), sentence={
        "probation": probation("revoked", violations=True, revocations=[{"on": "2017-08-01", "result": "prison"}]),
        "completed": True})
    result = case_result(case)
    assert result.remedy("1203.4").status == "ineligible"
    d = result.remedy("1203.41")
    assert d is not None and d.status == "needs_review"
    assert "cases[0].sentence.state_prison.parole_discharge_date" in [q.field for q in d.questions]


def test_a_suspended_prison_term_never_executed_is_a_probation_case():
    """§ 1203.41 reaches a prison term served; an ESS term still suspended leaves § 1203.4 (a)(1)."""
    case = conviction(count("459", level="felony"), sentence={
        "probation": probation(suspension="execution"), "state_prison": {"ess_pronounced_on": "2015-03-01"},
        "completed": True})
    result = case_result(case)
    assert result.remedy("1203.41") is None
    assert result.remedy("1203.4").status != "ineligible"


def test_child_endangerment_has_its_own_probation_minimum():
    """Pen. Code § 273a(c): probation of at least 48 months; § 1203a(b): AB 1950's cap does not reach it."""
    d = decide("1203.4", _running(count("273a(b)"), start=date(2020, 6, 1), end=date(2024, 6, 1),
                                  level="misdemeanor"), as_of=date(2022, 1, 1))
    assert _cap_reasons(d) == [] and "cases[0].counts[0].victim_relationship" not in fields(d)
