"""Prop 47, Prop 64, arrest sealing (§ 851.91), factual innocence (§ 851.8) and limitation periods, as the
December 2026 review corrected them (RULES.md "Corrections" 5, 6, 7, 13, 15).

Each test's docstring names the subdivision (or case) it exercises; the rule is built from the statute text.
"""

from datetime import date

import pytest

from tests.scenario import AS_OF, arrest, case_result, cites, conviction, count, decide

FELONY_PROBATION = {"probation": {"kind": "formal", "suspension": "imposition", "start": date(2012, 6, 1),
                                  "scheduled_end": date(2014, 6, 1), "ended_on": date(2014, 6, 1),
                                  "outcome": "completed", "violations": False}, "completed": True}


def fields(d) -> set:
    return {q.field for q in d.questions}


def any_cite(d, text: str) -> bool:
    return any(text in c for c in cites(d))


def felony(section: str, code: str = "PC", **facts) -> dict:
    return count(section, code=code, level="felony", **facts)


def prop47_case(*counts: dict, number: str = "P47", **extra) -> dict:
    return conviction(*counts, number=number, convicted_on=date(2012, 6, 1), sentence=FELONY_PROBATION, **extra)


def murder_case() -> dict:
    return conviction(felony("187(a)"), number="MURDER", convicted_on=date(1991, 5, 1),
                      sentence={"state_prison": {"sentenced_on": date(1991, 5, 1), "release_date": date(1999, 3, 1),
                                                 "parole_discharge_date": date(2004, 3, 1)}, "completed": True})


def other_case(*counts: dict, number: str = "OTHER") -> dict:
    return conviction(*counts, number=number, convicted_on=date(2005, 1, 1))


def offense(section: str, level: str = "misdemeanor", disposition: str = "never_filed", code: str = "PC", **extra):
    return count(section, code=code, level=level, disposition=disposition, **extra) | {"level_convicted": None}


# --- 5. Prop 47: the predicate each count must show ------------------------------------------------------


def test_shoplifting_an_open_business_for_950_or_less_is_covered():
    """§ 1170.18(a), § 459.5(a): "entering a commercial establishment ... while that establishment is open during
    regular business hours", $950 or less → the court "shall" designate it ((g))."""
    d = decide("1170.18", prop47_case(felony("460(b)", commercial_establishment_open=True, value_over_950=False)))
    assert d.status == "mandatory" and d.eligible_now and d.blockers == []
    assert any_cite(d, "Pen. Code, § 459.5(a)")


def test_value_under_950_alone_never_makes_a_burglary_prop_47():
    """§ 459.5(a): a second-degree burglary is Prop 47 only as shoplifting; the value is not enough (scenario 05)."""
    d = decide("1170.18", prop47_case(felony("460(b)", value_over_950=False)))
    assert d.status == "needs_review" and d.status != "mandatory"
    assert fields(d) == {"cases[0].counts[0].commercial_establishment_open"}
    assert any_cite(d, "§ 459.5(a)")


def test_a_car_or_a_closed_business_is_not_shoplifting():
    """§ 459.5(a): not a commercial establishment open during regular business hours → OFFENSE_NOT_COVERED."""
    d = decide("1170.18", prop47_case(felony("460(b)", commercial_establishment_open=False, value_over_950=False)))
    assert d.status == "ineligible" and d.blockers == ["OFFENSE_NOT_COVERED"]
    assert "Pen. Code, § 1170.18(a)" in cites(d)


def test_shoplifting_over_950_is_not_covered_and_unknown_value_is_asked():
    """§ 459.5(a): "where the value of the property that is taken or intended to be taken does not exceed $950"."""
    over = decide("1170.18", prop47_case(felony("460(b)", commercial_establishment_open=True, value_over_950=True)))
    unknown = decide("1170.18", prop47_case(felony("460(b)", commercial_establishment_open=True)))
    assert over.status == "ineligible" and over.blockers == ["OFFENSE_NOT_COVERED"]
    assert unknown.status == "needs_review" and fields(unknown) == {"cases[0].counts[0].value_over_950"}


@pytest.mark.parametrize("taking,value,status,field", [
    ("theft", False, "mandatory", None),
    ("driving", False, "ineligible", None),
    ("driving", None, "ineligible", None),
    (None, False, "needs_review", "cases[0].counts[0].vehicle_taking"),
    ("theft", None, "needs_review", "cases[0].counts[0].value_over_950"),
    ("theft", True, "ineligible", None),
])
def test_vehicle_taking_is_covered_only_as_a_theft(taking, value, status, field):
    """Veh. Code § 10851 under Pen. Code § 490.2: theft of a car worth $950 or less, not post-theft driving
    (People v. Page (2017) 3 Cal.5th 1175)."""
    d = decide("1170.18", prop47_case(felony("10851(a)", code="VC", vehicle_taking=taking, value_over_950=value)))
    assert d.status == status
    if field:
        assert field in fields(d)
    if status == "ineligible":
        assert d.blockers == ["OFFENSE_NOT_COVERED"]
    assert any_cite(d, "People v. Page (2017) 3 Cal.5th 1175")


@pytest.mark.parametrize("instrument,status", [(True, "mandatory"), (False, "ineligible"), (None, "needs_review")])
def test_forgery_is_covered_only_for_the_473b_instruments(instrument, status):
    """§ 473(b): a check, bond, bank bill, note, cashier's check, traveler's check or money order, $950 or less."""
    d = decide("1170.18", prop47_case(felony("470(a)", forged_instrument_473b=instrument)))
    assert d.status == status
    if instrument is None:
        assert fields(d) == {"cases[0].counts[0].forged_instrument_473b"}
    assert any_cite(d, "§ 473(b)")


def test_forgery_with_an_identity_theft_conviction_is_not_covered():
    """§ 473(b): not "any person who is convicted both of forgery and of identity theft, as defined in Section
    530.5" — in the same case or in another listed in the profile."""
    same = decide("1170.18", prop47_case(felony("470(a)", forged_instrument_473b=True), felony("530.5(a)")))
    other = decide("1170.18", prop47_case(felony("470(a)", forged_instrument_473b=True)),
                   other_case(felony("530.5(a)")), index=0)
    for d in (same, other):
        assert d.status == "ineligible" and d.blockers == ["OFFENSE_NOT_COVERED"]
        assert any("identity theft" in r.text for r in d.reasons)


@pytest.mark.parametrize("over,status", [(False, "mandatory"), (True, "ineligible"), (None, "needs_review")])
def test_grand_theft_turns_on_the_value(over, status):
    """§ 490.2(a): theft of property worth $950 or less is petty theft, "notwithstanding Section 487"."""
    d = decide("1170.18", prop47_case(felony("487(a)", value_over_950=over)))
    assert d.status == status
    if over is None:
        assert fields(d) == {"cases[0].counts[0].value_over_950"}
    assert any_cite(d, "§§ 490.2(a)")


def test_a_count_not_covered_does_not_bar_a_covered_one():
    """§ 1170.18(a), (f): "the felony conviction or convictions" — each count on its own; a car burglary does
    not stop the drug count of the same case."""
    d = decide("1170.18", prop47_case(felony("460(b)", commercial_establishment_open=False),
                                      felony("11350(a)", code="HS")))
    assert d.status == "mandatory" and d.blockers == []
    assert any("is not covered by Prop 47" in r.text for r in d.reasons)


def test_a_count_not_covered_beside_an_open_one_is_needs_review():
    """§ 1170.18(a): one count not covered, another whose value is not known → needs_review, not ineligible."""
    d = decide("1170.18", prop47_case(felony("460(b)", commercial_establishment_open=False),
                                      felony("487(a)")))
    assert d.status == "needs_review" and d.blockers == []
    assert fields(d) == {"cases[0].counts[1].value_over_950"}


# --- 5. Prop 47 (i): priors read from every conviction ------------------------------------------------------


def test_a_super_strike_listed_in_another_case_bars_prop_47():
    """§ 1170.18(i): a prior conviction for a § 667(e)(2)(C)(iv) offense (homicide, (IV)), even with the status
    box left unticked (scenario 09)."""
    d = decide("1170.18", murder_case(), prop47_case(felony("11350(a)", code="HS")), index=1)
    assert d.status == "ineligible" and d.blockers == ["OFFENSE_NOT_COVERED"]
    assert "Pen. Code, § 1170.18(i)" in cites(d)
    assert not any("court must designate" in r.text for r in d.reasons)


def test_a_290c_offense_in_another_case_bars_prop_47():
    """§ 1170.18(i): "an offense requiring registration pursuant to subdivision (c) of Section 290"."""
    d = decide("1170.18", other_case(felony("243.4(a)")), prop47_case(felony("11350(a)", code="HS")), index=1)
    assert d.status == "ineligible"
    assert "Pen. Code, § 1170.18(i)" in cites(d)


def test_a_super_strike_whose_classification_is_open_is_asked():
    """§ 1170.18(i); § 667(e)(2)(C)(iv)(VIII): a row marked VERIFY is needs_review, never a settled bar."""
    d = decide("1170.18", other_case(felony("209")), prop47_case(felony("11350(a)", code="HS")), index=1)
    assert d.status == "needs_review" and d.blockers == []


def test_a_conditionally_registrable_conviction_is_asked():
    """§ 1170.18(i); § 290(c)(1): a conviction that requires registration only on some facts → needs_review."""
    d = decide("1170.18", other_case(felony("311.2")), prop47_case(felony("11350(a)", code="HS")), index=1)
    assert d.status == "needs_review" and d.blockers == []
    assert "status.registration.basis" in fields(d)


@pytest.mark.parametrize("basis,status", [
    ("none", "mandatory"),
    ("court_ordered_290006", "mandatory"),
    ("offense_290c", "ineligible"),
    ("terminated_290_5", "needs_review"),
])
def test_each_registration_basis(basis, status):
    """§ 1170.18(i) bars a § 290(c) offense, not a § 290.006 order by itself (scenario 11); a duty ended under
    § 290.5 leaves open what it was for."""
    d = decide("1170.18", prop47_case(felony("11350(a)", code="HS")),
               registrant_290=basis in ("court_ordered_290006", "offense_290c"), registration={"basis": basis})
    assert d.status == status
    assert "Pen. Code, § 1170.18(i)" in cites(d) or status == "mandatory" and basis == "none"


def test_a_registrant_whose_basis_is_unknown_is_asked_never_barred():
    """§ 1170.18(i): registering is not enough; the basis decides (scenario 11)."""
    d = decide("1170.18", prop47_case(felony("11350(a)", code="HS")), registrant_290=True)
    assert d.status == "needs_review" and d.blockers == []
    assert "status.registration.basis" in fields(d)
    unknown = decide("1170.18", prop47_case(felony("11350(a)", code="HS")), registrant_290=None)
    assert unknown.status == "needs_review" and "status.registrant_290" in fields(unknown)


@pytest.mark.parametrize("prior,status", [(True, "ineligible"), (False, "mandatory"), (None, "needs_review")])
def test_the_super_strike_answer_in_status(prior, status):
    """§ 1170.18(i): what the person told us counts too; not knowing is a question."""
    d = decide("1170.18", prop47_case(felony("11350(a)", code="HS")), super_strike_prior=prior)
    assert d.status == status
    if prior is None:
        assert "status.super_strike_prior" in fields(d)


def test_prop_47_already_granted():
    """§ 1170.18(g): a count already designated a misdemeanor needs no second application."""
    d = decide("1170.18", prop47_case(felony("11350(a)", code="HS"),
                                      relief_granted=[{"remedy": "1170.18", "on": date(2016, 1, 5)}]))
    assert d.status == "ineligible" and d.blockers == ["ALREADY_GRANTED"]


# --- 13. Prop 64: the carve-outs ------------------------------------------------------------------------

CARVE_OUTS = "Health & Saf. Code, §§ 11358(d), 11359(c)–(d), 11360(a)(3)"


def cannabis_case(**extra) -> dict:
    return conviction(felony("11359", code="HS"), number="C64", convicted_on=date(2014, 2, 1), **extra)


def test_prop_64_reads_a_super_strike_from_every_conviction_and_cites_the_carve_outs():
    """Health & Saf. Code §§ 11358(d), 11359(c), 11360(a)(3): a super-strike prior keeps the felony form — a
    question for a person, never a firm bar; not § 11361.8(b)."""
    d = decide("11361.8", murder_case(), cannabis_case(), index=1)
    assert d.status == "needs_review" and d.blockers == []
    assert CARVE_OUTS in cites(d)
    assert "Health & Saf. Code, § 11361.8(b)" not in cites(d)


@pytest.mark.parametrize("basis,status", [("court_ordered_290006", "mandatory"), ("offense_290c", "needs_review")])
def test_prop_64_and_the_registration_basis(basis, status):
    """Health & Saf. Code § 11359(c)(1): a prior "requiring registration pursuant to subdivision (c) of Section 290"."""
    d = decide("11361.8", cannabis_case(), registrant_290=True, registration={"basis": basis})
    assert d.status == status
    assert CARVE_OUTS in cites(d)


def test_prop_64_already_granted():
    """Health & Saf. Code § 11361.8(f): relief already granted is not asked for again."""
    d = decide("11361.8", cannabis_case(relief_granted=[{"remedy": "11361.8", "on": date(2019, 1, 5)}]))
    assert d.status == "ineligible" and d.blockers == ["ALREADY_GRANTED"]


# --- 6. § 851.91(a)(2)(A): every arrest offense, charged or not -----------------------------------------


def filed_arrest(*counts: dict, offenses: tuple = (), on: date = date(2024, 3, 1), **extra) -> dict:
    return {"county": "Los Angeles", "court_case_number": "24CM1", "offense_date": on,
            "arrest": {"date": on, "offenses": list(offenses)}, "counts": list(counts), **extra}


SCENARIO_07 = dict(
    counts=(offense("148(a)(1)", disposition="dismissed", may_be_refiled=False),),
    offenses=(offense("245(a)(1)", level="felony"), offense("148(a)(1)", disposition="dismissed",
                                                           may_be_refiled=False)))


@pytest.mark.parametrize("as_of,now", [(date(2026, 11, 1), False), (date(2027, 3, 1), False),
                                       (date(2027, 3, 2), True)])
def test_an_arrest_offense_never_filed_is_still_chargeable(as_of, now):
    """§ 851.91(a)(2)(A): "may still be charged with any of the offenses upon which the arrest was based"; the
    245(a)(1) can be filed through 2027-03-01 (§ 801), so not before 2027-03-02 (scenario 07)."""
    case = filed_arrest(*SCENARIO_07["counts"], offenses=SCENARIO_07["offenses"], days_out_of_state=0)
    d = decide("851.91", case, as_of=as_of)
    assert d.eligible_now is now
    if not now:
        assert d.blockers == ["SOL_OPEN"] and d.eligible_on == date(2027, 3, 2)
        assert "Pen. Code, § 851.91(a)(2)(A)" in cites(d)
    else:
        assert d.status == "mandatory"


def test_a_count_filed_in_court_decides_its_arrest_offense():
    """§ 851.91(a)(1)(B)(ii): the count was acquitted; the same offense listed as an arrest offense "never filed"
    is that count, not a second, still-chargeable offense."""
    case = filed_arrest(offense("245(a)(1)", level="felony", disposition="acquitted"),
                        offenses=(offense("245(a)(1)", level="felony"),))
    d = decide("851.91", case)
    assert d.status == "mandatory" and d.eligible_now
    assert "Pen. Code, § 851.91(a)(1)(B)(ii)" in cites(d)
    assert sum("245(a)(1)" in r.text for r in d.reasons) == 1


def test_an_uncounted_arrest_offense_keeps_its_own_disposition():
    """§ 851.91(a)(1)(B)(ii): an arrest offense not among the counts is "never filed" unless it says otherwise."""
    case = filed_arrest(offense("148(a)(1)", disposition="dismissed", may_be_refiled=False),
                        offenses=(offense("245(a)(1)", level="felony", disposition="acquitted"),))
    assert decide("851.91", case).status == "mandatory"


def test_a_question_about_an_arrest_offense_names_its_field():
    """§ 851.91(a)(1): how each offense ended decides; an unknown one is asked at its own place in the profile."""
    case = filed_arrest(offense("148(a)(1)", disposition="dismissed", may_be_refiled=False),
                        offenses=(offense("148(a)(1)"), offense("245(a)(1)", level="felony", disposition="unknown")))
    d = decide("851.91", case)
    assert d.status == "needs_review"
    assert "cases[0].arrest.offenses[1].disposition" in fields(d)


def test_sealing_already_granted_or_automatic():
    """§ 851.91(a)(1); § 851.93: an arrest already sealed (or found factually innocent, § 851.8) needs nothing more."""
    for remedy in ("851.91", "851.93", "851.8"):
        d = decide("851.91", arrest(offense("484"), relief_granted=[{"remedy": remedy, "on": date(2024, 1, 2)}]))
        assert d.status == "ineligible" and d.blockers == ["ALREADY_GRANTED"], remedy


# --- 7. limitation periods ---------------------------------------------------------------------------------


def petty_theft_arrest(on: date = date(2025, 11, 1), **extra) -> dict:
    return arrest(offense("484", offense_date=on), on=on, county="Sacramento", **extra)


@pytest.mark.parametrize("as_of,now", [(date(2026, 10, 31), False), (date(2026, 11, 1), False),
                                       (date(2026, 11, 2), True)])
def test_a_one_year_period_runs_at_the_end_of_the_anniversary(as_of, now):
    """§ 802(a) ("within one year after commission"); Code Civ. Proc. § 12: a complaint may still be filed on
    the anniversary, so eligibility starts the day after (scenario 19)."""
    d = decide("851.91", petty_theft_arrest(days_out_of_state=0), as_of=as_of)
    assert d.eligible_now is now
    if now:
        assert d.status == "mandatory"
        assert "Pen. Code, § 851.91(a)(1)(A)" in cites(d)
    else:
        assert d.blockers == ["SOL_OPEN"] and d.eligible_on == date(2026, 11, 2)
        assert "Pen. Code, § 802(a)" in cites(d)


def test_a_last_day_on_a_weekend_is_pointed_out():
    """Code Civ. Proc. § 12a(a): a last day on a holiday (Sunday 2026-11-01) may carry over; say so."""
    d = decide("851.91", petty_theft_arrest(days_out_of_state=0))
    assert "Code Civ. Proc., § 12a(a)" in cites(d)
    assert d.eligible_on == date(2026, 11, 2)


def dv_arrest(on: date) -> dict:
    return arrest(offense("273.5(a)", level="felony", offense_date=on), on=on, days_out_of_state=0,
                  dv_child_elder_pattern=False)


@pytest.mark.parametrize("as_of", [AS_OF, date(2029, 3, 1)])
def test_273_5_within_five_years_waits_for_the_fifth_anniversary(as_of):
    """§ 803.7 (SB 273, 2019): five years; the earliest day is the day after the fifth anniversary, and SB 690
    (Stats. 2024, ch. 653) may have made it longer (VERIFY) → needs_review with the date."""
    d = decide("851.91", dv_arrest(date(2024, 3, 1)), as_of=as_of)
    assert d.blockers == ["SOL_OPEN"] and not d.eligible_now
    assert d.eligible_on == date(2029, 3, 2)
    assert d.status == "needs_review"
    assert any_cite(d, "§ 803.7")


@pytest.mark.parametrize("on,as_of", [(date(2020, 3, 1), AS_OF), (date(2024, 3, 1), date(2029, 3, 2))])
def test_273_5_after_five_years_is_needs_review_never_a_settled_yes(on, as_of):
    """§ 803.7: from the day after the fifth anniversary SB 690's length decides → needs_review, no SOL_OPEN
    date, never mandatory."""
    d = decide("851.91", dv_arrest(on), as_of=as_of)
    assert d.status == "needs_review" and d.blockers == []
    assert any("SB 690" in r.text for r in d.reasons)
    assert any_cite(d, "§ 803.7")


@pytest.mark.parametrize("days,eligible_on", [(0, date(2026, 11, 2)), (100, date(2027, 2, 10)),
                                              (5000, date(2029, 11, 2))])
def test_time_out_of_state_extends_the_period_at_most_three_years(days, eligible_on):
    """§ 803(d): "no time up to a maximum of three years during which the defendant is not within the state
    shall be a part of those limitations of time"."""
    d = decide("851.91", petty_theft_arrest(days_out_of_state=days))
    assert d.blockers == ["SOL_OPEN"] and d.eligible_on == eligible_on
    if days:
        assert "Pen. Code, § 803(d)" in cites(d)


def test_unknown_time_out_of_state_is_asked_while_it_could_matter():
    """§ 803(d): the period ran less than three years ago → how long out of state decides; needs_review."""
    d = decide("851.91", petty_theft_arrest(on=date(2024, 6, 1)))
    assert d.status == "needs_review" and d.blockers == []
    assert "cases[0].days_out_of_state" in fields(d)
    assert "Pen. Code, § 803(d)" in cites(d)


@pytest.mark.parametrize("on,status", [(date(2022, 10, 31), "mandatory"), (date(2022, 11, 1), "needs_review")])
def test_unknown_time_out_of_state_cannot_matter_three_years_after_the_period(on, status):
    """§ 803(d): at most three years are added, so a period that ran three years ago ran whatever the facts
    (one year + three years from 2022-10-31 ends 2026-10-31)."""
    d = decide("851.91", petty_theft_arrest(on=on))
    assert d.status == status
    assert "Pen. Code, § 803(d)" in cites(d)
    if status == "mandatory":
        assert not d.questions


def test_a_refileable_dismissal_uses_the_same_arithmetic():
    """§ 851.91(a)(2)(A), § 803(d): days out of state extend the refiling window too; § 803(b): so does the time
    the case was pending, which the profile cannot show → needs_review with the earliest date."""
    case = filed_arrest(offense("148(a)(1)", disposition="dismissed", may_be_refiled=True),
                        on=date(2026, 3, 1), days_out_of_state=10)
    d = decide("851.91", case)
    assert d.blockers == ["MAY_BE_REFILED"] and d.status == "needs_review"
    assert d.eligible_on == date(2027, 3, 12)
    assert "Pen. Code, § 803(b)" in cites(d) and "Pen. Code, § 803(d)" in cites(d)


# --- 15. § 851.8 factual innocence beside every arrest without a conviction ----------------------------------


def test_factual_innocence_is_listed_for_any_arrest_without_conviction():
    """§ 851.8(b): "no reasonable cause exists to believe that the arrestee committed the offense" — a finding,
    so needs_review, even without a claim of innocence."""
    d = decide("851.8", arrest(offense("484", disposition="dismissed", may_be_refiled=False), on=date(2026, 1, 5)))
    assert d.status == "needs_review" and d.eligible_now
    assert "Pen. Code, § 851.8(b)" in cites(d)
    assert "cases[0].arrest.factually_innocent_claim" in fields(d)


def test_factual_innocence_not_for_a_pending_case_or_a_conviction():
    """§ 851.8(c): "where no conviction occurred" — not while the case is pending, not after a conviction."""
    pending = case_result(arrest(offense("484", disposition="pending")))
    convicted = case_result(conviction(count("484")))
    assert pending.remedy("851.8") is None and convicted.remedy("851.8") is None


@pytest.mark.parametrize("as_of,late", [(date(2026, 1, 5), False), (date(2026, 1, 6), True)])
def test_factual_innocence_window_two_years_from_the_arrest(as_of, late):
    """§ 851.8(l): "within two years from the date of the arrest"; later only "upon a showing of good cause"
    — still needs_review, never ineligible."""
    d = decide("851.8", arrest(offense("484"), on=date(2024, 1, 5)), as_of=as_of)
    assert d.status == "needs_review" and d.blockers == []
    assert "Pen. Code, § 851.8(l)" in cites(d)
    assert ("STATUTE_DISCRETIONARY" in d.discretion) is late
    assert any("January 5, 2026" in r.text for r in d.reasons)  # a date in a sentence is in words


def test_factual_innocence_window_after_charges_were_filed_asks_the_filing_date():
    """§ 851.8(l): "or filing of the accusatory pleading, whichever is later"; the profile has no filing date."""
    case = filed_arrest(offense("148(a)(1)", disposition="dismissed", may_be_refiled=False), on=date(2020, 3, 1))
    d = decide("851.8", case)
    assert d.status == "needs_review"
    assert "Pen. Code, § 851.8(c)" in cites(d) and "Pen. Code, § 851.8(l)" in cites(d)
    assert any("When were the charges filed" in r.text for r in d.reasons)


def test_factual_innocence_listed_beside_sealing_in_the_order():
    """§ 851.8 is a separate proceeding, after § 851.91 (RULES.md § 1)."""
    result = case_result(arrest(offense("484"), days_out_of_state=0))
    assert [d.remedy for d in result.remedies] == ["851.91", "851.8"]
    assert AS_OF == date(2026, 11, 1)
