"""The message catalogue (rules/messages.py): every code has Spanish words with the same blanks."""

import ast
import re
import string

import pytest

from rules import messages
from conftest import REPO
from rules.decision import Builder, Status
from rules.lawdates import WAIT_1203_4A


def _blanks(words: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(words) if name}


def test_every_code_has_spanish_words_with_the_same_blanks():
    english, spanish = messages.catalogue("en"), messages.catalogue("es")
    missing = sorted(set(english) - set(spanish))
    assert not missing, f"codes with no Spanish text in templates/messages/es: {missing}"
    stray = sorted(set(spanish) - set(english))
    assert not stray, f"Spanish words for codes English does not have: {stray}"
    differ = [k for k in english if _blanks(english[k]) != _blanks(spanish[k])]
    assert not differ, f"Spanish words whose {{blanks}} differ from English: {differ}"


def test_a_wait_is_said_in_either_language_from_the_same_data():
    from datetime import date
    b = Builder("1203.4a")
    b.wait(date(2025, 3, 1), WAIT_1203_4A, "since.judgment", date(2025, 6, 1))
    decision = b.finish(date(2025, 6, 1))
    reason = decision.reasons[0]
    assert decision.eligible_on == date(2026, 3, 2)
    assert reason.code == "decision.wait_running_one"
    assert reason.text == "One year must pass after judgment (March 1, 2025); you can file on or after March 2, 2026."
    assert reason.params["start"] == "2025-03-01"  # the data stays language-neutral
    assert messages.render(reason, "es") == ("Debe pasar un año desde la sentencia (1 de marzo de 2025); puede "
                                             "presentar la petición a partir del 2 de marzo de 2026.")


def test_a_question_keeps_its_field_and_is_translated_with_its_reason():
    b = Builder("1203.4")
    b.review("pc1203_41.ask_supervision_end", "Pen. Code, § 1203.4(a)(1)", field="cases[].sentence.completed_on")
    decision = b.finish(__import__("datetime").date(2025, 1, 1))
    question, reason = decision.questions[0], decision.reasons[0]
    assert decision.status is Status.needs_review
    assert (question.code, question.field, question.message) == ("ASK_COMPLETED_ON", "cases[].sentence.completed_on",
                                                                "pc1203_41.ask_supervision_end")
    assert reason.text == f"Needs review: {question.text}"
    assert messages.render(reason, "es") == "Hay que revisar: " + messages.render(question, "es")
    assert messages.render(question, "es") != question.text


def test_a_code_missing_from_the_catalogue_is_an_error_not_a_silent_blank():
    with pytest.raises(KeyError, match="no message 'decision.nonexistent'"):
        messages.text("decision.nonexistent")


def _rule_calls():
    """Every call in rules/ to a Builder method or Reason/Notice constructor, with its literal arguments."""
    for path in sorted((REPO / "rules").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in SPEAKING:
                literals = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
                yield f"{path.name}:{node.lineno}", node.func.attr, literals


SPEAKING = {"why", "block", "discretionary", "review", "unsettled", "wait", "say", "of", "msg"}


def test_rules_speak_only_in_catalogue_codes_never_in_english_sentences():
    known = messages.catalogue("en")
    sentences = [where for where, method, literals in _rule_calls()
                 if method == "of" or any(" " in s and not s.startswith(("Pen. Code", "Health")) for s in literals[:2])]
    assert not sentences, f"English passed where a catalogue code belongs: {sentences}"
    unknown = [(where, s) for where, _, literals in _rule_calls() for s in literals
               if "." in s and " " not in s and s.split(".")[0] in NAMESPACES and s not in known]
    assert not unknown, f"codes with no words in templates/messages/en: {unknown}"


NAMESPACES = {key.split(".")[0] for key in messages.catalogue("en")}


def test_every_blank_a_declaration_can_leave_is_explained_in_spanish():
    """The cover lists each blank in the person's language; the papers themselves stay in English."""
    import re

    prompts = set()
    for template in (REPO / "templates" / "declarations").glob("*.j2"):
        prompts |= set(re.findall(r'(?:fact\([^,]*, |blank\()"([^"]+)"', template.read_text(encoding="utf-8")))
    assert prompts
    missing = sorted(p for p in prompts if messages.prompt_key(p) not in messages.catalogue("es"))
    assert not missing
    assert messages.blank("paragraph 3: what happened, in a few sentences, in your own words", "es") == \
        "párrafo 3: qué pasó, en pocas frases, con sus propias palabras"



def _rapsheet_calls():
    """Every call in assembler/rapsheet/ with its name (`ask`, `append` …), the name of what it is called on, and
    its arguments."""
    for path in sorted((REPO / "assembler" / "rapsheet").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                func = node.func
                called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                on = getattr(func, "value", None)
                owner = getattr(on, "attr", None) or getattr(on, "id", "")
                yield f"{path.name}:{node.lineno}", called, owner, node.args


def _words(arg) -> bool:
    """An argument that is English words: an f-string, or a literal with a space in it."""
    return isinstance(arg, ast.JoinedStr) or (isinstance(arg, ast.Constant) and " " in str(arg.value))


def _rapsheet_literals():
    for path in sorted((REPO / "assembler" / "rapsheet").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                yield f"{path.name}:{node.lineno}", node.value


def test_the_rapsheet_importer_asks_in_catalogue_codes_never_in_english_sentences():
    """The RAP-sheet importer's open questions (assembler/rapsheet) are `rapsheet.*` codes with Spanish words."""
    sentences = [where for where, called, owner, args in _rapsheet_calls()
                 if (owner == "questions" and called in ("append", "insert") and any(map(_words, args)))
                 or (called in ("ask", "msg") and args and _words(args[0]))]
    assert not sentences, f"English passed where a catalogue code belongs: {sentences}"
    known = messages.catalogue("en")
    unknown = [(where, s) for where, s in _rapsheet_literals() if re.fullmatch(r"rapsheet(\.\w+)+", s)
               and s not in known]
    assert not unknown, f"codes with no words in templates/messages/en/rapsheet.yaml: {unknown}"
