"""The follow-up step, "What we still need to know": a fact is asked only when a decision needs it.

Profiles are loaded through the answers-file upload (as a person continuing with a saved file would),
or typed into the interview; then /followup asks what the decisions' questions name, and an answer
changes the decision.
"""

from __future__ import annotations

import copy
import html
import re
from datetime import date

import pytest
import yaml
from fastapi.testclient import TestClient

from assembler.web.app import create_app
from assembler.web.askable import REGISTRY, draft_path, open_questions, shape
from assembler.web.sessions import COOKIE
from rules.decision import Assessment, CaseResult, Decision, Question, Status
from tests.test_web_app import MARIA_CASE, NOW_CLEAR, Visitor

AS_OF = date(2026, 11, 1)

PERSON = {"legal_name": "Ana Ruiz"}
CLEAR = {"serving_sentence": False, "registrant_290": False, "super_strike_prior": False}

# A misdemeanor petty theft, probation completed, fines unpaid: § 1203.4 must ask whether paying them
# was a condition of probation (People v. Chandler) before it can say "mandatory".
FINES_UNPAID = {
    "petitioner": PERSON, "status": CLEAR,
    "cases": [{
        "county": "Los Angeles", "court_case_number": "9CJ01234", "offense_date": "2019-02-03",
        "conviction_date": "2019-03-15", "judgment_date": "2019-03-15",
        "counts": [{"code": "PC", "section": "484", "level_charged": "misdemeanor",
                    "level_convicted": "misdemeanor", "disposition": "convicted_plea"}],
        "sentence": {"probation": {"kind": "summary", "length_months": 24, "start": "2019-03-15",
                                   "scheduled_end": "2021-03-14", "ended_on": "2021-03-14",
                                   "outcome": "completed", "violations": False},
                     "completed": True, "fines_paid": False, "restitution": "none_ordered"},
    }],
}

# A felony second-degree burglary before Prop 47 (Nov. 5, 2014), value not over $950, probation done:
# Prop 47 covers it only as shoplifting (§ 459.5), so it must ask whether the place was an open business.
BURGLARY = {
    "petitioner": PERSON, "status": CLEAR,
    "cases": [{
        "county": "Fresno", "court_case_number": "F13-4567", "offense_date": "2013-06-01",
        "conviction_date": "2013-09-03", "judgment_date": "2013-09-03",
        "counts": [{"code": "PC", "section": "460(b)", "level_charged": "felony", "level_convicted": "felony",
                    "disposition": "convicted_plea", "value_over_950": False}],
        "sentence": {"probation": {"kind": "formal", "length_months": 36, "start": "2013-09-03",
                                   "scheduled_end": "2016-09-03", "ended_on": "2016-09-03",
                                   "outcome": "completed", "violations": False},
                     "completed": True, "fines_paid": True, "restitution": "none_ordered"},
    }],
    "facts": {"employment": "I work at a warehouse."},
}

# A registrant whose duty does not come from a listed § 290(c) offense in these cases: the § 1203.41 prison
# prong must know why they register before it can dismiss.
REGISTRANT = {
    "petitioner": {"legal_name": "Ben Cole"},
    "status": {**CLEAR, "registrant_290": True},
    "cases": [{
        "county": "Fresno", "court_case_number": "F15-2222", "offense_date": "2015-06-01",
        "conviction_date": "2015-09-01", "judgment_date": "2015-09-01",
        "counts": [{"code": "PC", "section": "459", "level_charged": "felony", "level_convicted": "felony",
                    "disposition": "convicted_plea"}],
        "sentence": {"state_prison": {"sentenced_on": "2015-09-01", "release_date": "2017-01-01",
                                      "parole_discharge_date": "2019-01-01"},
                     "completed": True, "fines_paid": True, "restitution": "none_ordered"},
    }],
}

# Nothing left open that a person could answer here.
SETTLED = copy.deepcopy(FINES_UNPAID)
SETTLED["cases"][0]["sentence"]["fines_paid"] = True


@pytest.fixture
def app():
    return create_app(today=lambda: AS_OF)


def _visitor(app, profile: dict, lang: str = "en") -> Visitor:
    visitor = Visitor(TestClient(app))
    if lang != "en":
        visitor.get(f"/?lang={lang}")
    answers = yaml.safe_dump(profile, allow_unicode=True).encode()
    response = visitor.post("/upload", files={"answers": ("a.yaml", answers, "application/x-yaml")})
    assert response.status_code == 303 and response.headers["location"] == "/review"
    return visitor


def _draft(app, visitor: Visitor) -> dict:
    return app.state.store.get(visitor.client.cookies.get(COOKIE)).draft


def _session(app, visitor: Visitor):
    return app.state.store.get(visitor.client.cookies.get(COOKIE))


def _names(page: str) -> set[str]:
    """The answer fields a form asks (the csrf token aside)."""
    return set(re.findall(r'<input[^>]*name="([^"]+)"', page)) - {"csrf"}


def _status(visitor: Visitor, remedy: str) -> str:
    """The status words shown for a remedy on the results page."""
    page = html.unescape(visitor.get("/results").text)
    block = re.search(rf"<h3>{re.escape(remedy)}[^<]*</h3>\s*<p class=\"verdict\"><strong>([^<]+)</strong>", page)
    assert block, remedy
    return block.group(1)


DISMISS = "Dismiss the conviction after probation"
MUST = "The court must grant this if your answers are right."
CHECK = "A person needs to check this. Some facts are missing or the law is not clear."
PROP_47 = "Change a felony to a misdemeanor under Prop 47"
MAY = "The court may grant this. It is up to the judge, so your statement matters."


# --- asked only when a decision needs it ------------------------------------------------------


def test_unpaid_fines_ask_one_question_with_its_case_and_nothing_else(app):
    visitor = _visitor(app, FINES_UNPAID)
    page = visitor.get("/followup").text
    assert _names(page) == {"cases.0.sentence.fines_condition_of_probation"}
    text = visitor.text("/followup")
    assert "What we still need to know" in text
    assert "Did the judge make paying your fines or fees part of your probation?" in text
    assert "Case 9CJ01234 · Los Angeles County" in text  # the case by its number, never an internal id
    assert "I don't know" in text
    assert "registration" not in text.lower() and "open for business" not in text


def test_answering_no_makes_the_dismissal_mandatory(app):
    visitor = _visitor(app, FINES_UNPAID)
    assert _status(visitor, DISMISS) == CHECK
    assert "Answer 1 question to make these answers more certain" in visitor.text("/results")
    response = visitor.post("/followup", {"cases.0.sentence.fines_condition_of_probation": "no"})
    assert response.status_code == 303 and response.headers["location"] == "/results"
    assert _draft(app, visitor)["cases"][0]["sentence"]["fines_condition_of_probation"] is False
    assert _status(visitor, DISMISS) == MUST
    results = visitor.text("/results")
    assert "Answer 1 question" not in results
    assert "Change your answers to the extra questions" in results  # a mistaken answer can still be changed
    page = visitor.get("/followup").text
    assert re.search(r'name="cases.0.sentence.fines_condition_of_probation" value="no" checked', page)
    assert "You have answered all our extra questions" in html.unescape(page)
    visitor.post("/followup", {"cases.0.sentence.fines_condition_of_probation": "yes"})
    assert _status(visitor, DISMISS) == MAY


def test_answering_yes_makes_it_the_courts_choice(app):
    visitor = _visitor(app, FINES_UNPAID)
    visitor.post("/followup", {"cases.0.sentence.fines_condition_of_probation": "yes"})
    assert _status(visitor, DISMISS) == MAY


def test_i_dont_know_keeps_it_needs_review_and_stays_ticked(app):
    visitor = _visitor(app, FINES_UNPAID)
    response = visitor.post("/followup", {"cases.0.sentence.fines_condition_of_probation": "dk"})
    assert response.status_code == 303
    assert _draft(app, visitor)["cases"][0]["sentence"]["fines_condition_of_probation"] is None
    assert _status(visitor, DISMISS) == CHECK
    assert re.search(r'name="cases.0.sentence.fines_condition_of_probation" value="dk" checked',
                     visitor.get("/followup").text)
    results = visitor.text("/results")  # asked already: no big button, only a way back to the answers
    assert "Answer 1 question" not in results
    assert "Change your answers to the extra questions" in results


def test_an_unanswered_question_changes_nothing(app):
    visitor = _visitor(app, FINES_UNPAID)
    before = copy.deepcopy(_draft(app, visitor))
    assert visitor.post("/followup", {}).status_code == 303
    assert _draft(app, visitor) == before
    assert "Answer 1 question" in visitor.text("/results")


def test_open_business_burglary_is_asked_and_the_answer_decides_prop_47(app):
    visitor = _visitor(app, BURGLARY)
    page = visitor.get("/followup").text
    field = "cases.0.counts.0.commercial_establishment_open"
    # the certificate of rehabilitation asks how long you have lived in California; nothing else is asked
    assert _names(page) - {"status.california_resident_since", "status.california_resident_since__dk"} == {field}
    text = visitor.text("/followup")
    assert "Was the place a store or other business, and was it open for business when you went in?" in text
    assert "The charge:" in text and "(PC 460(b))" in text  # the charge by its label
    assert "fines" not in text and "register" not in text
    assert _status(visitor, PROP_47) == CHECK
    visitor.post("/followup", {field: "yes"})
    assert _draft(app, visitor)["cases"][0]["counts"][0]["commercial_establishment_open"] is True
    assert _status(visitor, PROP_47) == MUST  # sentence complete: the court must designate it
    visitor.post("/followup", {field: "no"})  # a home or a closed business: not shoplifting
    assert "<h3>" + PROP_47 not in visitor.get("/results").text.split("ruled-out")[0]
    visitor.post("/followup", {field: "dk"})
    assert _status(visitor, PROP_47) == CHECK
    assert _draft(app, visitor)["cases"][0]["counts"][0]["commercial_establishment_open"] is None


def test_a_registrant_is_asked_why_they_register(app):
    visitor = _visitor(app, REGISTRANT)
    page = visitor.get("/followup").text
    assert "status.registration.basis" in _names(page)
    text = visitor.text("/followup")
    assert "Why were you required to register as a sex offender?" in text
    assert "A judge ordered me to register, though the crime itself did not require it" in text
    assert text.index("About you") < text.index("Why were you required to register")
    assert (_draft(app, visitor)["status"].get("registration") or {}).get("basis") is None
    response = visitor.post("/followup", {"status.registration.basis": "court_ordered_290006",
                                          "status.registration.tier": "2"})
    assert response.status_code == 303
    registration = _draft(app, visitor)["status"]["registration"]
    assert registration["basis"] == "court_ordered_290006"
    assert registration["tier"] == 2  # a number, as the profile has it
    again = visitor.get("/followup").text  # settled, and still shown so it can be changed
    assert re.search(r'name="status.registration.basis" value="court_ordered_290006" checked', again)
    assert re.search(r'name="status.registration.tier" value="2" checked', again)


def test_spanish_page_in_spanish(app):
    visitor = _visitor(app, REGISTRANT, lang="es")
    text = visitor.text("/followup")
    assert "Lo que todavía necesitamos saber" in text
    assert "¿Por qué tuvo que registrarse como delincuente sexual?" in text
    assert "Un juez me ordenó registrarme, aunque el delito mismo no lo exigía" in text
    assert "No sé" in text and "Sobre usted" in text
    assert "Why were you" not in text
    assert re.search(r"Conteste \d+ preguntas para que estos resultados sean más seguros", visitor.text("/results"))


def test_nothing_to_ask_says_so_and_links_on(app):
    visitor = _visitor(app, SETTLED)
    page = visitor.get("/followup").text
    assert "We have nothing more to ask you" in html.unescape(page)
    assert '<a class="button" href="/results">' in page and "<form method=\"post\" action=\"/followup\"" not in page
    assert 'href="/followup"' not in visitor.get("/results").text
    es = _visitor(app, SETTLED, lang="es")
    assert "No tenemos nada más que preguntarle" in es.text("/followup")


def test_an_unfinished_interview_goes_to_review_first(app):
    visitor = Visitor(TestClient(app))
    response = visitor.client.get("/followup", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/review"


def test_the_form_needs_its_token(app):
    visitor = _visitor(app, FINES_UNPAID)
    response = visitor.client.post("/followup", data={"cases.0.sentence.fines_condition_of_probation": "no"},
                                   follow_redirects=False)
    assert response.status_code == 403
    assert _draft(app, visitor)["cases"][0]["sentence"]["fines_condition_of_probation"] is None


def test_a_future_date_is_an_error_beside_its_field(app):
    visitor = _visitor(app, REGISTRANT)
    response = visitor.post("/followup", {"status.registration.since": "2030-01-01"})
    assert response.status_code == 422
    assert "This date is after today" in html.unescape(response.text)
    assert 'href="#f-status-registration-since"' in response.text
    assert (_draft(app, visitor)["status"].get("registration") or {}).get("since") is None


# --- answers survive the other steps ------------------------------------------------------------


def test_answers_are_kept_when_the_case_or_the_status_is_saved_again(app):
    visitor = Visitor(TestClient(app))
    visitor.post("/about", {"legal_name": "Maria Elena Lopez"})
    case = {**MARIA_CASE, "sentence.fines_paid": "no"}
    assert visitor.post("/cases/new", {"action": "save", **case}).status_code == 303
    visitor.post("/now", NOW_CLEAR)
    assert "cases.0.sentence.fines_condition_of_probation" in _names(visitor.get("/followup").text)
    visitor.post("/followup", {"cases.0.sentence.fines_condition_of_probation": "no"})
    _draft(app, visitor)["status"]["registration"] = {"basis": "none"}  # as if asked before
    assert visitor.post("/cases/0", {"action": "save", **case}).status_code == 303
    assert visitor.post("/now", NOW_CLEAR).status_code == 303
    saved = _draft(app, visitor)
    assert saved["cases"][0]["sentence"]["fines_condition_of_probation"] is False
    assert saved["status"]["registration"] == {"basis": "none"}
    assert _status(visitor, DISMISS) == MUST


def test_a_charge_keeps_its_answers_by_what_it_is_not_where_it_is(app):
    from assembler.web.askable import keep_case_answers

    old = {"counts": [{"code": "PC", "section": "484", "value_over_950": False},
                      {"code": "PC", "section": "460(b)", "commercial_establishment_open": True}],
           "days_out_of_state": 12, "sentence": {"fines_condition_of_probation": True}}
    new = {"counts": [{"code": "PC", "section": "460(b)"}]}  # the petty theft removed; no sentence now
    kept = keep_case_answers(old, new)
    assert kept["counts"] == [{"code": "PC", "section": "460(b)", "commercial_establishment_open": True}]
    assert kept["days_out_of_state"] == 12
    assert "sentence" not in kept


# --- the registry -------------------------------------------------------------------------------


def _assessment(*fields: str) -> Assessment:
    decision = Decision(remedy="1203.4", status=Status.needs_review, eligible_now=True,
                        questions=[Question(code="ASK", field=f, text="?") for f in fields])
    twice = decision.model_copy(update={"remedy": "1203.41"})
    return Assessment(petitioner="X", as_of=AS_OF,
                      cases=[CaseResult(case_number="1", county="Fresno", remedies=[decision, twice])])


def test_questions_are_asked_once_per_field_and_only_from_the_registry():
    draft = {"cases": [{"counts": [{"code": "PC", "section": "459"}], "arrest": {"offenses": [{}]}}]}
    asks = open_questions(_assessment("cases[0].counts[0].vehicle_taking", "cases[0].sentence.probation.violations",
                                      "status.registration.tier", "cases[0].counts[3].victim_relationship",
                                      "cases[0].arrest.offenses[0].forged_instrument_473b", None), draft)
    assert [a.path for a in asks] == ["status.registration.tier", "cases.0.arrest.offenses.0.forged_instrument_473b",
                                      "cases.0.counts.0.vehicle_taking"]  # the person first; a missing charge is skipped


@pytest.mark.parametrize("field", ["status.registration.basis", "status.prior_serious_violent_felony",
                                   "status.incarcerated_since_release", "status.mandatory_life_parole",
                                   "status.registration.tier", "cases[0].sentence.fines_condition_of_probation",
                                   "cases[0].days_out_of_state", "cases[0].counts[1].commercial_establishment_open",
                                   "cases[0].counts[0].vehicle_taking", "cases[0].counts[0].forged_instrument_473b",
                                   "cases[0].counts[0].victim_relationship",
                                   "cases[0].arrest.offenses[0].commercial_establishment_open"])
def test_every_new_fact_is_askable(field):
    assert shape(field) in REGISTRY
    assert draft_path(field) == field.replace("[", ".").replace("]", "")


def test_every_askable_field_has_words_in_both_languages():
    from assembler.web.i18n import messages

    for lang in ("en", "es"):
        words = messages(lang)
        for entry in REGISTRY.values():
            assert f"label.followup.{entry.name}" in words and f"hint.followup.{entry.name}" in words
            spec = entry.widget("x", f"followup.{entry.name}")
            if type(spec).__name__ == "Choice":
                assert all(f"opt.followup.{entry.name}.{o}" in words for o in spec.options), entry.name


def test_days_outside_california_take_a_number_or_i_dont_know(app, monkeypatch):
    from assembler.web.steps import followup

    real = followup.assessed_questions

    def with_days(profile, draft, as_of):
        return real(profile, draft, as_of) + open_questions(_assessment("cases[0].days_out_of_state"), draft)

    monkeypatch.setattr(followup, "assessed_questions", with_days)
    visitor = _visitor(app, SETTLED)
    page = visitor.get("/followup").text
    assert 'name="cases.0.days_out_of_state__dk"' in page and 'inputmode="numeric"' in page
    assert visitor.post("/followup", {"cases.0.days_out_of_state": "40"}).status_code == 303
    assert _draft(app, visitor)["cases"][0]["days_out_of_state"] == 40
    both = visitor.post("/followup", {"cases.0.days_out_of_state": "40", "cases.0.days_out_of_state__dk": "1"})
    assert both.status_code == 422 and "Keep only one" in html.unescape(both.text)
    visitor.post("/followup", {"cases.0.days_out_of_state__dk": "1"})
    assert _draft(app, visitor)["cases"][0]["days_out_of_state"] is None
    assert re.search(r'name="cases.0.days_out_of_state__dk" value="1" checked', visitor.get("/followup").text)
    assert "cases.0.days_out_of_state" in _session(app, visitor).unknown
