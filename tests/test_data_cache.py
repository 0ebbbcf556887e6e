"""The packaged YAML is remembered between runs (rules/packaged.py): the same data as parsing, in a folder only
this user can write, never a person's profile, and any trouble with it only means parsing again."""

import os
import stat
import subprocess
import sys
from datetime import date
from importlib import resources
from pathlib import Path

import pytest

from rules import packaged

REPO = Path(__file__).resolve().parents[1]
PACKAGED = sorted([*(REPO / "rules" / "data").rglob("*.yaml"), *(REPO / "templates").rglob("*.yaml"),
                   *(REPO / "assembler").rglob("*.yaml")])


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv(packaged.OFF, raising=False)
    return tmp_path / "ca-relief" / "data"


def entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.pickle")) if folder.is_dir() else []


def test_every_packaged_file_reads_the_same_from_the_cache(cache_home):
    assert len(PACKAGED) > 20
    for path in PACKAGED:
        text = path.read_text(encoding="utf-8")
        parsed = packaged._parse(text)
        assert packaged.read_yaml(text) == parsed, path  # first run: parsed and stored
        assert packaged.read_yaml(text) == parsed, path  # later runs: from the stored copy
    assert len(entries(cache_home)) == len({p.read_text(encoding="utf-8") for p in PACKAGED})


def test_the_copy_is_private_to_its_owner(cache_home):
    packaged.read_yaml("a: 1\n")
    assert stat.S_IMODE(cache_home.stat().st_mode) == 0o700
    (entry,) = entries(cache_home)
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600


def test_an_edited_file_is_a_new_entry_never_the_old_data(cache_home):
    assert packaged.read_yaml("offense: 484\n") == {"offense": 484}
    assert packaged.read_yaml("offense: 488\n") == {"offense": 488}
    assert len(entries(cache_home)) == 2


def test_a_damaged_entry_is_parsed_again_and_replaced(cache_home):
    packaged.read_yaml("a: [1, 2]\n")
    (entry,) = entries(cache_home)
    entry.write_bytes(b"\x80\x05 not a pickle")
    assert packaged.read_yaml("a: [1, 2]\n") == {"a": [1, 2]}
    assert packaged.read_yaml("a: [1, 2]\n") == {"a": [1, 2]}
    assert entry.read_bytes()[:1] == b"\x80" and b"not a pickle" not in entry.read_bytes()


def test_a_folder_others_can_write_is_never_read(cache_home):
    # a pickle runs code when loaded: a planted entry in a group-writable folder must be ignored
    packaged.read_yaml("a: 1\n")
    (entry,) = entries(cache_home)
    entry.write_bytes(__import__("pickle").dumps({"a": "planted"}))
    os.chmod(cache_home, 0o770)
    assert packaged.cache_folder() is None
    assert packaged.read_yaml("a: 1\n") == {"a": 1}


def test_an_unwritable_cache_only_means_parsing(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert packaged.cache_folder() is None
    assert packaged.read_yaml("a: 1\n") == {"a": 1}


def test_the_cache_can_be_switched_off(cache_home, monkeypatch):
    monkeypatch.setenv(packaged.OFF, "1")
    assert packaged.read_yaml("a: 1\n") == {"a": 1}
    assert not cache_home.exists()


def test_a_profile_never_passes_through_the_cache(cache_home):
    from assembler.profile.load import load_profile

    example = REPO / "examples" / "dismissal-misdemeanor.yaml"
    text = example.read_text(encoding="utf-8")
    load_profile(example, date(2026, 11, 1))
    names = {entry.name for entry in entries(cache_home)}
    assert f"{packaged._digest(text)}.pickle" not in names
    assert not any(b"Lopez" in entry.read_bytes() for entry in entries(cache_home))


def test_the_offense_table_is_read_through_it(cache_home):
    # in a process of its own: this one has the table already
    subprocess.run([sys.executable, "-c", "from rules.offenses import table; table()"], check=True, cwd=REPO,
                   env={**os.environ, "XDG_CACHE_HOME": str(cache_home.parents[1])})
    text = resources.files("rules").joinpath("data/offenses.yaml").read_text(encoding="utf-8")
    assert (cache_home / f"{packaged._digest(text)}.pickle").exists()
