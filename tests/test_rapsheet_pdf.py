"""A RAP sheet as the DOJ's PDF (a text layer) imports exactly as its text does; a scan is refused saying
what to do (issue 16, item 3: scans wait for OCR)."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import LETTER
from reportlab.pdfgen.canvas import Canvas

from assembler.rapsheet import import_text
from assembler.rapsheet.errors import UnsupportedSheet
from assembler.rapsheet.files import read_text
from tests.conftest import shared_root

SAMPLES = shared_root() / "data" / "rapsheet" / "samples"
NAMES = sorted(p.stem for p in SAMPLES.glob("*.txt")) if SAMPLES.is_dir() else []


def _as_pdf(text: str, path: Path) -> Path:
    """The sheet printed as a PDF with a text layer, in a fixed-width font, as the DOJ prints it."""
    canvas = Canvas(str(path), pagesize=LETTER)
    y = 760
    canvas.setFont("Courier", 8)
    for line in text.splitlines():
        if y < 40:
            canvas.showPage()
            canvas.setFont("Courier", 8)
            y = 760
        canvas.drawString(30, y, line)
        y -= 10
    canvas.save()
    return path


@pytest.mark.parametrize("name", NAMES or ["(no samples)"])
def test_a_text_layer_pdf_imports_as_its_text(tmp_path, name):
    if not NAMES:
        pytest.skip(f"RAP sheet samples not found in {SAMPLES} (set CA_RELIEF_SHARED)")
    text = (SAMPLES / f"{name}.txt").read_text(encoding="utf-8")
    pdf = _as_pdf(text, tmp_path / f"{name}.pdf")
    assert import_text(read_text(pdf), name).profile == import_text(text, name).profile


def test_a_scan_is_refused_with_what_to_do(tmp_path):
    scan = tmp_path / "scan.pdf"
    canvas = Canvas(str(scan), pagesize=LETTER)
    canvas.rect(30, 30, 500, 700, fill=1)  # a page of pixels, no text
    canvas.save()
    with pytest.raises(UnsupportedSheet, match="no text layer"):
        read_text(scan)
