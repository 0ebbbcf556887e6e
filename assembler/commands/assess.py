"""`relief assess PROFILE [--json] [--as-of DATE]`: the decisions, for people or for machines."""

from __future__ import annotations

import json
from pathlib import Path

from typing import TYPE_CHECKING

import typer

from assembler.commands.common import parse_as_of, read_profile

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

    from rules.decision import Assessment, CaseResult, Decision

STATUS_WORDS = {
    "mandatory": "yes — the court must grant it",
    "discretionary": "maybe — the court decides",
    "ineligible": "no",
    "needs_review": "needs review",
}


def register(app: typer.Typer) -> None:
    app.command("assess")(assess_command)


def assess_command(
    profile: Path = typer.Argument(..., exists=True, dir_okay=False, help="Case profile (YAML or JSON)"),
    as_json: bool = typer.Option(False, "--json", help="Print the JSON contract instead of a table"),
    as_of: str = typer.Option(None, "--as-of", help="Decide as of this date (YYYY-MM-DD); default today"),
) -> None:
    """Decide which remedies apply to each case, when, and why (with statute citations)."""
    from rules.engine import assess

    day = parse_as_of(as_of)
    result = assess(read_profile(profile, day), day)
    if as_json:
        typer.echo(json.dumps(result.contract_json(), indent=2, ensure_ascii=False))
    else:
        from rich.console import Console

        # The words are the law's and the person's own: no number colouring, no :emoji: codes in them.
        print_assessment(result, Console(highlight=False, emoji=False))


def print_assessment(result: Assessment, console: Console) -> None:
    """A table per case. Names, case numbers and reasons are printed as text, never read as rich markup: a
    name with a bracket in it ("Ana [/b]") would otherwise be taken for a style and stop the command."""
    from rich.text import Text

    console.print(Text.assemble((result.petitioner, "bold"), f" — decided as of {result.as_of.isoformat()}"))
    for case in result.cases:
        console.print(_case_table(case))
        for notice in case.notices:
            console.print(Text.assemble(f"  • {notice.text} ", (f"({notice.cite})", "dim")))
    if result.recommended_order:
        console.print("[bold]Do these in this order:[/bold] " + " → ".join(result.recommended_order))


def _case_table(case: CaseResult) -> Table:
    from rich.table import Table
    from rich.text import Text

    title = f"{case.case_number or 'arrest'} — {case.county or 'outside California'}"
    table = Table(title=Text(title), show_lines=True, expand=True)
    for column in ("Remedy", "Status", "When", "Why", "Forms"):
        table.add_column(column, overflow="fold")
    for d in case.remedies:
        cells = (d.remedy, STATUS_WORDS[d.status.value], _when(d),
                 "\n".join(f"{r.text} ({r.cite})" for r in d.reasons), ", ".join(d.forms) or "—")
        table.add_row(*(Text(cell) for cell in cells))
    return table


def _when(d: Decision) -> str:
    if d.status.value == "ineligible":
        return "—"
    if d.eligible_now:
        return "now"
    return f"from {d.eligible_on.isoformat()}" if d.eligible_on else "not yet (see why)"
