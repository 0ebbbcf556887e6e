"""Who must be served with each petition, and where, from the county data — never invented.

A § 1203.4-family petition goes to the prosecuting attorney at least 15 days before the hearing
(Pen. Code, § 1203.4(d)(1)); an arrest-sealing petition goes to the prosecutor of the place of
arrest and to the arresting agency (Pen. Code, § 851.91(b)). An address we do not know is left
for the person to fill in, with how to find it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assembler.profile import offices
from assembler.profile.counties import CountyProfile, county_profile
from assembler.profile.model import Case, Count, Level

SEALING = {"851.91"}
# The law asks for 15 days' notice; how the days count (and whether mailing adds 5, Code Civ. Proc.
# § 1013(a)) is unsettled, so every paper we print gives the same safer lead times.
SERVICE_LEAD_DAYS = {"mail": 28, "hand": 21}


@dataclass(frozen=True)
class Recipient:
    name: str
    address: str | None  # one line, or None when unknown
    role: str  # why they are served
    how_to_find: str | None = None  # said when the address is unknown
    check: bool = False  # an address no two sources confirm: check it before mailing
    phone: str | None = None
    kind: str = "district_attorney"  # district_attorney | city_attorney | agency: how to find a missing address


def service_list(case: Case, remedies: list[str]) -> list[Recipient]:
    """The people to mail copies to for this case's petition, prosecutor first."""
    county = county_profile(case.county)
    recipients = _prosecutors(case, county)
    if set(remedies) & SEALING:
        agency = case.arrest.agency if case.arrest and case.arrest.agency else "The law enforcement agency that arrested you"
        recipients.append(Recipient(
            name=agency, address=None, role="the arresting agency",
            how_to_find="Look up the agency's records or legal office address on its website, or call its "
                        "front desk and ask where legal papers are served.", kind="agency"))
    return recipients


def _prosecutors(case: Case, county: CountyProfile) -> list[Recipient]:
    """The district attorney; for a misdemeanour arrested by a city's police where that city prosecutes
    its own misdemeanours, that city prosecutor first. Both are served then: which office filed the
    case is not in the profile, and an extra copy costs a stamp while a missing one costs the hearing."""
    da = _district_attorney(county)
    city = _city_prosecutor(case)
    if city is None:
        return [da]
    role = f"the city prosecutor: {city.city} prosecutes its own misdemeanors"
    if not city.role_confirmed:
        role = f"possibly the prosecutor: {city.city} may prosecute some misdemeanors itself"
    address = city.address.one_line() if city.address else None
    first = Recipient(city.name, address, role, check=True, phone=city.phone, kind="city_attorney",
                      how_to_find=None if address else "Call the city attorney's office and ask where papers are served.")
    also = Recipient(da.name, da.address, "the county prosecutor, served too in case it filed this case",
                     da.how_to_find, da.check, da.phone)
    return [first, also]


def _district_attorney(county: CountyProfile) -> Recipient:
    da = offices.contact(county.district_attorney, county.county, "district_attorney")
    name = da.name or f"District Attorney of {county.county} County"
    if da.address is None:
        return Recipient(name, None, "the prosecuting attorney", phone=da.phone, how_to_find=(
            f"Ask the court clerk or look up the {county.county} County District Attorney's office "
            "website for the address where papers are served."))
    return Recipient(name, da.address.one_line(), "the prosecuting attorney", check=not da.confirmed, phone=da.phone)


def _city_prosecutor(case: Case) -> offices.ServiceOffice | None:
    """A city prosecutor applies only to a misdemeanour (or infraction) case arrested by that city's police."""
    agency = case.arrest.agency if case.arrest and case.arrest.agency else ""
    counts = case.counts + (case.arrest.offenses if case.arrest else [])
    if "police" not in agency.lower() or any(_felony(c) for c in counts):
        return None
    return next((o for o in offices.city_prosecutors(case.county)
                 if re.search(rf"\b{re.escape(o.city)}\b", agency, re.IGNORECASE)), None)


def _felony(count: Count) -> bool:
    return Level.felony in (count.level_charged, count.level_convicted)
