"""English and Spanish words for the web pages, from templates/web/messages/<lang>.yaml.

A key missing in Spanish falls back to English (a test keeps the two files in step), and a key
missing in both shows as itself, so a gap is visible rather than a crash.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from rules.packaged import read_yaml

LANGS = ("en", "es")
DEFAULT = "en"


@lru_cache(maxsize=None)
def messages(lang: str) -> dict[str, str]:
    text = (resources.files("templates") / "web" / "messages" / f"{lang}.yaml").read_text(encoding="utf-8")
    return _flat(read_yaml(text) or {})


def _flat(tree: dict, prefix: str = "") -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in tree.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(_flat(value, name + "."))
        else:
            out[name] = str(value)
    return out


class Translator:
    def __init__(self, lang: str):
        self.lang = lang if lang in LANGS else DEFAULT

    def __call__(self, key: str, **values) -> str:
        text = self.get(key)
        if text is None:
            return key
        return text.format(**values) if values else text

    def get(self, key: str) -> str | None:
        own = messages(self.lang).get(key)
        return own if own is not None else messages(DEFAULT).get(key)

    def maybe(self, key: str, **values) -> str:
        """The words for `key`, or "" when there are none (optional hints)."""
        text = self.get(key)
        return "" if text is None else (text.format(**values) if values else text)

    def date(self, day) -> str:
        if day is None:
            return ""
        months = self("months").split()
        if self.lang == "es":
            return f"{day.day} de {months[day.month - 1]} de {day.year}"
        return f"{months[day.month - 1]} {day.day}, {day.year}"
