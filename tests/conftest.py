"""Shared test fixtures.

Tests that need the official Judicial Council PDFs read them from ../shared/forms-official (CI has it).
Where it is absent they skip, saying so; everything else still runs.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def shared_root() -> Path:
    return Path(os.environ.get("CA_RELIEF_SHARED", REPO.parent / "shared"))


@pytest.fixture
def official_forms_dir() -> Path:
    folder = shared_root() / "forms-official"
    if not (folder / "CR-180.pdf").exists():
        pytest.skip(f"official Judicial Council PDFs not found in {folder} (set CA_RELIEF_SHARED)")
    return folder


def pdf_text(path: Path, *, layout: bool = False) -> str:
    """What a reader sees in a PDF, via poppler's pdftotext."""
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext (poppler-utils) is required; .ci/run installs it")
    args = ["pdftotext", *(["-layout"] if layout else []), str(path), "-"]
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout
