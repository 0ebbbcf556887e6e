"""Where to serve a petition: each county's district attorney and probation department, and the cities
that prosecute their own misdemeanours, from assembler/data/service-addresses.csv.

The file is research data, confirmed with no office (its notes say where each row came from). So a
street read from it is never `verified` here, whatever the row says: it is printed with "check this
address before mailing" and the office's phone. A row without a street gives no address at all: an
unknown address stays unknown.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from assembler.profile.counties import Office, PostalAddress

# A city row whose role the research could not confirm ("ROLE UNCONFIRMED" in its note).
UNCONFIRMED = "ROLE UNCONFIRMED"


@dataclass(frozen=True)
class ServiceOffice:
    county: str
    office: str  # district_attorney | probation | city_attorney
    name: str
    address: PostalAddress | None
    phone: str | None
    city: str  # the city of the address; for a city prosecutor, the city it prosecutes for
    source_date: str | None
    role_confirmed: bool = True


@lru_cache(maxsize=1)
def _rows() -> tuple[ServiceOffice, ...]:
    text = (resources.files("assembler") / "data" / "service-addresses.csv").read_text(encoding="utf-8")
    return tuple(_office(row) for row in csv.DictReader(io.StringIO(text)))


def _office(row: dict) -> ServiceOffice:
    street = ", ".join(p for p in (row["street"].strip(), row["suite"].strip()) if p and not p.startswith("P.O."))
    address = PostalAddress(street=street, city=row["city"] or None, zip=row["zip"] or None) if row["street"] else None
    return ServiceOffice(county=row["county"], office=row["office"], name=row["name"], address=address,
                         phone=row["phone"] or None, city=row["city"], source_date=row["source_date"] or None,
                         role_confirmed=UNCONFIRMED not in row["note"])


def office(county: str, kind: str) -> ServiceOffice | None:
    """The county's district attorney or probation department."""
    return next((o for o in _rows() if o.county == county and o.office == kind), None)


def city_prosecutors(county: str) -> list[ServiceOffice]:
    return [o for o in _rows() if o.county == county and o.office == "city_attorney"]


@dataclass(frozen=True)
class Contact:
    """Where to serve an office, from the county data and, where that knows nothing, the research list."""

    name: str | None
    address: PostalAddress | None
    confirmed: bool  # two sources agree (county data); anything else is printed "check before mailing"
    phone: str | None
    found: str | None  # when the research list found it (its source date), where the address came from there


def contact(known: Office, county: str, kind: str) -> Contact:
    """`known`: the office as the county data has it (assembler/data/counties)."""
    listed = office(county, kind)
    own = known.address.value
    address = own or (listed.address if listed else None)
    return Contact(name=known.name.value or (listed.name if listed else None), address=address,
                   confirmed=bool(own and known.address.verified),
                   phone=known.phone.value or (listed.phone if listed else None),
                   found=listed.source_date if listed and not own and address else None)
