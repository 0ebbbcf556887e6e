"""The RAP sheet importer against small sheets written from FORMAT.md's rules (../shared/data/rapsheet/FORMAT.md).

Each test's docstring names the section it exercises. The sheets are made up here, so these run without the
shared data.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assembler.cli import app
from assembler.errors import ReliefError
from assembler.profile.load import parse_profile
from assembler.rapsheet import import_text
from rules.engine import assess

HEADER = """RE: QHY.CA0190043.99000999.TEST-          DATE:20250301 TIME:09:00:00
RESTRICTED-DO NOT USE FOR EMPLOYMENT,LICENSING OR CERTIFICATION PURPOSES
ATTN:RECORD REVIEW
*  *  *  *  *  *  *  *  *  *  *  *  *  *  *  *  *  *  *  *  *
III CALIFORNIA ONLY SOURCE RECORD
CII/A99000999
DOB/19800102 SEX/M RAC/WHITE
NAM/01 TESTER,SAM
    02 TESTER,SAMUEL J
"""
END = "* * * END OF MESSAGE * * *\n"


def sheet(*cycles: str) -> str:
    return HEADER + "".join(f"* * * *\n{cycle.strip(chr(10))}\n" for cycle in cycles) + END


def court(body: str, date_agency: str = "20190315  CASC SACRAMENTO") -> str:
    return f"COURT: NAM:01\n{date_agency}\nCNT:01 #19CR001\n{body}"


def only_case(text: str) -> dict:
    imported = import_text(text)
    assert len(imported.profile["cases"]) == 1
    return imported.profile["cases"][0]


def test_a_convicted_count_without_sentence_or_level_leaves_both_unknown():
    """§4.5-4.6: no CONV STATUS → level_convicted null; no SEN anywhere → sentence null, and it is asked."""
    imported = import_text(sheet(court("  484(A) PC-THEFT OF PERSONAL PROPERTY\n*DISPO:CONVICTED")))
    case = imported.profile["cases"][0]
    assert case["counts"][0]["disposition"] == "convicted_plea"
    assert case["counts"][0]["level_convicted"] is None
    assert case["counts"][0]["level_charged"] is None
    assert case["sentence"] is None
    assert case["conviction_date"] == date(2019, 3, 15)
    assert any("no sentence" in q for q in map(str, imported.questions))


def test_a_count_without_dispo_is_unknown_never_pending():
    """§1.7 and §4.2: a count with no DISPO has no reported outcome: `unknown`, and nothing becomes pending."""
    imported = import_text(sheet("ARR/DET/CITE: NAM:01\n20230418  CAPD OAKLAND\nCNT:01 #23-1\n"
                                 "  459 PC-BURGLARY TOC:F"))
    case = imported.profile["cases"][0]
    assert case["arrest"]["offenses"][0]["disposition"] == "unknown"
    assert case["county"] == "Alameda"
    assert imported.profile["status"]["pending_charges"] == []
    assert imported.profile["status"]["pending_charges_unknown"] is True
    assert any("how did that charge end" in q for q in map(str, imported.questions))


def test_what_a_sheet_never_prints_stays_null():
    """§4.6 and §6: a bare PROBATION has no length; kind, suspension, completion, fines and restitution stay null."""
    case = only_case(sheet(court("  488 PC-PETTY THEFT TOC:M\n*DISPO:CONVICTED\n CONV STATUS:MISDEMEANOR\n"
                                 " SEN: PROBATION, FINE, RESTN")))
    probation = case["sentence"]["probation"]
    assert probation["length_months"] is None and probation["scheduled_end"] is None
    assert probation["kind"] is None and probation["suspension"] is None
    assert probation["outcome"] == "unknown" and probation["violations"] is None
    assert case["sentence"]["fines_paid"] is None and case["sentence"]["restitution"] is None
    assert case["offense_date"] is None


@pytest.mark.parametrize("text", [
    "",
    "Dear clinic,\nplease find my record attached.\nThanks\n",
    "petitioner:\n  legal_name: Sam Tester\ncases: []\n",
    "CII/A99000999\nDOB/19800102\nNAM/01 TESTER,SAM\n",  # an identification block and no cycle
])
def test_a_text_that_is_not_a_rap_sheet_is_refused_saying_what_was_expected(text):
    """§1 and §1.3: a RAP sheet has an identification block and cycles of events; anything else is refused."""
    with pytest.raises(ReliefError) as refused:
        import_text(text, source="letter.txt")
    assert "not a California DOJ RAP sheet" in str(refused.value)
    assert "ARR/DET/CITE" in str(refused.value)


def test_a_page_without_the_identification_block_still_reads_its_cycles():
    """§1.3 (the block is optional) and §1.4: a later page alone, its first delimiter lost, is still read;
    the missing name is asked."""
    imported = import_text(court("  242 PC-BATTERY TOC:M\n DISPO:DISMISSED") + "\n" + END)
    assert imported.profile["cases"][0]["court_case_number"] == "19CR001"
    assert imported.profile["petitioner"]["legal_name"] is None
    assert any("legal name" in q for q in map(str, imported.questions))


def test_a_record_error_imports_nothing_and_says_so():
    """§1.4: `RECORD ERROR - REFER TO CRIMINAL HISTORY INQUIRY MANUAL` instead of cycles."""
    with pytest.raises(ReliefError, match="RECORD ERROR"):
        import_text(HEADER + "RECORD ERROR - REFER TO CRIMINAL HISTORY INQUIRY MANUAL\n" + END)


def test_an_unreadable_line_becomes_a_question_with_its_line_number():
    """§3 step 6: every line that was not understood is shown to the user, with where it is."""
    text = sheet(court("  484(A) PC-THEFT OF PERSONAL PROPERTY\n*DISPO:CONVICTED\n CONV STATUS:MISDEMEANOR\n"
                       " SEN: 010 DAYS JAIL\n%%GARBLED 7Q#@ TOKENS%%"))
    number = text.splitlines().index("%%GARBLED 7Q#@ TOKENS%%") + 1
    imported = import_text(text)
    assert any(q.startswith(f"Line {number} could not be read") for q in map(str, imported.questions))
    assert imported.profile["cases"][0]["sentence"]["jail_days"] == 10


def test_an_unknown_dispo_wording_is_unknown_and_quoted():
    """§1.7: wording the sources do not attest (e.g. ACQUITTED) is not given a meaning; it is asked."""
    imported = import_text(sheet(court("  242 PC-BATTERY TOC:M\n DISPO:ACQUITTED")))
    assert imported.profile["cases"][0]["counts"][0]["disposition"] == "unknown"
    assert any("'ACQUITTED'" in q for q in map(str, imported.questions))


def test_a_charge_wrapped_onto_the_next_line_keeps_its_level():
    """§1.6: the rest of a long charge description, and its TOC, on the next line."""
    case = only_case(sheet(court("  11352(A) HS-TRANSPORT/SELL NARCOTIC/CONTROLLED\n    SUBSTANCE TOC:F\n"
                                 " DISPO:DISMISSED")))
    count = case["counts"][0]
    assert (count["level_charged"], count["description"]) == ("felony", "TRANSPORT/SELL NARCOTIC/CONTROLLED SUBSTANCE")


def test_attempts_stay_attempts():
    """§1.6 and §4.5: an attempt printed in the section stays as printed; a `-ATTEMPTED` flag line is written
    the same way (`664/…`), never read as the completed offense."""
    case = only_case(sheet(court("  664/211 PC-ATTEMPTED ROBBERY TOC:F\n DISPO:DISMISSED\nCNT:02\n -ATTEMPTED\n"
                                 "  459 PC-BURGLARY TOC:F\n DISPO:DISMISSED")))
    assert [c["section"] for c in case["counts"]] == ["664/211", "664/459"]


def test_case_numbers_as_printed_without_stray_marks():
    """§1.6 and §4.4: the `#` may sit on the next line, with spaces and stray `.:-`; inner hyphens stay."""
    case = only_case(sheet("COURT: NAM:01\n20190315  CASC STOCKTON\nCNT:01\n# STK-CR-FE-2015-0001234.:-\n"
                           "  459 PC-BURGLARY TOC:F\n DISPO:DISMISSED"))
    assert (case["county"], case["court_case_number"]) == ("San Joaquin", "STK-CR-FE-2015-0001234")


def test_a_count_range_stands_for_each_count():
    """§1.6: `CNT:003-005` is counts 3, 4 and 5 with the same charge and disposition."""
    case = only_case(sheet("COURT: NAM:01\n20190315  CASC FRESNO\nCNT:001 #F1\n  459 PC-BURGLARY TOC:F\n"
                           " DISPO:DISMISSED\nCNT:002-004\n  496(A) PC-RECEIVE/ETC KNOWN STOLEN PROPERTY TOC:F\n"
                           " DISPO:DISMISSED"))
    assert [c["section"] for c in case["counts"]] == ["459", "496(a)", "496(a)", "496(a)"]
    assert {c["disposition"] for c in case["counts"]} == {"dismissed"}


def test_probation_revoked_with_a_prison_term():
    """§1.9 and §4.6: the latest sentence wins; the revocation ends probation and gives the prison dates."""
    case = only_case(sheet(court("  459 PC-BURGLARY TOC:F\n*DISPO:CONVICTED\n CONV STATUS:FELONY\n"
                                 " SEN: 036 MONTHS PROBATION, 180 DAYS JAIL, IMP SEN SS\n"
                                 "20200610\n DISPO:PROBATION REVOKED\n SEN: 016 MONTHS PRISON")))
    probation = case["sentence"]["probation"]
    assert probation["outcome"] == "revoked" and probation["violations"] is True
    assert probation["ended_on"] == date(2020, 6, 10)
    assert probation["start"] == date(2019, 3, 15) and probation["scheduled_end"] == date(2022, 3, 14)
    assert case["sentence"]["state_prison"]["sentenced_on"] == date(2020, 6, 10)


def test_a_modified_sentence_keeps_the_original_start():
    """§1.9 and §4.6: SENTENCE MODIFIED replaces the term; probation still starts at the first sentencing."""
    case = only_case(sheet(court("  23152(A) VC-DUI ALCOHOL/DRUGS TOC:M\n*DISPO:CONVICTED\n"
                                 " CONV STATUS:MISDEMEANOR\n SEN: 036 MONTHS PROBATION, 002 DAYS JAIL\n"
                                 "20200101 DISPO:SENTENCE MODIFIED\n SEN: 060 MONTHS PROBATION")))
    probation = case["sentence"]["probation"]
    assert probation["start"] == date(2019, 3, 15) and probation["length_months"] == 60
    assert probation["outcome"] == "unknown"


def test_court_events_of_one_case_are_merged():
    """§4.3 and §1.9: COURT events repeating a case number are one case; a conviction reported later dates it."""
    case = only_case(sheet(court("  242 PC-BATTERY TOC:M") + "\n- - - -\n" +
                           court("  242 PC-BATTERY TOC:M\n*DISPO:CONVICTED\n CONV STATUS:MISDEMEANOR\n"
                                 " SEN: 005 DAYS JAIL", "20190601  CASC SACRAMENTO")))
    assert len(case["counts"]) == 1 and case["counts"][0]["disposition"] == "convicted_plea"
    assert case["conviction_date"] == date(2019, 6, 1)


def test_prison_custody_and_probation_department_entries_attach_to_their_case():
    """§1.11, §4.3 and §4.6: `SEN FROM: … CRT #` names the case; PAROLED and DISCHARGED date the release and
    the parole discharge; a probation department's entry naming the case shows formal probation."""
    case = only_case(sheet(
        court("  211 PC-ROBBERY TOC:F\n*DISPO:CONVICTED\n CONV STATUS:FELONY\n SEN: 036 MONTHS PROBATION\n"
              "19970601\n DISPO:PROBATION REVOKED\n SEN: 002 YEARS PRISON", "19950315  CASC LOS ANGELES LONG BCH"),
        "PROBATION: NAM:01\n19950401  CAPR LOS ANGELES\nCNT:01 #X5523\n  211 PC-ROBBERY\n COM: CRT CASE NBR 19CR001",
        "CUSTODY:CDC NAM:01\n19970701  CASD CORRECTIONS\nCNT:01 #X099999\n  211 PC-ROBBERY\n"
        "  SEN FROM: LOS ANGELES CO CRT #19CR001\n  SEN: 2 YEARS PRISON\n19980801\n DISPO:PAROLED\n"
        "19990901\n DISPO:DISCHARGED"))
    prison = case["sentence"]["state_prison"]
    assert (prison["sentenced_on"], prison["release_date"], prison["parole_discharge_date"]) == (
        date(1997, 6, 1), date(1998, 8, 1), date(1999, 9, 1))
    assert case["sentence"]["probation"]["kind"] == "formal"
    assert case["county"] == "Los Angeles"


def test_a_sentence_in_a_comment_and_jail_in_months():
    """§1.8 and §4.6: `COM: SEN-X3 YR PROB, 6 MO JL WORK`; months of jail are not a number of days."""
    case = only_case(sheet(court("  484(A) PC-THEFT OF PERSONAL PROPERTY TOC:M\n*DISPO:CONVICTED\n"
                                 " CONV STATUS:MISDEMEANOR\n COM: SEN-X3 YR PROB, 6 MO JL WORK, $971 FINE $420 RSTN")))
    assert case["sentence"]["probation"]["length_months"] == 36
    assert case["sentence"]["jail_days"] is None


def test_a_charge_given_in_a_comment():
    """§1.6: `SEE COMMENT FOR CHARGE`, then `COM: CHRG 487(A)-664 PC`, kept as printed."""
    case = only_case(sheet(court("  SEE COMMENT FOR CHARGE\n DISPO:DISMISSED\n COM: CHRG 487(A)-664 PC")))
    assert (case["counts"][0]["code"], case["counts"][0]["section"]) == ("PC", "487(a)-664")
    assert case["counts"][0]["description"] is None


def test_a_court_name_the_table_does_not_know_is_asked_not_guessed():
    """§4.4: an unknown place → ask; the profile says what still keeps `relief assess` from using it."""
    imported = import_text(sheet(court("  242 PC-BATTERY TOC:M\n DISPO:DISMISSED", "20190315  CASC NOWHERE FLATS")))
    assert imported.profile["cases"][0]["county"] is None
    assert any("NOWHERE FLATS" in q for q in map(str, imported.questions))
    assert any("county is missing" in p for p in imported.problems)


def test_a_court_name_that_is_not_its_county():
    """§1.5 and §4.4: `CASC YUBA CITY` is Sutter County; `CASC SN JOSE` Santa Clara."""
    for agency, county in (("CASC YUBA CITY", "Sutter"), ("CASC SN JOSE", "Santa Clara"),
                           ("CASC MCRICHMOND", "Contra Costa"), ("CASC VISTA", "San Diego")):
        case = only_case(sheet(court("  242 PC-BATTERY TOC:M\n DISPO:DISMISSED", f"20190315  {agency}")))
        assert case["county"] == county, agency


def test_a_branch_of_a_named_county_court_is_read_but_asked_to_confirm():
    """§1.5 and §4.4: `CASC LOS ANGELES <branch>` names its county; `LAKE ELSINORE` is not Lake County."""
    dismissed = "  242 PC-BATTERY TOC:M\n DISPO:DISMISSED"
    imported = import_text(sheet(court(dismissed, "20190315  CASC LOS ANGELES AIRPORT")))
    assert imported.profile["cases"][0]["county"] == "Los Angeles"
    assert any("please confirm" in q for q in map(str, imported.questions))
    elsinore = import_text(sheet(court(dismissed, "20190315  CASC LAKE ELSINORE")))
    assert elsinore.profile["cases"][0]["county"] is None


def test_juvenile_court_entries_are_not_cases():
    """§4.3: a juvenile court (`CAJV`) entry is not an adult case; the person is told of it."""
    imported = import_text(sheet(court("  459 PC-BURGLARY TOC:F\n DISPO:DISMISSED", "20010101  CAJV ALAMEDA"),
                                 court("  242 PC-BATTERY TOC:M\n DISPO:DISMISSED")))
    assert [c["county"] for c in imported.profile["cases"]] == ["Sacramento"]
    assert any("juvenile" in q for q in map(str, imported.questions))


def test_header_line_with_date_and_events_without_dashes():
    """§1.5: the date and agency may sit on the header line, and an event may end at the next header."""
    imported = import_text(sheet("ARR/DET/CITE: NAM:01\n19960701  CAPD SAN FRANCISCO\nCNT:01 #A1\n"
                                 "  11350(A) HS-POSSESS NARCOTIC CONTROL SUBSTANCE TOC:F\n"
                                 "COURT: NAM:01 19960718 CASC SAN FRANCISCO CO\nCNT:01 #SF123\n"
                                 "  11350(A) HS-POSSESS NARCOTIC CONTROL SUBSTANCE TOC:F\n DISPO:DISMISSED"))
    case = imported.profile["cases"][0]
    assert (case["county"], case["court_case_number"]) == ("San Francisco", "SF123")
    assert case["arrest"]["date"] == date(1996, 7, 1) and case["arrest"]["report_number"] == "A1"


def test_ocr_run_on_line_and_split_delimiter():
    """§5: lost line breaks are put back before CNT:/DISPO/SEN:; a delimiter split one asterisk per line."""
    text = (HEADER + "*\n*\n*\n*\nCOURI: NAM:01\n20190315  CASC L05 ANGELES METRO CNT:0U1 #9CJ.055.21 "
            "484(A) PC-THEFT OF PERSONAL PROPERTY *DI SP O:CO N VI CTE D CONV STATIS.MISDEMEANOR "
            "SEN: 002 DAYS JAIL\n" + END)
    case = only_case(text)
    assert (case["county"], case["court_case_number"]) == ("Los Angeles", "9CJ05521")
    assert case["counts"][0]["level_convicted"] == "misdemeanor"
    assert case["sentence"]["jail_days"] == 2


def test_notice_boxes_are_not_cycles():
    """§1.2 and §1.4: asterisk boxes (strike entry, registrant notice) are neither cycles nor unread lines."""
    text = sheet(court("  211 PC-ROBBERY TOC:F\n*DISPO:CONVICTED\n CONV STATUS:FELONY\n SEN: 3 YEARS PRISON") +
                 "\n* * * * * * * * * * *\n**   POTENTIAL FELONY STRIKE ENTRY   **\n* * * * * * * * * * *\n"
                 "*********************\n**                 **\n** FOR CURRENT REGISTRANT **\n*********************")
    imported = import_text(text)
    assert len(imported.profile["cases"]) == 1
    assert not any("could not be read" in q for q in map(str, imported.questions))


def test_relief_already_granted_and_detention_only_are_kept():
    """§1.7 and §4.7: a 1203.4 set-aside is relief already granted; `RELEASED/DETENTION ONLY` is a detention."""
    imported = import_text(sheet(
        court("  488 PC-PETTY THEFT TOC:M\n*DISPO:CONVICTED\n CONV STATUS:MISDEMEANOR\n SEN: 012 MONTHS PROBATION\n"
              "20210507\n DISPO:CONV SET ASIDE & DISM PER 1203.4 PC"),
        "ARR/DET/CITE: NAM:01\n20220610  CAPD SAN DIEGO\nCNT:01 #22-1\n  647(F) PC-DISORDERLY CONDUCT TOC:M\n"
        "20220610\n DISPO:RELEASED/DETENTION ONLY"))
    first, second = imported.profile["cases"]
    assert first["relief_granted"] == [{"remedy": "1203.4", "on": date(2021, 5, 7)}]
    assert first["counts"][0]["disposition"] == "convicted_plea"
    assert second["arrest"]["detention_only"] is True
    assert second["arrest"]["offenses"][0]["disposition"] == "never_filed"


def test_imported_profiles_load_and_are_assessed():
    """§4: what the importer writes is a profile: it loads (`parse_profile`) and the rules decide on it."""
    imported = import_text(sheet(
        "ARR/DET/CITE: NAM:01\n20190203  CAPD LOS ANGELES\nCNT:01 #5512093\n  484(A) PC-THEFT TOC:M\n- - - -\n" +
        court("  484(A) PC-THEFT OF PERSONAL PROPERTY\n*DISPO:CONVICTED\n CONV STATUS:MISDEMEANOR\n"
              " SEN: 024 MONTHS PROBATION, 002 DAYS JAIL, IMP SEN SS, FINE, RESTN", "20190315  CASC LOS ANGELES METRO"),
        "ARR/DET/CITE: NAM:02\n20230418  CAPD OAKLAND\nCNT:01 #23-019822\n  243(E)(1) PC-BATTERY TOC:M"))
    assert imported.problems == []
    profile = parse_profile(imported.profile, imported.printed_on)
    result = assess(profile, imported.printed_on)
    assert len(result.cases) == 2
    assert profile.petitioner.legal_name == "Sam Tester" and profile.petitioner.other_names == ["Samuel J Tester"]


# --- the command line --------------------------------------------------------------------------------------


def _sample_sheet() -> str:
    return sheet(court("  484(A) PC-THEFT OF PERSONAL PROPERTY TOC:M\n*DISPO:CONVICTED\n CONV STATUS:MISDEMEANOR\n"
                       " SEN: 012 MONTHS PROBATION"))


def test_cli_prints_a_profile_that_relief_assess_reads(tmp_path):
    """§4: `relief import rapsheet SHEET` prints the profile; its questions are comments, so it loads as it is."""
    source = tmp_path / "sheet.txt"
    source.write_text(_sample_sheet())
    result = CliRunner().invoke(app, ["import", "rapsheet", str(source)])
    assert result.exit_code == 0, result.output
    assert "# Open questions:" in result.stdout and "legal_name: Sam Tester" in result.stdout
    target = tmp_path / "profile.yaml"
    target.write_text(result.stdout)
    assessed = CliRunner().invoke(app, ["assess", str(target), "--as-of", "2025-03-01"])
    assert assessed.exit_code == 0, assessed.output


def test_cli_writes_one_private_profile_per_sheet_of_a_folder(tmp_path):
    """§3: a folder of sheets → one profile per sheet in the -o folder, readable by its owner only."""
    folder = tmp_path / "sheets"
    folder.mkdir()
    for name in ("a.txt", "b.txt"):
        (folder / name).write_text(_sample_sheet())
    out = tmp_path / "profiles"
    result = CliRunner().invoke(app, ["import", "rapsheet", str(folder), "-o", str(out)])
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in out.iterdir())
    assert written == ["a.yaml", "b.yaml"]
    assert all((out / name).stat().st_mode & 0o077 == 0 for name in written)
    assert "TESTER" not in result.output and "THEFT" not in result.output  # counts only, never the record


@pytest.mark.parametrize("content, says", [
    (b"Just a letter, not a record.\n", "not a California DOJ RAP sheet"),
    (b"%PDF-1.7\n%binary", "PDF"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "image"),
])
def test_cli_refuses_bad_input_with_exit_2_and_no_traceback(tmp_path, content, says):
    """§3 and issue 16 item 5: a file that is not a RAP sheet is a message and exit 2, never a traceback."""
    bad = tmp_path / "input.txt"
    bad.write_bytes(content)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    run = subprocess.run([sys.executable, "-m", "assembler", "import", "rapsheet", str(bad)], capture_output=True,
                         text=True, env=env)
    assert run.returncode == 2
    assert says in run.stderr and "Traceback" not in run.stderr and run.stdout == ""


@pytest.mark.parametrize("number, asked", [("19CRO01", True), ("I9CR001", True), ("19CR001", False),
                                           ("BA123456", False), ("STK-CR-FE-2015-0001234", False)])
def test_a_case_number_with_o_or_i_beside_a_digit_is_kept_as_read_and_asked(number, asked):
    """FORMAT §5 (lookalikes: O for 0, l/I for 1) and §4.4 (the number as printed): OCR's O-for-0 in a case
    number is never corrected silently (some numbers have letters) — the person is asked to check it."""
    imported = import_text(sheet(court("  484(A) PC-THEFT OF PERSONAL PROPERTY\n*DISPO:DISMISSED").replace(
        "#19CR001", f"#{number}")))
    assert imported.profile["cases"][0]["court_case_number"] == number
    found = [q for q in imported.questions if q.code == "rapsheet.case_number_lookalike"]
    assert bool(found) is asked
    if asked:
        assert number in str(found[0]) and "court papers" in str(found[0]) and found[0].line is not None
        assert "papeles de la corte" in found[0].text("es")
