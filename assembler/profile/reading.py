"""Turning the bytes of a profile file into plain data, refusing what a profile never needs.

Every malformed input becomes one message naming where and how to fix it, never a traceback: bytes
that are not UTF-8, a file over the size cap, YAML or JSON syntax errors, a key given twice (YAML and
JSON silently keep the last one), YAML anchors and aliases (37 kB of aliases once expanded to 5,000
cases), nesting deeper than any profile, numbers too long to be a fact. Dates stay text here: the
model parses them, so an impossible date ("2019-02-29") is reported on its field like any other.
"""

from __future__ import annotations

import json
from typing import Any

import yaml

MAX_BYTES = 1_000_000  # a profile with many cases and long stories is tens of kB
MAX_DEPTH = 12  # the deepest profile path (cases[].sentence.probation.revocations[].on) is 6 levels


class Unreadable(ValueError):
    """The file cannot be a profile; the message says why and how to fix it."""


def parse_bytes(raw: bytes, *, json_syntax: bool = False) -> Any:
    if len(raw) > MAX_BYTES:
        raise Unreadable(f"the file is {len(raw):,} bytes; a profile is at most {MAX_BYTES:,}; fix: check that "
                         "this is the right file")
    text = _text(raw)
    try:
        data = _json(text) if json_syntax else _yaml(text)
    except RecursionError:
        raise Unreadable("the file is nested deeper than any profile; fix: check its structure") from None
    except ValueError as exc:  # a number with thousands of digits (Python refuses to read it)
        if isinstance(exc, Unreadable):
            raise
        raise Unreadable(f"the file holds a value no profile field can take ({str(exc)[:80]}); fix: check the "
                         "numbers in it") from None
    _check_depth(data)
    return data


def _text(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Unreadable(f"the file is not UTF-8 text (byte {exc.start + 1} cannot be read); fix: save it as "
                         "UTF-8 (in most editors: Save As, encoding UTF-8)") from None


def _json(text: str) -> Any:
    try:
        return json.loads(text, object_pairs_hook=_unique_pairs)
    except json.JSONDecodeError as exc:
        raise Unreadable(f"the file is not valid JSON near line {exc.lineno}; fix the syntax there") from None


def _unique_pairs(pairs: list[tuple[str, Any]]) -> dict:
    out: dict = {}
    for key, value in pairs:
        if key in out:
            raise Unreadable(f"the key '{key}' is given twice in one place; fix: keep one of them")
        out[key] = value
    return out


def _yaml(text: str) -> Any:
    try:
        return yaml.load(text, Loader=_StrictLoader)  # noqa: S506 (a SafeLoader, made stricter)
    except yaml.YAMLError as exc:
        if isinstance(exc.__context__, Unreadable):
            raise exc.__context__ from None
        mark = getattr(exc, "problem_mark", None)
        where = f" near line {mark.line + 1}" if mark is not None else ""
        raise Unreadable(f"the file is not valid YAML{where}; fix the syntax there") from None


def _check_depth(data: Any, depth: int = 0) -> None:
    if depth > MAX_DEPTH:
        raise Unreadable("the file is nested deeper than any profile; fix: check its structure")
    children = data.values() if isinstance(data, dict) else data if isinstance(data, list) else ()
    for child in children:
        _check_depth(child, depth + 1)


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader without anchors and aliases, without duplicate keys, and with dates left as text."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent) or getattr(self.peek_event(), "anchor", None):
            mark = self.peek_event().start_mark
            raise Unreadable(f"line {mark.line + 1} uses a YAML anchor (&) or alias (*), which a profile never "
                             "needs; fix: write the value out")
        return super().compose_node(parent, index)

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise Unreadable(f"line {key_node.start_mark.line + 1}: the key '{key}' is given twice in one place; "
                                 "fix: keep one of them")
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


# Dates stay text (the model reads and checks them, naming the field).
_StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
