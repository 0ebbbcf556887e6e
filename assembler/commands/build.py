"""`relief build PROFILE -o OUTDIR --forms official`: the filled court forms, a packet and a manifest.

Writes, for each case with a CR-180 remedy: `CR-180_<case>.pdf`, `CR-181_<case>.pdf` and their
attachments (`…_MC-025_att1.pdf`, `…_MC-031_1.pdf`), then `packet.pdf` (every document, flattened,
in filing order, with bookmarks) and `manifest.json` (each document's form, revision, the blank's
path and sha256, and the sha256 of the file written). Every file is written atomically, mode 0600.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

import typer

from assembler.commands.common import fail, parse_as_of, read_profile
from assembler.files import write_private
from assembler.formset import Document, FormSet, build_forms
from assembler.merge import concatenate
from assembler.official.appearance import NotPrintable
from assembler.official.backend import OfficialBackend
from assembler.official.fingerprint import FormRefused
from assembler.official.store import FormsNotFound, forms_dir
from assembler.overflow import DoesNotFit
from rules.engine import assess

BACKENDS = ("official",)


def register(app: typer.Typer) -> None:
    app.command("build")(build_command)


def build_command(
    profile: Path = typer.Argument(..., exists=True, dir_okay=False, help="Case profile (YAML or JSON)"),
    out: Path = typer.Option(..., "-o", "--out", help="Folder to write the papers into"),
    forms: str = typer.Option("official", "--forms", help="Which forms to fill: official (the Judicial Council's PDFs)"),
    forms_dir_option: Path = typer.Option(None, "--forms-dir", help="Folder holding the official PDFs"),
    flatten: bool = typer.Option(False, "--flatten", help="Print-only copies: values drawn into the page, no fields"),
    as_of: str = typer.Option(None, "--as-of", help="Decide and date the papers as of YYYY-MM-DD; default today"),
) -> None:
    """Fill the court's forms for every case that has a petition to file."""
    if forms not in BACKENDS:
        fail(f"--forms {forms}: not available; fix: use one of {', '.join(BACKENDS)}")
    day = parse_as_of(as_of)
    person = read_profile(profile, day)
    folder, _ = forms_dir(forms_dir_option)
    backend = OfficialBackend(folder)
    try:
        result = build_forms(person, assess(person, day), backend, signed_on=day, flatten=flatten)
        packet = _packet(result, backend, flatten)
    except (FormRefused, FormsNotFound, DoesNotFit, NotPrintable) as exc:
        fail(str(exc))
    _write(out, result, packet, day, flatten, person.petitioner.legal_name)


def _packet(result: FormSet, backend: OfficialBackend, flatten: bool) -> bytes | None:
    if not result.documents:
        return None
    parts = [(d.title, d.data if flatten else _flat_copy(d, backend)) for d in result.documents]
    return concatenate(parts)


def _flat_copy(doc: Document, backend: OfficialBackend) -> bytes:
    """The packet is for printing: the same values, filled again flattened (a few ms each)."""
    return backend.fill(doc.form_id, doc.values, flatten=True).data


def _write(out: Path, result: FormSet, packet: bytes | None, day: date, flatten: bool, name: str) -> None:
    entries = []
    for doc in result.documents:
        write_private(out / doc.file_name, doc.data)
        entries.append({"file": doc.file_name, "form": doc.form_id, "revision": doc.revision,
                        "case_number": doc.case_number, "remedies": doc.remedies, "source": doc.source,
                        "source_sha256": doc.source_sha256, "sha256": _sha(doc.data)})
    manifest = {"petitioner": name, "as_of": day.isoformat(), "forms": "official", "flattened": flatten,
                "documents": entries, "not_produced": result.not_produced, "notes": result.notes}
    if packet is not None:
        write_private(out / "packet.pdf", packet)
        manifest["packet"] = {"file": "packet.pdf", "sha256": _sha(packet)}
    write_private(out / "manifest.json", (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode())
    typer.echo(f"wrote {len(entries)} document(s){' and packet.pdf' if packet else ''} to {out}")
    for note in result.notes:
        typer.echo(f"note: {note}")
    if not entries:
        typer.echo("nothing to file on CR-180 now: see `relief assess` for when and why")


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
