"""`relief build … --forms official` and `relief forms list/verify` through the command line."""

from __future__ import annotations

import hashlib
import json
import shutil
import stat
from pathlib import Path

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from assembler.cli import app
from conftest import REPO, pdf_text

EXAMPLE = REPO / "examples" / "wobbler-17b-then-dismissal.yaml"
runner = CliRunner()


def build(tmp_path: Path, forms_dir: Path, *extra: str):
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(EXAMPLE), "-o", str(out), "--forms", "official",
                                 "--forms-dir", str(forms_dir), "--as-of", "2026-11-01", *extra])
    return result, out


def test_build_writes_the_forms_packet_and_manifest_privately(official_forms_dir, tmp_path):
    result, out = build(tmp_path, official_forms_dir)
    assert result.exit_code == 0, result.output
    names = {p.name for p in out.iterdir()}
    assert {"CR-180_RIF1801234.pdf", "CR-181_RIF1801234.pdf", "manifest.json", "packet.pdf"} <= names
    for path in out.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name
    manifest = json.loads((out / "manifest.json").read_text())
    official = [d for d in manifest["documents"] if d["form"] in ("CR-180", "CR-181")]
    assert [d["file"] for d in official] == ["CR-180_RIF1801234.pdf", "CR-181_RIF1801234.pdf"]
    for doc in official:
        assert doc["revision"] == "Rev. January 1, 2024"
        assert doc["sha256"] == hashlib.sha256((out / doc["file"]).read_bytes()).hexdigest()
        assert doc["source_sha256"] == hashlib.sha256(Path(doc["source"]).read_bytes()).hexdigest()
        assert doc["remedies"] == ["17b", "1203.4"]
    assert manifest["packet"]["sha256"] == hashlib.sha256((out / "packet.pdf").read_bytes()).hexdigest()


def test_packet_holds_every_page_flattened_in_filing_order(official_forms_dir, tmp_path):
    result, out = build(tmp_path, official_forms_dir)
    packet = PdfReader(out / "packet.pdf")
    manifest = json.loads((out / "manifest.json").read_text())
    pages = sum(len(PdfReader(out / d["file"]).pages) for d in manifest["documents"])
    assert len(packet.pages) >= pages >= 3 + 2
    assert "/AcroForm" not in packet.trailer["/Root"] or not packet.trailer["/Root"]["/AcroForm"].get("/Fields")
    text = pdf_text(out / "packet.pdf")
    assert text.index("PETITION FOR DISMISSAL") < text.index("ORDER FOR DISMISSAL")
    assert "Daniel James Whitaker" in text and "RIF1801234" in text
    titles = [o.title for o in packet.outline if not isinstance(o, list)]
    petition = next(i for i, t in enumerate(titles) if "CR-180" in t and "RIF1801234" in t)
    order = next(i for i, t in enumerate(titles) if "CR-181" in t and "RIF1801234" in t)
    assert petition < order


def test_flatten_writes_print_only_forms(official_forms_dir, tmp_path):
    result, out = build(tmp_path, official_forms_dir, "--flatten")
    assert result.exit_code == 0, result.output
    reader = PdfReader(out / "CR-180_RIF1801234.pdf")
    assert "/AcroForm" not in reader.trailer["/Root"]
    assert "Daniel James Whitaker" in pdf_text(out / "CR-180_RIF1801234.pdf")
    assert json.loads((out / "manifest.json").read_text())["flattened"] is True


def test_build_with_a_superseded_form_fails_with_the_message_and_writes_nothing(official_forms_dir, tmp_path):
    folder = tmp_path / "forms"
    folder.mkdir()
    for name in ("CR-181.pdf", "MC-025.pdf", "MC-031.pdf"):
        shutil.copy(official_forms_dir / name, folder / name)
    shutil.copy(official_forms_dir / "CR-180.rev2017.pdf", folder / "CR-180.pdf")
    result, out = build(tmp_path, folder)
    assert result.exit_code == 2
    assert "superseded CR-180 [Rev. January 1, 2017]" in result.output
    assert not out.exists()


def test_forms_verify_passes_a_good_folder_and_fails_an_empty_one(official_forms_dir, tmp_path):
    good = runner.invoke(app, ["forms", "verify", str(official_forms_dir)])
    assert good.exit_code == 0 and good.output.count(" ok ") == 4
    empty = runner.invoke(app, ["forms", "verify", str(tmp_path)])
    assert empty.exit_code == 2 and "relief forms fetch" in empty.output


def test_forms_list_says_where_forms_come_from(official_forms_dir, monkeypatch):
    monkeypatch.setenv("CA_RELIEF_FORMS_DIR", str(official_forms_dir))
    result = runner.invoke(app, ["forms", "list"])
    assert result.exit_code == 0
    assert f"{official_forms_dir} (from CA_RELIEF_FORMS_DIR)" in result.output
    assert "CR-180  Rev. January 1, 2024  ok" in result.output


@pytest.mark.parametrize("bad", ["rendition-not-yet", "pdf"])
def test_an_unknown_backend_is_a_clear_error(official_forms_dir, tmp_path, bad):
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(EXAMPLE), "-o", str(out), "--forms", bad,
                                 "--forms-dir", str(official_forms_dir)])
    assert result.exit_code == 2 and f"--forms {bad}" in result.output
