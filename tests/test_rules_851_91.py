"""Pen. Code § 851.91 — sealing an arrest that did not lead to a conviction."""

from datetime import date

from tests.scenario import THREE_YEARS_AGO, arrest, case_result, cites, count, decide, run


def offense(section: str, level: str = "misdemeanor", disposition: str = "never_filed", code: str = "PC", **extra):
    return count(section, code=code, level=level, disposition=disposition, **extra) | {"level_convicted": None}


def test_never_charged_after_the_limitation_period_is_a_matter_of_right():
    """§ 851.91(a)(1)(A): limitations run on every offense, nothing filed; (c) granted as of right (no time out of
    state, § 803(d))."""
    d = decide("851.91", arrest(offense("484"), days_out_of_state=0))
    assert d.status == "mandatory" and d.eligible_now
    assert d.forms == ["CR-409", "CR-410"]
    assert "Pen. Code, § 851.91(a)(1)(A)" in cites(d)


def test_chargeable_felony_waits_for_the_limitation_period():
    """§ 851.91(a)(2)(A): not while the person "may still be charged"; a wobbler's period is the felony
    one (Pen. Code §§ 801, 805(a)); the last day is the anniversary (Code Civ. Proc. § 12), so the day after."""
    d = decide("851.91", arrest(offense("460(b)", level="felony"), on=date(2025, 3, 10)))
    assert d.blockers == ["SOL_OPEN"] and not d.eligible_now
    assert d.eligible_on == date(2028, 3, 11)


def test_dismissed_and_refileable_is_not_yet():
    """§ 851.91(a)(1)(B)(i) needs a charge that "may not be refiled"; (a)(2)(A) bars one that may, at least until
    the day after the anniversary; § 803(b) adds the time the case was pending, so a person must check."""
    d = decide("851.91", arrest(offense("460(b)", level="felony", disposition="dismissed", may_be_refiled=True),
                               on=date(2025, 3, 10)))
    assert d.blockers == ["MAY_BE_REFILED"] and d.status == "needs_review"
    assert d.eligible_on == date(2028, 3, 11)
    assert "Pen. Code, § 803(b)" in cites(d)


def test_dismissed_for_good_is_a_matter_of_right():
    """§ 851.91(a)(1)(B)(i): dismissed and may not be refiled."""
    d = decide("851.91", arrest(offense("460(b)", level="felony", disposition="dismissed", may_be_refiled=False)))
    assert d.status == "mandatory"
    assert "Pen. Code, § 851.91(a)(1)(B)(i)" in cites(d)


def test_murder_arrest_never_charged_cannot_be_sealed_but_acquittal_can():
    """§ 851.91(a)(2)(B): no limitation period (Pen. Code § 799) — except after acquittal."""
    never = decide("851.91", arrest(offense("187", level="felony")))
    acquitted = decide("851.91", arrest(offense("187", level="felony", disposition="acquitted")))
    assert never.status == "ineligible" and never.blockers == ["NO_SOL_OFFENSE"]
    assert acquitted.status == "mandatory"
    assert "Pen. Code, § 851.91(a)(1)(B)(ii)" in cites(acquitted)


def test_domestic_violence_pattern_makes_it_discretionary():
    """§ 851.91(c): DV, child or elder abuse plus a pattern → only in the interests of justice (trap 8)."""
    dv = offense("243(e)(1)", disposition="dismissed", may_be_refiled=False)
    with_pattern = decide("851.91", arrest(dv, dv_child_elder_pattern=True))
    without = decide("851.91", arrest(dv, dv_child_elder_pattern=False))
    unknown = decide("851.91", arrest(dv))
    assert with_pattern.status == "discretionary" and with_pattern.discretion == ["PATTERN_DV_CHILD_ELDER"]
    assert without.status == "mandatory"
    assert unknown.status == "needs_review"


def test_every_arrest_offense_must_be_beyond_prosecution():
    """§ 851.91(a)(1): "every offense upon which the arrest was based" (trap 8)."""
    d = decide("851.91", arrest(offense("484"), offense("460(b)", level="felony"), on=date(2025, 1, 5)))
    assert "SOL_OPEN" in d.blockers and not d.eligible_now


def test_one_petition_per_arrest():
    """§ 851.91(b): a separate petition for each arrest (trap 8)."""
    result = run(arrest(offense("484"), days_out_of_state=0),
                 arrest(offense("594(b)(2)(A)"), on=date(2021, 8, 1), days_out_of_state=0))
    assert [c.remedy("851.91").status for c in result.cases] == ["mandatory", "mandatory"]
    assert len([e for e in result.recommended_order if e.startswith("851.91@")]) == 2


def test_pending_charge_does_not_block_sealing():
    """§ 851.91 has no pending-charge condition (RULES.md § 1): only dismissals are gated."""
    d = decide("851.91", arrest(offense("484"), days_out_of_state=0), pending_charges=[{"description": "other"}])
    assert d.status == "mandatory" and d.eligible_now


def test_sealing_did_not_exist_before_2018():
    """Dated law: § 851.91 (SB 393) took effect Jan. 1, 2018."""
    d = decide("851.91", arrest(offense("484"), on=date(2015, 1, 1)), as_of=date(2017, 6, 1))
    assert d.status == "ineligible"


def test_evading_prosecution_bars_sealing():
    """§ 851.91(a)(2)(C): intentional evasion of law enforcement efforts to prosecute."""
    case = arrest(offense("484"))
    case["arrest"]["evaded_prosecution"] = True
    assert decide("851.91", case).status == "ineligible"


def test_automatic_arrest_relief_is_only_a_flag():
    """§ 851.93(a)(2)(B): DOJ may seal a misdemeanor arrest after a year — the petition stays."""
    result = case_result(arrest(offense("484"), on=THREE_YEARS_AGO, days_out_of_state=0))
    assert "AUTO_RELIEF_851_93_LIKELY" in result.flags
    assert result.remedy("851.91").status == "mandatory"
