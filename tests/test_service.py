"""Whom to serve, and where: Pen. Code § 1203.4(d)(1) notice to "the prosecuting attorney" — the county
district attorney, or the city prosecutor where a city prosecutes its own misdemeanours — and § 851.91(b)
the arresting agency. An address no two sources confirm is printed with "check this address before
mailing"; an unknown one stays unknown."""

from __future__ import annotations

from datetime import date

import pytest
import yaml

from assembler.bundle.pipeline import assemble
from assembler.plan.service import service_list
from assembler.profile.counties import COUNTIES
from assembler.profile.load import parse_profile
from assembler.profile.offices import city_prosecutors, office
from conftest import REPO, pdf_text

AS_OF = date(2026, 11, 1)


def _profile(county: str, agency: str, level: str = "misdemeanor"):
    data = yaml.safe_load((REPO / "examples" / "dismissal-misdemeanor.yaml").read_text(encoding="utf-8"))
    case = data["cases"][0]
    case["county"] = county
    case["arrest"]["agency"] = agency
    case["counts"][0].update(level_charged=level, level_convicted=level)
    return parse_profile(data, AS_OF)


def test_every_county_has_a_district_attorney_and_a_probation_row():
    assert all(office(c, "district_attorney") for c in COUNTIES)
    assert all(office(c, "probation") for c in COUNTIES)


def test_a_city_police_misdemeanor_in_a_city_that_prosecutes_its_own_goes_to_the_city_prosecutor_first():
    served = service_list(_profile("Los Angeles", "Long Beach Police Department").cases[0], ["1203.4"])
    assert served[0].name == "Long Beach City Prosecutor" and served[0].kind == "city_attorney"
    assert served[0].check and "411 West Ocean Boulevard" in served[0].address
    assert "District Attorney" in served[1].name  # served too: the profile does not say which office filed


@pytest.mark.parametrize("agency, level", [("Los Angeles County Sheriff's Department", "misdemeanor"),
                                           ("Long Beach Police Department", "felony")])
def test_the_district_attorney_alone_for_a_sheriff_arrest_or_a_felony(agency, level):
    served = service_list(_profile("Los Angeles", agency, level).cases[0], ["1203.4"])
    assert [r.kind for r in served] == ["district_attorney"]


def test_an_unconfirmed_address_says_check_before_mailing_on_the_cover(tmp_path):
    profile = _profile("Riverside", "Riverside Police Department")
    packet = assemble(profile, AS_OF, forms="rendition")
    (tmp_path / "cover.pdf").write_bytes(packet.files["cover.pdf"])
    cover = " ".join(pdf_text(tmp_path / "cover.pdf").split())
    assert "3960 Orange Street, Riverside, CA 92501 — check this address before mailing (phone (951) 955-5450)" in cover


def test_a_row_without_a_street_gives_no_address():
    assert office("Mono", "district_attorney").address is None
    assert all(p.city for c in COUNTIES for p in city_prosecutors(c))
