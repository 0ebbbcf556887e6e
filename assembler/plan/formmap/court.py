"""The court block of the caption, from the county record (assembler/data/counties)."""

from __future__ import annotations

from assembler.profile.counties import county_profile
from assembler.plan.formmap.values import CourtInfo


def court_info(county: str) -> tuple[CourtInfo, bool]:
    """The caption's court lines and whether two sources agree on the address.

    An address the county record does not know stays empty for the petitioner to write in.
    """
    court = county_profile(county).court
    address = court.filing_address.value
    if address is None:
        return CourtInfo(county), False
    city_zip = " ".join(p for p in (address.city, address.zip) if p)
    return CourtInfo(county, street=address.street, city_zip=city_zip), court.filing_address.verified
