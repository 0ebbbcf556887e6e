"""The RAP sheet importer's open questions are catalogue codes (`rapsheet.*`), said in English and Spanish.

A sheet written here runs without the shared data; the samples of ../shared/data/rapsheet/samples are checked
too where present (set CA_RELIEF_SHARED).
"""

from __future__ import annotations

import re
import string
from datetime import date

import pytest
from typer.testing import CliRunner

from assembler.cli import app
from assembler.rapsheet import import_text, to_yaml
from assembler.rapsheet.questions import SheetQuestion, ask
from rules import messages
from rules.messages import msg
from tests.conftest import shared_root

SAMPLES = shared_root() / "data" / "rapsheet" / "samples"
NAMES = sorted(p.stem for p in SAMPLES.glob("*.txt")) if SAMPLES.is_dir() else []

GARBLED = "%%GARBLED 7Q#@ TOKENS%%"
SHEET = f"""RE: QHY.CA0190043.99000999.TEST-          DATE:20250301 TIME:09:00:00
RESTRICTED-DO NOT USE FOR EMPLOYMENT,LICENSING OR CERTIFICATION PURPOSES
**  IDENTITY THEFT VICTIM - VERIFY IDENTITY  **
*  *  *  *  *  *  *  *  *  *  *  *  *  *  *  *  *  *  *  *  *
CII/A99000999
DOB/19800102 SEX/M RAC/WHITE
NAM/01 TESTER,SAM
* * * *
ARR/DET/CITE: NAM:01
20180704  CAPD NOWHERE FLATS
CNT:01 #18-77
  242 PC-BATTERY TOC:M
* * * *
COURT: NAM:01
20190315  CASC SACRAMENTO
CNT:01 #19CR001
  459 PC-BURGLARY TOC:F
*DISPO:CONVICTED
 CONV STATUS:FELONY
 SEN: 012 MONTHS PROBATION
20200601
 DISPO:REDUCED TO MISD
CNT:02
  242 PC-BATTERY TOC:M
 DISPO:ACQUITTED
{GARBLED}
* * * *
COURT: NAM:01
20010101  CAJV ALAMEDA
CNT:01 #J123
  459 PC-BURGLARY TOC:F
 DISPO:DISMISSED
* * * END OF MESSAGE * * *
"""


def _line(text: str, words: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), start=1) if words in line)


@pytest.fixture(scope="module")
def imported():
    return import_text(SHEET, source="inline")


def _by_code(questions: list[SheetQuestion]) -> dict[str, SheetQuestion]:
    return {q.code: q for q in questions}


def _check_said_in_both_languages(questions: list[SheetQuestion]) -> None:
    english = messages.catalogue("en")
    for question in questions:
        assert question.code.startswith("rapsheet.") and question.code in english, question.code
        en, es = question.text("en"), question.text("es")
        assert not re.search(r"[{}]", en + es), (question.code, en, es)
        assert es != en, question.code
        assert str(question) == en


def test_every_question_of_a_sheet_is_a_code_said_in_english_and_spanish(imported):
    _check_said_in_both_languages(imported.questions)
    codes = set(_by_code(imported.questions))
    assert {"rapsheet.identity_theft", "rapsheet.county_unknown", "rapsheet.no_outcome", "rapsheet.outcome_unclear",
            "rapsheet.reduction_law", "rapsheet.unread_line", "rapsheet.juvenile_or_federal",
            "rapsheet.probation_done", "rapsheet.pending", "rapsheet.check_name"} <= codes


def test_every_rapsheet_code_is_said_in_both_languages():
    """Each `rapsheet.*` code, its blanks filled, reads as words in English and in (different) Spanish."""
    english = messages.catalogue("en")
    codes = [key for key in english if key.startswith("rapsheet.")]
    assert len(codes) > 30
    for code in codes:
        blanks = {name for _, name, _, _ in string.Formatter().parse(english[code]) if name and name != "line"}
        _check_said_in_both_languages([ask(code, 7, **{name: "X" for name in blanks})])


def test_a_question_about_a_line_carries_its_line_number(imported):
    asked = _by_code(imported.questions)
    assert asked["rapsheet.unread_line"].line == _line(SHEET, GARBLED)
    assert asked["rapsheet.outcome_unclear"].line == _line(SHEET, "DISPO:ACQUITTED")
    assert asked["rapsheet.reduction_law"].line == _line(SHEET, "REDUCED TO MISD")
    assert asked["rapsheet.county_unknown"].line == _line(SHEET, "CAPD NOWHERE FLATS")
    assert asked["rapsheet.juvenile_or_federal"].line == _line(SHEET, "CAJV ALAMEDA") - 1  # its COURT: header
    assert asked["rapsheet.identity_theft"].line == _line(SHEET, "IDENTITY THEFT")
    assert asked["rapsheet.outside_california"].line is None  # about no line: asked of every sheet
    unread = asked["rapsheet.unread_line"]
    assert str(unread) == f"Line {unread.line} could not be read: '{GARBLED}'. What does it say?"


def test_dates_are_kept_as_iso_and_said_in_words_in_each_language(imported):
    asked = _by_code(imported.questions)
    pending = asked["rapsheet.pending"]
    assert pending.params_dict == {"printed": "2025-03-01"}
    assert "(printed March 1, 2025)" in pending.text("en")
    assert "(impreso el 1 de marzo de 2025)" in pending.text("es")
    arrest = asked["rapsheet.no_outcome"]
    assert arrest.params_dict["case"] == {"msg": "rapsheet.label.arrest", "on": "2018-07-04",
                                          "agency": "CAPD NOWHERE FLATS"}
    assert arrest.text("en").startswith("The arrest on July 4, 2018 (CAPD NOWHERE FLATS): ")
    assert arrest.text("es").startswith("El arresto del 4 de julio de 2018 (CAPD NOWHERE FLATS): ")


def test_the_case_label_and_the_sheets_own_words_are_kept(imported):
    asked = _by_code(imported.questions)
    unclear = asked["rapsheet.outcome_unclear"]
    assert unclear.params_dict["said"] == "ACQUITTED"
    assert unclear.text("en").startswith("Case 19CR001: line ")
    assert unclear.text("es").startswith("Caso 19CR001: la línea ")
    assert "'ACQUITTED'" in unclear.text("es")
    assert "(CAJV ALAMEDA)" in asked["rapsheet.juvenile_or_federal"].text("es")


def test_a_question_is_a_hashable_value_that_reads_as_its_english_words():
    label = msg("rapsheet.label.court", on=date(2019, 3, 15), agency="CASC SACRAMENTO")
    first = ask("rapsheet.no_sentence", 12, case=label)
    again = ask("rapsheet.no_sentence", 12, case=dict(label))
    assert first == again and list(dict.fromkeys([first, again])) == [first]
    assert first.params_dict == {"case": {"msg": "rapsheet.label.court", "on": "2019-03-15",
                                          "agency": "CASC SACRAMENTO"}}
    assert f"RAP sheet: {first}" == ("RAP sheet: The court case of March 15, 2019 (CASC SACRAMENTO): the sheet "
                                     "prints no sentence; what was the sentence?")
    assert "no sentence" in str(first)
    assert first.text("es").startswith("El caso judicial del 15 de marzo de 2019 (CASC SACRAMENTO): ")


def test_the_profile_yaml_says_its_questions_in_the_language_asked(imported):
    english, spanish = to_yaml(imported, "inline.txt"), to_yaml(imported, "inline.txt", lang="es")
    assert "# Open questions:" in english and "The sheet was printed on March 1, 2025" in english
    assert "# Preguntas pendientes:" in spanish and "El historial se imprimió el 1 de marzo de 2025" in spanish
    assert _body(spanish) == _body(english)  # only the comments are translated, never the profile


def _body(profile_yaml: str) -> list[str]:
    return [line for line in profile_yaml.splitlines() if not line.startswith("#")]


def test_cli_says_the_questions_in_the_language_asked(tmp_path):
    """`relief import rapsheet SHEET --lang es`: Spanish comments; a language with no words is refused."""
    source = tmp_path / "sheet.txt"
    source.write_text(SHEET)
    spanish = CliRunner().invoke(app, ["import", "rapsheet", str(source), "--lang", "es"])
    assert spanish.exit_code == 0, spanish.output
    assert "# Preguntas pendientes:" in spanish.stdout and "legal_name: Sam Tester" in spanish.stdout
    refused = CliRunner().invoke(app, ["import", "rapsheet", str(source), "--lang", "fr"])
    assert refused.exit_code == 2 and "--lang fr" in refused.output


@pytest.fixture
def samples():
    if not NAMES:
        pytest.skip(f"RAP sheet samples not found in {SAMPLES} (set CA_RELIEF_SHARED)")
    return SAMPLES


@pytest.mark.parametrize("name", ["03-arrest-no-disposition", "08-prison-parole", "12-registration-290-ocr"])
def test_sample_sheets_ask_only_in_codes_said_in_both_languages(name, samples):
    text = (samples / f"{name}.txt").read_text(encoding="utf-8")
    questions = import_text(text, source=name).questions
    _check_said_in_both_languages(questions)
    last = len(text.splitlines())
    case_questions = [q for q in questions if "case" in q.params_dict]
    assert case_questions and all(1 <= q.line <= last for q in case_questions)
