"""What CR-409 and CR-410 share: one arrest, described from the profile's arrest facts.

One petition per arrest (Pen. Code, § 851.91(b)(1)): a case in the profile is one arrest. Charges
are named the way the form's own example does ("Penal Code section 242"), with the code names CR-180
uses and the description when the profile gives one. Nothing unknown is invented: a missing fact leaves its field empty.
"""

from __future__ import annotations

from assembler.plan.formmap.common import CODE_NAMES
from assembler.plan.formmap.values import CourtInfo
from assembler.profile.model import Address, Case, Count, Disposition

OUTCOMES = {
    Disposition.dismissed: "dismissed", Disposition.acquitted: "acquitted",
    Disposition.diversion_completed: "dismissed after diversion", Disposition.never_filed: "not filed",
    Disposition.conviction_vacated: "conviction vacated", Disposition.pending: "pending",
}


def charge(count: Count) -> str:
    """'Penal Code section 242 (battery)'."""
    code = f"{CODE_NAMES.get(count.code, count.code)} Code"
    what = f" ({count.description})" if count.description else ""
    return f"{code} section {count.section}{what}"


def arrest_offenses(case: Case) -> list[Count]:
    """What the arrest was for: the arrest's own list, else the counts of the case."""
    if case.arrest and case.arrest.offenses:
        return list(case.arrest.offenses)
    return list(case.counts)


def filed_counts(case: Case) -> list[Count]:
    """The charges the prosecutor filed: the case's counts, unless none was ever filed."""
    return [c for c in case.counts if c.disposition is not Disposition.never_filed]


def prosecutor_filed(case: Case) -> bool:
    return bool(case.court_case_number) or bool(filed_counts(case))


def filed_charges(case: Case) -> str:
    lines = []
    for c in filed_counts(case):
        outcome = OUTCOMES.get(c.disposition)
        lines.append(charge(c) + (f": {outcome}" if outcome else ""))
    return "\n".join(lines)


def court_lines(court: CourtInfo) -> str:
    """The court block after the printed "Superior Court of California, County of"."""
    return "\n".join(line for line in (court.county, court.street, court.mailing, court.city_zip) if line)


def street(address: Address | None) -> str:
    if address is None:
        return ""
    return f"{address.street} {address.unit}" if address.unit else address.street
