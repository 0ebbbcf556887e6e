"""The county of an agency named by its city (FORMAT.md §1.5, §4.4; assembler/data/california-cities.csv).

The city table is unverified (california-cities.md), so a county read from it alone is `certain=False` and the
importer asks the person to confirm it; a place that is no city stays unknown.
"""

from __future__ import annotations

import csv
import io
from importlib import resources

import pytest

from assembler.profile.counties import COUNTIES
from assembler.rapsheet import courts, import_text
from assembler.rapsheet.courts import county_of
from tests.test_rapsheet_rules import sheet

# Cities that no other source knew: the county comes from the city table alone.
FROM_THE_CITY_TABLE = {
    "CAPD ANAHEIM": "Orange", "CAPD GARDEN GROVE": "Orange", "CAPD ESCONDIDO": "San Diego",
    "CAPD ELK GROVE": "Sacramento", "CAPD DALY CITY": "San Mateo", "CAPD MILPITAS": "Santa Clara",
    "CAPD NATIONAL CITY": "San Diego", "CAPD SAN LEANDRO": "Alameda", "CAPD HUNTINGTON BCH": "Orange",
    "CASO GARDEN GROVE": "Orange", "CAPD CITRUS HTS": "Sacramento", "CAPD ST HELENA": "Napa",
    "CAPD LA CANADA FLINTRIDGE": "Los Angeles", "CAPD CARMEL-BY-THE-SEA": "Monterey", "CAPD MCFARLAND": "Kern",
}
# Cities the courthouse table or the county profiles' courthouses already knew: unchanged, certain.
ALREADY_KNOWN = {
    "CAPD FREMONT": "Alameda", "CAPD BAKERSFIELD": "Kern", "CASO REDDING": "Shasta", "CAPD YUBA CITY": "Sutter",
    "CAPD TRUCKEE": "Nevada", "CAPD SOUTH LAKE TAHOE": "El Dorado", "CASO AVALON": "Los Angeles",
}


def _rows() -> list[dict]:
    data = (resources.files("assembler") / "data" / "california-cities.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(data)))


def test_the_city_table_is_whole_and_spelled_like_the_counties():
    rows = _rows()
    assert len(rows) >= 470
    assert list(rows[0]) == ["city", "county"]
    assert {row["county"] for row in rows} <= set(COUNTIES)
    names = [row["city"] for row in rows]
    assert len(set(names)) == len(names)
    keys = [courts._city_key(name) for name in names]
    assert len(set(keys)) == len(keys), "two cities read the same once spaces and punctuation are dropped"


def test_a_city_named_like_a_county_is_in_that_county_or_is_the_known_exception():
    """Only the city of San Joaquin (Fresno County) bears another county's name."""
    other = {row["city"]: row["county"] for row in _rows() if row["city"] in COUNTIES and row["city"] != row["county"]}
    assert other == {"San Joaquin": "Fresno"}


@pytest.mark.parametrize("agency, county", FROM_THE_CITY_TABLE.items())
def test_a_city_police_department_gives_its_county_to_confirm(agency, county):
    assert county_of(agency) == courts.Place(county, "agency", certain=False)


@pytest.mark.parametrize("agency, county", ALREADY_KNOWN.items())
def test_a_city_a_verified_source_knew_stays_certain(agency, county):
    assert county_of(agency) == courts.Place(county, "agency", certain=True)


def test_the_city_table_only_fills_gaps(monkeypatch):
    """Without the table, every certain answer is the same and every uncertain one was unknown."""
    agencies = [*FROM_THE_CITY_TABLE, *ALREADY_KNOWN, "CASC SONOMA", "CAPD ORANGE", "CAPD NEVADA CITY",
                "CAPD LAKEPORT", "CASC YUBA CITY", "CASC SN JOSE", "CAPD L05 ANGELES", "CASC MCHAYWARD"]
    with_table = {agency: county_of(agency) for agency in agencies}
    monkeypatch.setattr(courts, "_cities", lambda: {})
    for agency, place in with_table.items():
        assert county_of(agency) == (place if place.certain else courts.Place(None, place.kind)), agency


def test_ocr_lookalikes_and_splits_in_a_city_name():
    """§1.5 and the OCR of scanned sheets: `1` for `I`, a word split by a space."""
    for agency in ("CAPD HUNT1NGTON BCH", "CAPD ANAHEI M", "CAPD GARDEN  GROVE"):
        assert county_of(agency) == courts.Place("Orange", "agency", certain=False), agency


def test_a_county_name_still_wins_over_a_city_of_that_name():
    """The county-name lookup runs first; only a police department of the city of San Joaquin is read as the
    city (Fresno County), and that is asked."""
    assert county_of("CASC SONOMA").county == "Sonoma"
    assert county_of("CAPD ORANGE") == courts.Place("Orange", "agency")
    assert county_of("CASO SAN JOAQUIN") == courts.Place("San Joaquin", "agency")
    assert county_of("CASC SAN JOAQUIN").county == "San Joaquin" and county_of("CASC SAN JOAQUIN").certain
    assert county_of("CAPD SAN JOAQUIN") == courts.Place("Fresno", "agency", certain=False)


def test_highway_patrol_areas_named_by_a_city():
    assert county_of("CAHP ESCONDIDO") == courts.Place("San Diego", "agency", certain=False)
    assert county_of("CACHP ANAHEIM") == courts.Place("Orange", "agency", certain=False)
    assert county_of("CAHP WEST VALLEY").county is None
    assert county_of("CACHP GOLDEN GATE").county is None


def test_a_court_is_not_read_from_the_city_table():
    """Courts come from courthouse-counties.csv; one it does not know stays unknown (test_rapsheet_rules)."""
    assert county_of("CASC ESCONDIDO").county is None
    assert county_of("CASC LAKE ELSINORE").county is None
    assert county_of("CAJV ANAHEIM") == courts.Place(None, "juvenile")


@pytest.mark.parametrize("agency", ["CAPD NOWHERESVILLE", "CAPD NOWHERE FLATS", "CASO HUNTINGTON",
                                    "CAPD ANAHEIM HILLS", "USFD ANAHEIM"])
def test_a_place_that_is_no_city_stays_unknown(agency):
    assert county_of(agency).county is None


def test_an_arrest_by_a_city_police_department_imports_with_its_county_to_confirm():
    """§4.4: an arrest that never became a court case takes the arresting agency's county, asked to confirm."""
    imported = import_text(sheet("ARR/DET/CITE: NAM:01\n20230418  CAPD ANAHEIM\nCNT:01 #23-1\n"
                                 "  459 PC-BURGLARY TOC:F"))
    case = imported.profile["cases"][0]
    assert case["county"] == "Orange"
    assert case["arrest"]["agency"] == "CAPD ANAHEIM"
    confirm = [q for q in imported.questions if getattr(q, "code", "") == "rapsheet.county_from_name"]
    assert len(confirm) == 1 and confirm[0].params_dict["county"] == "Orange"
    assert "CAPD ANAHEIM" in str(confirm[0]) and "confirm" in str(confirm[0])
    assert not any(getattr(q, "code", "") == "rapsheet.county_unknown" for q in imported.questions)
    assert not any("county is missing" in str(p) for p in imported.problems)
