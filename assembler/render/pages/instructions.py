"""Filing instructions: what to do with the papers, step by step, for one county's court.

`render_instructions(profile, case_results, county, lang)` picks the cases in that county, sorts
their remedies into families (petitions on CR-180, arrest sealing on CR-409), and renders the
jinja2 templates in templates/instructions/<lang>/. All wording lives in the templates; this
module only gathers facts. An unknown address stays unknown: the templates then say how to find it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from assembler.plan.wording import template_env
from assembler.profile import offices
from assembler.profile.counties import CountyProfile, Fact, Office, PostalAddress, county_profile
from assembler.profile.model import Case, Level, Profile
from assembler.render.pages.textpdf import typeset
from assembler.render.pages.writing import SetPages
from rules import messages
from rules.decision import CaseResult, Decision, Status

LANGS = ("en", "es")
PETITION_REMEDIES = ("17b", "17d2", "1203.4", "1203.4a", "1203.41", "1203.42", "1203.43", "1203.49")
SEALING_REMEDIES = ("851.91",)
FAMILIES = {"petition": PETITION_REMEDIES, "sealing": SEALING_REMEDIES}
PARTS = ("overview", "petition", "sealing", "effects", "help")

_SOURCE_REFS = re.compile(r"\s*\((?:P_\w+|[A-F])(?:,\s*(?:P_\w+|[A-F]))*\)")


@dataclass
class Place:
    """A court or office as the instructions show it: known facts, None for unknown ones."""

    name: str | None
    address: str | None
    address_verified: bool
    phone: str | None
    url: str | None
    email: str | None = None
    unit: str | None = None
    as_of: str | None = None
    walk_in: str | None = None

    @property
    def known(self) -> bool:
        return self.address is not None


@dataclass
class CaseView:
    label: str
    number: str | None = None
    arrest_date: date | None = None
    now: list[Decision] = field(default_factory=list)
    later: list[Decision] = field(default_factory=list)
    felony: bool = False
    arrest_agency: str | None = None

    @property
    def remedies(self) -> list[str]:
        return [d.remedy for d in self.now]

    @property
    def discretionary(self) -> bool:
        return any(d.status is Status.discretionary for d in self.now)

    @property
    def needs_review(self) -> bool:
        return any(d.status is Status.needs_review for d in self.now)


def render_instructions(profile: Profile, case_results: list[CaseResult], county: str, lang: str = "en") -> str:
    """The instructions for the cases in `county`, as headed plain text (see assembler.render.pages.textpdf)."""
    if lang not in LANGS:
        raise ValueError(f"lang '{lang}' is not available; fix: use one of {', '.join(LANGS)}")
    context = instruction_context(profile, case_results, county, lang)
    env = template_env()
    parts = [p for p in PARTS if p not in FAMILIES or context[p]]
    text = "\n".join(env.get_template(f"instructions/{lang}/{p}.txt.j2").render(context) for p in parts)
    return _tidy(text)


def instructions_pdf(text: str, lang: str = "en") -> bytes:
    """The rendered instructions as PDF bytes, with the language's footer and page numbers."""
    return instructions_pages(text, lang).data


def instructions_pages(text: str, lang: str = "en") -> SetPages:
    """The rendered instructions set on pages (`.data`: the PDF bytes)."""
    footer = messages.text("packet.instructions.footer", lang)
    # the typesetter fills {n} and {total}, so the catalogue's braces are passed through as they are
    return typeset(text, footer=footer, title=footer, page_label=messages.catalogue(lang)["packet.instructions.page"])


def write_instructions_pdf(text: str, path: Path, lang: str = "en") -> Path:
    path = Path(path)
    path.write_bytes(instructions_pdf(text, lang))
    return path


def instruction_context(profile: Profile, case_results: list[CaseResult], county: str, lang: str) -> dict:
    data = county_profile(county)
    views = {family: [] for family in FAMILIES}
    later: list[tuple[CaseView, Decision]] = []
    other: list[tuple[CaseView, Decision]] = []
    flags: set[str] = set()
    for result, case in _pairs(profile, case_results):
        if result.county != data.county:
            continue
        base = _case_view(result, case, ())
        flags.update(result.flags)
        for family, remedies in FAMILIES.items():
            view = _case_view(result, case, remedies)
            if view.now:
                views[family].append(view)
            later += [(view, d) for d in view.later]
        other += [(base, d) for d in result.remedies
                  if d.actionable and d.remedy not in PETITION_REMEDIES + SEALING_REMEDIES]
    found = {r for v in views["petition"] + views["sealing"] for r in v.remedies}
    in_force = [r for r in PETITION_REMEDIES + SEALING_REMEDIES if r in found]  # in statute order, not a set's
    return {
        "lang": lang,
        "petitioner": profile.petitioner.legal_name,
        "county": data.county,
        "court": _court_place(data),
        "court_facts": _court_facts(data),
        "prosecutor": _listed_place(data.district_attorney, data.county, "district_attorney"),
        "city_prosecutors": bool(offices.city_prosecutors(data.county)),
        "probation": _listed_place(data.probation, data.county, "probation"),
        "help": _help_places(data),
        "practice": {k: getattr(data.practice, k).value for k in type(data.practice).model_fields},
        "petition": views["petition"],
        "sealing": views["sealing"],
        "later": later,
        "other": other,
        "flags": flags,
        "remedies": in_force,
        "registrant": bool(profile.status.registrant_290),
        "any_felony": any(v.felony for v in views["petition"]),
        "other_counties": sorted({r.county for r in case_results if r.county and r.county != data.county
                                  and any(d.actionable for d in r.remedies)}),
    }


def _pairs(profile: Profile, case_results: list[CaseResult]) -> list[tuple[CaseResult, Case]]:
    """Each result with its profile case: by case number, else the next unnumbered case (an arrest
    with no court case) of the same county, in profile order."""
    numbered = {c.court_case_number: c for c in profile.cases if c.court_case_number}
    unnumbered = [c for c in profile.cases if not c.court_case_number]
    pairs = []
    for result in case_results:
        case = numbered.get(result.case_number or "")
        if case is None:
            case = next((c for c in unnumbered if c.county == result.county), None) or profile.cases[0]
            if case in unnumbered:
                unnumbered.remove(case)
        pairs.append((result, case))
    return pairs


def _case_view(result: CaseResult, case: Case, remedies: tuple[str, ...]) -> CaseView:
    mine = [d for d in result.remedies if d.remedy in remedies and d.actionable]
    return CaseView(
        label=result.case_number or case.label,
        number=result.case_number or case.court_case_number,
        arrest_date=case.arrest.date if case.arrest else None,
        now=[d for d in mine if d.eligible_now],
        later=[d for d in mine if not d.eligible_now],
        felony=any(c.level_convicted is Level.felony for c in case.counts),
        arrest_agency=case.arrest.agency if case.arrest else None,
    )


def _line(fact: Fact[PostalAddress]) -> str | None:
    return fact.value.one_line() if fact.value else None


def _court_place(data: CountyProfile) -> Place:
    court = data.court
    return Place(name=court.name.value, address=_line(court.filing_address),
                 address_verified=court.filing_address.verified, phone=court.phone.value,
                 url=court.url_alt.value or court.url.value, unit=court.courthouse.value)


def _court_facts(data: CountyProfile) -> dict:
    """What the instructions must warn about this court's address."""
    court = data.court
    return {
        "confirmed": court.location_confirmed,
        "disputed": bool(court.conflicts),
        "may_have_moved": any("moved" in n.value for n in data.notes if n.value),
        "location_note": _without_source_ids(court.filing_address.note) if not court.filing_address.known else None,
        "other_courthouses": len(court.other_courthouses),
        "forms_url": court.local_forms_url.value,
    }


def _office_place(office: Office) -> Place:
    return Place(name=office.name.value, address=_line(office.address), address_verified=office.address.verified,
                 phone=office.phone.value, url=office.url.value, email=office.email.value,
                 unit=office.unit.value, as_of=_year_found(office.as_of), walk_in=office.walk_in)


def _listed_place(office: Office, county: str, kind: str) -> Place:
    """The office with the same address the cover and the proof of service use (`offices.contact`)."""
    found = offices.contact(office, county, kind)
    if found.address is None:  # nothing to mail to: the office as the county data knows it, if at all
        return _office_place(office)
    return replace(_office_place(office), name=found.name, address=found.address.one_line(),
                   address_verified=found.confirmed, phone=found.phone,
                   as_of=_year_found(found.found) or _year_found(office.as_of))


def _help_places(data: CountyProfile) -> list[Place]:
    offices = [data.public_defender, *data.legal_aid]
    return [_office_place(o) for o in offices if o.name.known]


def _year_found(note: str | None) -> str | None:
    """The year a listing was found, for a reader; the research note itself ("older Wikipedia revision",
    "brochure undated") is for maintainers and never printed."""
    found = re.match(r"(\d{4})\b", note or "")
    return found.group(1) if found else None


def _without_source_ids(note: str | None) -> str | None:
    """A research note without its "(P_page, A)" source references, for a reader."""
    return _SOURCE_REFS.sub("", note).strip() if note else None


def _tidy(text: str) -> str:
    """At most one blank line in a row, and a single newline at the end."""
    lines: list[str] = []
    for line in text.splitlines():
        if line.strip() or (lines and lines[-1].strip()):
            lines.append(line.rstrip())
    return "\n".join(lines).strip() + "\n"
