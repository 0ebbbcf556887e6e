"""The print-ready packet: cover sheet, instructions, then each case's papers in filing order.

Layout of `packet.pdf` (one per petitioner, one section per court):
  cover sheet → for each county: filing instructions → for each case in that county: petition
  (CR-180 or CR-409) with its attachments and declarations → proposed order (CR-181 or CR-410) →
  proof of service. Every page carries "Packet page N of M"; every document is a bookmark; with
  `duplex` each document starts on a front side (a blank back is inserted where needed).
The separate PDFs go beside it, flattened or not as asked.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from assembler.bundle.merge import Part, merge, number, pages_of
from assembler.plan.backend import FormBackend
from assembler.profile.counties import county_profile
from assembler.render.pages.cover import Court, CoverSheet, Entry, cover_pages
from assembler.plan.formmap.items import FORMS, facts, petitions
from assembler.plan.formset import Document, FormSet
from assembler.render.pages.instructions import instructions_pages, render_instructions
from assembler.profile.model import Case, Profile
from assembler.render.pages.proof_of_service import ServedCase, proof_of_service_pages
from assembler.render.forms.rendition.backend import RenditionBackend
from assembler.plan.service import Recipient, service_list
from assembler.plan.wording import case_title, long_date
from rules import messages
from rules.decision import Assessment, CaseResult

PETITIONS = petitions()  # petition → its proposed order (forms/<ID>/items.yaml)


def _words(key: str, lang: str, **params) -> str:
    """The packet's own words, from templates/messages/<lang>/packet.yaml."""
    return messages.text(f"packet.{key}", lang, **params)


def _action(kind: str, lang: str) -> str:
    key = f"packet.action.{kind}"
    return messages.text(key if key in messages.catalogue("en") else "packet.action.MC-025", lang)


@dataclass
class Bundled:
    files: dict[str, bytes] = field(default_factory=dict)
    blanks: list[str] = field(default_factory=list)
    kinds: dict[str, dict] = field(default_factory=dict)  # extra manifest facts per file


def bundle(profile: Profile, assessment: Assessment, formset: FormSet, backend: FormBackend, *, lang: str,
           duplex: bool = False, flatten: bool = False) -> Bundled:
    out = Bundled()
    for doc in formset.documents:
        out.files[doc.file_name] = doc.data
        out.blanks += [f"{doc.title}: {messages.blank(blank)}" for blank in doc.blanks]
    body = _body(profile, assessment, formset, backend, lang, out)
    if not any(p.kind in PETITIONS for p in body):
        return out  # nothing to file: no packet, the assessment explains why
    cover = _cover(profile, assessment, body, formset, lang, duplex)
    parts = [cover, *body]
    packet = merge(parts, duplex, lambda page, total: _words("page", lang, n=page, total=total))
    out.files["cover.pdf"] = cover.typeset.data
    out.files["packet.pdf"] = packet
    out.kinds["cover.pdf"] = {"kind": "cover sheet"}
    out.kinds["packet.pdf"] = {"kind": "packet", "pages": parts[-1].first_page + parts[-1].pages - 1}
    return out


# --- the body: instructions and each case's papers, grouped by county ------------------------


def _body(profile: Profile, assessment: Assessment, formset: FormSet, backend: FormBackend, lang: str,
          out: Bundled) -> list[Part]:
    parts: list[Part] = []
    for county in _counties(profile, assessment, formset):
        parts.append(_instructions(profile, assessment.cases, county, lang, out))
        for case, result in zip(profile.cases, assessment.cases):
            if case.county == county:
                parts += _case_parts(profile, case, result, formset, backend, lang, out)
    return parts


def _counties(profile: Profile, assessment: Assessment, formset: FormSet) -> list[str]:
    filed = {d.case_number for d in formset.documents}
    seen: list[str] = []
    for case in profile.cases:
        if case.county and _label_of(case, profile, assessment) in filed and case.county not in seen:
            seen.append(case.county)
    return seen


def _instructions(profile: Profile, results: list[CaseResult], county: str, lang: str, out: Bundled) -> Part:
    pages = instructions_pages(render_instructions(profile, results, county, lang), lang)
    name = f"instructions_{county.replace(' ', '-')}_{lang}.pdf"
    out.files[name] = pages.data
    out.kinds[name] = {"kind": "instructions", "county": county, "lang": lang}
    return Part(_words("title.instructions", lang, county=county), "instructions", file_name=name, typeset=pages)


def _case_parts(profile: Profile, case: Case, result: CaseResult, formset: FormSet, backend: FormBackend,
                lang: str, out: Bundled) -> list[Part]:
    label = result.key
    docs = [d for d in formset.documents if d.case_number == label]
    parts: list[Part] = []
    for petition, order in PETITIONS.items():
        group = [d for d in docs if d.file_name.startswith(f"{petition}_")]
        if not group:
            continue
        parts += [_form_part(d, backend, lang) for d in group]
        parts += [_form_part(d, backend, lang) for d in docs if d.file_name.startswith(f"{order}_")]
        parts.append(_proof_of_service(profile, case, label, group, docs, order, petition, lang, out))
    return parts


def _form_part(doc: Document, backend: FormBackend, lang: str) -> Part:
    """The packet is for printing: every form in it flattened. A rendition's pages are its blank
    without fields with the values written on (`merge` copies them in; no PDF is written twice).
    An official form is filled again, flattened by its backend in the court PDF's own layout."""
    if doc.source == "rendition":
        blank, layers = RenditionBackend().printed_pages(doc.form_id, doc.values)
        return Part(doc.title_in(lang), doc.form_id, pages=len(layers), printed=(blank, layers))
    return Part(doc.title_in(lang), doc.form_id, backend.fill(doc.form_id, doc.values, flatten=True).data)


def _proof_of_service(profile: Profile, case: Case, label: str, group: list[Document], docs: list[Document],
                      order: str, petition: str, lang: str, out: Bundled) -> Part:
    served = [d.title for d in group] + [d.title for d in docs if d.file_name.startswith(f"{order}_")]
    remedies = sorted({r for d in group for r in d.remedies})
    recipients = service_list(case, remedies)
    pages = proof_of_service_pages(ServedCase(
        defendant=profile.petitioner.legal_name, county=case.county, case_number=case.court_case_number,
        documents=served, recipients=recipients, notice_cite=facts(petition).notice_cite))
    name = f"proof-of-service_{label}.pdf"
    out.files[name] = pages.data
    out.kinds[name] = {"kind": "proof of service by mail", "case_number": label}
    title = _words("title.pos", lang, label=case_title(case, _index_of(case, profile), lang))
    blanks = [_words("serve.write_address", lang, name=r.name) for r in recipients if r.check or not r.address]
    return Part(title, "pos", file_name=name, typeset=pages, blanks=blanks)


def _label_of(case: Case, profile: Profile, assessment: Assessment) -> str:
    """The key the engine gave this case."""
    return assessment.cases[_index_of(case, profile)].key


def _index_of(case: Case, profile: Profile) -> int:
    """The case's position (by identity, so identical cases stay distinct)."""
    return next(i for i, c in enumerate(profile.cases) if c is case)


# --- the cover sheet, which needs the page numbers of everything after it ---------------------


def _cover(profile: Profile, assessment: Assessment, body: list[Part], formset: FormSet, lang: str,
           duplex: bool) -> Part:
    cover = Part(_words("title.cover", lang), "cover")
    for _ in range(3):  # the cover's own length shifts every page number after it
        number([cover, *body], duplex)
        cover.typeset = cover_pages(_sheet(profile, assessment, [cover, *body], formset, lang), lang)
        if pages_of(cover) == cover.pages:
            break
        cover.pages = pages_of(cover)
    return cover


def _sheet(profile: Profile, assessment: Assessment, parts: list[Part], formset: FormSet, lang: str) -> CoverSheet:
    entries = [Entry(p.title, p.first_page, p.first_page + p.pages - 1, _action(p.kind, lang)) for p in parts]
    signatures = [(p.first_page + p.pages - 1, f"{p.title} — {_action(p.kind, lang)}")
                  for p in parts if p.kind in FORMS and facts(p.kind).signed_by == "petitioner"]
    return CoverSheet(petitioner=profile.petitioner.legal_name, entries=entries, signatures=signatures,
                      blanks=_blanks(parts, formset, lang), courts=_courts(profile, assessment, formset, lang),
                      later=_later(profile, assessment, formset, lang), review=_open(profile, assessment, formset, lang))


def _blanks(parts: list[Part], formset: FormSet, lang: str) -> list[tuple[int, str]]:
    found = [(p.first_page, f"{p.title}: {messages.blank(blank, lang)}") for p in parts for blank in p.blanks]
    for doc in formset.documents:
        for blank in doc.blanks:
            part = next((p for p in parts if p.title == doc.title_in(lang)), None)
            found.append((part.first_page if part else 0, f"{doc.title_in(lang)}: {messages.blank(blank, lang)}"))
    return sorted(found, key=lambda item: item[0])


def _courts(profile: Profile, assessment: Assessment, formset: FormSet, lang: str) -> list[Court]:
    courts = []
    for county in _counties(profile, assessment, formset):
        record = county_profile(county)
        data = record.court
        address = data.filing_address.value.one_line() if data.filing_address.value else None
        cases = [c for c in profile.cases if c.county == county]
        labels = [_label_of(c, profile, assessment) for c in cases]
        serve = []
        for case in cases:
            remedies = sorted({r for d in formset.documents if d.case_number == _label_of(case, profile, assessment)
                               for r in d.remedies})
            for r in service_list(case, remedies):
                line = _serve_line(r, lang)
                if line not in serve:
                    serve.append(line)
        name = data.courthouse.value or data.name.value or f"Superior Court, {county} County"
        notes = [] if data.filing_address.verified or not address else [messages.text("cover.unconfirmed", lang)]
        if record.practice.copies.value:
            notes.append(messages.text("cover.local_copies", lang, n=record.practice.copies.value))
        courts.append(Court(name=f"{name} ({county} County)", address=address,
                            how_to_find=None if address else "Call the court clerk or check the court's website.",
                            cases=labels, serve=serve, notes=notes))
    return courts


def _serve_line(r: Recipient, lang: str) -> str:
    if r.address is None:
        return _words("serve.unknown", lang, name=r.name, how=_words(f"serve.find.{r.kind}", lang))
    if not r.check:
        return _words("serve.known", lang, name=r.name, address=r.address)
    if r.phone:
        return _words("serve.check_phone", lang, name=r.name, address=r.address, phone=r.phone)
    return _words("serve.check", lang, name=r.name, address=r.address)


def _filed(formset: FormSet) -> set[tuple[str, str]]:
    """(case key, remedy) of every request this packet files."""
    return {(d.case_number, r) for d in formset.documents for r in d.remedies}


def _open(profile: Profile, assessment: Assessment, formset: FormSet, lang: str) -> list[str]:
    """Requests in this packet whose answer is not certain (needs_review), each with its first question."""
    filed = _filed(formset)
    return [_words("review", lang, remedy=d.remedy, case=case_title(case, index, lang),
                   question=messages.render(d.questions[0] if d.questions else d.reasons[-1], lang))
            for index, (case, result) in enumerate(zip(profile.cases, assessment.cases))
            for d in result.remedies if d.status.value == "needs_review" and (result.key, d.remedy) in filed]


def _later(profile: Profile, assessment: Assessment, formset: FormSet, lang: str) -> list[str]:
    """Remedies found but not in this packet: not yet, needing review, or with forms we do not fill."""
    filed = _filed(formset)
    items = []
    for index, (case, result) in enumerate(zip(profile.cases, assessment.cases)):
        for d in result.remedies:
            if d.status.value == "ineligible" or (result.key, d.remedy) in filed:
                continue
            when = (_words("later.from", lang, date=long_date(d.eligible_on, lang)) if d.eligible_on
                    else _words("later.now", lang) if d.eligible_now else _words("later.unknown", lang))
            why = messages.render(d.questions[0] if d.questions else d.reasons[-1], lang)
            items.append(_words("later.item", lang, remedy=d.remedy, case=case_title(case, index, lang),
                                when=when, why=why))
    return items
