"""What a RAP sheet upload read, shown case by case with the sheet line each fact came from.

Only this summary stays in the session (in memory): the sheet's own text and file are dropped as soon
as they are read.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from assembler.rapsheet.questions import SheetQuestion
from assembler.web.i18n import Translator
from assembler.web.summary import case_summary, charge_name, shown_date


@dataclass
class SheetRead:
    cases: list[dict]  # the cases as the sheet says them (plain profile data)
    slots: list[int | None]  # each case's index in the draft, None when it could not be added
    problems: list[str | None]
    lines: dict[str, int]  # profile path ("cases[0].counts[1].disposition") → sheet line
    questions: list[SheetQuestion] = field(default_factory=list)
    labels: list[dict] = field(default_factory=list)  # each case's label, as its questions name it


@dataclass
class Fact:
    label: str
    value: str
    line: int | None


@dataclass
class CaseRead:
    title: str
    county: str
    facts: list[Fact]
    slot: int | None
    problem: str | None
    questions: list[str] = field(default_factory=list)  # what the sheet leaves open about this case


def cases_read(sheet: SheetRead, t: Translator) -> list[CaseRead]:
    read = [_case(i, case, sheet, t) for i, case in enumerate(sheet.cases)]
    for question in sheet.questions:
        for i in _about(question, sheet):
            read[i].questions.append(question.text(t.lang))
    return read


def general_questions(sheet: SheetRead, lang: str) -> list[str]:
    """The questions about no one case (pending charges, supervision, the name …)."""
    return [q.text(lang) for q in sheet.questions if not _about(q, sheet)]


def _about(question: SheetQuestion, sheet: SheetRead) -> list[int]:
    """The cases a question is about: those whose label it names."""
    label = question.params_dict.get("case")
    return [i for i, known in enumerate(sheet.labels) if label is not None and known == label]


def _case(i: int, case: dict, sheet: SheetRead, t: Translator) -> CaseRead:
    def line(path: str) -> int | None:
        return sheet.lines.get(f"cases[{i}].{path}")

    summary = case_summary(case, t)
    arrest = case.get("arrest") or {}
    facts = [Fact(t("sheet.county"), case.get("county") or t("sheet.not_printed"), line("county"))]
    if case.get("court_case_number"):
        facts.append(Fact(t("sheet.case_number"), case["court_case_number"], line("court_case_number")))
    if arrest.get("date"):
        facts.append(Fact(t("sheet.arrested"), " · ".join(filter(None, [shown_date(arrest["date"], t),
                                                                          arrest.get("agency")])), line("arrest.date")))
    counts = list(case.get("counts") or [])
    for n, count in enumerate(counts):
        where = line(f"counts[{n}].disposition") or line(f"counts[{n}].section")
        facts.append(Fact(t("sheet.charge"), charge_name(count, t), where))
    for n, count in enumerate(arrest.get("offenses") or []):
        facts.append(Fact(t("sheet.charge"), charge_name(count, t), line(f"arrest.offenses[{n}].section")))
    if case.get("conviction_date"):
        facts.append(Fact(t("sheet.convicted_on"), shown_date(case["conviction_date"], t), line("conviction_date")))
    if case.get("sentence"):
        facts.append(Fact(t("sheet.sentence"), _sentence(case["sentence"], t), line("sentence")))
    return CaseRead(summary.title, summary.county, facts, sheet.slots[i], sheet.problems[i])


def _sentence(sentence: dict, t: Translator) -> str:
    parts = []
    probation = sentence.get("probation") or {}
    if probation.get("length_months"):
        parts.append(_count(t, "sheet.probation_months", probation["length_months"]))
    if sentence.get("jail_days"):
        parts.append(_count(t, "sheet.jail_days", sentence["jail_days"]))
    if sentence.get("county_jail_1170h"):
        parts.append(t("sheet.jail_1170h"))
    if sentence.get("state_prison"):
        parts.append(t("sheet.prison"))
    return ", ".join(parts) or t("sheet.sentence_other")


def _count(t: Translator, key: str, n: int) -> str:
    return t(key + "_one" if n == 1 else key, n=n)
