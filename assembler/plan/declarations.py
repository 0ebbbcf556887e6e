"""Declarations in the petitioner's own voice, from the profile's facts and nothing else.

`render_declaration(kind, profile, case)` fills a template in templates/declarations/. A fact the
profile does not have is never written for the person: it becomes a marked blank,
"_____ [Write here: <what to write>]", to complete by hand, and `Declaration.blanks` lists each
one so the cover sheet can say what is left to fill in.

The text is the body only. The attestation (ATTESTATION), date and signature come from the page it
is printed on: form MC-031 prints them; a pleading-paper version must add them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from assembler.plan.wording import long_date, template_env
from assembler.plan.backend import WRITING_LINE
from assembler.profile.model import Case, Count, Disposition, Probation, ProbationOutcome, Profile

KINDS = {
    "interest_of_justice": "Declaration in support of petition for dismissal (interest of justice)",
    "trafficking_1203_49": "Declaration in support of petition under Penal Code section 1203.49",
    "sealing_851_91": "Declaration in support of petition to seal arrest (Penal Code section 851.91)",
    "reduction": "Declaration in support of the request to reduce the offense (Penal Code section 17(b) or 17(d)(2))",
}
BLANK = "_____ [Write here: {prompt}]"
_BLANK = re.compile(r"_____ \[Write here: ([^\]]+)\]")
_NUMBER = re.compile(r"(\d+)\. ")
ATTESTATION = ("I declare under penalty of perjury under the laws of the State of California "
               "that the foregoing is true and correct.")

_CODES = {"PC": "Penal Code", "HS": "Health and Safety Code", "VC": "Vehicle Code",
          "BP": "Business and Professions Code", "WI": "Welfare and Institutions Code"}
_ENDINGS = {
    Disposition.dismissed: "The charges were dismissed.",
    Disposition.acquitted: "I was found not guilty.",
    Disposition.never_filed: "No charges were filed.",
    Disposition.diversion_completed: "I completed diversion, and the charges were dismissed.",
    Disposition.dej_completed: "I completed deferred entry of judgment, and the charges were dismissed.",
    Disposition.conviction_vacated: "My conviction was vacated on appeal.",
}


@dataclass
class Declaration:
    kind: str
    title: str
    text: str
    blanks: list[str] = field(default_factory=list)


def fact(value: str | None, prompt: str) -> str:
    """The fact as the person gave it, or a marked blank saying what to write."""
    return value.strip() if value and value.strip() else blank(prompt)


def blank(prompt: str) -> str:
    return BLANK.format(prompt=prompt)


def blanks_in(text: str) -> list[str]:
    """Each blank left in a declaration, with its paragraph: "paragraph 5: where you work now"."""
    found, paragraph = [], None
    for block in text.split("\n\n"):
        number = _NUMBER.match(block)
        paragraph = number.group(1) if number else paragraph
        where = f"paragraph {paragraph}: " if paragraph else ""
        found += [where + prompt for prompt in _BLANK.findall(block)]
    return found


def render_declaration(kind: str, profile: Profile, case: Case, **extra) -> Declaration:
    if kind not in KINDS:
        raise ValueError(f"unknown declaration '{kind}'; fix: use one of {', '.join(KINDS)}")
    context = {**_facts(profile, case), "fact": fact, "blank": blank, "reduced": "", "section": "", **extra}
    text = _writing_room(_paragraphs(template_env().get_template(f"declarations/{kind}.txt.j2").render(context)))
    return Declaration(kind=kind, title=KINDS[kind], text=text, blanks=blanks_in(text))


def _facts(profile: Profile, case: Case) -> dict:
    arrest = case.arrest
    return {
        "name": profile.petitioner.legal_name,
        "case_number": case.court_case_number,
        "county": case.county,
        "year": _year(case.conviction_date or case.judgment_date),
        "convictions": _offenses(case.convicted_counts),
        "what_happened": case.what_happened,
        "probation": _probation(case.sentence.probation) if case.sentence and case.sentence.probation else None,
        "sentence_done": _sentence_done(case),
        "arrest_date": long_date(arrest.date) if arrest and arrest.date else None,
        "arrest_agency": arrest.agency if arrest else None,
        "arrest_offenses": _offenses(arrest.offenses if arrest else case.counts),
        "ending": _ending(case),
        "facts": profile.facts,
    }


def _year(value: date | None) -> str | None:
    return str(value.year) if value else None


def _offenses(counts: list[Count]) -> str | None:
    names = [_offense(c) for c in counts]
    return "; ".join(names) if names else None


def _offense(count: Count) -> str:
    code = _CODES.get(count.code, count.code)
    return f"{code} section {count.section}" + (f" ({count.description})" if count.description else "")


def _probation(probation: Probation) -> str | None:
    """What the record says about probation, in the person's voice; None when it says nothing."""
    ended = f" on {long_date(probation.ended_on)}" if probation.ended_on else ""
    return {
        ProbationOutcome.completed: f"I completed my probation{ended}.",
        ProbationOutcome.terminated_early: f"The court ended my probation early{ended}.",
        ProbationOutcome.violated_reinstated: "I had a probation violation, and the court reinstated my probation.",
        ProbationOutcome.revoked: "My probation was revoked.",
    }.get(probation.outcome)


def _sentence_done(case: Case) -> str | None:
    sentence = case.sentence
    if not sentence or not sentence.completed:
        return None
    return "I completed my sentence" + (f" on {long_date(sentence.completed_on)}." if sentence.completed_on else ".")


def _ending(case: Case) -> str | None:
    counts = (case.arrest.offenses if case.arrest and case.arrest.offenses else []) + case.counts
    endings = {c.disposition for c in counts}
    return _ENDINGS.get(endings.pop()) if len(endings) == 1 else None


WRITING_ROOM = 3  # ruled lines under a paragraph with a blank, each after an empty line: handwriting is tall


def _writing_room(text: str) -> str:
    """Lines to write on under each paragraph that leaves a blank (a person answers in their own words)."""
    room = ("\n\n" + WRITING_LINE) * WRITING_ROOM
    blocks = text.rstrip("\n").split("\n\n")
    return "\n\n".join(block + room if _BLANK.search(block) else block for block in blocks) + "\n"


def _paragraphs(text: str) -> str:
    """Single blank lines between paragraphs, no trailing spaces."""
    blocks = [" ".join(line.strip() for line in block.splitlines()) for block in text.split("\n\n")]
    return "\n\n".join(b for b in blocks if b) + "\n"
