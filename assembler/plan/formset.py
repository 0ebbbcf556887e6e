"""The court forms for each case: CR-180 + proposed CR-181 and their attachments, filled by a backend.

For every case with a remedy petitioned for on CR-180 (17(b), 17(d)(2) or a dismissal, requested
as `formmap.common.requested` defines it), the two forms are mapped from the decisions, placed
(what does not fit continues on MC-025 / MC-031, `overflow.place`) and filled. Remedies other forms
serve (e.g. § 851.91 on CR-409) are reported as not produced, with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

from assembler.plan.backend import FormBackend
from assembler.plan.declarations import blanks_in
from assembler.plan.formmap import cr180, cr181, cr409, cr410
from assembler.plan.formmap.common import DISMISSALS, requested
from assembler.plan.formmap.court import court_info
from assembler.plan.formmap.items import facts
from assembler.plan.formmap.values import FormValues
from assembler.plan.placement import place
from assembler.plan.wording import case_title
from assembler.profile.model import Profile
from rules import messages
from rules.decision import Assessment, CaseResult
from rules.engine import file_safe

CR180_REMEDIES = ("17b", "17d2", *DISMISSALS)
# Each petition with its proposed order, and the remedies it asks for (one set per case or arrest).
PETITION_SETS = ((CR180_REMEDIES, (cr180, cr181)), (("851.91",), (cr409, cr410)))


@dataclass
class Document:
    file_name: str
    form_id: str
    revision: str
    case_number: str  # the case's key (rules/engine.py `case_keys`): names its files
    title: str  # in English, the court's language: the proof of service lists it
    remedies: list[str]
    data: bytes
    source: str
    source_sha256: str | None
    values: Mapping  # the logical values filled (to fill again, e.g. flattened for the packet)
    blanks: list[str] = field(default_factory=list)  # left for the person to complete by hand
    titles: dict[str, str] = field(default_factory=dict)  # by language, for the cover and bookmarks

    def title_in(self, lang: str) -> str:
        return self.titles.get(lang, self.title)


@dataclass
class FormSet:
    documents: list[Document] = field(default_factory=list)
    not_produced: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def build_forms(profile: Profile, assessment: Assessment, backend: FormBackend, *,
                flatten: bool = False) -> FormSet:
    out = FormSet()
    for index, (case, result) in enumerate(zip(profile.cases, assessment.cases)):
        label = result.key
        shown = {lang: case_title(case, index, lang) for lang in messages.LANGS}
        out.not_produced += _elsewhere(result, label)
        for served, mappers in PETITION_SETS:
            remedies = [r for r in served if requested(result.remedies, r)]
            if not remedies:
                continue
            court, verified = court_info(case.county)
            if not verified and not any(note.startswith(f"{label}:") for note in out.notes):
                out.notes.append(f"{label}: the court address on the caption is not confirmed by two sources "
                                 "(or is unknown); check it with the court before filing")
            for mapper in mappers:
                form = mapper.values(profile, case, result.remedies, court)
                documents = _documents(form, backend, label, shown, remedies, flatten)
                if backend.name != "rendition" and documents[0].source == "rendition":
                    out.notes.append(f"{label}: {form.form_id} is our rendition; no official PDF of it is available")
                out.documents += documents
    return out


def _documents(form: FormValues, backend: FormBackend, label: str, shown: dict[str, str], remedies: list[str],
               flatten: bool) -> list[Document]:
    placed = place(form, backend)
    names = _file_names(form.form_id, label, placed)
    docs = []
    for values, name in zip(placed, names):
        filled = backend.fill(values.form_id, values.values, flatten=flatten)
        titles = {lang: _title(form.form_id, values, case, lang) for lang, case in shown.items()}
        docs.append(Document(name, values.form_id, filled.revision, label, titles["en"], remedies, filled.data,
                             filled.source, filled.source_sha256, values.values, _blanks(values.values) + list(values.hand), titles))
    return docs


def _blanks(values: Mapping) -> list[str]:
    """The marked blanks a declaration left for the person to complete by hand."""
    return [blank for value in values.values() if isinstance(value, str) for blank in blanks_in(value)]


def _file_names(parent: str, label: str, placed: list[FormValues]) -> list[str]:
    names = [f"{parent}_{label}.pdf"]
    for index, values in enumerate(placed[1:], start=1):
        if values.form_id == "MC-025":
            number = file_safe(values.values["attachment_number"])
            page = f"_p{values.values['page']}" if values.values["page_count"] != "1" else ""
            names.append(f"{parent}_{label}_MC-025_att{number}{page}.pdf")
        else:
            names.append(f"{parent}_{label}_{values.form_id}_{index}.pdf")
    return names


def _title(parent: str, values: FormValues, case: str, lang: str) -> str:
    """The document's name, e.g. "Petition for Dismissal (CR-180), RIF1801234" (forms/<ID>/items.yaml
    names the form; templates/messages/<lang>/packet.yaml says how)."""
    name = facts(values.form_id).name(lang)
    v = values.values
    if values.form_id == "MC-025":
        return messages.text("packet.document.attachment", lang, name=name, number=v["attachment_number"],
                             parent=parent, case=case, page=v["page"], pages=v["page_count"])
    if values.form_id != parent:
        return messages.text("packet.document.attached", lang, name=name, form=values.form_id, parent=parent,
                             case=case)
    return messages.text("packet.document.form", lang, name=name, form=parent, case=case)


def _elsewhere(result: CaseResult, label: str) -> list[dict]:
    filled = {r for served, _ in PETITION_SETS for r in served}
    return [{"case": label, "remedy": d.remedy, "forms": d.forms,
             "why": "this tool does not fill its forms; the instructions say where to get them"}
            for d in result.remedies
            if d.remedy not in filled and d.actionable and d.eligible_now and d.forms]



