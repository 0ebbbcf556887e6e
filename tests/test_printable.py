"""One printable-text policy, applied when a profile is read (assembler/profile/printable.py).

Real clients have Vietnamese, Polish, Chinese and Arabic names. Letters with marks a court form's
typeface lacks print as their base letter, the way California's court records spell them; a script
with no Latin letter underneath is refused at load, naming the field, before any PDF is drawn.
"""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest
import yaml
from typer.testing import CliRunner

from assembler.cli import app
from assembler.errors import ReliefError
from assembler.profile.load import ProfileError, parse_profile
from assembler.profile.printable import Unprintable, printable
from conftest import REPO, pdf_text

AS_OF = date(2026, 11, 1)
EXAMPLE = REPO / "examples" / "wobbler-17b-then-dismissal.yaml"


def _example(**petitioner) -> dict:
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data["petitioner"].update(petitioner)
    return data


@pytest.mark.parametrize("typed, printed", [
    ("Nguyễn Thị Lan", "Nguyen Thi Lan"),
    ("Đặng Văn Hùng", "Dang Van Hùng"),  # ù is a Windows-1252 letter: kept as typed
    ("Łukasz Wąsowski", "Lukasz Wasowski"),
    ("José Peña Müller", "José Peña Müller"),  # Windows-1252 letters print as typed
    ("Zoë O’Brien — “Zee”", "Zoë O’Brien — “Zee”"),
])
def test_letters_outside_the_forms_typeface_print_without_their_marks(typed, printed):
    assert printable(typed) == printed


def test_decomposed_accents_are_normalised_not_refused():
    decomposed = unicodedata.normalize("NFD", "José Peña")
    assert decomposed != "José Peña"
    assert printable(decomposed) == "José Peña"


@pytest.mark.parametrize("name", ["王小明", "محمد علي", "Ana 🙂"])
def test_a_script_with_no_latin_letter_is_refused_with_the_characters_named(name):
    with pytest.raises(Unprintable) as caught:
        printable(name)
    assert "Latin letters" in str(caught.value)
    assert isinstance(caught.value, ReliefError)


def test_the_profile_is_folded_when_it_loads():
    profile = parse_profile(_example(legal_name="Nguyễn Thị Lan", other_names=["Lan Nguyễn"]), AS_OF)
    assert profile.petitioner.legal_name == "Nguyen Thi Lan"
    assert profile.petitioner.other_names == ["Lan Nguyen"]


def test_an_unprintable_name_is_refused_at_load_naming_the_field():
    with pytest.raises(ProfileError) as caught:
        parse_profile(_example(legal_name="王小明"), AS_OF)
    assert isinstance(caught.value, ReliefError)
    assert any(p.startswith("petitioner.legal_name:") and "王" in p for p in caught.value.problems)


def test_build_prints_a_vietnamese_name_folded_on_every_page_kind(tmp_path):
    source = tmp_path / "profile.yaml"
    source.write_text(yaml.safe_dump(_example(legal_name="Nguyễn Thị Lan"), allow_unicode=True), encoding="utf-8")
    result = CliRunner().invoke(app, ["build", str(source), "-o", str(tmp_path / "out"), "--as-of", "2026-11-01"])
    assert result.exit_code == 0, result.output
    text = pdf_text(tmp_path / "out" / "packet.pdf")
    assert "Prepared for: Nguyen Thi Lan" in text  # the cover
    assert "NAME: Nguyen Thi Lan" in text  # the declaration


def test_build_with_the_official_forms_prints_the_same_folded_name(tmp_path, official_forms_dir):
    source = tmp_path / "profile.yaml"
    source.write_text(yaml.safe_dump(_example(legal_name="Nguyễn Thị Lan"), allow_unicode=True), encoding="utf-8")
    result = CliRunner().invoke(app, ["build", str(source), "-o", str(tmp_path / "out"), "--as-of", "2026-11-01",
                                      "--forms", "official", "--forms-dir", str(official_forms_dir)])
    assert result.exit_code == 0, result.output
    petition = next((tmp_path / "out").glob("CR-180*.pdf"))
    assert "Nguyen Thi Lan" in pdf_text(petition)


def test_build_refuses_a_chinese_name_with_exit_2_and_writes_nothing(tmp_path):
    source = tmp_path / "profile.yaml"
    source.write_text(yaml.safe_dump(_example(legal_name="王小明"), allow_unicode=True), encoding="utf-8")
    result = CliRunner().invoke(app, ["build", str(source), "-o", str(tmp_path / "out"), "--as-of", "2026-11-01"])
    assert result.exit_code == 2
    assert "petitioner.legal_name" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "out").exists()
