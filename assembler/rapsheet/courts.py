"""Which county a court or agency on the sheet belongs to (FORMAT.md §1.5, §4.4; courthouse-counties.csv).

A court's place is a courthouse or city, not always a county (`CASC YUBA CITY` is Sutter County). The
answer comes from the table, from a place the table knows, or from a place that is itself a county's
name; anything else is `None`, and the importer asks instead of guessing.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from assembler.profile.counties import COUNTIES, canonical_county, county_profile

# DOJ's abbreviations of place words (FORMAT §1.5): `CASC SN JOSE`, `CASC SNTA BARBARA`, `SAN BERDO`.
_ABBREVIATIONS = {"SN": "SAN", "SNTA": "SANTA", "STA": "SANTA", "BERDO": "BERNARDINO", "BCH": "BEACH",
                  "FERNDO": "FERNANDO"}
# Digits OCR reads for letters inside words (`L05 ANGELES`).
_LOOKALIKES = str.maketrans({"0": "O", "5": "S", "1": "I", "8": "B"})


@dataclass(frozen=True)
class Place:
    county: str | None  # None: not known from the sheet
    kind: str  # the table's court kind (superior, municipal, justice, juvenile, federal …) or "agency"
    certain: bool = True  # False: read from the court's name alone; the person is asked to confirm it


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
    place = text[5:] if re.match(r"^[A-Z]{4}\s", text) else text
    county = _place_county(place) or _place_county(_lookalikes_fixed(place))
    if county is None and text[2:4] in ("SC", "MC") and (county := _branch_of(_lookalikes_fixed(place))):
        return Place(county, kind, certain=False)
    return Place(county, kind)


def _row(text: str) -> Place | None:
    table = _table()
    return table.get(text) or table.get(text.replace(" ", ""))


def _place_county(place: str) -> str | None:
    expanded = " ".join(_ABBREVIATIONS.get(w, w) for w in place.split())
    for candidate in dict.fromkeys((place, expanded, _unglued(place), _unglued(expanded))):
        key = candidate.replace(" ", "")
        county = canonical_county(candidate) or _places().get(key) or _courthouse_cities().get(key)
        if candidate and county:
            return county
    return None


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
