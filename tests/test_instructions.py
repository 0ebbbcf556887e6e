"""Filing instructions: the right court, the 15-day notice with its citation, no invented address,
Spanish with the same sections as English, and a PDF a reader can follow."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import jinja2
import pytest

from assembler.plan.wording import template_env
from assembler.render.pages.instructions import render_instructions, write_instructions_pdf
from assembler.profile.model import Profile
from rules.decision import CaseResult, Decision, Reason, Status
from tests.conftest import REPO, pdf_text

TEMPLATES = REPO / "templates" / "instructions"
REASON = Reason(text="stated by the rule", cite="Pen. Code, § 1203.4(a)(1)")


def profile(county: str, *, felony: bool = False, arrest: bool = False) -> Profile:
    cases = [{"county": county, "court_case_number": "CASE-1",
              "counts": [{"code": "PC", "section": "487(a)", "level_convicted": "felony" if felony else "misdemeanor"}]}]
    if arrest:
        cases.append({"county": county, "arrest": {"date": "2019-05-01", "agency": "Example Police Department",
                      "offenses": [{"code": "PC", "section": "484", "disposition": "dismissed"}]}})
    return Profile.model_validate({"petitioner": {"legal_name": "Pat Example"}, "cases": cases})


def decision(remedy: str, status: Status = Status.mandatory, *, now: bool = True, on: date | None = None) -> Decision:
    return Decision(remedy=remedy, status=status, eligible_now=now, eligible_on=on, reasons=[REASON])


def dismissal(county: str, *extra: Decision, flags: tuple[str, ...] = ()) -> list[CaseResult]:
    return [CaseResult(case_number="CASE-1", county=county, remedies=[decision("1203.4"), *extra], flags=list(flags))]


def sealing(county: str) -> CaseResult:
    return CaseResult(case_number=None, county=county, remedies=[decision("851.91")])


def section(text: str, start: str, end: str) -> str:
    return text[text.index(start):text.index(end, text.index(start))]


# --- English and Spanish have the same templates and the same sections ------------------------


def block_names(path: Path) -> list[str]:
    tree = template_env().parse(path.read_text(encoding="utf-8"))
    return [block.name for block in tree.find_all(jinja2.nodes.Block)]


def macro_names(path: Path) -> list[str]:
    tree = template_env().parse(path.read_text(encoding="utf-8"))
    return [macro.name for macro in tree.find_all(jinja2.nodes.Macro)]


def test_spanish_has_every_english_template_and_no_other():
    names = lambda lang: sorted(p.name for p in (TEMPLATES / lang).glob("*.j2"))
    assert names("en") == names("es")
    assert "petition.txt.j2" in names("en") and "sealing.txt.j2" in names("en")


@pytest.mark.parametrize("name", sorted(p.name for p in (TEMPLATES / "en").glob("*.j2")))
def test_spanish_template_has_the_same_section_ids_in_the_same_order(name):
    english, spanish = TEMPLATES / "en" / name, TEMPLATES / "es" / name
    assert block_names(english) == block_names(spanish)
    assert macro_names(english) == macro_names(spanish)
    if not name.startswith("_"):
        assert block_names(english), f"{name} has no sections"


def test_rendered_spanish_has_as_many_headings_as_english():
    args = (profile("Los Angeles", felony=True, arrest=True),
            dismissal("Los Angeles", decision("17b", Status.discretionary)) + [sealing("Los Angeles")],
            "Los Angeles")
    heads = lambda text: [line.split(" ")[0] for line in text.splitlines() if line.startswith("#")]
    english, spanish = render_instructions(*args, "en"), render_instructions(*args, "es")
    assert heads(english) == heads(spanish)
    assert "Paso 4. Entregue una copia al fiscal" in spanish
    assert "Pen. Code, § 1203.4(d)(1)" in spanish


# --- content --------------------------------------------------------------------------------


def test_los_angeles_dismissal_names_the_court_and_the_15_day_notice_with_its_citation():
    text = render_instructions(profile("Los Angeles"), dismissal("Los Angeles"), "Los Angeles", "en")
    assert "Superior Court of California, County of Los Angeles" in text
    assert "210 West Temple Street, Los Angeles, CA 90012" in text
    notice = section(text, "### Step 4", "### Step 5")
    assert "at least 15 days" in notice and "(Pen. Code, § 1203.4(d)(1))" in notice
    assert "It is not settled how those days are counted" in notice
    assert "Confirm before you go" in text
    assert "city attorney" in notice  # the ten LA cities with their own prosecutors


def test_an_unknown_prosecutor_address_says_how_to_find_it_and_gives_no_address():
    """Mono's district attorney has no street in the research list: unknown stays unknown."""
    text = render_instructions(profile("Mono"), dismissal("Mono"), "Mono", "en")
    serve = section(text, "### Step 4", "### Step 5")
    assert "We do not have the address of the District Attorney of Mono County" in serve
    assert "Do not guess" in serve and "ask the court clerk" in serve
    assert not [line for line in serve.splitlines() if line.startswith("| ") and re.search(r"\d", line)]
    assert not re.search(r"\b\d{2,5} [A-Z][a-z]+ (Street|Avenue|Boulevard|Drive|Way)\b", serve)


def test_a_court_without_a_street_address_gets_no_invented_one():
    text = render_instructions(profile("Imperial"), dismissal("Imperial"), "Imperial", "en")
    court = section(text, "### Step 3", "### Fees")
    assert "We do not have the street address of this courthouse" in court
    assert "P_imperial" not in court  # research source ids are not for the reader
    assert "https://www.imperial.courts.ca.gov" in court


def test_sealing_serves_the_prosecutor_and_the_arresting_agency():
    text = render_instructions(profile("Sacramento", arrest=True), [sealing("Sacramento")], "Sacramento", "en")
    assert "Part 1" not in text and "Part 2: Your petition to seal an arrest (form CR-409)" in text
    serve = section(text, "### Step 4", "### Step 5")
    assert "Example Police Department" in serve and "901 G Street" in serve
    assert "(form CR-409-INFO; Pen. Code, § 851.91)" in serve
    assert "Arrest on May 1, 2019" in text


def test_local_practice_changes_the_copies():
    text = render_instructions(profile("Tulare"), dismissal("Tulare"), "Tulare", "en")
    assert "the original and **5 copies** of each form" in text
    san_diego = render_instructions(profile("San Diego"), dismissal("San Diego"), "San Diego", "en")
    assert "own petition form (CRM-204)" in san_diego


def test_fees_are_described_carefully_and_the_waiver_only_for_a_charge():
    fees = section(render_instructions(profile("Fresno"), dismissal("Fresno"), "Fresno", "en"), "### Fees", "### Step 4")
    assert "As far as we know" in fees and "July 10, 2023" in fees
    assert "If the court charges you any fee and you cannot afford it" in fees and "FW-001" in fees


def test_effects_follow_the_remedies_with_citations():
    results = dismissal("Fresno", decision("17b", Status.discretionary),
                        flags=("STRIKE_SURVIVES_REDUCTION", "DMV_PRIOR_UNAFFECTED"))
    effects = section(render_instructions(profile("Fresno", felony=True), results, "Fresno", "en"),
                      "## What this does", "## Free legal help")
    for text in ("(Pen. Code, § 1203.4(a)(2))", "(Pen. Code, § 17(b))", "(Veh. Code, § 13555)",
                 "(8 U.S.C. § 1101(a)(48)(A))", "(Bus. & Prof. Code, § 480(c))"):
        assert text in effects
    assert "seals" not in effects and "registration" not in effects.lower()


def test_a_remedy_not_yet_available_gives_its_date():
    results = [CaseResult(case_number="CASE-1", county="Fresno",
                          remedies=[decision("1203.4"), decision("1203.41", now=False, on=date(2027, 3, 4))])]
    text = render_instructions(profile("Fresno"), results, "Fresno", "en")
    assert "on or after March 4, 2027" in text
    assert "a partir del 4 de marzo de 2027" in render_instructions(profile("Fresno"), results, "Fresno", "es")


def test_help_lists_the_public_defender_when_known_and_how_to_find_one_when_not():
    alameda = render_instructions(profile("Alameda"), dismissal("Alameda"), "Alameda", "en")
    assert "Alameda County Public Defender's Office" in alameda and "East Bay Community Law Center" in alameda
    fresno = render_instructions(profile("Kern"), dismissal("Kern"), "Kern", "en")
    assert "Call the Kern County Public Defender's office" in fresno


def test_cases_in_other_counties_are_left_out():
    results = dismissal("Fresno") + [CaseResult(case_number="OTHER-9", county="Kern", remedies=[decision("1203.4")])]
    assert "OTHER-9" not in render_instructions(profile("Fresno"), results, "Fresno", "en")


def test_an_unknown_language_is_refused():
    with pytest.raises(ValueError, match="use one of en, es"):
        render_instructions(profile("Fresno"), dismissal("Fresno"), "Fresno", "fr")


def test_templates_render_with_no_undefined_names():
    env = template_env()
    assert isinstance(env.undefined, type) and issubclass(env.undefined, jinja2.StrictUndefined)


# --- the PDF --------------------------------------------------------------------------------


@pytest.mark.parametrize("lang,heading,page", [("en", "Step 3. File your papers at the court", "Page 1 of"),
                                                ("es", "Paso 3. Presente sus papeles en la corte", "Página 1 de")])
def test_the_instructions_pdf_reads_back_with_its_headings(tmp_path, lang, heading, page):
    text = render_instructions(profile("Los Angeles"), dismissal("Los Angeles"), "Los Angeles", lang)
    path = write_instructions_pdf(text, tmp_path / f"instructions-{lang}.pdf", lang)
    seen = " ".join(pdf_text(path).split())
    assert heading in seen and page in seen
    assert "Pen. Code, § 1203.4(d)(1)" in seen
    assert "**" not in seen and "| " not in seen


def test_effects_cite_the_statute_that_grants_the_dismissal():
    results = [CaseResult(case_number="CASE-1", county="Fresno", remedies=[decision("1203.41", Status.discretionary)])]
    effects = section(render_instructions(profile("Fresno", felony=True), results, "Fresno", "en"),
                      "## What this does", "## Free legal help")
    assert "gun (Pen. Code, § 1203.41)" in effects
    assert "1203.4(a)" not in effects


# --- the text-to-PDF writer -----------------------------------------------------------------


def test_the_markup_keeps_address_lines_apart_and_joins_wrapped_lines():
    from assembler.render.pages.textpdf import Block, parse

    blocks = parse("# T\n## H\nA para\nthat wraps.\n- a bullet\n  continued\nnot the bullet\n| 1 Main St\n| Town\n\n"
                   "| 2 Oak Ave\n> note")
    assert blocks == [Block("title", "T"), Block("heading", "H"), Block("para", "A para that wraps."),
                      Block("bullet", "a bullet continued"), Block("para", "not the bullet"),
                      Block("line", "1 Main St"), Block("line", "Town"), Block("space", ""),
                      Block("line", "2 Oak Ave"), Block("note", "note")]


def test_the_pdf_has_headings_as_bookmarks_an_embedded_font_and_page_numbers(tmp_path):
    import pypdf

    from assembler.render.pages.textpdf import write_pdf

    text = "# Title\n## First heading\n" + "A line of text that fills the page. " * 200 + "\n## Second heading\nEnd."
    path = write_pdf(text, tmp_path / "t.pdf", footer="Footer words")
    seen = " ".join(pdf_text(path).split())
    assert "First heading" in seen and "Second heading" in seen and "Footer words" in seen
    reader = pypdf.PdfReader(path)
    assert f"Page 1 of {len(reader.pages)}" in seen and len(reader.pages) > 1
    assert [item.title for item in reader.outline if not isinstance(item, list)] == [
        "Title", "First heading", "Second heading"]
    fonts = {f["/BaseFont"] for page in reader.pages for f in page["/Resources"]["/Font"].get_object().values()}
    assert all("BitstreamVera" in name for name in fonts), fonts


def test_a_notice_period_the_law_does_not_state_is_not_stated_as_law():
    results = [CaseResult(case_number="CASE-1", county="Fresno", remedies=[decision("1203.4a")])]
    serve = section(render_instructions(profile("Fresno"), results, "Fresno", "en"), "### Step 4", "### Step 5")
    assert "We did not find in the law how much notice" in serve
    assert "The law says the other side must get" not in serve


def test_obsolete_fee_amounts_are_never_printed():
    for lang in ("en", "es"):
        text = render_instructions(profile("Tulare"), dismissal("Tulare"), "Tulare", lang)
        assert "$" not in text


@pytest.mark.parametrize("lang", ["en", "es"])
def test_sentences_are_short(lang):
    results = dismissal("Los Angeles", decision("17b", Status.discretionary),
                        flags=("STRIKE_SURVIVES_REDUCTION",)) + [sealing("Los Angeles")]
    text = render_instructions(profile("Los Angeles", felony=True, arrest=True), results, "Los Angeles", lang)
    text = re.sub(r"\([^()]*(Code|form|U\.S\.C\.)[^()]*\)", "", text)  # a citation is not read as words
    sentences = [s for s in re.split(r"(?<=[.!?:])\s+|\n", text) if len(s.split()) > 2]
    lengths = [len(s.split()) for s in sentences]
    assert sum(lengths) / len(lengths) <= 12
    assert max(lengths) <= 30, max(zip(lengths, sentences))


def test_a_felony_petition_names_probation_only_where_it_is_known():
    sacramento = render_instructions(profile("Sacramento", felony=True), dismissal("Sacramento"), "Sacramento", "en")
    assert "(916) 874-1500" in section(sacramento, "### Step 4", "### Step 5")
    amador = render_instructions(profile("Amador", felony=True), dismissal("Amador"), "Amador", "en")
    assert "The probation department we found" not in amador  # no street in the research list
    assert "Ask the clerk if you must give probation a copy too" in amador


def test_a_listed_but_unconfirmed_address_is_given_with_confirm_before_you_send():
    """The research list's address for Alameda's district attorney: printed, never as confirmed."""
    text = render_instructions(profile("Alameda"), dismissal("Alameda"), "Alameda", "en")
    serve = section(text, "### Step 4", "### Step 5")
    assert "1225 Fallon Street" in serve and "Confirm before you send" in serve


def test_an_unknown_address_gets_a_line_to_write_it_on():
    serve = section(render_instructions(profile("Mono"), dismissal("Mono"), "Mono", "en"), "### Step 4", "### Step 5")
    assert "| Address: ____" in serve


# --- with the decision engine, on the bundled examples ---------------------------------------


@pytest.mark.parametrize("example", sorted((REPO / "examples").glob("*.yaml")), ids=lambda p: p.stem)
def test_every_example_gets_instructions_in_both_languages(example):
    import yaml

    from rules.engine import assess

    person = Profile.model_validate(yaml.safe_load(example.read_text(encoding="utf-8")))
    assessment = assess(person, date(2026, 11, 23))
    for county in {case.county for case in person.cases if case.county}:
        english = render_instructions(person, assessment.cases, county, "en")
        spanish = render_instructions(person, assessment.cases, county, "es")
        assert f"Superior Court of California, County of {county}" in english
        heads = lambda text: [line.split(" ")[0] for line in text.splitlines() if line.startswith("#")]
        assert heads(english) == heads(spanish)
        for result in assessment.cases:
            if result.county == county and result.case_number and any(d.eligible_now for d in result.remedies):
                assert result.case_number in english and result.case_number in spanish


def test_a_plea_withdrawal_explains_itself_without_the_dismissal_immigration_warning():
    results = [CaseResult(case_number="CASE-1", county="Fresno", remedies=[decision("1203.43")])]
    effects = section(render_instructions(profile("Fresno"), results, "Fresno", "en"),
                      "## What this does", "## Free legal help")
    assert "(Pen. Code, § 1203.43)" in effects
    assert "still counts as a conviction" not in effects and "Talk to an immigration lawyer" in effects


def test_cases_in_another_county_are_pointed_to_their_own_instructions():
    results = dismissal("Fresno") + [CaseResult(case_number="OTHER-9", county="Kern", remedies=[decision("1203.4")])]
    text = render_instructions(profile("Fresno"), results, "Fresno", "en")
    assert "You also have cases in Kern County." in text
    assert "You also have cases" not in render_instructions(profile("Fresno"), dismissal("Fresno"), "Fresno", "en")


def test_the_licensing_protection_is_not_promised_where_the_law_is_open():
    results = [CaseResult(case_number="CASE-1", county="Fresno", remedies=[decision("1203.42", Status.discretionary)])]
    effects = section(render_instructions(profile("Fresno", felony=True), results, "Fresno", "en"),
                      "## What this does", "## Free legal help")
    assert "480(c)" not in effects and "(Pen. Code, § 1203.42)" in effects


@pytest.mark.parametrize("lang", ["en", "es"])
def test_research_notes_and_iso_dates_never_reach_the_reader(lang):
    """San Diego's prosecutor listing carries the maintainers' note "older Wikipedia revision"; a person
    reads only the year a listing was found, and every date in a sentence in words."""
    text = render_instructions(profile("San Diego"), dismissal("San Diego"), "San Diego", lang)
    assert "Wikipedia" not in text and "revision" not in text
    sentences = [line for line in text.splitlines() if not line.startswith(("|", "#", "http"))]
    assert not [s for s in sentences if re.search(r"\b\d{4}-\d{2}-\d{2}\b", s)]
