"""Declarations: the person's facts in first person, and a marked blank (listed) for each missing one."""

from __future__ import annotations

import pytest

from assembler.plan.declarations import BLANK, KINDS, render_declaration
from assembler.profile.model import Disposition, Profile

FULL_FACTS = {
    "employment": "I have worked as a baker at a grocery store since 2021.",
    "education": "I finished a food-safety certificate in 2022.",
    "family": "I live with my two children and care for my mother.",
    "treatment": "I finished a 52-week anger management class.",
    "community_service": "I volunteer at a food bank twice a month.",
    "hardship": "Two employers turned me down after a background check.",
    "why_now": "I want to apply for a supervisor job that needs a clean record.",
}


def profile(facts: dict | None = None, **case) -> Profile:
    conviction = {"county": "Fresno", "court_case_number": "F-1001", "conviction_date": "2018-02-01",
                  "what_happened": "I took tools from my employer's truck.",
                  "counts": [{"code": "PC", "section": "487(a)", "description": "grand theft"}],
                  "sentence": {"probation": {"outcome": "completed", "start": "2018-03-01", "ended_on": "2020-03-01"}}}
    arrest = {"county": "Fresno", "arrest": {"date": "2019-05-01", "agency": "Fresno Police Department",
              "offenses": [{"code": "PC", "section": "273.5(a)", "disposition": "dismissed"}]}}
    return Profile.model_validate({"petitioner": {"legal_name": "Pat Example"},
                                   "cases": [{**conviction, **case}, arrest], "facts": facts or {}})


def test_a_missing_fact_is_a_marked_blank_and_listed():
    person = profile({**FULL_FACTS, "employment": None})
    declaration = render_declaration("interest_of_justice", person, person.cases[0])
    marker = BLANK.format(prompt="where you work now and since when, or write 'none'")
    assert f"Work: {marker}" in declaration.text
    assert declaration.blanks == ["paragraph 5: where you work now and since when, or write 'none'"]


def test_every_fact_given_means_no_blanks_and_the_words_are_the_persons():
    person = profile(FULL_FACTS)
    declaration = render_declaration("interest_of_justice", person, person.cases[0])
    assert declaration.blanks == [] and "Write here" not in declaration.text
    for value in FULL_FACTS.values():
        assert value in declaration.text
    assert "1. My name is Pat Example. I am the petitioner in case number F-1001" in declaration.text
    assert "In 2018, I was convicted of Penal Code section 487(a) (grand theft)." in declaration.text
    assert "I completed my probation on March 1, 2020." in declaration.text


def test_nothing_is_said_for_the_person_when_the_profile_is_empty():
    person = profile(what_happened=None, conviction_date=None, court_case_number=None, sentence=None)
    declaration = render_declaration("interest_of_justice", person, person.cases[0])
    assert len(declaration.blanks) == 11
    assert "paragraph 1: your case number" in declaration.blanks
    assert "paragraph 4: how your probation or sentence went, and when it ended" in declaration.blanks
    assert "I completed" not in declaration.text and "since" not in declaration.text.split("5.")[0]


def test_a_probation_violation_asks_what_happened_and_what_was_learned():
    person = profile(FULL_FACTS, sentence={"probation": {"outcome": "violated_reinstated"}})
    declaration = render_declaration("interest_of_justice", person, person.cases[0])
    assert "I had a probation violation, and the court reinstated my probation." in declaration.text
    assert declaration.blanks == ["paragraph 4: what happened with the probation violation, and what you learned from it"]


def test_the_trafficking_declaration_leaves_the_account_to_the_person():
    person = profile(FULL_FACTS, counts=[{"code": "PC", "section": "647(b)"}])
    declaration = render_declaration("trafficking_1203_49", person, person.cases[0])
    assert "grant me relief under Penal Code section 1203.49" in declaration.text
    assert "convicted of Penal Code section 647(b)" in declaration.text
    assert [b.split(":")[0] for b in declaration.blanks] == ["paragraph 4", "paragraph 5", "paragraph 6", "paragraph 7"]


def test_the_sealing_statement_uses_the_arrest_facts():
    person = profile(FULL_FACTS)
    declaration = render_declaration("sealing_851_91", person, person.cases[1])
    assert "I was arrested on May 1, 2019. The arresting agency was Fresno Police Department." in declaration.text
    assert "The arrest was for Penal Code section 273.5(a)." in declaration.text
    assert "How the case ended: The charges were dismissed." in declaration.text
    assert "paragraph 3: what happened, in a few sentences, in your own words" in declaration.blanks


def test_mixed_endings_are_not_summed_up_for_the_person():
    person = profile(FULL_FACTS)
    arrest = person.cases[1].model_copy(update={"counts": [
        person.cases[1].arrest.offenses[0].model_copy(update={"disposition": Disposition.acquitted})]})
    declaration = render_declaration("sealing_851_91", person, arrest)
    assert any(b.startswith("paragraph 4: how the case ended") for b in declaration.blanks)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_each_kind_has_a_title_and_ends_with_the_request(kind):
    person = profile(FULL_FACTS)
    declaration = render_declaration(kind, person, person.cases[0 if kind != "sealing_851_91" else 1])
    assert declaration.title == KINDS[kind]
    assert declaration.text.rstrip().endswith(("grant my petition.", "seal my arrest.", "grant the reduction."))


def test_an_unknown_kind_is_refused_with_the_known_ones():
    person = profile()
    with pytest.raises(ValueError, match="interest_of_justice"):
        render_declaration("apology", person, person.cases[0])


def test_a_paragraph_with_a_blank_is_followed_by_lines_to_write_on():
    """A person answers a blank by hand, often in a few sentences: each such paragraph gets ruled lines."""
    from assembler.plan.declarations import WRITING_ROOM
    from assembler.plan.backend import WRITING_LINE

    person = profile({**FULL_FACTS, "employment": None})
    text = render_declaration("interest_of_justice", person, person.cases[0]).text
    blocks = text.split("\n\n")
    at = next(i for i, block in enumerate(blocks) if "Write here" in block)
    assert blocks[at + 1:at + 1 + WRITING_ROOM] == [WRITING_LINE] * WRITING_ROOM
    assert blocks.count(WRITING_LINE) == WRITING_ROOM  # one blank, one writing area
    full = render_declaration("interest_of_justice", profile(FULL_FACTS), profile(FULL_FACTS).cases[0]).text
    assert WRITING_LINE not in full.split("\n\n")
