"""What CR-180 and CR-181 share: the caption, the offense rows, and which remedies are requested.

Caption, for a self-represented petitioner (Judicial Council practice for "party without attorney"):
the petitioner's own name, mailing address, phone and email go in the attorney block, the State Bar
number and firm stay empty, and ATTORNEY FOR reads "In pro per". For a represented petitioner the
block is the attorney's and ATTORNEY FOR names the petitioner. Nothing unknown is invented: a
missing address or case number leaves its field empty.
"""

from __future__ import annotations

from typing import Sequence

from assembler.plan.formmap.values import SIGNATURE_DATE, Caption, CourtInfo, TableRow, form_date
from assembler.profile.model import Address, Case, Count, Level, Profile
from rules.decision import Decision, Status
from rules.offenses import lookup

IN_PRO_PER = "In pro per"
DISMISSALS = ("1203.4", "1203.4a", "1203.41", "1203.42", "1203.43", "1203.49")
CODE_NAMES = {
    "PC": "Penal", "VC": "Vehicle", "HS": "Health & Saf.", "BP": "Bus. & Prof.", "WI": "Welf. & Inst.",
    "FG": "Fish & Game", "GC": "Government", "CC": "Civil", "EC": "Education", "PRC": "Pub. Resources",
}


def requested(decisions: Sequence[Decision], remedy: str) -> Decision | None:
    """The decision if this remedy is petitioned for now: never an ineligible or not-yet one."""
    found = next((d for d in decisions if d.remedy == remedy), None)
    if found is None or found.status is Status.ineligible or not found.eligible_now:
        return None
    return found


def defendant_name(profile: Profile) -> str:
    p = profile.petitioner
    return f"{p.legal_name} (aka {', '.join(p.other_names)})" if p.other_names else p.legal_name


def caption(profile: Profile, case: Case) -> Caption:
    name = profile.petitioner.legal_name
    words = name.split()
    short = f"{words[0]} {words[-1]}" if len(words) > 2 else name
    return Caption(f"People v. {name}", case.court_case_number or "", name, SIGNATURE_DATE, short)


def caption_values(profile: Profile, case: Case, court: CourtInfo) -> dict[str, str]:
    values = _filer_block(profile)
    values.update({
        "caption.court.county": court.county,
        "caption.court.street": court.street,
        "caption.court.mailing": court.mailing,
        "caption.court.city_zip": court.city_zip,
        "caption.defendant": defendant_name(profile),
        "caption.case_number": case.court_case_number or "",
    })
    return values


def caption_fallbacks(profile: Profile) -> dict[str, tuple[str, ...]]:
    """What a caption item becomes when the full text does not fit its box (see FormValues.fallbacks).
    An e-mail is optional on the caption, so a long one is left off rather than sent to an attachment."""
    p = profile.petitioner
    filer = p.attorney.address if p.attorney else p.mailing_address
    out = {"caption.defendant": (p.legal_name,), "caption.attorney.email": ("",)}
    if filer is not None:
        out["caption.attorney.street"] = (usps_abbreviated(_street(filer)),)
    return out


_USPS = {"north": "N", "south": "S", "east": "E", "west": "W", "street": "St", "avenue": "Ave",
         "boulevard": "Blvd", "drive": "Dr", "road": "Rd", "lane": "Ln", "court": "Ct", "place": "Pl",
         "highway": "Hwy", "parkway": "Pkwy", "apartment": "Apt", "building": "Bldg", "suite": "Ste",
         "number": "#", "floor": "Fl", "room": "Rm", "unit": "Unit", "canyon": "Cyn", "ridge": "Rdg",
         "crest": "Crst", "mountain": "Mtn", "heights": "Hts", "terrace": "Ter", "circle": "Cir"}


def usps_abbreviated(street: str) -> str:
    """A street in the U.S. Postal Service's standard abbreviations (Publication 28): the same address, shorter."""
    return " ".join(_abbreviated(word) for word in street.split())


def _abbreviated(word: str) -> str:
    core = word.rstrip(",.")
    return _USPS.get(core.lower(), core) + word[len(core):]


def _street(address: Address) -> str:
    return f"{address.street} {address.unit}" if address.unit else address.street


def _filer_block(profile: Profile) -> dict[str, str]:
    p = profile.petitioner
    if p.attorney is None:
        return {"caption.attorney.name": p.legal_name, **_address(p.mailing_address),
                "caption.attorney.phone": p.phone or "", "caption.attorney.email": p.email or "",
                "caption.attorney.attorney_for": IN_PRO_PER}
    a = p.attorney
    return {"caption.attorney.name": a.name, "caption.attorney.bar_number": a.state_bar_number,
            "caption.attorney.firm": a.firm or "", **_address(a.address),
            "caption.attorney.phone": a.phone or "", "caption.attorney.fax": a.fax or "",
            "caption.attorney.email": a.email or "", "caption.attorney.attorney_for": p.legal_name}


def _address(address: Address | None) -> dict[str, str]:
    if address is None:
        return {}
    street = _street(address)
    return {"caption.attorney.street": street, "caption.attorney.city": address.city,
            "caption.attorney.state": address.state, "caption.attorney.zip": address.zip}


# --- item 1: the offenses --------------------------------------------------------------------


def petitioned_counts(case: Case, decisions: Sequence[Decision]) -> list[Count]:
    """The counts item 1 lists: the convictions, or the deferred-entry pleas for § 1203.43."""
    counts = case.convicted_counts
    if requested(decisions, "1203.43"):
        counts = counts + [c for c in case.counts if c.disposition.value == "dej_completed"]
    return counts


def level(count: Count) -> Level | None:
    return count.level_convicted or count.level_charged


def reducible_17b(count: Count, decisions: Sequence[Decision]) -> bool:
    """Felony → misdemeanor asked for this count: 17(b) requested and the offense is a wobbler."""
    if requested(decisions, "17b") is None or level(count) is not Level.felony or count.reduced_under_17b:
        return False
    offense = lookup(count.code, count.section)
    return offense is None or offense.wobbler_17b


def reducible_17d2(count: Count, decisions: Sequence[Decision]) -> bool:
    """Misdemeanor → infraction asked for this count: 17(d)(2) requested and a § 19.8 wobblette."""
    if requested(decisions, "17d2") is None or level(count) is not Level.misdemeanor:
        return False
    offense = lookup(count.code, count.section)
    return offense is None or offense.wobblette_19_8


def table_row(count: Count, decisions: Sequence[Decision]) -> TableRow:
    lvl = level(count)
    return TableRow(
        code=CODE_NAMES.get(count.code, count.code),
        section=count.section,
        type=lvl.value if lvl else "",
        reduce_17b="yes" if reducible_17b(count, decisions) else "no",
        reduce_17d2="yes" if reducible_17d2(count, decisions) else "no",
    )


def count_label(count: Count, case: Case) -> str:
    """'PC 460(b) (felony), convicted 04/02/2018' — how CR-181 specifies a charge and its date."""
    lvl = level(count)
    kind = f" ({lvl.value})" if lvl else ""
    when = form_date(case.conviction_date)
    return f"{count.label}{kind}" + (f", convicted {when}" if when else "")
