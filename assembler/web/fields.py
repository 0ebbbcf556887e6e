"""Form fields named by their profile path ("sentence.probation.start"), read and written both ways.

A step lists its fields; `read(form, fields)` turns the posted strings into values and per-field
error keys; `flatten(data, fields)` turns a draft back into the strings a form shows. "I don't
know" becomes None. A blank text answer is left out, so the profile's own default applies.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

DONT_KNOW = "dk"
DK_SUFFIX = "__dk"  # the "I don't know" checkbox beside a date
_MISSING = object()


# --- dotted paths into nested dicts and lists ------------------------------------------------


def _steps(path: str) -> list[str | int]:
    return [int(p) if p.isdigit() else p for p in path.split(".")]


def get_path(data: Any, path: str, default: Any = None) -> Any:
    node = data
    for step in _steps(path):
        if isinstance(step, int) and isinstance(node, list) and step < len(node):
            node = node[step]
        elif isinstance(step, str) and isinstance(node, dict) and step in node:
            node = node[step]
        else:
            return default
    return node


def set_path(data: dict, path: str, value: Any) -> None:
    steps = _steps(path)
    node: Any = data
    for step, following in zip(steps, steps[1:]):
        blank: Any = [] if isinstance(following, int) else {}
        if isinstance(step, int):
            while len(node) <= step:
                node.append(blank)
            node = node[step]
        else:
            node = node.setdefault(step, blank)
    last = steps[-1]
    if isinstance(last, int):
        while len(node) <= last:
            node.append(None)
    node[last] = value


def html_id(path: str) -> str:
    return "f-" + re.sub(r"[^A-Za-z0-9]+", "-", path).strip("-")


# --- field kinds ------------------------------------------------------------------------------


@dataclass
class Field:
    path: str
    key: str = ""  # the words to use (label, hint) when they differ from the path
    required: bool = False

    def __post_init__(self) -> None:
        self.key = self.key or re.sub(r"\.\d+\.", ".", self.path)

    def read(self, form: dict) -> tuple[Any, str | None]:
        """(value or _MISSING to leave it out, error key or None)"""
        raise NotImplementedError

    def show(self, value: Any) -> str:
        return "" if value is None else str(value)


@dataclass
class Text(Field):
    multiline: bool = False
    max_len: int = 2000

    def read(self, form: dict) -> tuple[Any, str | None]:
        text = " ".join(str(form.get(self.path, "")).split()) if not self.multiline else \
            str(form.get(self.path, "")).strip()
        if not text:
            return _MISSING, "required" if self.required else None
        if len(text) > self.max_len:
            return text[: self.max_len], "too_long"
        return text, None


@dataclass
class Lines(Field):
    def read(self, form: dict) -> tuple[Any, str | None]:
        lines = [" ".join(line.split()) for line in str(form.get(self.path, "")).splitlines()]
        return [line for line in lines if line], None

    def show(self, value: Any) -> str:
        return "\n".join(value or [])


@dataclass
class Date(Field):
    def read(self, form: dict) -> tuple[Any, str | None]:
        text = str(form.get(self.path, "")).strip()
        dont_know = bool(form.get(self.path + DK_SUFFIX))
        if text and dont_know:
            return _MISSING, "date_and_dk"
        if not text:
            if self.required and not dont_know:
                return _MISSING, "date_required"
            return None, None
        parsed = parse_date(text)
        if parsed is None:
            return _MISSING, "date_format"
        return parsed.isoformat(), None


def parse_date(text: str) -> date | None:
    """2021-03-15 (what a date box sends) or 3/15/2021 (what a person types without one)."""
    text = text.strip()
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    match = re.fullmatch(r"(\d{1,2})[/-](\d{1,2})[/-](\d{4})", text)
    if match:
        month, day, year = (int(g) for g in match.groups())
        try:
            return date(year, month, day)
        except ValueError:
            return None
    return None


@dataclass
class Number(Field):
    low: int = 0
    high: int = 100_000

    def read(self, form: dict) -> tuple[Any, str | None]:
        text = str(form.get(self.path, "")).strip().replace(",", "")
        if not text:
            return (_MISSING, "required") if self.required else (None, None)
        if not text.isdigit() or not self.low <= int(text) <= self.high:
            return _MISSING, "number"
        return int(text), None


@dataclass
class Choice(Field):
    options: tuple[str, ...] = ()
    dont_know: bool = True  # offer "I don't know"; only where the profile allows it
    dk_value: Any = None  # what "I don't know" means in the profile (None, or e.g. "unknown")
    words: str = ""  # the message prefix for the options, when not the field's own key

    def read(self, form: dict) -> tuple[Any, str | None]:
        value = str(form.get(self.path, ""))
        if value == DONT_KNOW and self.dont_know:
            return self.dk_value, None
        if value in self.options:
            return value, None
        return _MISSING, "choose" if self.required else None

    def show(self, value: Any) -> str:
        if value is None:
            return ""
        if self.dk_value is not None and value == self.dk_value:
            return DONT_KNOW
        return str(getattr(value, "value", value))


@dataclass
class YesNo(Choice):
    """Yes / No / I don't know -> True / False / None."""

    def __post_init__(self) -> None:
        super().__post_init__()
        self.options = ("yes", "no")

    def read(self, form: dict) -> tuple[Any, str | None]:
        value, error = super().read(form)
        if value in ("yes", "no"):
            return value == "yes", None
        return value, error

    def show(self, value: Any) -> str:
        return {True: "yes", False: "no"}.get(value, "")


# --- reading a whole step -------------------------------------------------------------------


def read(form: dict, fields: list[Field]) -> tuple[dict, dict[str, str]]:
    """Posted strings -> nested data and {path: error key}. Unknown dates are remembered apart."""
    data: dict = {}
    errors: dict[str, str] = {}
    for spec in fields:
        value, error = spec.read(form)
        if error:
            errors[spec.path] = error
        if value is not _MISSING:
            set_path(data, spec.path, value)
    return data, errors


def dont_knows(form: dict, fields: list[Field]) -> set[str]:
    """The paths whose "I don't know" box was ticked or answered."""
    out = set()
    for spec in fields:
        if isinstance(spec, Date) and form.get(spec.path + DK_SUFFIX):
            out.add(spec.path)
        elif isinstance(spec, Choice) and str(form.get(spec.path, "")) == DONT_KNOW:
            out.add(spec.path)
    return out


def flatten(data: dict, fields: list[Field], unknown: set[str] = frozenset()) -> dict[str, str]:
    """A draft -> the strings a form shows, including ticked "I don't know" boxes."""
    out: dict[str, str] = {}
    for spec in fields:
        value = get_path(data, spec.path)
        out[spec.path] = spec.show(value)
        if spec.path in unknown:
            if isinstance(spec, Date) and value is None:
                out[spec.path + DK_SUFFIX] = "1"
            elif isinstance(spec, Choice) and value == spec.dk_value:
                out[spec.path] = DONT_KNOW
    return out


def posted(form) -> dict[str, str]:
    """A starlette FormData -> a plain dict of strings (files are not fields)."""
    return {k: v for k, v in form.items() if isinstance(v, str)}
