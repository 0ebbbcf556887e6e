"""`relief forms render ID -o FILE`: draw a blank rendition of a form.

Renditions are the project's own drawings of the forms (assembler/rendition): they need no download
and no official PDF, so they are always available.
"""

from __future__ import annotations

from pathlib import Path

import typer

from assembler.commands.common import EXIT_BAD_INPUT
from assembler.commands.forms import forms_app


def register(app: typer.Typer) -> None:
    forms_app.command("render")(render_command)


def render_command(
    form_id: str = typer.Argument(..., help="Form to draw, e.g. CR-180 (see `relief forms list`)"),
    out: Path = typer.Option(..., "-o", "--out", help="PDF file to write"),
) -> None:
    """Draw a blank rendition of a form (our own drawing, with fillable fields)."""
    from assembler.bundle.files import write_private
    from assembler.render.forms.rendition import load_spec, render
    from assembler.render.forms.rendition.spec import SpecError

    try:
        data = render(form_id.upper())
    except SpecError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(EXIT_BAD_INPUT)
    write_private(out, data)
    spec = load_spec(form_id.upper())
    typer.echo(f"{spec.form} {spec.title} [{spec.revision}] rendition written to {out}")
