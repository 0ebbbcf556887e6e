"""The web interview step by step, through FastAPI's TestClient (no browser)."""

from __future__ import annotations

import html
import re
from datetime import date
from pathlib import Path

import pytest
import yaml
from fastapi.testclient import TestClient

from assembler.profile.model import Profile
from assembler.web.app import create_app
from assembler.web.profile_build import profile_data
from assembler.web.sessions import COOKIE
from rules.engine import assess

REPO = Path(__file__).resolve().parents[1]
AS_OF = date(2026, 11, 1)

MARIA_CASE = {
    "county": "Los Angeles", "court_case_number": "9CJ01234",
    "counts.0.code": "PC", "counts.0.section": "484", "counts.0.description": "petty theft",
    "counts.0.disposition": "convicted_plea", "counts.0.level_charged": "misdemeanor",
    "counts.0.level_convicted": "misdemeanor", "conviction_date": "2019-03-15", "judgment_date": "2019-03-15",
    "sentence_given": "yes", "probation_given": "yes", "sentence.probation.kind": "summary",
    "sentence.probation.length_months": "24", "sentence.probation.start": "2019-03-15",
    "sentence.probation.scheduled_end": "2021-03-14", "sentence.probation.ended_on": "2021-03-14",
    "sentence.probation.outcome": "completed", "sentence.probation.violations": "no", "custody": "none",
    "sentence.completed": "yes", "sentence.fines_paid": "yes", "sentence.restitution": "paid",
}
NOW_CLEAR = {"pending_given": "no", "supervision_kind": "none", "serving_sentence": "no", "registrant_290": "no",
             "super_strike_prior": "no"}


class Visitor:
    """A browser stand-in: keeps the cookie and sends the page's CSRF token with every form."""

    def __init__(self, client: TestClient):
        self.client = client
        self.token = re.search(r'name="csrf" value="([^"]+)"', client.get("/").text).group(1)

    def get(self, url: str):
        return self.client.get(url)

    def post(self, url: str, data: dict | None = None, **kw):
        return self.client.post(url, data={"csrf": self.token, **(data or {})}, follow_redirects=False, **kw)

    def text(self, url: str) -> str:
        return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", self.get(url).text)).split())


@pytest.fixture
def app():
    return create_app(today=lambda: AS_OF)


@pytest.fixture
def visitor(app) -> Visitor:
    return Visitor(TestClient(app))


def draft(app, visitor: Visitor) -> dict:
    return app.state.store.get(visitor.client.cookies.get(COOKIE)).draft


def complete_maria(visitor: Visitor) -> None:
    assert visitor.post("/about", {"legal_name": "Maria Elena Lopez"}).status_code == 303
    assert visitor.post("/cases/new", {"action": "save", **MARIA_CASE}).status_code == 303
    assert visitor.post("/now", NOW_CLEAR).status_code == 303
    assert visitor.post("/story", {"employment": "I work as a nursing assistant."}).status_code == 303


# --- each step shows its page ------------------------------------------------------------------


@pytest.mark.parametrize("url, words", [
    ("/", "Clear your California criminal record"), ("/about", "Your full legal name"),
    ("/cases", "You have not added a case yet"), ("/cases/new", "Search for the charge"),
    ("/now", "Do you have a criminal case open right now"), ("/story", "How this record holds you back"),
    ("/review", "Check your answers"),
])
def test_each_step_shows_its_page(visitor, url, words):
    response = visitor.get(url)
    assert response.status_code == 200
    assert words in response.text
    assert 'href="/static/style.css"' in response.text


def test_about_you_is_kept_and_leads_to_the_cases(app, visitor):
    response = visitor.post("/about", {"legal_name": "  Maria  Lopez ", "other_names": "Maria L.\n\nM. Lopez",
                                       "date_of_birth": "1990-04-12", "mailing_address.street": "1 Main St",
                                       "mailing_address.city": "Fresno", "phone": "(559) 555-0100"})
    assert response.status_code == 303 and response.headers["location"] == "/cases"
    me = draft(app, visitor)["petitioner"]
    assert me["legal_name"] == "Maria Lopez"
    assert me["other_names"] == ["Maria L.", "M. Lopez"]
    assert me["mailing_address"] == {"street": "1 Main St", "city": "Fresno", "state": "CA"}
    assert 'value="Maria Lopez"' in visitor.get("/about").text


def test_a_missing_name_is_an_error_beside_the_field(visitor):
    response = visitor.post("/about", {"mailing_address.city": "Fresno"})
    assert response.status_code == 422
    html = response.text
    assert '<p class="error" id="f-legal-name-error">' in html
    assert re.search(r'id="f-legal-name"[^>]*aria-describedby="f-legal-name-hint f-legal-name-error"', html)
    assert 'aria-invalid="true"' in html
    assert 'href="#f-legal-name"' in html  # the error summary links to the field
    assert "Enter the street and the city" in html
    assert 'value="Fresno"' in html  # what was typed stays


def test_i_dont_know_a_date_leaves_it_empty_and_stays_ticked(app, visitor):
    visitor.post("/about", {"legal_name": "A B", "date_of_birth__dk": "1"})
    assert draft(app, visitor)["petitioner"]["date_of_birth"] is None
    assert re.search(r'name="date_of_birth__dk" value="1" checked', visitor.get("/about").text)


def test_a_date_and_i_dont_know_together_is_an_error(visitor):
    response = visitor.post("/about", {"legal_name": "A B", "date_of_birth": "1990-01-01", "date_of_birth__dk": "1"})
    assert response.status_code == 422
    assert "Keep only one" in response.text


def test_a_typed_us_date_is_understood(app, visitor):
    visitor.post("/about", {"legal_name": "A B", "date_of_birth": "4/12/1990"})
    assert draft(app, visitor)["petitioner"]["date_of_birth"] == "1990-04-12"


# --- a case ---------------------------------------------------------------------------------------


def test_the_offense_search_finds_by_plain_name_and_by_section(visitor):
    by_name = visitor.post("/cases/new", {"action": "search", "offense_query": "petty theft"}).text
    assert 'value="PC|484"' in by_name and "Petty theft" in by_name
    by_section = visitor.post("/cases/new", {"action": "search", "offense_query": "HS 11350(a)"}).text
    assert 'value="HS|11350(a)"' in by_section
    nothing = visitor.post("/cases/new", {"action": "search", "offense_query": "zzzz"}).text
    assert "We found nothing for that" in nothing and "There is a problem" not in nothing


def test_adding_a_charge_from_the_table_and_removing_it(visitor):
    added = visitor.post("/cases/new", {"action": "add_pick", "offense_pick": "PC|484"}).text
    assert 'name="counts.0.disposition"' in added and 'name="counts.0.code" value="PC"' in added
    removed = visitor.post("/cases/new", {"action": "remove:0", "counts.0.code": "PC", "counts.0.section": "484"}).text
    assert 'name="counts.0.disposition"' not in removed


def test_choosing_nothing_then_adding_asks_to_choose(visitor):
    response = visitor.post("/cases/new", {"action": "add_pick", "offense_query": "theft"})
    assert "Choose one of the charges in the list" in response.text
    assert 'value="PC|484"' in response.text  # the list is shown again


def test_a_charge_not_in_the_table_is_kept_and_needs_review(app, visitor):
    page = visitor.post("/cases/new", {"action": "add_other", "other_description": "something with a knife",
                                       "other_code": "dk"}).text
    assert 'name="counts.0.description"' in page
    case = {**MARIA_CASE, "counts.0.code": "", "counts.0.section": "", "counts.0.description": "something with a knife"}
    visitor.post("/about", {"legal_name": "A B"})
    assert visitor.post("/cases/new", {"action": "save", **case}).status_code == 303
    visitor.post("/now", NOW_CLEAR)
    assert "A charge could not be looked up" in visitor.text("/review")
    assert "A person needs to check this" in visitor.text("/results")


def test_a_case_needs_a_county_and_a_charge(visitor):
    response = visitor.post("/cases/new", {"action": "save"})
    assert response.status_code == 422
    assert "Add at least one charge" in response.text
    response = visitor.post("/cases/new", {"action": "save", "counts.0.code": "PC", "counts.0.section": "484",
                                           "counts.0.disposition": "dismissed"})
    assert "Choose the California county" in response.text


def test_a_conviction_needs_the_sentence_question_answered(visitor):
    case = {k: v for k, v in MARIA_CASE.items() if k != "sentence_given"}
    response = visitor.post("/cases/new", {"action": "save", **case})
    assert response.status_code == 422
    assert 'id="f-sentence-given-error"' in response.text


def test_a_future_conviction_date_is_an_error_on_that_field(visitor):
    response = visitor.post("/cases/new", {"action": "save", **MARIA_CASE, "conviction_date": "2030-01-01",
                                           "judgment_date": ""})
    assert response.status_code == 422
    assert 'id="f-conviction-date-error"' in response.text and "after today" in response.text


def test_probation_i_dont_know_leaves_the_sentence_unknown(app, visitor):
    visitor.post("/cases/new", {"action": "save", **MARIA_CASE, "probation_given": "dk"})
    case = draft(app, visitor)["cases"][0]
    assert "sentence" not in case
    assert 'value="dk" checked' in visitor.get("/cases/0?part=result").text


def test_an_arrest_with_no_charge_filed_is_an_arrest_offense(app, visitor):
    visitor.post("/cases/new", {"action": "save", "county": "Alameda", "arrest.date": "2022-06-11",
                                "counts.0.code": "PC", "counts.0.section": "594(b)(2)(A)",
                                "counts.0.disposition": "never_filed", "sentence_given": "no"})
    case = draft(app, visitor)["cases"][0]
    assert case["counts"] == [] and case["arrest"]["offenses"][0]["section"] == "594(b)(2)(A)"
    assert "sentence" not in case
    edit = visitor.get("/cases/0").text  # shown again as a charge of the case
    assert 'name="counts.0.code" value="PC"' in edit


def test_a_saved_case_shows_again_as_it_was_answered(visitor):
    visitor.post("/cases/new", {"action": "save", **MARIA_CASE})
    assert 'value="Los Angeles" selected' in visitor.get("/cases/0").text
    assert 'name="custody" value="none" checked' in visitor.get("/cases/0?part=result").text
    assert 'name="sentence.probation.outcome" value="completed" checked' in visitor.get("/cases/0?part=details").text
    assert "Petty theft" in visitor.get("/cases").text


def test_removing_a_case(app, visitor):
    visitor.post("/cases/new", {"action": "save", **MARIA_CASE})
    confirm = visitor.get("/cases/0/remove")
    assert "Remove this case?" in confirm.text and "Case 9CJ01234" in confirm.text
    assert draft(app, visitor)["cases"] != []  # asking does not remove
    assert visitor.post("/cases/0/remove").status_code == 303
    assert draft(app, visitor)["cases"] == []
    assert visitor.get("/cases/0").status_code == 404


# --- where you are now, story, review, results ---------------------------------------------------


def test_where_you_are_now_with_i_dont_know(app, visitor):
    visitor.post("/now", {"pending_given": "dk", "supervision_kind": "none", "serving_sentence": "dk",
                          "registrant_290": "no", "super_strike_prior": "no"})
    status = draft(app, visitor)["status"]
    assert status["pending_charges_unknown"] is True and status["serving_sentence"] is None
    assert 'name="serving_sentence" value="dk" checked' in visitor.get("/now").text


def test_supervision_now_is_kept(app, visitor):
    visitor.post("/now", {**NOW_CLEAR, "supervision_kind": "parole", "supervision.0.ends_on": "2027-05-01"})
    assert draft(app, visitor)["status"]["supervision"] == [{"kind": "parole", "ends_on": "2027-05-01"}]


def test_the_story_is_kept(app, visitor):
    visitor.post("/story", {"employment": "I work.", "hardship": "Background checks."})
    assert draft(app, visitor)["facts"] == {"employment": "I work.", "hardship": "Background checks."}


def test_review_says_what_is_missing_and_results_wait_for_it(visitor):
    text = visitor.text("/review")
    assert "Before we can show your results" in text and "Add at least one case" in text
    response = visitor.client.get("/results", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/review"


def test_review_lists_what_is_unknown_with_where_to_find_it(visitor):
    complete_maria(visitor)
    visitor.post("/now", {**NOW_CLEAR, "serving_sentence": "dk"})
    text = visitor.text("/review")
    assert "You don't know if you are serving a sentence now" in text
    assert "RAP sheet" in text


def test_results_say_what_when_and_why_with_the_statute(visitor):
    complete_maria(visitor)
    text = visitor.text("/results")
    assert "Dismiss the conviction after probation (Pen. Code, § 1203.4)" in text
    assert "The court must grant this" in text and "You can ask now" in text
    assert "(Pen. Code, § 1203.4(a)(1))" in text
    assert "Automatic relief" in text and "relief granted" in text
    assert "A dismissal does not give back the right to own or have a gun" in text
    assert "public defender" in text


def test_results_name_the_public_defender_when_the_county_data_has_it(visitor):
    complete_maria(visitor)
    visitor.post("/cases/0", {"action": "save", **MARIA_CASE, "county": "Alameda"})
    text = visitor.text("/results")
    assert "Alameda County Public Defender" in text


# --- files ------------------------------------------------------------------------------------------


def test_answers_download_and_upload_give_the_same_results(app):
    first = Visitor(TestClient(app))
    complete_maria(first)
    saved = first.get("/answers.yaml")
    assert saved.headers["content-disposition"].startswith("attachment")
    data = yaml.safe_load(saved.text)
    assert data["petitioner"]["legal_name"] == "Maria Elena Lopez"
    second = Visitor(TestClient(app))
    response = second.post("/upload", files={"answers": ("answers.yaml", saved.content, "application/x-yaml")})
    assert response.status_code == 303 and response.headers["location"] == "/review"
    assert second.text("/results") == first.text("/results")
    as_json = first.get("/answers.json")
    assert as_json.json()["cases"][0]["court_case_number"] == "9CJ01234"


def test_an_i_dont_know_survives_the_answers_file(app):
    first = Visitor(TestClient(app))
    complete_maria(first)
    first.post("/now", {**NOW_CLEAR, "serving_sentence": "dk"})
    saved = first.get("/answers.yaml").content
    assert yaml.safe_load(saved)["status"]["serving_sentence"] is None
    second = Visitor(TestClient(app))
    second.post("/upload", files={"answers": ("a.yaml", saved, "application/x-yaml")})
    assert "You don't know if you are serving a sentence now" in second.text("/review")


def test_an_example_profile_uploads_and_is_assessed(visitor):
    example = (REPO / "examples" / "wobbler-17b-then-dismissal.yaml").read_bytes()
    visitor.post("/upload", files={"answers": ("w.yaml", example, "application/x-yaml")})
    text = visitor.text("/results")
    assert "Change a felony to a misdemeanor" in text and "The court may grant this" in text


def test_a_file_that_is_not_answers_is_refused_kindly(visitor):
    response = visitor.post("/upload", files={"answers": ("x.yaml", b"- just\n- a list\n", "application/x-yaml")})
    assert response.status_code == 422
    assert "We could not read that file" in response.text
    response = visitor.post("/upload", files={"answers": ("x.bin", b"\xff\xfe\x00garbage", "application/octet-stream")})
    assert response.status_code == 422


def test_the_packet_downloads_as_a_pdf(visitor):
    complete_maria(visitor)
    response = visitor.post("/packet")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"].startswith("attachment")
    assert response.content.startswith(b"%PDF")


def test_workshop_mode_keeps_nothing_after_the_packet():
    app = create_app(today=lambda: AS_OF, workshop=True)
    visitor = Visitor(TestClient(app))
    assert "Start over (erase answers)" in visitor.get("/about").text
    complete_maria(visitor)
    response = visitor.post("/packet")
    assert response.content.startswith(b"%PDF")
    assert len(app.state.store) == 0
    assert 'value="Maria' not in visitor.get("/about").text


def test_start_over_erases_the_answers(app, visitor):
    complete_maria(visitor)
    old = visitor.client.cookies.get(COOKIE)
    assert "Erase all your answers?" in visitor.get("/start-over").text
    assert app.state.store.get(old) is not None  # asking does not erase
    response = visitor.post("/start-over")
    assert response.status_code == 303
    assert app.state.store.get(old) is None
    assert visitor.client.cookies.get(COOKIE) != old
    assert "Your answers were erased" in visitor.get("/?erased=1").text
    assert "Maria" not in visitor.get("/review").text


def test_an_unfinished_answers_file_continues_where_it_stopped(app):
    first = Visitor(TestClient(app))
    first.post("/about", {"legal_name": "Maria Elena Lopez"})
    saved = first.get("/answers.yaml").content
    second = Visitor(TestClient(app))
    assert second.post("/upload", files={"answers": ("a.yaml", saved, "application/x-yaml")}).status_code == 303
    assert 'value="Maria Elena Lopez"' in second.get("/about").text
    assert "Add at least one case" in second.text("/review")


def test_a_part_of_the_file_that_cannot_be_read_is_named_and_left_out(app, visitor):
    data = {"petitioner": {"legal_name": "Maria Elena Lopez"}, "cases": [{"county": "Atlantis", "counts": []}]}
    visitor.post("/upload", files={"answers": ("a.yaml", yaml.safe_dump(data).encode(), "application/x-yaml")})
    text = visitor.text("/review")
    assert "Some parts of your file could not be read" in text and "Your cases" in text
    assert draft(app, visitor)["cases"] == []
    assert "could not be read" not in visitor.text("/review")  # said once


@pytest.mark.parametrize("data", [
    {"cases": [{"counts": "abc", "sentence": 5, "arrest": []}]},
    {"cases": [{"counts": [1, None, "x"], "sentence": {"probation": "yes"}}], "status": {"supervision": "parole"}},
    {"petitioner": {"legal_name": 5, "other_names": "Bob", "mailing_address": "somewhere"}},
    {"cases": [None, 3]},
    {"status": {"pending_charges": [None], "supervision": [None]}},
    {"surprise": True},
])
def test_a_strange_file_never_breaks_a_page(app, data):
    visitor = Visitor(TestClient(app, raise_server_exceptions=False))
    response = visitor.post("/upload", files={"answers": ("a.yaml", yaml.safe_dump(data).encode(), "text/yaml")})
    assert response.status_code in (303, 422)
    for url in ("/review", "/about", "/cases", "/now", "/story", "/results", "/answers.yaml"):
        assert visitor.get(url).status_code == 200, url


@pytest.mark.parametrize("form", [
    {"action": "save", "counts.999.code": "PC", "counts.999.section": "484"},
    {"action": "remove:abc"}, {"action": "add_pick", "offense_pick": "nonsense"},
    {"action": "save", "county": "Nowhere", "conviction_date": "31/31/2020", "sentence.jail_days": "-4",
     "sentence.probation.length_months": "lots", "counts.0.code": "PC", "counts.0.disposition": "bogus"},
    {"action": "what", "sentence_given": "maybe", "custody": "moon"},
])
def test_a_strange_case_form_never_breaks_the_page(app, form):
    visitor = Visitor(TestClient(app, raise_server_exceptions=False))
    response = visitor.post("/cases/new", form)
    assert response.status_code in (200, 303, 422)
    assert "Case 1" in response.text or response.status_code == 303


def test_i_dont_know_how_a_charge_ended_or_about_supervision_is_an_answer():
    """Issue 7: "I don't know" is always an answer and leads to needs_review, never a dead end."""
    from assembler.web.steps import case_form, now
    from assembler.web import fields as F

    count = case_form.count_fields(0)
    data, errors = F.read({"counts.0.code": "PC", "counts.0.section": "484",
                           "counts.0.disposition": F.DONT_KNOW}, count)
    assert not errors and data["counts"][0]["disposition"] == "unknown"
    status, errors = now.from_form({"supervision_kind": F.DONT_KNOW, "pending_given": "no",
                                    "serving_sentence": "no", "registrant_290": "no", "super_strike_prior": "no"})
    assert not errors and status["supervision_unknown"] is True and "supervision" not in status
    assert now.to_values(status, set())["supervision_kind"] == F.DONT_KNOW


def test_review_lists_unknown_outcome_and_supervision_with_where_to_look():
    from assembler.profile.load import parse_profile
    from assembler.web.i18n import Translator
    from assembler.web.unknowns import unknowns
    from datetime import date

    profile = parse_profile({"petitioner": {"legal_name": "A B"},
                             "status": {"supervision_unknown": True},
                             "cases": [{"county": "Alameda", "arrest": {"date": "2022-01-01", "offenses": [
                                 {"code": "PC", "section": "484", "disposition": "unknown"}]}}]}, date(2026, 11, 1))
    found = unknowns(profile, Translator("en"))
    whats = [u.what for u in found]
    assert "You don't know how a charge ended." in whats
    assert "You don't know if you are on probation, parole or other supervision." in whats


# --- unknown is not no: a question skipped or left blank stays unknown end to end -----------------

def build_profile(app, visitor: Visitor) -> tuple[Profile, dict]:
    data = profile_data(app.state.store.get(visitor.client.cookies.get(COOKIE)))
    return Profile.model_validate(data, context={"as_of": AS_OF}), data


SKIPPABLE = {  # each question of "Where you are now", and the profile field that holds its answer
    "pending_given": "status.pending_charges",
    "supervision_kind": "status.supervision",
    "serving_sentence": "status.serving_sentence",
}


@pytest.mark.parametrize("question, field", SKIPPABLE.items())
def test_a_status_question_left_blank_is_unknown_never_no(app, visitor, question, field):
    """Pen. Code § 1203.4(a)(1) grants relief as of right only to a person "not then serving a sentence
    for an offense, on probation for an offense, or charged with the commission of an offense": a blank
    answer must not say "no" to any of these, in the profile, the decision, the review page or CR-180."""
    complete_maria(visitor)
    visitor.post("/now", {k: v for k, v in NOW_CLEAR.items() if k != question})
    profile, _ = build_profile(app, visitor)
    status = profile.status
    unknown = {"status.pending_charges": status.pending_charges_unknown,
               "status.supervision": status.supervision_unknown,
               "status.serving_sentence": status.serving_sentence is None}
    assert unknown[field] and sum(unknown.values()) == 1
    decision = assess(profile, AS_OF).cases[0].remedy("1203.4")
    assert decision.status.value == "needs_review"
    assert any(q.field == field for q in decision.questions)
    assert "The court must grant this" not in visitor.text("/results")
    assert "/now" in visitor.get("/review").text


def test_skipping_where_you_are_now_leaves_every_answer_unknown(app, visitor):
    assert visitor.post("/about", {"legal_name": "Maria Elena Lopez"}).status_code == 303
    assert visitor.post("/cases/new", {"action": "save", **MARIA_CASE}).status_code == 303
    profile, _ = build_profile(app, visitor)
    s = profile.status
    assert s.pending_charges_unknown and s.supervision_unknown and s.serving_sentence is None
    assert s.registrant_290 is None
    decision = assess(profile, AS_OF).cases[0].remedy("1203.4")
    assert decision.status.value == "needs_review" and not decision.status.value == "mandatory"


def test_a_future_date_of_birth_is_an_error_beside_the_field(app, visitor):
    response = visitor.post("/about", {"legal_name": "Maria Elena Lopez", "date_of_birth": "2030-01-01"})
    assert response.status_code == 422
    assert "This date is after today" in html.unescape(response.text)
    assert "date_of_birth" not in draft(app, visitor)["petitioner"]


@pytest.mark.parametrize("query, lang, first, also", [
    ("petty theft", "en", "PC 484", ["PC 490.2", "PC 666"]),
    ("robo", "es", "PC 484", ["PC 459.5", "PC 211"]),
    ("ratería", "es", "PC 484", []),
    ("manejar borracho", "es", "VC 23152(a)", []),
])
def test_the_offense_search_offers_the_everyday_offense_first(query, lang, first, also):
    """The pick changes the answer (Pen. Code § 484 petty theft is a misdemeanor; § 487 grand theft a wobbler
    whose Prop 47 relief turns on value, § 490.2): the common offense leads, its neighbours follow, and
    everyday Spanish finds it."""
    from assembler.web.offense_search import search

    found = [hit.section for hit in search(query, lang)]
    assert found[0] == first and set(also) <= set(found)


def test_switching_language_on_a_step_keeps_what_was_typed(app, visitor):
    """The language switch on a step submits the step's form: the typed answers come back in the other
    language, unsaved, instead of being erased."""
    page = visitor.get("/about").text
    assert 'form="step"' in page and 'name="_switch_lang" value="es"' in page
    response = visitor.post("/about", {"legal_name": "María García López", "phone": "(213) 555-0142",
                                       "_switch_lang": "es"})
    assert response.status_code == 303 and response.headers["location"] == "/about"
    again = html.unescape(visitor.get("/about").text)
    assert '<html lang="es">' in again and "María García López" in again and "(213) 555-0142" in again
    assert "legal_name" not in draft(app, visitor)["petitioner"]  # nothing saved until the person goes on
    assert "María García López" not in html.unescape(visitor.get("/about").text)  # shown once, then the draft


def test_picking_a_theft_that_turns_on_value_asks_the_value_right_there(app, visitor):
    """Pen. Code § 490.2 / § 1170.18: grand theft (§ 487(a)) of $950 or less is petty theft under Prop 47; the
    value question comes with the pick, and its answer is kept on the count."""
    visitor.post("/about", {"legal_name": "Maria Elena Lopez"})
    page = visitor.post("/cases/new", {**MARIA_CASE, "counts.0.section": "487(a)", "counts.0.description": "",
                                       "action": "search", "offense_query": "x"}).text
    assert "Was the money or property worth more than $950?" in html.unescape(page)
    petty = visitor.post("/cases/new", {**MARIA_CASE, "action": "search", "offense_query": "x"}).text
    assert "worth more than $950" not in html.unescape(petty)  # § 484 is petty theft by definition
    visitor.post("/cases/new", {**MARIA_CASE, "counts.0.section": "487(a)", "counts.0.value_over_950": "no",
                                "counts.0.level_charged": "felony", "counts.0.level_convicted": "felony",
                                "action": "save"})
    assert draft(app, visitor)["cases"][0]["counts"][0]["value_over_950"] is False


def test_search_results_tell_neighbouring_offenses_apart(visitor):
    """Issue 14 (5): 484, 490.2 and 487 all read "theft"; one line under each says which one the papers show."""
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", visitor.post(
        "/cases/new", {"action": "search", "offense_query": "theft"}).text)).split())
    assert "Most petty theft cases. Your papers say 484 or 488." in text
    assert "Only if your papers say 490.2" in text
    assert "More than $950 taken. Your papers say 487." in text
    visitor.get("/?lang=es")
    spanish = visitor.post("/cases/new", {"action": "search", "offense_query": "hurto"}).text
    assert "Solo si sus papeles dicen 490.2" in html.unescape(spanish)
