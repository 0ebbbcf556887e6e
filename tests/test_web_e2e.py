"""End to end in a real browser: Debian's chromium, driven by Playwright, with JavaScript turned off.

The app runs under uvicorn on 127.0.0.1 (a free port) in a background thread. For each example story
a person's answers are typed into the interview (one with two cases), the packet is downloaded and its text read with
pdftotext; the same in Spanish on a phone-sized screen; and a validation error shows by its field.

Without chromium these tests fail and say how to install it; a developer may set
CA_RELIEF_NO_BROWSER=1 to skip them on purpose (ignored in CI, where CI=true).
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
import yaml

from tests.conftest import REPO, pdf_text

CHROMIUM = os.environ.get("CA_RELIEF_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
AS_OF = date(2026, 11, 1)
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def _browser_or_reason() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright for Python is missing: pip install -e '.[test]'"
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        return f"chromium not found at {CHROMIUM}: apt-get install -y chromium (.ci/run does)"
    return None


@pytest.fixture(scope="module")
def browser():
    reason = _browser_or_reason()
    if reason:
        if os.environ.get("CA_RELIEF_NO_BROWSER") == "1" and os.environ.get("CI") != "true":
            pytest.skip(f"CA_RELIEF_NO_BROWSER=1: {reason}")
        pytest.fail(f"{reason} (or set CA_RELIEF_NO_BROWSER=1 to skip the browser tests on purpose)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def server():
    import uvicorn

    from assembler.web.app import create_app

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(create_app(today=lambda: AS_OF), access_log=False, log_level="warning")
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not uv.started:
        if time.monotonic() > deadline:
            pytest.fail("the web app did not start within 20 s")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    uv.should_exit = True
    thread.join(timeout=10)
    sock.close()


@contextmanager
def _page(browser, viewport):
    """A fresh browser tab with JavaScript turned off: the interview must work without it."""
    context = browser.new_context(java_script_enabled=False, viewport=viewport, accept_downloads=True)
    try:
        yield context.new_page()
    finally:
        context.close()


# --- a person answering the interview from an example story ------------------------------------


def _story(name: str) -> dict:
    return yaml.safe_load((REPO / "examples" / f"{name}.yaml").read_text(encoding="utf-8"))


def _iso(value) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _save(page) -> None:
    page.locator("main form button[type=submit].button").last.click()


def about_you(page, person: dict) -> None:
    page.fill("[name=legal_name]", person["legal_name"])
    page.fill("[name=other_names]", "\n".join(person.get("other_names", [])))
    if person.get("date_of_birth"):
        page.fill("[name=date_of_birth]", _iso(person["date_of_birth"]))
    address = person.get("mailing_address") or {}
    for part in ("street", "unit", "city", "zip"):
        if address.get(part):
            page.fill(f"[name='mailing_address.{part}']", str(address[part]))
    for part in ("phone", "email"):
        if person.get(part):
            page.fill(f"[name={part}]", person[part])
    _save(page)


def _yes_no(value) -> str:
    return {True: "yes", False: "no", None: "dk"}[value]


def _radio(page, name: str, value: str) -> None:
    page.check(f"input[name='{name}'][value='{value}']")


def one_case(page, case: dict) -> None:
    from rules.offenses import lookup

    page.select_option("[name=county]", case["county"])
    if case.get("court_case_number"):
        page.fill("[name=court_case_number]", case["court_case_number"])
    arrest = case.get("arrest") or {}
    if arrest.get("date"):
        page.fill("[name='arrest.date']", _iso(arrest["date"]))
    for part in ("agency", "report_number"):
        if arrest.get(part):
            page.fill(f"[name='arrest.{part}']", arrest[part])
    if case.get("offense_date"):
        page.fill("[name=offense_date]", _iso(case["offense_date"]))
    counts = list(case.get("counts") or []) + list(arrest.get("offenses") or [])
    for i, count in enumerate(counts):
        row = lookup(count["code"], count["section"])
        page.fill("[name=offense_query]", f"{count['code']} {count['section']}")
        page.press("[name=offense_query]", "Enter")  # Enter in the search box searches
        page.check(f"input[name=offense_pick][value='{row.code}|{row.section}']")
        page.click("button[value=add_pick]")
        _radio(page, f"counts.{i}.disposition", count["disposition"])
        for level in ("level_charged", "level_convicted"):
            if count.get(level):
                _radio(page, f"counts.{i}.{level}", count[level])
    page.click("button[value=next]")  # part 2 only when a charge ended in a conviction
    convicted = any(c["disposition"].startswith("convicted") for c in counts)
    sentence = case.get("sentence")
    if convicted:
        for name in ("conviction_date", "judgment_date"):
            if case.get(name):
                page.fill(f"[name={name}]", _iso(case[name]))
        _radio(page, "sentence_given", "yes" if sentence else "no")
        if sentence:
            _radio(page, "probation_given", "yes" if sentence.get("probation") else "no")
            _radio(page, "custody", "none")
        page.click("button[value=next]")
    if sentence:
        _sentence(page, sentence)
    if "new_conviction_since_judgment" in case:
        _radio(page, "new_conviction_since_judgment", _yes_no(case["new_conviction_since_judgment"]))
    page.click("button[value=save]")


def _sentence(page, sentence: dict) -> None:
    probation = sentence.get("probation")
    if probation:
        _radio(page, "sentence.probation.kind", probation["kind"])
        page.fill("[name='sentence.probation.length_months']", str(probation["length_months"]))
        for name in ("start", "scheduled_end", "ended_on"):
            if probation.get(name):
                page.fill(f"[name='sentence.probation.{name}']", _iso(probation[name]))
        _radio(page, "sentence.probation.outcome", probation["outcome"])
        _radio(page, "sentence.probation.violations", _yes_no(probation.get("violations")))
    if sentence.get("jail_days") is not None:
        page.fill("[name='sentence.jail_days']", str(sentence["jail_days"]))
    _radio(page, "sentence.completed", _yes_no(sentence.get("completed")))
    if "fines_paid" in sentence:
        _radio(page, "sentence.fines_paid", _yes_no(sentence["fines_paid"]))
    if sentence.get("restitution"):
        _radio(page, "sentence.restitution", sentence["restitution"])


def _new_case_with_one_charge(page, base: str, lang: str, county: str, query: str, disposition: str) -> None:
    """Part 1 of a new case: the county and petty theft (PC 484), found by searching."""
    page.goto(f"{base}/cases/new?lang={lang}")
    page.select_option("[name=county]", county)
    page.fill("[name=offense_query]", query)
    page.click("button.secondary[value=search]")
    page.check("input[name=offense_pick][value='PC|484']")
    page.click("button[value=add_pick]")
    _radio(page, "counts.0.disposition", disposition)


def where_now(page, status: dict) -> None:
    _radio(page, "pending_given", "no")
    _radio(page, "supervision_kind", "none")
    for name in ("serving_sentence", "registrant_290", "super_strike_prior"):
        _radio(page, name, _yes_no(status.get(name, False)))
    _save(page)


def your_story(page, facts: dict) -> None:
    for name, text in facts.items():
        page.fill(f"[name={name}]", text)
    _save(page)


def interview(page, base: str, story: dict, lang: str) -> str:
    """Answer every step; returns the results page's text."""
    page.goto(f"{base}/?lang={lang}")
    page.click("a.button[href='/about']")
    about_you(page, story["petitioner"])
    assert page.url.endswith("/cases")
    for case in story["cases"]:
        page.click("a.button[href='/cases/new']")
        one_case(page, case)
        assert page.url.endswith("/cases"), page.locator(".error-summary").all_inner_texts()
    page.click("a.button[href='/now']")
    where_now(page, story.get("status") or {})
    your_story(page, story.get("facts") or {})
    assert page.url.endswith("/review")
    page.click("a.button[href='/results']")
    assert page.url.endswith("/results")
    return page.inner_text("main")


def download_packet(page, tmp_path: Path) -> str:
    with page.expect_download() as info:
        page.click("form[action='/packet'] button")
    target = tmp_path / "packet.pdf"
    info.value.save_as(target)
    assert target.read_bytes().startswith(b"%PDF")
    return pdf_text(target)


# --- the three stories, in English on a desktop and in Spanish on a phone ----------------------

STORIES = {
    "dismissal-misdemeanor": {
        "en": ["Dismiss the conviction after probation", "The court must grant this", "You can ask now",
               "Pen. Code, § 1203.4(a)(1)"],
        "es": ["Desestimar la condena después de la libertad condicional", "La corte tiene que concederlo",
               "Puede pedirlo ahora"],
        "pdf": ["Maria Elena Lopez", "9CJ01234", "CR-180"],
    },
    "wobbler-17b-then-dismissal": {
        "en": ["Change a felony to a misdemeanor", "The court may grant this", "Pen. Code, § 17(b)(3)",
               "Dismiss the conviction after probation"],
        "es": ["Cambiar un delito grave a delito menor", "La corte puede concederlo"],
        "pdf": ["Daniel James Whitaker", "RIF1801234", "CR-180"],
    },
    "arrest-sealing": {
        "en": ["Seal the arrest record", "The court must grant this", "Pen. Code, § 851.91"],
        "es": ["Sellar el registro del arresto", "La corte tiene que concederlo"],
        "pdf": ["Kevin Tran Nguyen", "CR-409"],
    },
    "two-counties": {  # two cases, one interview
        "en": ["Dismiss the conviction after probation", "Dismiss a conviction that had no probation",
               "Each court needs its own petition", "Case M221987", "Case 4CA05512"],
        "es": ["Desestimar una condena sin libertad condicional", "Cada corte necesita su propia petición"],
        "pdf": ["Rosa Isabel Delgado", "M221987", "4CA05512"],
    },
}


PACKET_WORDS = {"en": ["Filing instructions"], "es": ["Instrucciones"]}
SCREENS = {"en": DESKTOP, "es": PHONE}  # English on a desktop, Spanish on a phone


@pytest.mark.parametrize("lang", list(SCREENS))
@pytest.mark.parametrize("name", list(STORIES))
def test_story_to_packet(browser, server, tmp_path, name, lang):
    with _page(browser, SCREENS[lang]) as page:
        text = interview(page, server, _story(name), lang)
        assert page.locator("html").get_attribute("lang") == lang
        for words in STORIES[name][lang]:
            assert words in text
        packet = download_packet(page, tmp_path)
        for words in STORIES[name]["pdf"] + PACKET_WORDS[lang]:
            assert words in packet


def test_a_missing_name_shows_its_error_beside_the_field(browser, server):
    with _page(browser, PHONE) as page:
        page.goto(f"{server}/about")
        page.fill("[name='mailing_address.city']", "Fresno")
        _save(page)
        error = page.locator("#f-legal-name-error")
        assert error.is_visible()
        assert "Please fill this in" in error.inner_text()
        name_input = page.locator("#f-legal-name")
        assert "f-legal-name-error" in name_input.get_attribute("aria-describedby")
        assert name_input.get_attribute("aria-invalid") == "true"
        assert page.locator(".error-summary a[href='#f-legal-name']").is_visible()
        street_error = page.locator("#f-mailing-address-street-error")  # a city without a street
        assert street_error.is_visible()
        assert page.input_value("[name='mailing_address.city']") == "Fresno"  # what was typed stays


def test_a_future_date_shows_its_error_in_spanish(browser, server):
    with _page(browser, PHONE) as page:
        _new_case_with_one_charge(page, server, "es", "Fresno", "hurto menor", "convicted_plea")
        page.click("button[value=next]")
        page.fill("[name=conviction_date]", "2030-01-01")
        page.click("button[value=next]")
        error = page.locator("#f-conviction-date-error")
        assert error.is_visible()
        assert "después de hoy" in error.inner_text()
        assert page.locator(".error-summary").is_visible()


def test_no_page_scrolls_sideways_on_a_phone(browser, server):
    with _page(browser, PHONE) as page:
        interview(page, server, _story("arrest-sealing"), "es")
        for url in ("/", "/about", "/cases", "/cases/0", "/cases/0?part=details", "/cases/new", "/now", "/story", "/review", "/results"):
            page.goto(server + url)
            assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], url


def test_the_keyboard_reaches_the_language_switch_first_and_focus_is_visible(browser, server):
    with _page(browser, DESKTOP) as page:
        page.goto(f"{server}/about")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.className") == "skip"
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.className") == "lang-switch"
        outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        assert outline == "solid"


def test_the_follow_up_question_on_a_phone_settles_the_answer(browser, server, tmp_path):
    """Unpaid fines: the results offer one more question; answering it on a phone makes the dismissal certain."""
    story = _story("dismissal-misdemeanor")
    story["cases"][0]["sentence"]["fines_paid"] = False
    answers = tmp_path / "answers.yaml"
    answers.write_text(yaml.safe_dump(story, allow_unicode=True), encoding="utf-8")
    with _page(browser, PHONE) as page:
        page.goto(f"{server}/?lang=es")
        page.set_input_files("#f-answers", str(answers))
        page.click("form.upload button")
        page.goto(f"{server}/results")
        page.click("a.button[href='/followup']")
        page.wait_for_load_state("load")  # the click navigates: measure the page that arrived
        assert page.url.endswith("/followup")
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        assert "Lo que todavía necesitamos saber" in page.inner_text("main")
        _radio(page, "cases.0.sentence.fines_condition_of_probation", "no")
        _save(page)
        assert page.url.endswith("/results")
        text = page.inner_text("main")
        assert "La corte tiene que concederlo" in text
        assert "Conteste 1 pregunta" not in text


def test_skipping_where_you_are_now_never_says_the_court_must_grant(browser, server):
    """Pen. Code § 1203.4(a)(1): relief of right only for a person not serving a sentence, on probation or
    charged. A person who skips "Where you are now" is told to answer it, never "the court must grant this"."""
    story = _story("dismissal-misdemeanor")
    with _page(browser, PHONE) as page:
        page.goto(f"{server}/?lang=en")
        page.click("a.button[href='/about']")
        about_you(page, story["petitioner"])
        page.click("a.button[href='/cases/new']")
        one_case(page, story["cases"][0])
        page.goto(f"{server}/review")
        review = page.inner_text("main")
        assert "Where you are now" in review
        page.goto(f"{server}/results")
        results = page.inner_text("main")
        assert "The court must grant this" not in results
        assert "Needs review" in results or "needs review" in results.lower()


def test_switching_language_mid_form_keeps_the_typed_answers(browser, server):
    with _page(browser, PHONE) as page:
        page.goto(f"{server}/?lang=en")
        page.click("a.button[href='/about']")
        page.fill("[name=legal_name]", "María García López")
        page.click("button.lang-switch")
        assert page.locator("html").get_attribute("lang") == "es"
        assert page.input_value("[name=legal_name]") == "María García López"


def _screens(page) -> float:
    return page.evaluate("document.documentElement.scrollHeight") / PHONE["height"]


def test_a_phone_shows_the_case_in_short_parts_with_only_what_applies(browser, server):
    """Issue 14: the case form was ~9 phone screens for everyone. A dismissed charge now sees the court and
    charges, then the questions for everyone; a conviction sees the sentence questions only when they apply."""
    with _page(browser, PHONE) as page:
        _new_case_with_one_charge(page, server, "en", "Alameda", "petty theft", "dismissed")
        charges = _screens(page)
        page.click("button[value=next]")
        assert page.locator("[name=sentence_given]").count() == 0
        assert page.locator("[name=what_happened]").is_visible()
        assert "Part 2 of 2" in page.inner_text("main")
        last = _screens(page)
        assert charges <= 5 and last <= 3, (charges, last)
        page.click("button[value=back]")
        _radio(page, "counts.0.disposition", "convicted_plea")
        page.click("button[value=next]")
        assert "Part 2 of 3" in page.inner_text("main") and _screens(page) <= 4
        _radio(page, "sentence_given", "yes")
        _radio(page, "probation_given", "no")
        _radio(page, "custody", "none")
        page.click("button[value=next]")
        assert page.locator("[name='sentence.probation.ended_on']").count() == 0
        assert page.locator("[name='sentence.completed']").count() == 2 + 1  # yes, no, I don't know
        assert _screens(page) <= 5
        page.click("button[value=save]")
        assert page.url.endswith("/cases")


def test_switching_language_on_a_later_part_stays_on_that_part(browser, server):
    with _page(browser, PHONE) as page:
        _new_case_with_one_charge(page, server, "en", "Fresno", "petty theft", "convicted_plea")
        page.click("button[value=next]")
        page.fill("[name=conviction_date]", "2019-03-15")
        page.click("button.lang-switch")
        assert page.locator("html").get_attribute("lang") == "es"
        assert "Parte 2 de 3" in page.inner_text("main")
        assert page.input_value("[name=conviction_date]") == "2019-03-15"
        page.click("button[value=back]")
        assert page.input_value("[name=county]") == "Fresno"


@pytest.mark.parametrize("lang, case_word, line_word", [("en", "Case 19CR001", "(line "), ("es", "Caso 19CR001", "(línea ")])
def test_starting_from_a_rap_sheet_on_a_phone(browser, server, tmp_path, lang, case_word, line_word):
    """Issue 16 (4): upload the sheet, see each case as read with its line, correct it, go on."""
    from tests.test_web_rapsheet import SHEET

    sheet_file = tmp_path / "sheet.txt"
    sheet_file.write_text(SHEET)
    with _page(browser, PHONE) as page:
        page.goto(f"{server}/?lang={lang}")
        page.click("a[href='/rapsheet']")
        page.set_input_files("#f-sheet", str(sheet_file))
        page.click("main form button[type=submit]")
        assert page.url.endswith("/rapsheet/read")
        read = page.inner_text("main")
        assert case_word in read and line_word in read
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        page.click("a[href='/cases/0']")
        assert page.input_value("[name=county]") == "Sacramento"
        page.click("button[value=next]")
        page.click("button[value=next]")
        page.click("button[value=save]")
        assert page.url.endswith("/cases"), page.locator(".error-summary").all_inner_texts()
