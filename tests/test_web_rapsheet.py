"""Start from my RAP sheet in the web interview (issue 16, item 4): upload or paste, see each case as read
with its sheet line, correct it; the sheet itself never reaches the disk and is not kept.

The sheets are written here from FORMAT.md's rules (as in test_rapsheet_rules.py), so these run without
../shared.
"""

from __future__ import annotations

import html
import re

import pytest
from fastapi.testclient import TestClient

from tests.test_rapsheet_rules import court, sheet
from tests.test_web_app import Visitor, app, draft, visitor  # noqa: F401 (fixtures)

SHEET = sheet("ARR/DET/CITE: NAM:01 DOB:19800102\n20190203  CAPD SACRAMENTO\nCNT:01 #5512093\n"
              "  484(A) PC-THEFT OF PERSONAL PROPERTY TOC:M\n- - - -\n"
              + court("  484(A) PC-THEFT OF PERSONAL PROPERTY\n*DISPO:CONVICTED\nCONV STATUS:MISDEMEANOR\n"
                      "SEN: 024 MONTHS PROBATION, 002 DAYS JAIL"))


def words(response) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.text)).split())


def upload(visitor: Visitor, text: str | bytes, name: str = "Sam Tester RAP sheet.txt"):
    raw = text.encode() if isinstance(text, str) else text
    return visitor.client.post("/rapsheet", data={"csrf": visitor.token}, files={"sheet": (name, raw, "text/plain")},
                               follow_redirects=False)


def test_the_start_page_offers_to_start_from_the_rap_sheet(visitor):
    assert 'href="/rapsheet"' in visitor.get("/").text
    page = words(visitor.get("/rapsheet"))
    assert "Upload the record the California DOJ sent you" in page and "never saved on this computer's disk" in page


def test_an_uploaded_sheet_shows_each_case_with_the_line_it_came_from(app, visitor):
    response = upload(visitor, SHEET)
    assert response.status_code == 303 and response.headers["location"] == "/rapsheet/read"
    page = words(visitor.get("/rapsheet/read"))
    assert "Case 19CR001" in page and "Sacramento County" in page
    lines = SHEET.splitlines()
    charge_line = next(i for i, line in enumerate(lines, 1) if "*DISPO:CONVICTED" in line)
    assert f"I pleaded guilty or no contest (line {charge_line})" in page
    assert "24 months of probation, 2 days in jail" in page
    assert "What the sheet does not say" in page and "Are any charges pending against you now" in page
    start = page.index("Case 19CR001")
    card = page[start:page.index("Correct this case", start)]
    assert "What the sheet does not say about this case" in card
    assert "was probation completed, and when?" in card  # a case's own question sits with its case
    assert "Are any charges pending" not in card
    case = draft(app, visitor)["cases"][0]
    assert case["court_case_number"] == "19CR001" and case["county"] == "Sacramento"
    assert case["counts"][0]["disposition"] == "convicted_plea"
    assert draft(app, visitor)["petitioner"]["legal_name"] == "Sam Tester"
    assert 'href="/cases/0"' in visitor.get("/rapsheet/read").text  # correct it in the case form
    assert 'value="Sacramento" selected' in visitor.get("/cases/0").text


def test_pasted_text_is_read_the_same_way(app, visitor):
    response = visitor.client.post("/rapsheet", data={"csrf": visitor.token, "pasted": SHEET}, follow_redirects=False)
    assert response.status_code == 303
    assert draft(app, visitor)["cases"][0]["court_case_number"] == "19CR001"


def test_the_read_page_speaks_spanish(visitor):
    visitor.get("/?lang=es")
    upload(visitor, SHEET)
    page = words(visitor.get("/rapsheet/read"))
    assert "Lo que leímos de su hoja de antecedentes" in page
    assert "(línea " in page and "24 meses de libertad condicional" in page
    assert "Lo que la hoja no dice" in page
    assert "Are any charges pending" not in page  # the sheet's questions in Spanish too


def test_a_file_that_is_not_a_rap_sheet_is_refused_saying_what_a_sheet_looks_like(app, visitor):
    response = upload(visitor, "Dear landlord,\nCourt: tomorrow at 9.\n", name="letter.txt")
    assert response.status_code == 422
    assert "does not look like a California DOJ RAP sheet" in words(response)
    assert draft(app, visitor)["cases"] == []
    visitor.get("/?lang=es")
    assert "no parece una hoja de antecedentes" in words(upload(visitor, "hola", name="x.txt"))
    empty = visitor.client.post("/rapsheet", data={"csrf": visitor.token}, follow_redirects=False)
    assert empty.status_code == 422 and "pegue su texto" in words(empty)


def test_a_sheet_upload_needs_the_session_token(visitor):
    response = visitor.client.post("/rapsheet", data={"csrf": "forged", "pasted": SHEET}, follow_redirects=False)
    assert response.status_code == 403


def test_a_large_upload_is_read_in_memory_never_spooled_to_disk(monkeypatch, visitor):
    """Starlette spools an upload over 1 MB to a temporary file; a RAP sheet must never touch the disk."""
    import starlette.formparsers
    import tempfile

    def no_disk(*args, **kwargs):
        raise AssertionError("the upload went to a temporary file")

    monkeypatch.setattr(starlette.formparsers, "SpooledTemporaryFile", no_disk)
    monkeypatch.setattr(tempfile, "mkstemp", no_disk)
    monkeypatch.setattr(tempfile, "NamedTemporaryFile", no_disk)
    padded = SHEET.replace("* * * END", "\n" * 1_500_000 + "* * * END")
    assert upload(visitor, padded).status_code == 303


def test_an_upload_over_the_limit_is_refused_before_it_is_read(visitor):
    response = upload(visitor, b"x" * 6_500_000)
    assert response.status_code == 413


def test_the_file_name_is_never_shown_or_kept(app, visitor):
    upload(visitor, SHEET, name="Samuel Tester DOB 1980.txt")
    assert "Samuel Tester DOB" not in visitor.get("/rapsheet/read").text
    session = app.state.store.get(visitor.client.cookies.get("relief_session"))
    assert "Samuel Tester DOB" not in repr(session.sheet)
