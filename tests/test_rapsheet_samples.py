"""The 12 sample RAP sheets of ../shared/data/rapsheet/samples import as their expected profiles, field by field.

Both sides are read as profiles (`parse_profile`), so a field the expected file leaves out is compared with the
schema's default. Descriptions are free text and are not compared. Skipped, saying so, where the shared data is
absent (set CA_RELIEF_SHARED).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from assembler.profile.load import parse_profile
from assembler.profile.reading import parse_bytes
from assembler.rapsheet import import_text
from rules.engine import assess
from tests.conftest import shared_root

SAMPLES = shared_root() / "data" / "rapsheet" / "samples"
NAMES = sorted(p.stem for p in SAMPLES.glob("*.txt")) if SAMPLES.is_dir() else []

# Facts the sheet prints that the expected files predate: they were written when the profile could not hold
# them (FORMAT.md §4.7 "Facts the schema cannot hold") and say so in their comments.
PRINTED_BUT_NOT_IN_EXPECTED = {
    # 'RELEASED/DETENTION ONLY': Arrest.detention_only, added for it.
    "04-detention-and-pros-rej": {("cases", 0, "arrest", "detention_only"): True},
    # 'CONV SET ASIDE & DISM PER 1203.4 PC' on 20170612: the expected file's "SCHEMA GAP" comment; the profile
    # now holds it in Case.relief_granted, and the decisions then stop proposing a second 1203.4 petition.
    "10-dismissed-1203-4": {("cases", 0, "relief_granted"): [{"remedy": "1203.4", "on": "2017-06-12"}]},
}


@pytest.fixture
def samples() -> Path:
    if not NAMES:
        pytest.skip(f"RAP sheet samples not found in {SAMPLES} (set CA_RELIEF_SHARED)")
    return SAMPLES


def _flat(value, path=()) -> dict:
    if isinstance(value, dict):
        return {k: v for key, item in value.items() if key != "description"
                for k, v in _flat(item, (*path, key)).items()}
    if isinstance(value, list) and value:
        return {k: v for i, item in enumerate(value) for k, v in _flat(item, (*path, i)).items()}
    return {path: value}


def _expected(name: str, folder: Path) -> dict:
    data = parse_bytes((folder / f"{name}.expected.yaml").read_bytes())
    for path, value in PRINTED_BUT_NOT_IN_EXPECTED.get(name, {}).items():
        node = data
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value
    return data


@pytest.mark.parametrize("name", NAMES or ["(no samples)"])
def test_sample_imports_as_expected(name, samples):
    imported = import_text((samples / f"{name}.txt").read_text(encoding="utf-8"), source=name)
    assert imported.problems == []
    got = _flat(parse_profile(imported.profile, imported.printed_on).model_dump(mode="json"))
    want = _flat(parse_profile(_expected(name, samples), date(2026, 12, 1)).model_dump(mode="json"))
    differ = {".".join(map(str, k)): (got.get(k), want.get(k)) for k in sorted(set(got) | set(want), key=str)
              if got.get(k) != want.get(k)}
    assert differ == {}, "field: (imported, expected)"


@pytest.mark.parametrize("name", NAMES or ["(no samples)"])
def test_every_case_fact_is_traced_to_a_sheet_line(name, samples):
    text = (samples / f"{name}.txt").read_text(encoding="utf-8")
    imported = import_text(text, source=name)
    last = len(text.splitlines())
    for index, case in enumerate(imported.profile["cases"]):
        assert 1 <= imported.source_lines[f"cases[{index}].county"] <= last
        for n, _ in enumerate(case.get("counts", [])):
            assert f"cases[{index}].counts[{n}].section" in imported.source_lines
        if case.get("conviction_date"):
            assert f"cases[{index}].conviction_date" in imported.source_lines


@pytest.mark.parametrize("name", NAMES or ["(no samples)"])
def test_sample_profile_is_assessed(name, samples):
    imported = import_text((samples / f"{name}.txt").read_text(encoding="utf-8"), source=name)
    profile = parse_profile(imported.profile, imported.printed_on)
    assert len(assess(profile, imported.printed_on).cases) == len(profile.cases)
