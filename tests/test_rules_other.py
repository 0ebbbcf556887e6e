"""The other remedies and the cross-case rules: 1203.43, 1203.49, Prop 47, Prop 64, certificate of
rehabilitation, out-of-state cases, two counties, automatic relief, the effects notices."""

from datetime import date

from tests.scenario import arrest, case_result, cites, conviction, count, decide, probation, run


def test_completed_dej_is_mandatory():
    """§ 1203.43(a)(1): DEJ granted on or after Jan. 1, 1997, charges dismissed under § 1000.3 → "shall"."""
    case = arrest(count("11350(a)", code="HS", disposition="dej_completed") | {"level_convicted": None},
                  on=date(2012, 4, 1), dej_dismissed_on=date(2014, 4, 1), court_case_number="DEJ1")
    d = decide("1203.43", case)
    assert d.status == "mandatory" and d.eligible_now
    assert "Pen. Code, § 1203.43(a)(1)" in cites(d)


def test_647b_trafficking_victim_is_discretionary_with_vacatur_offered():
    """§ 1203.49: completed probation on a 647(b) conviction, trafficking victim → "may"; § 236.14 too."""
    result = case_result(conviction(count("647(b)"), trafficking_victim=True))
    assert result.remedy("1203.49").status == "discretionary"
    assert result.remedy("236.14").status == "needs_review"


def test_prop_47_redesignation_is_mandatory_after_the_sentence():
    """§ 1170.18(f)-(g): a completed sentence for a listed felony → the court "shall" designate it."""
    case = conviction(count("11350(a)", code="HS", level="felony"), convicted_on=date(2012, 6, 1))
    result = run(case)
    d = result.cases[0].remedy("1170.18")
    assert d.status == "mandatory" and d.eligible_now
    assert result.recommended_order.index("1170.18@CASE1") < result.recommended_order.index("1203.4@CASE1")


def test_prop_47_deadline_then_good_cause_then_none():
    """§ 1170.18(j): deadline Nov. 4, 2022, later on good cause; SB 749 (2023) removed it."""
    case = conviction(count("11350(a)", code="HS", level="felony"), convicted_on=date(2012, 6, 1))
    assert decide("1170.18", case, as_of=date(2022, 1, 10)).status == "mandatory"
    late = decide("1170.18", case, as_of=date(2023, 6, 1))
    assert late.status == "discretionary" and "good cause" in " ".join(r.text for r in late.reasons)
    assert decide("1170.18", case, as_of=date(2024, 2, 1)).status == "mandatory"


def test_prop_47_barred_by_a_super_strike_prior():
    """§ 1170.18(i): not for a person with a prior listed in § 667(e)(2)(C)(iv)."""
    case = conviction(count("11350(a)", code="HS", level="felony"), convicted_on=date(2012, 6, 1))
    d = decide("1170.18", case, super_strike_prior=True)
    assert d.status == "ineligible"


def test_prop_64_cannabis_conviction_is_mandatory_and_flagged_for_automatic_review():
    """Health & Saf. Code § 11361.8(e)-(f): completed sentence → "shall" grant; § 11361.9 review is a flag."""
    result = case_result(conviction(count("11359", code="HS", level="felony"), convicted_on=date(2014, 2, 1)))
    assert result.remedy("11361.8").status == "mandatory"
    assert "AUTO_RELIEF_11361_9_LIKELY" in result.flags


def test_certificate_of_rehabilitation_waits_seven_years():
    """§ 4852.03(a): five years' residence plus two more, from release on parole."""
    case = conviction(count("211", level="felony"), convicted_on=date(2018, 1, 1),
                      sentence={"state_prison": {"sentenced_on": date(2018, 1, 1), "release_date": date(2021, 1, 1),
                                                 "parole_discharge_date": date(2023, 1, 1)}, "completed": True})
    d = decide("4852.01", case, california_resident_since=date(1990, 1, 1))
    assert d.blockers == ["WAIT_PERIOD"] and d.eligible_on == date(2028, 1, 1)


def test_certificate_barred_for_288():
    """§ 4852.01(c): the chapter does not apply to persons convicted of § 288 (table: excluded_4852_01)."""
    case = conviction(count("288(a)", level="felony"), convicted_on=date(2005, 1, 1),
                      sentence={"state_prison": {"sentenced_on": date(2005, 1, 1), "release_date": date(2010, 1, 1),
                                                 "parole_discharge_date": date(2013, 1, 1)}, "completed": True})
    d = decide("4852.01", case)
    assert d.status == "ineligible" and d.blockers == ["COR_EXCLUDED_OFFENSE"]


def test_federal_case_is_listed_but_not_screened():
    """DESIGN.md: out-of-state and federal convictions → ineligible, NOT_CA_STATE_CONVICTION, not ordered."""
    federal = conviction(county=None, number="2:19-cr-00123") | {"jurisdiction": "federal"}
    result = run(conviction(), federal)
    d = result.cases[1].remedies[0]
    assert d.status == "ineligible" and d.blockers == ["NOT_CA_STATE_CONVICTION"]
    assert not any(e.endswith("@2:19-cr-00123") for e in result.recommended_order)


def test_two_counties_need_separate_petitions():
    """§ 1203.4(a)(1): relief is granted by the court of conviction: each county gets its own (trap 10)."""
    result = run(conviction(number="LA1"), conviction(number="SD2", county="San Diego"))
    assert all("MULTI_COUNTY_SEPARATE_PETITIONS" in c.flags for c in result.cases)
    assert {c.county for c in result.cases} == {"Los Angeles", "San Diego"}
    assert result.recommended_order == ["1203.4@LA1", "1203.4@SD2"]


def test_automatic_relief_never_replaces_the_petition():
    """§ 1203.425(a)(1)(B): DOJ may already have granted relief — a flag; the petition stays recommended.
    LIKELY only when every condition is plainly met, fines paid included."""
    result = run(conviction(sentence={"probation": probation(), "completed": True, "fines_paid": True}))
    case = result.cases[0]
    assert "AUTO_RELIEF_1203_425_LIKELY" in case.flags
    assert "1203.4@CASE1" in result.recommended_order


def test_revoked_probation_has_no_automatic_relief():
    """§ 1203.425(a)(1)(B): a misdemeanor needs probation completed "without revocation", or no probation
    granted at all; revoked misdemeanor probation fits neither (a felony would go to the felony prong)."""
    case = conviction(sentence={"probation": probation("revoked", violations=True), "completed": True})
    assert "AUTO_RELIEF_1203_425_NOT_AVAILABLE" in case_result(case).flags


def test_dismissal_notices_cover_firearms_and_immigration():
    """§ 1203.4(a)(2): no firearm rights; 8 U.S.C. § 1101(a)(48)(A): still a conviction for immigration."""
    result = case_result(conviction(count("23152(a)", code="VC")))
    assert {"FIREARMS_NOT_RESTORED", "IMMIGRATION_COUNSEL", "DMV_PRIOR_UNAFFECTED"} <= set(result.flags)
    assert any(n.cite == "Pen. Code, § 1203.4(a)(2)" for n in result.notices)


def test_every_reason_cites_a_statute():
    """DESIGN.md: no decision without a reason, and every reason with its citation."""
    result = run(conviction(count("460(b)", level="felony")), arrest(count("484", disposition="never_filed")))
    for case in result.cases:
        for d in case.remedies:
            assert d.reasons
            assert all(r.cite.startswith(("Pen. Code", "Health & Saf. Code", "Veh. Code", "8 U.S.C."))
                       for r in d.reasons)


def test_unknown_outcome_of_a_count_is_needs_review_never_a_guess():
    """§ 851.91(a)(1): eligibility turns on how every charge ended; "I don't know" → needs_review."""
    unknown = count("484", disposition="unknown") | {"level_convicted": None}
    d = decide("851.91", arrest(unknown))
    assert d.status == "needs_review"
    assert any("How did PC 484 end" in r.text for r in d.reasons)
    mixed = conviction(count("484"), count("459.5", disposition="unknown") | {"level_convicted": None})
    dismissal = decide("1203.4", mixed)
    assert dismissal.status == "needs_review"
    assert any("RAP sheet" in r.text for r in dismissal.reasons)


def test_unknown_supervision_is_asked_not_assumed():
    """§ 1203.4(a)(1): supervision in any case blocks a dismissal, so not knowing is a question."""
    d = decide("1203.4", conviction(), supervision_unknown=True)
    assert d.status == "needs_review"
    assert any("supervision in any case" in r.text for r in d.reasons)
