"""A profile's plain data (an answers file, or what a RAP sheet said) → an interview draft, part by part.

The interview keeps a part only once it is valid, so each part is checked on its own: a part that
fails is left out and named, and the person answers it again instead of meeting a broken page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from pydantic import ValidationError

from assembler.profile.model import Case, DeclarationFacts, Petitioner, Status
from assembler.web.sessions import empty_draft

SECTIONS = {"petitioner": Petitioner, "status": Status, "facts": DeclarationFacts}


@dataclass
class Loaded:
    draft: dict
    dropped: list[str] = field(default_factory=list)  # "petitioner", "cases" …: parts left out
    case_slots: list[int | None] = field(default_factory=list)  # each given case's index in the draft, or None
    case_problems: list[str | None] = field(default_factory=list)  # why a case was left out

    @property
    def empty(self) -> bool:
        return self.draft == empty_draft()


def draft_from(data: dict, as_of: date) -> Loaded:
    loaded = Loaded(empty_draft())
    for key, model in SECTIONS.items():
        if key in data:
            try:
                loaded.draft[key] = model.model_validate(data[key], context={"as_of": as_of}).model_dump(mode="json")
            except ValidationError:
                loaded.dropped.append(key)
    cases = data.get("cases") or []
    for case in cases if isinstance(cases, list) else [cases]:
        try:
            valid = Case.model_validate(case, context={"as_of": as_of}).model_dump(mode="json")
        except ValidationError as exc:
            loaded.dropped.append("cases")
            loaded.case_slots.append(None)
            loaded.case_problems.append(_first_problem(exc))
            continue
        loaded.draft["cases"].append(valid)
        loaded.case_slots.append(len(loaded.draft["cases"]) - 1)
        loaded.case_problems.append(None)
    return loaded


def _first_problem(exc: ValidationError) -> str:
    error = exc.errors()[0]
    where = ".".join(str(p) for p in error.get("loc", ()))
    return f"{where}: {error.get('msg', '')}" if where else error.get("msg", "")
