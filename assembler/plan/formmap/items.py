"""The logical items of each form (`forms/<ID>/items.yaml`), read once from the installed package."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml


@dataclass(frozen=True)
class Item:
    name: str
    type: str  # "text" | "checkbox"
    pages: tuple[int, ...]
    filled_by: str  # "petitioner" | "court"
    description: str
    multiline: bool = False
    max_len: int | None = None


@lru_cache(maxsize=None)
def items(form_id: str) -> dict[str, Item]:
    text = resources.files("forms").joinpath(form_id, "items.yaml").read_text(encoding="utf-8")
    doc = yaml.safe_load(text)
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
