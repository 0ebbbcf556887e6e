"""Inline styles of a printed line: `**bold**`, `*italic*`, `***bold italic***`.

The spec keeps each printed line as one readable string; this splits it into styled runs.
"""

from __future__ import annotations

import re

_TOKEN = re.compile(r"(\*{1,3})(.+?)\1")
_STYLE = {1: "I", 2: "B", 3: "BI"}


def runs(line: str) -> list[tuple[str, str]]:
    """[(style, text)] in order; style is "", "B", "I" or "BI"."""
    out: list[tuple[str, str]] = []
    pos = 0
    for m in _TOKEN.finditer(line):
        if m.start() > pos:
            out.append(("", line[pos:m.start()]))
        out.append((_STYLE[len(m.group(1))], m.group(2)))
        pos = m.end()
    if pos < len(line):
        out.append(("", line[pos:]))
    return [(style, text) for style, text in out if text]


def plain(line: str) -> str:
    return "".join(text for _, text in runs(line))
