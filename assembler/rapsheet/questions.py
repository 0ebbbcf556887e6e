"""An open question the RAP sheet leaves: a catalogue code (`rapsheet.*`), its parameters, and the sheet line.

The words live in templates/messages/<lang>/rapsheet.yaml; `text(lang)` says the question in a language and
`str()` in English. A template's `{line}` is the question's own line. Parameters are frozen (nested messages
become tuples) so a question is hashable and the same question asked twice is asked once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from rules import messages


class _Frozen(tuple):
    """A nested message's parameters as (key, value) pairs, told apart from a list of values when thawed."""


@dataclass(frozen=True)
class SheetQuestion:
    code: str
    params: tuple[tuple[str, Any], ...] = ()
    line: int | None = None  # the sheet line the question is about

    @property
    def params_dict(self) -> dict:
        return _thaw(_Frozen(self.params))

    def text(self, lang: str = "en") -> str:
        line = "?" if self.line is None else self.line
        return messages.text(self.code, lang, **{"line": line, **self.params_dict})

    def __str__(self) -> str:
        return self.text("en")


def ask(code: str, line: int | None = None, **params: Any) -> SheetQuestion:
    """A question in code: dates become ISO (printed in words per language), nested messages stay nested."""
    return SheetQuestion(code, _freeze(messages.neutral(params)), line)


def _freeze(value: Any) -> Any:
    if isinstance(value, Mapping):
        return _Frozen((k, _freeze(v)) for k, v in messages.neutral(value).items())
    if isinstance(value, (list, tuple)):
        return tuple(_freeze(v) for v in value)
    return value


def _thaw(value: Any) -> Any:
    if isinstance(value, _Frozen):
        return {k: _thaw(v) for k, v in value}
    if isinstance(value, tuple):
        return [_thaw(v) for v in value]
    return value
