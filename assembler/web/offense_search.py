"""Finding an offense in the offense table by its plain name (English or Spanish) or its section."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from rules.offenses import Offense, all_offenses

LIMIT = 12

# The everyday offenses of record-clearance clinics, most frequent first: among equally good matches
# these come first, so "petty theft" offers § 484 before § 490.2 and § 666. A judgment from clinic
# practice, not a statistic; an offense not listed keeps the table's order.
EVERYDAY = ("PC|484", "VC|23152(a)", "PC|459.5", "HS|11350(a)", "HS|11377(a)", "PC|242", "PC|243(e)(1)",
            "PC|273.5(a)", "PC|148(a)(1)", "PC|647(f)", "VC|14601.1(a)", "VC|12500(a)", "PC|602",
            "PC|594(b)(2)(a)", "PC|490.2", "PC|487(a)", "PC|496(a)", "PC|460(b)", "PC|459", "VC|10851(a)",
            "PC|245(a)(1)", "PC|211", "PC|666")
# Everyday Spanish for offenses whose table names use other words: each adds English search words.
SYNONYMS = {
    "robo": ["theft", "shoplifting", "robbery"], "robar": ["theft", "shoplifting"],
    "hurto": ["theft"], "rateria": ["petty", "theft"], "raterismo": ["petty", "theft"],
    "tienda": ["shoplifting"], "borracho": ["dui"], "ebrio": ["dui"], "alcohol": ["dui"],
    "drogas": ["possession"], "droga": ["possession"], "pelea": ["battery"], "golpes": ["battery"],
    "domestica": ["domestic"], "pareja": ["domestic"], "vandalismo": ["vandalism"], "grafiti": ["vandalism"],
    "licencia": ["license"], "robado": ["stolen"], "robados": ["stolen"],
}


@dataclass
class Hit:
    value: str  # "PC|484": what the form posts back
    name: str
    section: str  # "PC 484"
    tell_apart: str = ""  # one line telling it from its neighbours, when the table has one


def search(query: str, lang: str) -> list[Hit]:
    words = _words(query)
    if not words:
        return []
    scored = []
    for row in all_offenses():
        score = max(_score(row, words, query), _synonym_score(row, words))
        if score > 0:
            scored.append((-score, _everyday(row), _name(row, lang), row))
    if any(-item[0] >= 10 for item in scored):  # whole matches found: leave out the partial ones
        scored = [item for item in scored if -item[0] >= 10]
    scored.sort(key=lambda item: item[:3])
    return [Hit(f"{row.code}|{row.section}", name, row.key, _tell_apart(row, lang))
            for _, _, name, row in scored[:LIMIT]]


def _tell_apart(row: Offense, lang: str) -> str:
    return (row.tell_apart_es if lang == "es" and row.tell_apart_es else row.tell_apart) or ""


def _everyday(row: Offense) -> int:
    value = f"{row.code}|{row.section}"
    return EVERYDAY.index(value) if value in EVERYDAY else len(EVERYDAY)


def _synonym_score(row: Offense, words: list[str]) -> int:
    """A query in everyday Spanish, read through SYNONYMS (whole matches only)."""
    extra = [w for word in words for w in SYNONYMS.get(word, [])]
    if not extra:
        return 0
    text = _words(" ".join([row.plain, row.description, row.key]))
    return 10 if any(any(t.startswith(w) for t in text) for w in extra) else 0


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
