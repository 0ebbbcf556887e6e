"""One message catalogue per language: the words of every reason, question and notice.

Rules speak in codes (`pc1203_4.wait_over`) and language-neutral parameters (dates, sections,
numbers); the English and Spanish words live in `templates/messages/<lang>/*.yaml`, one file per
topic, each file's top-level key naming its namespace. A parameter that is itself words is a nested
message, written `{"msg": "<key>", ...its own parameters}`, so it is translated too; a list
prints its items joined by commas; a date (ISO in the params, so they stay language-neutral) prints in
words, "March 1, 2025" / "1 de marzo de 2025".

`text()` renders a code in a language; `render()` renders a Reason, Question or Notice. A key with
no Spanish falls back to English (a test keeps every code translated).
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any, Mapping

from rules.packaged import read_yaml


LANGS = ("en", "es")


class CatalogueError(ValueError):
    """A message file that is malformed, or a key defined twice."""


@lru_cache(maxsize=None)
def catalogue(lang: str) -> dict[str, str]:
    folder = resources.files("templates") / "messages" / lang
    out: dict[str, str] = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".yaml"):
            continue
        tree = read_yaml(entry.read_text(encoding="utf-8")) or {}
        for key, value in _flat(tree):
            if key in out:
                raise CatalogueError(f"templates/messages/{lang}/{entry.name}: {key} is defined twice")
            out[key] = value
    return out


def _flat(tree: Mapping, prefix: str = ""):
    for key, value in tree.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            yield from _flat(value, name + ".")
        else:
            yield name, str(value).strip()


def msg(key: str, **params: Any) -> dict:
    """A nested message, for a parameter that is words."""
    return {"msg": key, **neutral(params)}


def neutral(params: Mapping[str, Any]) -> dict:
    """Parameters as JSON-friendly values: dates as ISO text (they print the same in every language)."""
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in params.items()}


def text(key: str, lang: str = "en", **params: Any) -> str:
    words = catalogue(lang).get(key)
    if words is None:
        words = catalogue("en").get(key)
    if words is None:
        raise KeyError(f"no message {key!r} in templates/messages/en")
    values = {k: _value(v, lang) for k, v in params.items()}
    return words.format(**values) if values else words


def _value(value: Any, lang: str) -> Any:
    if isinstance(value, str):  # most parameters: tested first, as the Mapping check below is slow
        return long_date(date.fromisoformat(value), lang) if _ISO_DATE.fullmatch(value) else value
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, Mapping) and "msg" in value:
        inner = dict(value)
        return text(inner.pop("msg"), lang, **inner)
    if isinstance(value, date) or (isinstance(value, str) and _ISO_DATE.fullmatch(value)):
        return long_date(value if isinstance(value, date) else date.fromisoformat(value), lang)
    if isinstance(value, (list, tuple)):
        return ", ".join(str(_value(v, lang)) for v in value)
    return value


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@lru_cache(maxsize=65536)
def long_date(day: date, lang: str = "en") -> str:
    """A date as a person reads it in a sentence: "March 1, 2025", "1 de marzo de 2025"."""
    month = text("date.months", lang).split()[day.month - 1]
    return text("date.long", lang, month=month, day=str(day.day), year=str(day.year))


_NUMBERED = re.compile(r"(paragraph|item) (\w+): (.*)", re.DOTALL)


def prompt_key(words: str) -> str:
    """The catalogue key of a blank's prompt: its English words as a slug."""
    return "prompt." + re.sub(r"[^a-z0-9]+", "_", words.lower()).strip("_")[:60]


def blank(words: str, lang: str = "en") -> str:
    """A blank left for the hand ("paragraph 3: what happened …") in `lang`; English as written when the
    catalogue has no translation (the papers themselves are written in English)."""
    words = " ".join(words.split())
    numbered = _NUMBERED.fullmatch(words)
    where, prompt = (f"{text(f'prompt.where.{numbered.group(1)}', lang)} {numbered.group(2)}: ", numbered.group(3)) \
        if numbered else ("", words)
    translated = catalogue(lang).get(prompt_key(prompt))
    return where + translated if translated else words


def render(item: Any, lang: str = "en") -> str:
    """A Reason, Notice or Question in `lang` (its stored English text when it carries no code)."""
    code = getattr(item, "message", None) or getattr(item, "code", None)
    if not code or code not in catalogue("en"):
        return item.text
    return text(code, lang, **(item.params or {}))
