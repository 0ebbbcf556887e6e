"""Which county a court or agency on the sheet belongs to (FORMAT.md §1.5, §4.4; courthouse-counties.csv).

A court's place is a courthouse or city, not always a county (`CASC YUBA CITY` is Sutter County). The
answer comes from the table, from a place the table knows, or from a place that is itself a county's
name. Failing those, an agency (not a court) whose place is an incorporated city (california-cities.csv,
unverified) gets that city's county with `certain=False`, so the importer asks the person to confirm it;
anything else is `None`, and the importer asks instead of guessing.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from assembler.profile.counties import COUNTIES, canonical_county, county_profile

# DOJ's abbreviations of place words (FORMAT §1.5): `CASC SN JOSE`, `CASC SNTA BARBARA`, `SAN BERDO`.
_ABBREVIATIONS = {"SN": "SAN", "SNTA": "SANTA", "STA": "SANTA", "BERDO": "BERNARDINO", "BCH": "BEACH",
                  "FERNDO": "FERNANDO",
                  # Not in FORMAT (inference): usual short forms of place words. Tried after the words as
                  # printed, and they only count where they make the full name of a known place.
                  "SO": "SOUTH", "HTS": "HEIGHTS", "SPGS": "SPRINGS", "SPRGS": "SPRINGS", "VLY": "VALLEY",
                  "PK": "PARK", "MTN": "MOUNTAIN", "CTY": "CITY"}
# State and kind before the place (FORMAT §1.5: `CAPD`, `CASO`, `CASC` …). `CAHP` (highway patrol) fits the
# four letters; `CACHP` is not in FORMAT (inference): a CHP area named by a city then reads as that city.
_PREFIX = re.compile(r"^(?:[A-Z]{4}|CACHP)\s")
# Courts (superior, municipal, justice, juvenile): known from courthouse-counties.csv, never from the city table.
_COURT_KINDS = ("SC", "MC", "JC", "JV")
# Digits OCR reads for letters inside words (`L05 ANGELES`).
_LOOKALIKES = str.maketrans({"0": "O", "5": "S", "1": "I", "8": "B"})


@dataclass(frozen=True)
class Place:
    county: str | None  # None: not known from the sheet
    kind: str  # the table's court kind (superior, municipal, justice, juvenile, federal …) or "agency"
    certain: bool = True  # False: read from a name alone (a court branch, the city table); the person confirms it


def county_of(agency: str) -> Place:
    """The county of a court or agency as printed, e.g. `CASC LOS ANGELES METRO` → Los Angeles."""
    text = " ".join(agency.upper().replace(".", " ").split())
    if text.startswith("US"):
        return Place(None, "federal")
    for candidate in (text, _lookalikes_fixed(text)):
        row = _row(candidate)
        if row:
            return row
    kind = "juvenile" if text.startswith("CAJV") else "agency"
    place = re.sub(_PREFIX, "", text, count=1)
    county = _place_county(place) or _place_county(_lookalikes_fixed(place))
    if county is None and text[2:4] in ("SC", "MC") and (county := _branch_of(_lookalikes_fixed(place))):
        return Place(county, kind, certain=False)
    return _by_city(text[2:4], place, county, kind) or Place(county, kind)


def _row(text: str) -> Place | None:
    table = _table()
    return table.get(text) or table.get(text.replace(" ", ""))


def _place_county(place: str) -> str | None:
    for candidate in _spellings(place):
        key = candidate.replace(" ", "")
        county = canonical_county(candidate) or _places().get(key) or _courthouse_cities().get(key)
        if county:
            return county
    return None


def _by_city(agency_kind: str, place: str, county: str | None, kind: str) -> Place | None:
    """An agency (not a court) in an incorporated city the other sources do not know: the city's county, to be
    confirmed. A police department's place is its city, so `CAPD SAN JOAQUIN` is the city of San Joaquin (Fresno
    County), not the county of that name; for other agencies the county's name, read first, wins."""
    if agency_kind in _COURT_KINDS:
        return None
    city = _city_county(place) or _city_county(_lookalikes_fixed(place))
    if city and (county is None or (agency_kind == "PD" and city != county)):
        return Place(city, kind, certain=False)
    return None


def _city_county(place: str) -> str | None:
    """The county of an incorporated city (`HUNTINGTON BCH` → Orange), from the unverified city table."""
    cities = _cities()
    return next((cities[key] for key in map(_city_key, _spellings(place)) if key in cities), None)


def _spellings(place: str) -> list[str]:
    """The place as printed, with DOJ's abbreviations expanded, and without a glued former-municipal `MC`."""
    expanded = " ".join(_ABBREVIATIONS.get(w, w) for w in place.split())
    return [c for c in dict.fromkeys((place, expanded, _unglued(place), _unglued(expanded))) if c]


def _branch_of(place: str) -> str | None:
    """`LOS ANGELES AIRPORT` → Los Angeles: a superior court prints its county, then the branch. Only county
    names of two or more words count, so `LAKE ELSINORE` (Riverside County) is not read as Lake County."""
    words = place.split()
    for size in (3, 2):
        county = canonical_county(" ".join(words[:size])) if len(words) > size else None
        if county and " " in county:
            return county
    return None


def _unglued(place: str) -> str:
    """`MCHAYWARD` → `HAYWARD`: a former municipal-court location glued to its place (FORMAT §1.5)."""
    return place[2:].strip() if place.startswith("MC") else ""


def _city_key(name: str) -> str:
    """`La Cañada Flintridge`, `Carmel-by-the-Sea`, `ST HELENA` → capitals only: `LACANADAFLINTRIDGE` …"""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Z]", "", ascii_name.upper())


def _lookalikes_fixed(text: str) -> str:
    """Digits inside words back to letters (`L05` → `LOS`); all-digit tokens are left alone."""
    return " ".join(w.translate(_LOOKALIKES) if re.search(r"[A-Z]", w) else w for w in text.split())


@lru_cache(maxsize=1)
def _rows() -> list[dict]:
    data = (resources.files("assembler") / "data" / "courthouse-counties.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(data)))


@lru_cache(maxsize=1)
def _table() -> dict[str, Place]:
    """Each court as printed, and as OCR splits it (`CASC SUNNYVAL E`): the key without spaces."""
    table: dict[str, Place] = {}
    for row in _rows():
        place = Place(row["county"] or None, row["court_kind"])
        table[row["rap_court"]] = table[row["rap_court"].replace(" ", "")] = place
    return table


@lru_cache(maxsize=1)
def _places() -> dict[str, str]:
    """Place words (without spaces) → county, where every row naming the place agrees."""
    seen: dict[str, set[str]] = {}
    for row in _rows():
        if row["county"]:
            seen.setdefault(row["rap_court"][5:].replace(" ", ""), set()).add(row["county"])
    return {place: counties.pop() for place, counties in seen.items() if len(counties) == 1}


@lru_cache(maxsize=1)
def _courthouse_cities() -> dict[str, str]:
    """Cities of each county's courthouses (assembler/data/counties): a courthouse stands in its own county.
    Read only when the table misses; a city named by two counties is left out."""
    seen: dict[str, set[str]] = {}
    for county in COUNTIES:
        court = county_profile(county).court
        addresses = [court.filing_address.value] + [c.address for c in court.other_courthouses]
        for address in (a for a in addresses if a and a.city):
            seen.setdefault(address.city.upper().replace(" ", ""), set()).add(county)
    return {city: counties.pop() for city, counties in seen.items() if len(counties) == 1}


@lru_cache(maxsize=1)
def _cities() -> dict[str, str]:
    """Incorporated cities (california-cities.csv, compiled from general knowledge and not checked against the
    Department of Finance list: see california-cities.md) → county, keyed by `_city_key`."""
    data = (resources.files("assembler") / "data" / "california-cities.csv").read_text(encoding="utf-8")
    return {_city_key(row["city"]): row["county"] for row in csv.DictReader(io.StringIO(data))}
