"""Pen. Code § 17(b) and § 17(d)(2) — reductions."""

from datetime import date

from tests.scenario import case_result, cites, conviction, count, decide, probation, run


def felony_probation(section: str = "460(b)", code: str = "PC", suspension: str = "imposition", **extra) -> dict:
    return conviction(count(section, code=code, level="felony"),
                      sentence={"probation": probation(suspension=suspension), "completed": True}, **extra)


def test_wobbler_with_probation_can_be_reduced_before_the_dismissal():
    """§ 17(b)(3): probation granted on a wobbler → the court may declare it a misdemeanor; 17(b) goes
    before 1203.4 on the same CR-180."""
    result = run(felony_probation())
    d = result.cases[0].remedy("17b")
    assert d.status == "discretionary" and d.eligible_now
    assert "Pen. Code, § 17(b)(3)" in cites(d)
    assert result.recommended_order[:2] == ["17b@CASE1", "1203.4@CASE1"]


def test_straight_felony_cannot_be_reduced():
    """§ 17(b): only a crime punishable either way (Alvarez); HS 11378 is a straight felony (trap 5)."""
    d = decide("17b", felony_probation("11378", code="HS"))
    assert d.status == "ineligible" and d.blockers == ["NOT_WOBBLER"]
    assert d.forms == []


def test_wobbler_sent_to_prison_stays_a_felony():
    """§ 17(b)(1): only "after a judgment imposing a punishment other than imprisonment in the state prison"."""
    case = conviction(count("460(b)", level="felony"), convicted_on=date(2015, 3, 1),
                      sentence={"state_prison": {"sentenced_on": date(2015, 3, 1), "release_date": date(2017, 1, 1),
                                                 "parole_discharge_date": date(2019, 1, 1)}, "completed": True})
    d = decide("17b", case)
    assert d.status == "ineligible" and d.blockers == ["STATE_PRISON_SENTENCE"]


def test_execution_suspended_prison_term_needs_review():
    """§ 17(b)(3) and People v. Wood (1998): an imposed-and-suspended prison term is unsettled (trap 5)."""
    d = decide("17b", felony_probation(suspension="execution"))
    assert d.status == "needs_review"
    assert d.blockers == ["ESS_PRISON_SENTENCE_IMPOSED"]
    assert any("Wood" in r.text for r in d.reasons)


def test_reducing_a_serious_felony_leaves_the_strike():
    """§ 667(d)(1): strike status is fixed at conviction; a 17(b) reduction does not remove it."""
    result = case_result(felony_probation("245(a)(1)"))
    assert result.remedy("17b").status == "discretionary"
    assert "STRIKE_SURVIVES_REDUCTION" in result.flags


def test_misdemeanor_wobblette_reduction_is_needs_review():
    """§ 17(d)(2): post-judgment reduction to an infraction is unsettled, and an infraction leaves § 1203.4."""
    result = case_result(conviction(count("415")))
    d = result.remedy("17d2")
    assert d.status == "needs_review"
    assert "Pen. Code, § 17(d)(2)" in cites(d)
    assert "LAW_UNSETTLED" in result.flags


def test_17b_is_not_blocked_by_current_probation():
    """§ 17(b)(3): "at the time of granting probation, or ... thereafter" — no wait for probation to end."""
    case = conviction(count("460(b)", level="felony"), convicted_on=date(2026, 2, 1),
                      sentence={"probation": probation("ongoing", start=date(2026, 2, 1), end=date(2028, 1, 31)),
                                "completed": False})
    result = case_result(case)
    assert result.remedy("17b").eligible_now
    assert not result.remedy("1203.4").eligible_now
