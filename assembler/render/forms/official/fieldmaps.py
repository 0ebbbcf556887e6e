"""The field maps of the official forms: one YAML file per printed revision, in `forms/<ID>/`.

`official-<date>.yaml` says which revision it is (`status: current` or `superseded`), how to
recognise it (printed revision string + every terminal field name) and, for a current revision,
which PDF field(s) carry each logical item and a check box's on-state. A new revision of a form is
one new file here; nothing else changes unless an item's meaning changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


from assembler.plan.formmap.items import FORMS, facts
from rules.packaged import read_yaml

FORM_IDS = tuple(f for f in FORMS if facts(f).official)  # forms/<ID>/official-*.yaml


@dataclass(frozen=True)
class FieldRef:
    pdf: tuple[str, ...]  # one or more PDF fields (a caption repeated on each page)
    on: str | None = None  # a check box's on-state, e.g. "/2"


@dataclass(frozen=True)
class Revision:
    form_id: str
    revision: str  # "Rev. January 1, 2024"
    revision_date: str
    status: str  # "current" | "superseded"
    printed_revision: str  # "CR-180 [Rev. January 1, 2024]"
    field_names: frozenset[str]
    fields: dict[str, FieldRef]
    superseded_by: str | None = None
    pages_sha256: str | None = None  # the published file's page content (official/integrity.py)
    actions_sha256: str | None = None  # and its scripts and actions

    @property
    def current(self) -> bool:
        return self.status == "current"


def _load(form_id: str, text: str) -> Revision:
    doc = read_yaml(text)
    if doc["form"] != form_id:
        raise ValueError(f"forms/{form_id}: a field map names form {doc['form']}")
    fields = {
        item: FieldRef(tuple(spec["pdf"]) if isinstance(spec["pdf"], list) else (spec["pdf"],), spec.get("on"))
        for item, spec in (doc.get("fields") or {}).items()
    }
    fp = doc["fingerprint"]
    names = frozenset(fp["field_names"])
    if len(names) != fp["field_count"]:
        raise ValueError(f"forms/{form_id} {doc['revision']}: field_count does not match field_names")
    return Revision(form_id, doc["revision"], str(doc["revision_date"]), doc["status"],
                    " ".join(fp["printed_revision"].split()), names, fields, doc.get("superseded_by"),
                    fp.get("pages_sha256"), fp.get("actions_sha256"))


@lru_cache(maxsize=None)
def revisions(form_id: str) -> tuple[Revision, ...]:
    """Every known revision of a form, newest first."""
    folder = resources.files("forms").joinpath(form_id)
    found = [_load(form_id, entry.read_text(encoding="utf-8"))
             for entry in folder.iterdir() if entry.name.startswith("official-") and entry.name.endswith(".yaml")]
    return tuple(sorted(found, key=lambda r: r.revision_date, reverse=True))


def current(form_id: str) -> Revision:
    return next(r for r in revisions(form_id) if r.current)
