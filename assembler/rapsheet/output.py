"""The imported profile as YAML, its open questions as comments, so `relief assess` reads it as it is."""

from __future__ import annotations

import yaml

from assembler.rapsheet.importer import Imported


def to_yaml(imported: Imported, source: str) -> str:
    head = [f"# Case profile imported from the RAP sheet {source}."]
    if imported.printed_on:
        head.append(f"# The sheet was printed on {imported.printed_on.isoformat()}; nothing after that day is on it.")
    head.append("# Facts the sheet does not print are left null: answer the questions below, then fill them in.")
    if imported.problems:
        head.append("#")
        head.append("# Before `relief assess` can use this profile:")
        head += [f"#   - {_one_line(p)}" for p in imported.problems]
    if imported.questions:
        head.append("#")
        head.append("# Open questions:")
        head += [f"#   {n}. {_one_line(q)}" for n, q in enumerate(imported.questions, start=1)]
    body = yaml.dump(imported.profile, Dumper=_NoAliases, sort_keys=False, allow_unicode=True,
                     default_flow_style=False, width=120)
    return "\n".join(head) + "\n" + body


class _NoAliases(yaml.SafeDumper):
    """The same date twice is written twice: a profile never uses YAML aliases (profile/reading.py)."""

    def ignore_aliases(self, data) -> bool:
        return True


def _one_line(text: str) -> str:
    return " ".join(text.split())
