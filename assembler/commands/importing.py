"""`relief import rapsheet SHEET... [-o OUT] [--lang en|es]`: a California DOJ RAP sheet (text) → a case profile."""

from __future__ import annotations

from pathlib import Path

import typer

from assembler.commands.common import EXIT_BAD_INPUT, fail

import_app = typer.Typer(no_args_is_help=True, help="Start from a record: import it into a case profile.")


def register(app: typer.Typer) -> None:
    app.add_typer(import_app, name="import")


@import_app.command("rapsheet")
def rapsheet_command(
    sheets: list[Path] = typer.Argument(..., help="RAP sheet text files, or folders of them"),
    out: Path = typer.Option(None, "-o", "--out", help="Profile file (one sheet) or folder (several); "
                                                          "default: print one profile"),
    lang: str = typer.Option("en", "--lang", help="Language of the open questions (the YAML comments): en or es"),
) -> None:
    """Read each RAP sheet into a profile YAML; what the sheet does not say is left null and asked."""
    from assembler.errors import ReliefError
    from assembler.rapsheet import sheets_in

    if lang not in ("en", "es"):
        fail(f"--lang {lang}: not available; fix: use en or es")
    paths = sheets_in(sheets)
    if not paths:
        fail("no RAP sheet found in the folder(s) given; fix: give .txt files of RAP sheets")
    several = len(paths) > 1 or any(p.is_dir() for p in sheets)
    if several and out is None:
        fail("several sheets need an output folder; fix: add -o FOLDER")
    failed = False
    for path, target in zip(paths, _targets(paths, out, several)):
        try:
            _import_one(path, target, lang)
        except ReliefError as exc:
            failed = True
            typer.echo(f"error: {exc}", err=True)
    if failed:
        raise typer.Exit(EXIT_BAD_INPUT)


def _import_one(path: Path, target: Path | None, lang: str) -> None:
    from assembler.bundle.files import write_private
    from assembler.rapsheet import import_text, read_text, to_yaml

    imported = import_text(read_text(path), source=str(path))
    text = to_yaml(imported, path.name, lang)
    if target is None:
        typer.echo(text, nl=False)
        return
    write_private(target, text.encode("utf-8"))
    # Counts only: the sheet's contents are never echoed to a log.
    typer.echo(f"{path.name}: {len(imported.profile['cases'])} case(s), {len(imported.questions)} open question(s)"
               f" → {target}", err=True)


def _targets(paths: list[Path], out: Path | None, several: bool) -> list[Path | None]:
    if out is None:
        return [None]
    if not several and not out.is_dir():
        return [out]
    taken: set[str] = set()
    targets = []
    for path in paths:
        name, n = f"{path.stem}.yaml", 1
        while name in taken:
            n += 1
            name = f"{path.stem}-{n}.yaml"
        taken.add(name)
        targets.append(out / name)
    return targets
