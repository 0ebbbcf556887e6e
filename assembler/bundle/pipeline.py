"""One entry point for every front door: profile → decide → plan → render → bundle, in memory.

`assemble()` returns a `Packet` (file name → bytes, manifest, the packet PDF) and writes nothing;
`write_packet()` puts it on disk atomically with owner-only permissions. The CLI, the batch runner
and the web interview all call these two functions.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from assembler import __version__
from assembler.plan.backend import FormBackend
from assembler.bundle.packet import bundle
from assembler.bundle.files import earlier_files, one_writer, write_private
from assembler.plan.formset import FormSet, build_forms
from assembler.profile.model import Profile
from rules.decision import Assessment
from rules.engine import assess

BACKENDS = ("rendition", "official")


@dataclass
class Packet:
    petitioner: str
    as_of: date
    assessment: Assessment
    files: dict[str, bytes] = field(default_factory=dict)
    manifest: dict = field(default_factory=dict)
    blanks: list[str] = field(default_factory=list)

    @property
    def pdf(self) -> bytes | None:
        return self.files.get("packet.pdf")


def backend_for(forms: str, forms_dir: Path | None = None) -> FormBackend:
    """The rendition (drawn by us, offline) or the official Judicial Council PDFs from a folder."""
    if forms == "rendition":
        from assembler.render.forms.rendition.backend import RenditionBackend
        return RenditionBackend()
    if forms == "official":
        from assembler.render.forms.official.backend import OfficialBackend
        from assembler.render.forms.official.store import forms_dir as find_forms_dir
        folder, _ = find_forms_dir(forms_dir)
        return OfficialBackend(folder)
    raise ValueError(f"--forms {forms}: unknown; fix: use one of {', '.join(BACKENDS)}")


def assemble(profile: Profile, as_of: date, *, forms: str = "rendition", forms_dir: Path | None = None,
             backend: FormBackend | None = None, lang: str | None = None, flatten: bool = False,
             duplex: bool = False) -> Packet:
    """Decide and build every paper for one petitioner. Raises ValueError subclasses on refusal."""
    backend = backend or backend_for(forms, forms_dir)
    assessment = assess(profile, as_of)
    packet = Packet(profile.petitioner.legal_name, as_of, assessment)
    formset = build_forms(profile, assessment, backend, flatten=flatten)
    bundled = bundle(profile, assessment, formset, backend, lang=lang or profile.petitioner.preferred_language,
                     duplex=duplex, flatten=flatten)
    packet.files.update(bundled.files)
    packet.blanks = bundled.blanks
    packet.manifest = _manifest(packet, formset, bundled, backend.name, flatten, duplex)
    packet.files["manifest.json"] = json.dumps(packet.manifest, indent=2, ensure_ascii=False).encode()
    return packet


def write_packet(packet: Packet, outdir: Path, *, durable: bool = True, owned: bool = False) -> list[Path]:
    """Every file of the packet under `outdir`, each written atomically with mode 0600 (see
    `files.write_private` for `durable`). A folder built before for the same person keeps only this
    build's files; one built for another person is refused (`files.earlier_files`). `owned`: the caller
    keeps its own record of the folder (a batch's client folder) and clears it itself."""
    if owned:  # the batch holds its OUTDIR (runner.py) and keeps its own record of each client folder
        return _write(packet, outdir, set(), durable)
    with one_writer(outdir):
        return _write(packet, outdir, set(earlier_files(outdir, packet.petitioner)) - set(packet.files), durable)


def _write(packet: Packet, outdir: Path, stale: set[str], durable: bool) -> list[Path]:
    order = sorted(packet.files, key=lambda name: name == "manifest.json")  # manifest last: it vouches
    written = [write_private(outdir / name, packet.files[name], durable=durable) for name in order]
    for name in stale:
        (outdir / name).unlink(missing_ok=True)
    return written


def _manifest(packet: Packet, formset: FormSet, bundled, backend: str, flatten: bool, duplex: bool) -> dict:
    documents = {d.file_name: d for d in formset.documents}
    entries = []
    for name, data in packet.files.items():
        if name == "packet.pdf":
            continue
        entry = {"file": name, "sha256": _sha(data), "bytes": len(data)}
        doc = documents.get(name)
        if doc is not None:
            entry |= {"kind": "form", "form": doc.form_id, "revision": doc.revision, "case_number": doc.case_number,
                      "remedies": doc.remedies, "source": doc.source, "source_sha256": doc.source_sha256}
        else:
            entry |= {"kind": "other", "form": None} | bundled.kinds.get(name, {})
        entries.append(entry)
    manifest = {
        "tool": f"ca-relief {__version__}",
        "petitioner": packet.petitioner,
        "as_of": packet.as_of.isoformat(),
        "forms": backend,
        "flattened": flatten,
        "duplex": duplex,
        "remedies": [{"case_number": c.case_number, "county": c.county,
                      "remedies": [{"remedy": d.remedy, "status": d.status.value, "eligible_now": d.eligible_now,
                                    "eligible_on": d.eligible_on.isoformat() if d.eligible_on else None}
                                   for d in c.remedies]} for c in packet.assessment.cases],
        "recommended_order": packet.assessment.recommended_order,
        "documents": entries,
        "blanks_to_complete": packet.blanks,
        "not_produced": formset.not_produced,
        "notes": formset.notes,
    }
    if packet.pdf is not None:
        manifest["packet"] = {"file": "packet.pdf", "sha256": _sha(packet.pdf),
                              "pages": bundled.kinds["packet.pdf"]["pages"]}
    return manifest


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
