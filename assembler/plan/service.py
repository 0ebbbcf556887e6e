"""Who must be served with each petition, and where, from the county data — never invented.

A § 1203.4-family petition goes to the prosecuting attorney at least 15 days before the hearing
(Pen. Code, § 1203.4(d)(1)); an arrest-sealing petition goes to the prosecutor of the place of
arrest and to the arresting agency (Pen. Code, § 851.91(b)). An address we do not know is left
for the person to fill in, with how to find it.
"""

from __future__ import annotations

from dataclasses import dataclass

from assembler.profile.counties import county_profile
from assembler.profile.model import Case

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


def service_list(case: Case, remedies: list[str]) -> list[Recipient]:
    """The people to mail copies to for this case's petition, prosecutor first."""
    county = county_profile(case.county)
    da = county.district_attorney
    da_name = da.name.value or f"District Attorney of {county.county} County"
    da_address = da.address.value.one_line() if da.address.value else None
    recipients = [Recipient(
        name=da_name, address=da_address, role="the prosecuting attorney",
        how_to_find=None if da_address else (
            f"Ask the court clerk or look up the {county.county} County District Attorney's office "
            "website for the address where papers are served. For a misdemeanor from a city with its "
            "own prosecutor (a City Attorney), serve that office instead."))]
    if set(remedies) & SEALING:
        agency = case.arrest.agency if case.arrest and case.arrest.agency else "The law enforcement agency that arrested you"
        recipients.append(Recipient(
            name=agency, address=None, role="the arresting agency",
            how_to_find="Look up the agency's records or legal office address on its website, or call its "
                        "front desk and ask where legal papers are served."))
    return recipients
