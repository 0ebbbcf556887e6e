"""`relief build PROFILE -o OUTDIR`: everything a person needs to file, in one folder.

Writes `packet.pdf` (cover sheet, filing instructions, then each case's papers in filing order,
bookmarked and page-numbered), the same documents as separate PDFs, and `manifest.json` (each
document's form and revision, the blank's source and sha256, the remedies, and the sha256 of every
file written). Forms are our own renditions by default (offline, nothing to download) or the
Judicial Council's PDFs with `--forms official`. Every file is written atomically, mode 0600.
"""

from __future__ import annotations

from pathlib import Path

import typer

from typing import TYPE_CHECKING

from assembler.commands.common import fail, parse_as_of, read_profile
from assembler.errors import ReliefError

if TYPE_CHECKING:
    from assembler.bundle.pipeline import Packet


def register(app: typer.Typer) -> None:
    app.command("build")(build_command)


def build_command(
    profile: Path = typer.Argument(..., exists=True, dir_okay=False, help="Case profile (YAML or JSON)"),
    out: Path = typer.Option(..., "-o", "--out", help="Folder to write the papers into"),
    forms: str = typer.Option("rendition", "--forms",
                              help="rendition (drawn by this tool, offline) or official (the Judicial Council's PDFs)"),
    forms_dir_option: Path = typer.Option(None, "--forms-dir", help="Folder holding the official PDFs"),
    lang: str = typer.Option(None, "--lang", help="Language of the cover sheet and instructions: en or es "
                             "(default: the profile's preferred language)"),
    flatten: bool = typer.Option(False, "--flatten", help="Print-only copies: values drawn into the page, no fields"),
    duplex: bool = typer.Option(False, "--duplex", help="Start each document on a front page for two-sided printing"),
    as_of: str = typer.Option(None, "--as-of", help="Decide and date the papers as of YYYY-MM-DD; default today"),
) -> None:
    """Decide, fill the forms and bundle a print-ready packet for every case with a petition to file."""
    from assembler.bundle.pipeline import BACKENDS, assemble, write_packet

    if forms not in BACKENDS:
        fail(f"--forms {forms}: not available; fix: use one of {', '.join(BACKENDS)}")
    if lang not in (None, "en", "es"):
        fail(f"--lang {lang}: not available; fix: use en or es")
    day = parse_as_of(as_of)
    person = read_profile(profile, day)
    try:
        packet = assemble(person, day, forms=forms, forms_dir=forms_dir_option, lang=lang,
                          flatten=flatten, duplex=duplex)
        write_packet(packet, out)
    except ReliefError as exc:
        fail(str(exc))
    _report(packet, out)


def _report(packet: Packet, out: Path) -> None:
    forms = [d for d in packet.manifest["documents"] if d["form"]]
    if packet.pdf is None:
        typer.echo("nothing to file now: see `relief assess` for when and why")
    else:
        pages = packet.manifest["packet"]["pages"]
        typer.echo(f"wrote packet.pdf ({pages} pages) and {len(forms)} form(s) to {out}")
        typer.echo("start with the cover sheet (page 1): it says what to sign, what to fill in, and where to file")
    for blank in packet.blanks:
        typer.echo(f"to fill in by hand: {blank}")
    for note in packet.manifest["notes"]:
        typer.echo(f"note: {note}")
