"""Pen. Code §§ 1203.41 and 1203.42 — felony county jail and state prison."""

from datetime import date

from tests.scenario import AS_OF, cites, conviction, count, decide, run


def jail(subparagraph: str, **dates) -> dict:
    return {"county_jail_1170h": {"subparagraph": subparagraph, **dates}, "completed": True}


def prison(**dates) -> dict:
    return {"state_prison": dates, "completed": True}


def felony(section: str = "11378", code: str = "HS", sentence=None, convicted_on=date(2016, 5, 1), **extra):
    return conviction(count(section, code=code, level="felony"), sentence=sentence, convicted_on=convicted_on, **extra)


def test_split_sentence_waits_one_year_after_mandatory_supervision():
    """§ 1203.41(a)(2): one year after completing a 1170(h)(5)(B) sentence (trap 6)."""
    done = decide("1203.41", felony(sentence=jail("B", release_date=date(2017, 1, 1),
                                                  mandatory_supervision_end=date(2025, 9, 30))))
    waiting = decide("1203.41", felony(sentence=jail("B", release_date=date(2017, 1, 1),
                                                     mandatory_supervision_end=date(2026, 1, 15))))
    assert done.status == "discretionary" and done.eligible_now
    assert done.discretion == ["STATUTE_DISCRETIONARY"]
    assert waiting.blockers == ["WAIT_PERIOD"] and waiting.eligible_on == date(2027, 1, 16)


def test_straight_jail_waits_two_years():
    """§ 1203.41(a)(2): two years after a 1170(h)(5)(A) sentence (trap 6)."""
    d = decide("1203.41", felony(sentence=jail("A", release_date=date(2025, 5, 1))))
    assert d.blockers == ["WAIT_PERIOD"] and d.eligible_on == date(2027, 5, 2)
    assert "Pen. Code, § 1203.41(a)(2)" in cites(d)


def test_state_prison_serious_felony_is_eligible_since_sb_731():
    """§ 1203.41(a) (SB 731): state prison, no serious/violent exclusion; two years after parole ends."""
    d = decide("1203.41", felony("211", code="PC", sentence=prison(sentenced_on=date(2016, 5, 1),
                                                                  release_date=date(2019, 5, 1),
                                                                  parole_discharge_date=date(2022, 5, 1))))
    assert d.status == "discretionary" and d.eligible_now


def test_state_prison_before_sb_731_was_not_covered():
    """Dated law: before SB 731 took effect (Jan. 1, 2023), § 1203.41 did not reach prison sentences."""
    case = felony("211", code="PC", sentence=prison(sentenced_on=date(2016, 5, 1), release_date=date(2019, 5, 1),
                                                    parole_discharge_date=date(2020, 5, 1)))
    d = decide("1203.41", case, as_of=date(2022, 6, 1))
    assert d.status == "ineligible" and d.blockers == ["NOT_YET_IN_FORCE"]


def test_on_parole_blocks_until_discharge():
    """§ 1203.41(a)(3): "only if the defendant is not on parole" (trap 6)."""
    case = felony("211", code="PC", sentence=prison(sentenced_on=date(2016, 5, 1), release_date=date(2025, 1, 1),
                                                    parole_discharge_date=date(2027, 1, 1)))
    case["sentence"]["completed"] = False
    d = decide("1203.41", case)
    assert "ON_PAROLE" in d.blockers and not d.eligible_now
    assert d.eligible_on == date(2029, 1, 2)  # the later of parole's end and the two-year wait


def test_registrable_prison_conviction_is_excluded():
    """§ 1203.41(a) prison prong: not if the conviction requires sex-offender registration (CR-180 item 5c)."""
    case = felony("288(a)", code="PC", sentence=prison(sentenced_on=date(2010, 1, 1), release_date=date(2016, 1, 1),
                                                       parole_discharge_date=date(2019, 1, 1)))
    d = decide("1203.41", case)
    assert d.status == "ineligible" and d.blockers == ["REGISTRANT_290"]


def test_no_17b_after_1170h_jail():
    """§ 17(b)(1): not after a county-jail sentence under 1170(h), even for a wobbler (trap 5)."""
    d = decide("17b", felony("460(b)", code="PC", sentence=jail("A", release_date=date(2018, 1, 1))))
    assert d.status == "ineligible" and d.blockers == ["COUNTY_JAIL_1170H_SENTENCE"]


def test_pre_realignment_prison_for_a_1170h_crime_gets_1203_42_first():
    """§ 1203.42(a)(1)-(2): sentenced before Oct. 1, 2011 for a crime now under 1170(h); two years after.
    § 1170(h)(3): this defendant has no serious or violent prior (stated), so the term fit § 1170(h) too."""
    case = felony("11378", code="HS", convicted_on=date(2009, 3, 1),
                  sentence=prison(sentenced_on=date(2009, 3, 1), release_date=date(2011, 3, 1),
                                  parole_discharge_date=date(2013, 3, 1)))
    result = run(case, prior_serious_violent_felony=False)
    d = result.cases[0].remedy("1203.42")
    assert d.status == "discretionary" and d.eligible_now
    assert "Pen. Code, § 1203.42(a)(1)" in cites(d)
    order = result.recommended_order
    assert order.index("1203.42@CASE1") < order.index("1203.41@CASE1")


def test_1203_42_not_for_a_crime_that_would_still_go_to_prison():
    """§ 1203.42(a)(1): only a crime "eligible for sentencing pursuant to subdivision (h) of Section 1170"."""
    case = felony("211", code="PC", convicted_on=date(2009, 3, 1),
                  sentence=prison(sentenced_on=date(2009, 3, 1), release_date=date(2012, 3, 1),
                                  parole_discharge_date=date(2014, 3, 1)))
    d = decide("1203.42", case)
    assert d.status == "ineligible" and "NOT_1170H_ELIGIBLE_OFFENSE" in d.blockers


def test_1203_42_did_not_exist_before_2018():
    """Dated law: § 1203.42 (AB 1115) took effect Jan. 1, 2018."""
    case = felony("11378", code="HS", convicted_on=date(2009, 3, 1),
                  sentence=prison(sentenced_on=date(2009, 3, 1), release_date=date(2011, 3, 1),
                                  parole_discharge_date=date(2013, 3, 1)))
    d = decide("1203.42", case, as_of=date(2017, 6, 1))
    assert d.status == "ineligible"
    assert AS_OF > date(2018, 1, 1)
