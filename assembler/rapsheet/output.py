"""The imported profile as YAML, its open questions as comments, so `relief assess` reads it as it is.

The comments are in `lang` (en or es); the profile itself, and the problems `relief assess` reports, stay in
English."""

from __future__ import annotations

import yaml

from assembler.rapsheet.importer import Imported
from rules.messages import text


def to_yaml(imported: Imported, source: str, lang: str = "en") -> str:
    head = [text("rapsheet.output.imported_from", lang, source=source)]
    if imported.printed_on:
        head.append(text("rapsheet.output.printed_on", lang, printed=imported.printed_on))
    head.append(text("rapsheet.output.left_null", lang))
    lines = [f"# {line}" for line in head]
    if imported.problems:
        lines += ["#", f"# {text('rapsheet.output.before_assess', lang)}"]
        lines += [f"#   - {_one_line(p)}" for p in imported.problems]
    if imported.questions:
        lines += ["#", f"# {text('rapsheet.output.open_questions', lang)}"]
        lines += [f"#   {n}. {_one_line(q.text(lang))}" for n, q in enumerate(imported.questions, start=1)]
    body = yaml.dump(imported.profile, Dumper=_NoAliases, sort_keys=False, allow_unicode=True,
                     default_flow_style=False, width=120)
    return "\n".join(lines) + "\n" + body


class _NoAliases(yaml.SafeDumper):
    """The same date twice is written twice: a profile never uses YAML aliases (profile/reading.py)."""

    def ignore_aliases(self, data) -> bool:
        return True


def _one_line(words: str) -> str:
    return " ".join(words.split())
