"""`relief forms fetch | list | verify DIR`: get, show and check the official blank forms."""

from __future__ import annotations

from pathlib import Path

import typer

from assembler.commands.common import EXIT_BAD_INPUT
from assembler.errors import ReliefError
from assembler.render.forms.official.sources import BASE_URL, SOURCES  # light: the pinned addresses

forms_app = typer.Typer(no_args_is_help=True, help="Get, list and check the official Judicial Council forms.")


def register(app: typer.Typer) -> None:
    app.add_typer(forms_app, name="forms")


@forms_app.command("fetch")
def fetch_command(
    dest: Path = typer.Option(None, "--dest", help="Folder to save into (default: the user cache)"),
    base_url: str = typer.Option(BASE_URL, "--base-url", help="Where to download from"),
) -> None:
    """Download the current forms from courts.ca.gov, keeping only files that match their pinned sha256."""
    from assembler.render.forms.official.fetch import fetch_all
    from assembler.render.forms.official.fieldmaps import FORM_IDS
    from assembler.render.forms.official.store import cache_dir

    folder = dest or cache_dir()
    failed = False
    for form_id in FORM_IDS:
        try:
            got = fetch_all(folder, base_url=base_url, sources=_only(form_id))[0]
            typer.echo(f"{form_id}: {got.revision}, sha256 {got.sha256[:12]}…, saved to {got.path}")
        except ReliefError as exc:
            failed = True
            typer.echo(f"error: {exc}", err=True)
    raise typer.Exit(EXIT_BAD_INPUT if failed else 0)


@forms_app.command("list")
def list_command(
    forms_dir_option: Path = typer.Option(None, "--forms-dir", help="Folder holding the official PDFs"),
) -> None:
    """Show which forms are available, from where, and whether they can be filled."""
    from assembler.render.forms.official.store import forms_dir
    from assembler.render.forms.rendition.catalog import listing as rendition_listing

    folder, how = forms_dir(forms_dir_option)
    typer.echo(f"forms folder: {folder} (from {how})")
    _report(folder)
    typer.echo("\n".join(rendition_listing()))


@forms_app.command("verify")
def verify_command(folder: Path = typer.Argument(..., help="Folder to check")) -> None:
    """Check that a folder holds a recognised, current revision of every form (exit 2 if not)."""
    ok = _report(folder)
    raise typer.Exit(0 if ok else EXIT_BAD_INPUT)


def _report(folder: Path) -> bool:
    from assembler.render.forms.official.fieldmaps import FORM_IDS, current
    from assembler.render.forms.official.prepared import prepared
    from assembler.render.forms.official.store import find_form

    ok = True
    for form_id in FORM_IDS:
        try:
            form = prepared(form_id, find_form(folder, form_id))
            typer.echo(f"  {form_id}  {form.revision.revision}  ok  {form.path.name}  sha256 {form.source_sha256[:12]}…")
        except ReliefError as exc:
            ok = False
            typer.echo(f"  {form_id}  not usable: {exc}")
    if not ok:
        typer.echo(f"current revisions: {', '.join(f'{f} {current(f).revision}' for f in FORM_IDS)}")
    return ok


def _only(form_id: str) -> dict:
    return {form_id: SOURCES[form_id]}
