"""The case form shows only the questions that apply, in parts, without JavaScript (issue 14, item 7).

A charge that was dismissed never asks about a sentence; "no probation" never asks when probation
ended; the answers of every part are kept to the end, and an answer to a question that no longer
applies is not saved as a fact.
"""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from tests.test_web_app import MARIA_CASE, NOW_CLEAR, Visitor, app, draft, visitor  # noqa: F401 (fixtures)

DISMISSED = {"county": "Alameda", "court_case_number": "22CR0001", "counts.0.code": "PC",
             "counts.0.section": "484", "counts.0.description": "petty theft", "counts.0.disposition": "dismissed"}
CHARGES = {k: v for k, v in MARIA_CASE.items() if k.startswith(("county", "court_case", "counts."))}


def inputs(html: str) -> set[str]:
    """The names of the visible questions on a page (hidden fields carry other parts' answers)."""
    return {m.group(2) for m in re.finditer(r'<(input|select|textarea)[^>]*?name="([^"]+)"', html)
            if 'type="hidden"' not in m.group(0)}


def hidden(html: str) -> dict[str, str]:
    return {m.group(1): m.group(2) for m in re.finditer(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', html)}


def submit(visitor: Visitor, html: str, answers: dict[str, str], action: str):
    """Press a button on the page as a browser would: its hidden fields plus the answers given."""
    carried = {k: v for k, v in hidden(html).items() if k != "csrf"}
    return visitor.post("/cases/new", {**carried, **answers, "action": action})


def test_a_dismissed_charge_never_asks_about_a_sentence(app, visitor):
    part1 = visitor.get("/cases/new").text
    assert "sentence_given" not in inputs(part1) and "county" in inputs(part1)
    part2 = submit(visitor, part1, DISMISSED, "next")
    assert part2.status_code == 200
    asked = inputs(part2.text)
    assert "Part 2 of 2" in part2.text
    assert not asked & {"sentence_given", "probation_given", "conviction_date", "sentence.completed",
                        "new_conviction_since_judgment"}
    assert {"trafficking_victim", "what_happened"} <= asked
    assert submit(visitor, part2.text, {"what_happened": "It was a mistake."}, "save").status_code == 303
    case = draft(app, visitor)["cases"][0]
    assert case["court_case_number"] == "22CR0001" and case["what_happened"] == "It was a mistake."
    assert "sentence" not in case


def test_a_conviction_asks_the_result_then_only_the_details_that_apply(visitor):
    part1 = visitor.get("/cases/new").text
    result = submit(visitor, part1, CHARGES, "next").text
    assert "Part 2 of 3" in result
    assert {"conviction_date", "sentence_given", "probation_given", "custody"} <= inputs(result)
    assert not any(name.startswith("sentence.probation.") for name in inputs(result))

    no_probation = submit(visitor, result, {"sentence_given": "yes", "probation_given": "no", "custody": "none"},
                          "next").text
    asked = inputs(no_probation)
    assert not any(name.startswith("sentence.probation.") for name in asked)
    assert not asked & {"custody_release", "custody_supervision_end", "fire_camp"}
    assert {"sentence.completed", "sentence.fines_paid", "new_conviction_since_judgment"} <= asked

    prison = inputs(submit(visitor, result, {"sentence_given": "yes", "probation_given": "yes", "custody": "prison"},
                           "next").text)
    assert {"sentence.probation.outcome", "custody_release", "fire_camp"} <= prison
    assert "custody_supervision_end" not in prison

    split = inputs(submit(visitor, result, {"sentence_given": "yes", "probation_given": "no",
                                            "custody": "jail_1170h_b"}, "next").text)
    assert {"custody_release", "custody_supervision_end"} <= split and "fire_camp" not in split

    no_sentence = inputs(submit(visitor, result, {"sentence_given": "no"}, "next").text)
    assert not no_sentence & {"sentence.completed", "sentence.jail_days"}


def test_answers_kept_across_parts_equal_one_form_posted_whole(app, visitor):
    whole = Visitor(TestClient(app))
    assert whole.post("/cases/new", {"action": "save", **MARIA_CASE}).status_code == 303
    result_answers = {k: MARIA_CASE[k] for k in ("conviction_date", "judgment_date", "sentence_given",
                                                 "probation_given", "custody")}
    detail_answers = {k: v for k, v in MARIA_CASE.items() if k not in CHARGES and k not in result_answers}
    page = visitor.get("/cases/new").text
    page = submit(visitor, page, CHARGES, "next").text
    page = submit(visitor, page, result_answers, "next").text
    assert submit(visitor, page, detail_answers, "save").status_code == 303
    assert draft(app, visitor)["cases"] == draft(app, whole)["cases"]


def test_back_keeps_what_was_typed(visitor):
    result = submit(visitor, visitor.get("/cases/new").text, CHARGES, "next").text
    back = submit(visitor, result, {"conviction_date": "2019-03-15"}, "back").text
    assert 'value="Los Angeles" selected' in back and "county" in inputs(back)
    assert hidden(back)["conviction_date"] == "2019-03-15"


def test_an_answer_to_a_question_that_no_longer_applies_is_not_saved(app, visitor):
    """Probation dates typed, then "no probation": the saved case has no probation at all."""
    answers = {**MARIA_CASE, "probation_given": "no"}
    assert visitor.post("/cases/new", {"action": "save", **answers}).status_code == 303
    assert "probation" not in draft(app, visitor)["cases"][0]["sentence"]
    dismissed = {**MARIA_CASE, "counts.0.disposition": "dismissed"}
    assert visitor.post("/cases/new", {"action": "save", **dismissed}).status_code == 303
    second = draft(app, visitor)["cases"][1]
    assert "sentence" not in second and second.get("conviction_date") is None


def test_a_problem_in_part_one_stops_there_and_later_parts_wait_their_turn(visitor):
    page = visitor.get("/cases/new").text
    no_county = submit(visitor, page, {k: v for k, v in CHARGES.items() if k != "county"}, "next")
    assert no_county.status_code == 422 and "county" in inputs(no_county.text)
    # Part 2's unanswered sentence question is not an error until part 2 is answered.
    result = submit(visitor, page, CHARGES, "next")
    assert result.status_code == 200 and "error-summary" not in result.text
    unanswered = submit(visitor, result.text, {}, "next")
    assert unanswered.status_code == 422 and "sentence_given" in inputs(unanswered.text)


def test_saving_everything_at_once_shows_the_part_with_the_problem(visitor):
    response = visitor.post("/cases/new", {"action": "save", **{k: v for k, v in MARIA_CASE.items()
                                                               if k != "sentence_given"}})
    assert response.status_code == 422
    assert "sentence_given" in inputs(response.text) and "county" not in inputs(response.text)


def test_the_review_page_links_straight_to_the_part_that_asks(visitor):
    assert visitor.post("/about", {"legal_name": "Maria Elena Lopez"}).status_code == 303
    assert visitor.post("/now", NOW_CLEAR).status_code == 303
    assert visitor.post("/cases/new", {"action": "save", **{**MARIA_CASE, "sentence.probation.outcome": "dk"}}
                        ).status_code == 303
    review = visitor.get("/review").text
    assert 'href="/cases/0?part=details"' in review
    assert "sentence.probation.outcome" in inputs(visitor.get("/cases/0?part=details").text)


def test_a_part_the_case_does_not_have_shows_the_first_part(visitor):
    """A link to the sentence questions of a case with no conviction (or a made-up part) is not an error page."""
    assert visitor.post("/cases/new", {"action": "save", **DISMISSED}).status_code == 303
    for part in ("result", "nonsense", ""):
        page = visitor.get(f"/cases/0?part={part}")
        assert page.status_code == 200 and "county" in inputs(page.text) and "sentence_given" not in inputs(page.text)
