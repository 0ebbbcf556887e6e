"""Law not yet in force: one code, NOT_YET_IN_FORCE, the day before each statute became operative.

A rule decides as of a date (rules/lawdates.py); asked about a day before its statute existed, it is
ineligible with NOT_YET_IN_FORCE and cites the statute; from the operative day that bar is gone.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from rules.lawdates import (PC_851_91_ENACTED, PC_1203_41_ENACTED, PC_1203_42_ENACTED, PC_1203_43_ENACTED,
                            PROP_47, PROP_64, SB_731_PRISON_PRONG)
from tests.scenario import arrest, cites, conviction, count, decide, probation


def _felony(section: str, code: str = "PC") -> dict:
    return count(section, code=code, level="felony")


def _sealable_arrest() -> dict:
    """Pen. Code § 851.91(a)(1)(A): an arrest never charged, the limitation period long over."""
    return arrest(count("484", disposition="never_filed") | {"level_convicted": None}, on=date(2010, 3, 1),
                  days_out_of_state=0)


def _dej() -> dict:
    """Pen. Code § 1203.43(a)(1): deferred entry of judgment completed and the charge dismissed."""
    return arrest(count("11350(a)", code="HS", disposition="dej_completed") | {"level_convicted": None},
                  on=date(2012, 4, 1), dej_dismissed_on=date(2014, 4, 1), court_case_number="DEJ1")


def _theft_felony() -> dict:
    """Pen. Code § 1170.18(a): felony drug possession (Health & Saf. Code § 11350), now a misdemeanor."""
    return conviction(_felony("11350(a)", code="HS"), number="P47", convicted_on=date(2012, 6, 1),
                      sentence={"probation": probation(start=date(2012, 6, 1), end=date(2014, 6, 1)),
                                "completed": True})


def _cannabis_felony() -> dict:
    """Health & Saf. Code § 11361.8(e): a felony § 11359 possession for sale, now a misdemeanor."""
    return conviction(_felony("11359", code="HS"), number="C64", convicted_on=date(2014, 2, 1),
                      sentence={"probation": probation(start=date(2014, 2, 1), end=date(2015, 2, 1)),
                                "completed": True})


def _prison(section: str = "459") -> dict:
    """Pen. Code § 1203.41(a)(2) (SB 731): a state prison term served, parole discharged."""
    return conviction(_felony(section), number="PRISON", convicted_on=date(2010, 5, 1),
                      sentence={"state_prison": {"sentenced_on": date(2010, 5, 1), "release_date": date(2012, 5, 1),
                                                 "parole_discharge_date": date(2013, 5, 1)}, "completed": True})


def _prison_before_realignment() -> dict:
    """Pen. Code § 1203.42(a)(1): state prison before Oct. 1, 2011 for a crime now served in county jail."""
    return conviction(_felony("459"), number="PRE", convicted_on=date(2009, 5, 1),
                      sentence={"state_prison": {"sentenced_on": date(2009, 5, 1), "release_date": date(2010, 5, 1),
                                                 "parole_discharge_date": date(2011, 5, 1)}, "completed": True})


def _jail_1170h() -> dict:
    """Pen. Code § 1203.41(a), county-jail prong: a § 1170(h) county jail term served."""
    return conviction(_felony("459"), number="JAIL", convicted_on=date(2012, 1, 15),
                      sentence={"county_jail_1170h": {"subparagraph": "A", "release_date": date(2012, 12, 1)},
                                "completed": True})


@pytest.mark.parametrize("remedy, case, operative, section", [
    ("851.91", _sealable_arrest, PC_851_91_ENACTED, "Pen. Code, § 851.91"),
    ("1203.43", _dej, PC_1203_43_ENACTED, "Pen. Code, § 1203.43"),
    ("1170.18", _theft_felony, PROP_47, "Pen. Code, § 1170.18"),
    ("11361.8", _cannabis_felony, PROP_64, "Health & Saf. Code, § 11361.8"),
    ("1203.41", _prison, SB_731_PRISON_PRONG, "Pen. Code, § 1203.41"),
    ("1203.41", _jail_1170h, PC_1203_41_ENACTED, "Pen. Code, § 1203.41"),
    ("1203.42", _prison_before_realignment, PC_1203_42_ENACTED, "Pen. Code, § 1203.42"),
])
def test_the_day_before_a_statute_was_operative_it_is_not_yet_in_force(remedy, case, operative, section):
    before = decide(remedy, case(), as_of=operative - timedelta(days=1))
    assert before.status == "ineligible" and "NOT_YET_IN_FORCE" in before.blockers
    assert any(c.startswith(section) for c in cites(before))
    on = decide(remedy, case(), as_of=operative)
    assert "NOT_YET_IN_FORCE" not in on.blockers
