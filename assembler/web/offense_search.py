"""Finding an offense in the offense table by its plain name (English or Spanish) or its section."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from rules.offenses import Offense, all_offenses

LIMIT = 12


@dataclass
class Hit:
    value: str  # "PC|484": what the form posts back
    name: str
    section: str  # "PC 484"


def search(query: str, lang: str) -> list[Hit]:
    words = _words(query)
    if not words:
        return []
    scored = []
    for row in all_offenses():
        score = _score(row, words, query)
        if score > 0:
            scored.append((-score, _name(row, lang), row))
    if any(-s >= 10 for s, _, _ in scored):  # whole matches found: leave out the partial ones
        scored = [item for item in scored if -item[0] >= 10]
    scored.sort(key=lambda item: item[:2])
    return [Hit(f"{row.code}|{row.section}", name, row.key) for _, name, row in scored[:LIMIT]]


def find(value: str) -> Offense | None:
    code, _, section = value.partition("|")
    return next((row for row in all_offenses() if row.code == code and row.section == section), None)


def name_of(row: Offense, lang: str) -> str:
    return _name(row, lang)


def _name(row: Offense, lang: str) -> str:
    return row.plain_es if lang == "es" and row.plain_es else row.plain


def _score(row: Offense, words: list[str], query: str) -> int:
    section_query = re.sub(r"\s+", "", query.lower())
    section_query = re.sub(r"^(pc|hs|vc|bp|wi|hsc)", "", section_query)
    sections = [row.section.lower(), *(a.lower() for a in row.aliases)]
    if section_query and any(s == section_query for s in sections):
        return 100
    if section_query and section_query[0].isdigit() and any(s.startswith(section_query) for s in sections):
        return 50
    text = _words(" ".join([row.plain, row.plain_es or "", row.description, row.key]))
    found = sum(1 for w in words if any(t.startswith(w) for t in text))
    return found * 10 if found == len(words) else found


def _words(text: str) -> list[str]:
    plain = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    return [w for w in re.findall(r"[a-z0-9]+", plain) if len(w) > 1 or w.isdigit()]
