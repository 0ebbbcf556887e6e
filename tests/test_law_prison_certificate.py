"""The law of the prison remedies and the fallbacks, from the statute text (RULES.md "Corrections" 8, 9,
12, 17): § 1203.41 (SB 731 prison prong), § 1203.42, the certificate of rehabilitation (§ 4852.01 ff.),
§ 236.14 vacatur, § 1203.49 and § 290.5 termination. Dates sit on their boundaries: the day before and the
day of.
"""

from __future__ import annotations

from datetime import date

from assembler.profile.load import parse_profile
from rules.decision import Status
from rules.engine import assess
from tests.scenario import AS_OF, cites, conviction, count, decide, probation, run

DISCRETIONARY = Status.discretionary
INELIGIBLE, REVIEW = Status.ineligible, Status.needs_review
RESIDENT = {"california_resident_since": date(1980, 1, 1)}


def prison(sentenced: date, released: date, discharged: date | None, **more) -> dict:
    return {"state_prison": {"sentenced_on": sentenced, "release_date": released,
                             "parole_discharge_date": discharged, **more}, "completed": discharged is not None}


def prison_case(section: str, released: date, code: str = "PC", number: str = "P1", sentenced: date = date(2012, 1, 1),
                discharged: date | None = date(2020, 1, 1), **extra) -> dict:
    return conviction(count(section, code=code, level="felony"), number=number, convicted_on=sentenced,
                      sentence=prison(sentenced, released, discharged), **extra)


def jail_case(released: date, section: str = "487(a)") -> dict:
    return conviction(count(section, level="felony"), number="J1", convicted_on=date(2019, 3, 1),
                      sentence={"county_jail_1170h": {"subparagraph": "A", "release_date": released},
                                "completed": True, "completed_on": released})


def pre_realignment(section: str = "11351", code: str = "HS", number: str = "09F1", **extra) -> dict:
    return conviction(count(section, code=code, level="felony"), number=number, convicted_on=date(2009, 9, 15),
                      sentence=prison(date(2009, 9, 15), date(2011, 3, 1), date(2013, 3, 1)), **extra)


def questions(decision) -> list[str | None]:
    return [q.field for q in decision.questions]


# --- § 4852.01(a): any felony, county jail included ---------------------------------------------------


def test_certificate_for_an_1170h_felony_seven_years_to_the_day():
    """§ 4852.01(a) ("a person convicted of a felony"); § 4852.03(a): seven years from release, the day of."""
    case = jail_case(date(2019, 11, 1))
    before = decide("4852.01", case, as_of=date(2026, 10, 31), incarcerated_since_release=None, **RESIDENT)
    assert before.status is DISCRETIONARY and not before.eligible_now
    assert before.blockers == ["WAIT_PERIOD"] and before.eligible_on == date(2026, 11, 1)
    on_the_day = decide("4852.01", case, **RESIDENT)
    assert on_the_day.status is DISCRETIONARY and on_the_day.eligible_now
    assert {"Pen. Code, § 4852.01(a)", "Pen. Code, § 4852.03(a)"} <= cites(on_the_day)


def test_felony_probation_not_a_290_offense_goes_under_a_without_a_dismissal():
    """§ 4852.01(a) "Except as specified in subdivision (b)": (b) covers only § 290 sex offenses, so a
    felony with probation needs no § 1203.4 dismissal first; seven years from release on probation."""
    case = conviction(count("460(b)", level="felony"), convicted_on=date(2019, 11, 1),
                      sentence={"probation": probation(start=date(2019, 11, 1), end=date(2021, 11, 1)),
                                "completed": True})
    d = decide("4852.01", case, **RESIDENT)
    assert d.status is DISCRETIONARY and d.eligible_now and "DISMISSAL_FIRST" not in d.blockers
    assert "Pen. Code, § 4852.01(a)" in cites(d)
    day_before = decide("4852.01", case, as_of=date(2026, 10, 31), **RESIDENT)
    assert day_before.eligible_on == date(2026, 11, 1)


def test_misdemeanor_without_a_290_offense_gets_no_certificate():
    """§ 4852.01(a)-(b): a felony, or a misdemeanor sex offense listed in § 290; nothing else."""
    result = run(conviction(count("243(a)")), **RESIDENT).cases[0]
    assert result.remedy("4852.01") is None


# --- § 4852.01(b): a § 290 sex offense with probation needs the § 1203.4 dismissal first ------------------


def misdemeanor_290(**extra) -> dict:
    return conviction(count("243.4(e)(1)"), convicted_on=date(2011, 4, 1),
                      sentence={"probation": probation(start=date(2011, 4, 1), end=date(2014, 4, 1)),
                                "completed": True}, **extra)


def test_misdemeanor_290_offense_waits_for_the_1203_4_dismissal():
    """§ 4852.01(b): "the accusatory pleading of which has been dismissed pursuant to Section 1203.4"."""
    d = decide("4852.01", misdemeanor_290(), registrant_290=True, **RESIDENT)
    assert d.status is DISCRETIONARY and not d.eligible_now and d.eligible_on is None
    assert d.blockers == ["DISMISSAL_FIRST"]
    assert "Pen. Code, § 4852.01(b)" in cites(d)


def test_after_the_dismissal_the_290_route_asks_about_custody_since():
    """§ 4852.01(b): "has not been incarcerated in any prison, jail ... since the dismissal" — known false,
    unknown (asked), true (barred)."""
    dismissed = misdemeanor_290(relief_granted=[{"remedy": "1203.4", "on": date(2015, 6, 1)}])
    clear = decide("4852.01", dismissed, registrant_290=True, incarcerated_since_release=False, **RESIDENT)
    assert clear.status is DISCRETIONARY and clear.eligible_now and clear.blockers == []
    unknown = decide("4852.01", dismissed, registrant_290=True, incarcerated_since_release=None, **RESIDENT)
    assert unknown.status is REVIEW and questions(unknown) == ["status.incarcerated_since_release"]
    jailed = decide("4852.01", dismissed, registrant_290=True, incarcerated_since_release=True, **RESIDENT)
    assert jailed.status is INELIGIBLE and jailed.blockers == ["INCARCERATED_SINCE_RELEASE"]


def test_290_route_period_is_ten_years_from_release_on_probation():
    """§ 4852.03(a)(2): ten years for offenses requiring registration (the day before and the day of)."""
    case = conviction(count("243.4(e)(1)"), convicted_on=date(2016, 11, 1),
                      sentence={"probation": probation(start=date(2016, 11, 1), end=date(2019, 11, 1)),
                                "completed": True}, relief_granted=[{"remedy": "1203.4", "on": date(2020, 1, 1)}])
    status = {"registrant_290": True, "incarcerated_since_release": False, **RESIDENT}
    before = decide("4852.01", case, as_of=date(2026, 10, 31), **status)
    assert before.blockers == ["WAIT_PERIOD"] and before.eligible_on == date(2026, 11, 1)
    assert decide("4852.01", case, **status).eligible_now


def test_felony_311_11_with_probation_cannot_get_the_dismissal_so_no_certificate():
    """§ 4852.01(b) with § 1203.4(b) (which lists § 311.11): the dismissal (b) requires is forbidden."""
    case = conviction(count("311.11(a)", level="felony"), convicted_on=date(2010, 5, 1),
                      sentence={"probation": probation(start=date(2010, 5, 1), end=date(2013, 5, 1)),
                                "completed": True})
    d = decide("4852.01", case, registrant_290=True, **RESIDENT)
    assert d.status is INELIGIBLE and d.blockers == ["EXCLUDED_OFFENSE_1203_4B"]
    assert "Pen. Code, § 4852.01(b)" in cites(d)


# --- § 4852.01(c): persons the chapter does not reach ---------------------------------------------------


def test_excluded_offense_in_another_case_bars_the_person():
    """§ 4852.01(c): "persons convicted of a violation of ... Section 288" — any case of theirs."""
    sex = conviction(count("288(c)(1)"), number="M1", convicted_on=date(2005, 1, 1))
    theft = jail_case(date(2015, 1, 1))
    d = decide("4852.01", sex, theft, index=1, registrant_290=True, **RESIDENT)
    assert d.status is INELIGIBLE and d.blockers == ["COR_EXCLUDED_OFFENSE"]
    assert "Pen. Code, § 4852.01(c)" in cites(d)


def test_mandatory_life_parole_known_unknown_and_over():
    """§ 4852.01(c): not for "persons serving a mandatory life parole"; asked only for a life-term offense
    whose parole has not been discharged."""
    serving = prison_case("4500", date(2015, 1, 1), discharged=None)
    assert decide("4852.01", serving, mandatory_life_parole=True, **RESIDENT).blockers == ["MANDATORY_LIFE_PAROLE"]
    asked = decide("4852.01", serving, mandatory_life_parole=None, **RESIDENT)
    assert asked.status is REVIEW and "status.mandatory_life_parole" in questions(asked)
    discharged = decide("4852.01", prison_case("4500", date(2015, 1, 1), discharged=date(2018, 1, 1)),
                        mandatory_life_parole=None, **RESIDENT)
    assert "status.mandatory_life_parole" not in questions(discharged)
    no_life_term = decide("4852.01", prison_case("211", date(2015, 1, 1)), mandatory_life_parole=None, **RESIDENT)
    assert no_life_term.status is DISCRETIONARY and no_life_term.eligible_now


def test_an_offense_the_table_does_not_know_is_never_given_the_shortest_period():
    """§ 4852.01(c) and § 4852.03(a): exclusion and period both depend on the offense."""
    d = decide("4852.01", prison_case("999.99", date(2018, 1, 1)), **RESIDENT)
    assert d.status is REVIEW
    assert "Pen. Code, § 4852.01(c)" in cites(d)


# --- § 4852.03(a): seven, nine or ten years --------------------------------------------------------------


def test_nine_years_for_a_listed_offense_day_before_and_day_of():
    """§ 4852.03(a)(2): four more years for §§ 187, 209, 219, 4500, 18755 (table: rehabilitation_years)."""
    case = prison_case("219", date(2017, 11, 1), discharged=date(2020, 1, 1))
    before = decide("4852.01", case, as_of=date(2026, 10, 31), **RESIDENT)
    assert before.blockers == ["WAIT_PERIOD"] and before.eligible_on == date(2026, 11, 1)
    on_the_day = decide("4852.01", case, **RESIDENT)
    assert on_the_day.status is DISCRETIONARY and on_the_day.eligible_now


def test_ten_years_for_each_registration_basis():
    """§ 4852.03(a)(2): ten years for "persons convicted of offenses requiring registration pursuant to
    Sections 290 to 290.024" — a § 290(c) offense, a § 290.006 order, a duty since ended; seven with none;
    asked when not known."""
    case = jail_case(date(2017, 11, 1), section="460(b)")  # nine years ago: past seven, not past ten

    def period(**status):
        return decide("4852.01", case, **RESIDENT, **status)

    for basis in ("offense_290c", "court_ordered_290006", "terminated_290_5"):
        d = period(registrant_290=basis != "terminated_290_5", registration={"basis": basis})
        assert d.blockers == ["WAIT_PERIOD"] and d.eligible_on == date(2027, 11, 1), basis
    none = period(registration={"basis": "none"})
    assert none.status is DISCRETIONARY and none.eligible_now
    unknown = period(registrant_290=None)
    assert unknown.status is REVIEW and "status.registration.basis" in questions(unknown)
    assert unknown.eligible_now


def test_ten_years_runs_out_on_the_day():
    """§ 4852.03(a)(2): a court-ordered (§ 290.006) registrant, ten years to the day."""
    case = jail_case(date(2016, 11, 1), section="460(b)")
    status = {"registrant_290": True, "registration": {"basis": "court_ordered_290006"}, **RESIDENT}
    assert decide("4852.01", case, as_of=date(2026, 10, 31), **status).eligible_on == date(2026, 11, 1)
    assert decide("4852.01", case, **status).eligible_now


def test_residence_unknown_is_asked():
    """§ 4852.06: five years' continuous residence in California before filing."""
    d = decide("4852.01", prison_case("211", date(2015, 1, 1)))
    assert d.status is REVIEW and "status.california_resident_since" in questions(d)


def test_felony_route_is_not_barred_by_custody_since_but_it_is_flagged():
    """§ 4852.01(a) does not repeat (b)'s "not incarcerated since" condition: unknown is not asked; a
    known later custody is an open question for a lawyer, never a silent yes."""
    case = prison_case("211", date(2015, 1, 1))
    unknown = decide("4852.01", case, incarcerated_since_release=None, **RESIDENT)
    assert unknown.status is DISCRETIONARY and unknown.eligible_now
    result = run(case, incarcerated_since_release=True, **RESIDENT).cases[0]
    again = result.remedy("4852.01")
    assert again.status is REVIEW and "LAW_UNSETTLED" in result.flags
    assert "Pen. Code, § 4852.01(a)" in cites(again)


def test_parole_in_this_case_must_end_first():
    """§ 4852.06: "after the termination of parole, probation, postrelease supervision, or mandatory
    supervision"."""
    case = prison_case("211", date(2015, 1, 1), discharged=date(2027, 1, 1))
    d = decide("4852.01", case, **RESIDENT)
    assert "ON_PAROLE" in d.blockers and d.eligible_on == date(2027, 1, 2)
    assert "Pen. Code, § 4852.06" in cites(d)


def test_certificate_already_granted():
    """§ 4852.13: a certificate already issued is not asked for again."""
    case = prison_case("211", date(2015, 1, 1), relief_granted=[{"remedy": "4852.01", "on": date(2024, 5, 1)}])
    d = decide("4852.01", case, **RESIDENT)
    assert d.status is INELIGIBLE and d.blockers == ["ALREADY_GRANTED"]


# --- § 1203.41 prison prong (SB 731): no registration duty from this conviction -----------------------------


def test_1203_41_prison_prong_and_each_registration_basis():
    """§ 1203.41(a) (SB 731): the prison prong needs a conviction that "did not result in a requirement to
    register" — § 290(c) offense, § 290.006 order (asked: which case?), unknown basis (asked)."""
    robbery = prison_case("211", date(2019, 5, 1), discharged=date(2022, 5, 1))
    assert decide("1203.41", robbery).status is DISCRETIONARY
    ordered = decide("1203.41", robbery, registrant_290=True, registration={"basis": "court_ordered_290006"})
    assert ordered.status is REVIEW and "Pen. Code, § 1203.41(a)" in cites(ordered)
    unknown = decide("1203.41", robbery, registrant_290=True)
    assert unknown.status is REVIEW and questions(unknown) == ["status.registration.basis"]
    registrable = prison_case("243.4(a)", date(2019, 5, 1), discharged=date(2022, 5, 1))
    barred = decide("1203.41", registrable, registrant_290=True)
    assert barred.status is INELIGIBLE and barred.blockers == ["REGISTRANT_290"]


def test_1203_41_registration_from_another_case_does_not_bar_this_one():
    """§ 1203.41(a): the question is whether THIS conviction resulted in registration."""
    sex = conviction(count("243.4(e)(1)"), number="M1", convicted_on=date(2005, 1, 1))
    robbery = prison_case("211", date(2019, 5, 1), discharged=date(2022, 5, 1))
    d = decide("1203.41", sex, robbery, index=1, registrant_290=True)
    assert d.status is DISCRETIONARY and d.eligible_now


def test_1203_41_already_granted_here_or_automatically():
    """§ 1203.41(a)(1); § 1203.425: relief already on the record is not petitioned for twice."""
    for remedy in ("1203.41", "1203.425"):
        case = prison_case("211", date(2019, 5, 1), discharged=date(2022, 5, 1),
                           relief_granted=[{"remedy": remedy, "on": date(2025, 1, 1)}])
        d = decide("1203.41", case)
        assert d.status is INELIGIBLE and d.blockers == ["ALREADY_GRANTED"], remedy


# --- § 1203.42: this defendant would have been sentenced under § 1170(h) ----------------------------------


def test_1203_42_prior_serious_felony_in_the_profile():
    """§ 1203.42(a)(1); § 1170(h)(3)(A): a prior serious or violent felony sends the term to prison."""
    robbery = prison_case("211", date(2006, 1, 1), number="03F1", sentenced=date(2003, 6, 1),
                          discharged=date(2009, 1, 1))
    d = decide("1203.42", robbery, pre_realignment(), index=1, prior_serious_violent_felony=False)
    assert d.status is INELIGIBLE and d.blockers == ["SERIOUS_OR_VIOLENT"]
    assert "Pen. Code, § 1170(h)(3)(A)" in cites(d)


def test_1203_42_a_later_serious_felony_is_not_a_prior():
    """§ 1170(h)(3)(A) "prior or current": a conviction after this sentence does not count."""
    later = prison_case("211", date(2016, 1, 1), number="14F1", sentenced=date(2014, 1, 1),
                        discharged=date(2018, 1, 1))
    d = decide("1203.42", later, pre_realignment(), index=1, prior_serious_violent_felony=False)
    assert d.status is DISCRETIONARY and d.eligible_now


def test_1203_42_stated_prior_known_unknown():
    """§ 1170(h)(3)(A)-(B): a serious/violent prior not in the profile (out-of-state included)."""
    case = pre_realignment()
    assert decide("1203.42", case, prior_serious_violent_felony=True).blockers == ["SERIOUS_OR_VIOLENT"]
    unknown = decide("1203.42", case, prior_serious_violent_felony=None)
    assert unknown.status is REVIEW and questions(unknown) == ["status.prior_serious_violent_felony"]
    assert decide("1203.42", case, prior_serious_violent_felony=False).status is DISCRETIONARY


def test_1203_42_registration_duty_at_sentencing():
    """§ 1170(h)(3)(C): a defendant "required to register as a sex offender" goes to state prison."""
    sex = conviction(count("243.4(e)(1)"), number="M1", convicted_on=date(2005, 1, 1))
    d = decide("1203.42", sex, pre_realignment(), index=1, registrant_290=True, prior_serious_violent_felony=False)
    assert d.status is INELIGIBLE and d.blockers == ["REGISTRANT_290"]
    assert "Pen. Code, § 1170(h)(3)(C)" in cites(d)
    later = {"basis": "court_ordered_290006", "since": date(2015, 1, 1)}
    ordered_later = decide("1203.42", pre_realignment(), registrant_290=True, registration=later,
                           prior_serious_violent_felony=False)
    assert ordered_later.status is REVIEW  # was the § 290.006 order made in this case?


def test_1203_42_ess_term_pronounced_before_realignment():
    """People v. Scott (2014) 58 Cal.4th 1415: a prison term imposed with execution suspended before
    Oct. 1, 2011 was "sentenced" then, though executed later; pronounced on Oct. 1, 2011 it was not."""
    def ess(pronounced: date) -> dict:
        return conviction(count("11351", code="HS", level="felony"), convicted_on=date(2010, 1, 1),
                          sentence=prison(date(2012, 3, 1), date(2013, 3, 1), date(2014, 3, 1),
                                          ess_pronounced_on=pronounced))
    d = decide("1203.42", ess(date(2011, 9, 30)), prior_serious_violent_felony=False)
    assert d.status is DISCRETIONARY and "People v. Scott (2014) 58 Cal.4th 1415" in cites(d)
    assert run(ess(date(2011, 10, 1))).cases[0].remedy("1203.42") is None


def test_1203_42_already_granted():
    """§ 1203.42(a)(1): relief already granted is not asked for again."""
    case = pre_realignment(relief_granted=[{"remedy": "1203.42", "on": date(2020, 1, 1)}])
    d = decide("1203.42", case, prior_serious_violent_felony=False)
    assert d.status is INELIGIBLE and d.blockers == ["ALREADY_GRANTED"]


# --- § 236.14 and § 1203.49 -------------------------------------------------------------------------------


def test_236_14_reaches_only_nonviolent_offenses():
    """§ 236.14(a): "any nonviolent offense"; § 667.5(c) lists robbery (table: violent_667_5c)."""
    robbery = prison_case("211", date(2017, 5, 1), trafficking_victim=True)
    d = decide("236.14", robbery, **RESIDENT)
    assert d.status is INELIGIBLE and d.blockers == ["SERIOUS_OR_VIOLENT"]
    assert "Pen. Code, § 236.14(a)" in cites(d)
    theft = decide("236.14", conviction(count("484"), trafficking_victim=True))
    assert theft.status is REVIEW and theft.blockers == []


def test_236_14_conditional_violence_is_asked():
    """§ 236.14(a) with § 667.5(c): a first-degree burglary is violent only on some facts."""
    case = prison_case("460(a)", date(2017, 5, 1), trafficking_victim=True)
    d = decide("236.14", case)
    assert d.status is REVIEW and any("667.5(c)" in q.text for q in d.questions)


def test_1203_49_follows_the_647b_column():
    """§ 1203.49: a conviction "as described in subdivision (b) of Section 647" (table: prostitution_647b)."""
    assert decide("1203.49", conviction(count("647(b)"), trafficking_victim=True)).status is DISCRETIONARY
    other = run(conviction(count("647(f)"), trafficking_victim=True)).cases[0]
    assert other.remedy("1203.49") is None


# --- § 290.5: the tier's minimum period -------------------------------------------------------------------


def registrant(*cases: dict, as_of: date = AS_OF, born: date | None = None, **registration):
    data = {"petitioner": {"legal_name": "Test Person", "date_of_birth": born},
            "status": {"serving_sentence": False, "registrant_290": True, "registration": registration or None},
            "cases": list(cases) or [misdemeanor_290()]}
    return assess(parse_profile(data, as_of), as_of)


def termination(*cases: dict, index: int = 0, **kwargs):
    return registrant(*cases, **kwargs).cases[index].remedy("290.5")


def test_290_5_tier_one_waits_ten_years_then_the_next_birthday():
    """§ 290(d)(1): ten years; § 290.5(a)(1): "on or after their next birthday ... following the expiration"."""
    tier_one = {"tier": 1, "since": date(2016, 10, 30)}  # ten years end 2026-10-30
    born = date(1980, 11, 1)
    before = termination(as_of=date(2026, 10, 31), born=born, **tier_one)
    assert before.status is DISCRETIONARY and not before.eligible_now and before.blockers == ["WAIT_PERIOD"]
    assert before.eligible_on == date(2026, 11, 1)
    on_the_day = termination(born=born, **tier_one)
    assert on_the_day.status is DISCRETIONARY and on_the_day.eligible_now
    assert "Pen. Code, § 290.5(a)(1)" in cites(on_the_day)


def test_290_5_inside_the_minimum_is_never_now():
    """§ 290(d)(2): tier two registers at least twenty years."""
    d = termination(born=date(1970, 3, 15), tier=2, since=date(2010, 1, 1))
    assert not d.eligible_now and d.blockers == ["WAIT_PERIOD"] and d.eligible_on == date(2030, 3, 15)


def test_290_5_tier_three_is_for_life():
    """§ 290(d)(3), § 290.5(b): a tier three registrant may not petition."""
    d = termination(tier=3, since=date(2000, 1, 1))
    assert d.status is INELIGIBLE and d.blockers == ["REGISTRATION_TIER_3"]


def test_290_5_unknown_tier_is_asked_and_a_violent_felony_is_never_tier_one():
    """§ 290(d)(1): tier one is a misdemeanor or a felony "that was not a serious or violent felony"."""
    assert questions(termination(since=date(2000, 1, 1))) == ["status.registration.tier"]
    violent = prison_case("288(a)", date(2012, 1, 1), discharged=date(2015, 1, 1))
    unknown = termination(violent, since=date(2012, 1, 1))
    assert unknown.status is REVIEW and not unknown.eligible_now
    assert unknown.eligible_on == date(2032, 1, 2)  # at least twenty years, then a birthday
    wrong = termination(violent, tier=1, since=date(2000, 1, 1))
    assert wrong.status is REVIEW and questions(wrong) == ["status.registration.tier"]
    assert "Pen. Code, § 290(d)(1)" in cites(wrong)


def test_290_5_start_date_and_birthday_unknown_are_asked():
    """§ 290(e): the period counts from release; § 290.5(a)(1): then the next birthday."""
    assert questions(termination(tier=1)) == ["status.registration.since"]
    near = termination(tier=1, since=date(2016, 6, 1))  # ended 2026-06-01: birthday may still be ahead
    assert near.status is REVIEW and questions(near) == ["petitioner.date_of_birth"]
    long_ago = termination(tier=1, since=date(2010, 6, 1))
    assert long_ago.status is DISCRETIONARY and long_ago.eligible_now


def test_290_5_court_ordered_registrant_is_listed_once_and_an_ended_duty_not_at_all():
    """§ 290.5(a)(1) reaches a § 290.006 registrant; a duty already ended under § 290.5 leaves nothing."""
    ordered = conviction(count("261.5(c)"), number="09M", convicted_on=date(2009, 3, 1))
    later = conviction(count("11350(a)", code="HS", level="felony"), number="13F", convicted_on=date(2013, 6, 1))
    result = registrant(ordered, later, basis="court_ordered_290006", tier=1, since=date(2009, 3, 1))
    assert result.cases[0].remedy("290.5").status is DISCRETIONARY  # ten years and a birthday long past
    assert result.cases[1].remedy("290.5") is None
    ended = registrant(ordered, basis="terminated_290_5")
    assert ended.cases[0].remedy("290.5") is None
    nobody = run(ordered, registrant_290=False).cases[0]
    assert nobody.remedy("290.5") is None


def test_a_conditional_290_offense_with_probation_is_asked_not_barred():
    """§ 4852.01(a)-(b): § 311.2 requires registration only on some facts (table: conditional); until that is
    known neither the (b) bar nor the (a) route is certain."""
    case = conviction(count("311.2", level="felony"), convicted_on=date(2012, 1, 1),
                      sentence={"probation": probation(start=date(2012, 1, 1), end=date(2015, 1, 1)),
                                "completed": True})
    d = decide("4852.01", case, **RESIDENT)
    assert d.status is REVIEW and "EXCLUDED_OFFENSE_1203_4B" not in d.blockers
    assert "Pen. Code, § 4852.01(b)" in cites(d)
