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


def page_words(path: Path) -> list[list[tuple[float, float, float, float, str]]]:
    """Each page's words with their boxes (x0, y0, x1, y1, word), via poppler's `pdftotext -bbox`."""
    import re

    out = subprocess.run(["pdftotext", "-bbox", str(path), "-"], check=True, capture_output=True, text=True).stdout
    box = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')
    return [[(float(a), float(b), float(c), float(d), w) for a, b, c, d, w in box.findall(page)]
            for page in out.split("<page ")[1:]]


def overprinted(words: list[tuple[float, float, float, float, str]]) -> list[tuple[str, str]]:
    """Pairs of words drawn over each other (sharing more than a third of the smaller one's box)."""
    found = []
    for i, a in enumerate(words):
        for b in words[i + 1:]:
            w, h = min(a[2], b[2]) - max(a[0], b[0]), min(a[3], b[3]) - max(a[1], b[1])
            smaller = min((a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1]))
            if w > 0 and h > 0 and w * h > smaller / 3:
                found.append((a[4], b[4]))
    return found
