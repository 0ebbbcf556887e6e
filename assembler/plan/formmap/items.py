"""Each form's registry entry, `forms/<ID>/items.yaml`, read once from the installed package: its
logical items, and in its header what the packet needs to know of it (`facts`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from rules.packaged import read_yaml



@dataclass(frozen=True)
class Item:
    name: str
    type: str  # "text" | "checkbox"
    pages: tuple[int, ...]
    filled_by: str  # "petitioner" | "court"
    description: str
    multiline: bool = False
    max_len: int | None = None


@dataclass(frozen=True)
class FormFacts:
    form_id: str
    names: dict[str, str]  # the form's name in the packet, by language
    role: str  # petition | order | attachment | declaration
    signed_by: str  # petitioner | judge | nobody
    pairs_with: str | None = None  # a petition's proposed order
    notice_cite: str | None = None  # the statute that requires serving a petition
    official: bool = False  # an official field map exists (forms/<ID>/official-*.yaml); else only our rendition

    def name(self, lang: str = "en") -> str:
        return self.names.get(lang) or self.names["en"]


FORMS = ("CR-180", "CR-181", "CR-409", "CR-410", "MC-025", "MC-031")


@lru_cache(maxsize=None)
def _entry(form_id: str) -> dict:
    text = resources.files("forms").joinpath(form_id, "items.yaml").read_text(encoding="utf-8")
    return read_yaml(text)


@lru_cache(maxsize=None)
def facts(form_id: str) -> FormFacts:
    head = _entry(form_id)["packet"]
    folder = resources.files("forms").joinpath(form_id)
    official = any(e.name.startswith("official-") for e in folder.iterdir())
    return FormFacts(form_id=form_id, names=dict(head["name"]), role=head["role"], signed_by=head["signed_by"],
                     pairs_with=head.get("pairs_with"), notice_cite=head.get("notice_cite"), official=official)


def petitions() -> dict[str, str]:
    """Each petition form and its proposed order."""
    return {f: facts(f).pairs_with for f in FORMS if facts(f).role == "petition"}


@lru_cache(maxsize=None)
def items(form_id: str) -> dict[str, Item]:
    doc = _entry(form_id)
    return {
        name: Item(name=name, type=spec["type"], pages=tuple(spec["pages"]), filled_by=spec["filled_by"],
                   description=spec["description"], multiline=bool(spec.get("multiline", False)),
                   max_len=spec.get("max_len"))
        for name, spec in doc["items"].items()
    }


def table_rows(form_id: str) -> int:
    """How many offense rows the printed item 1 table has (0 when the form has none)."""
    numbers = [int(m.group(1)) for name in items(form_id) if (m := re.match(r"item1\.row(\d+)\.", name))]
    return max(numbers, default=0)


def check_known(form_id: str, names) -> None:
    """Mapping code may only name items the form has: a typo fails here, not silently in a PDF."""
    unknown = sorted(set(names) - set(items(form_id)))
    if unknown:
        raise KeyError(f"{form_id}: no such item(s) {', '.join(unknown)}; see forms/{form_id}/items.yaml")
