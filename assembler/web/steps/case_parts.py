"""The case form in parts, so a person sees only the questions that apply to them, without JavaScript.

1. charges — the court, the arrest and the charges: how each charge ended decides whether part 2 exists;
2. result — conviction and sentence, only when a charge ended in a conviction (or the person does not know);
3. details — probation, custody and finishing the sentence, each only when part 2 says so, then the
   questions for everyone.
The answers of the other parts ride along as hidden fields, and the case is saved whole from the last part.
"""

from __future__ import annotations

from assembler.web import fields as F
from assembler.web.steps.case_form import CASE_FIELDS, OTHER_FIELDS, count_fields, count_indexes

PARTS = ("charges", "result", "details")
CONVICTIONS = ("convicted_plea", "convicted_verdict")
JAIL = ("jail_1170h_a", "jail_1170h_b")

_CHARGES = [f.path for f in CASE_FIELDS if f.path not in ("conviction_date", "judgment_date")]
_RESULT = ["conviction_date", "judgment_date", "sentence_given", "probation_given", "custody"]
_PROBATION = ["sentence.probation.kind", "sentence.probation.length_months", "sentence.probation.start",
              "sentence.probation.scheduled_end", "sentence.probation.ended_on", "sentence.probation.outcome",
              "sentence.probation.violations"]
_DONE = ["sentence.completed", "sentence.completed_on", "sentence.fines_paid", "sentence.restitution"]
_FOR_EVERYONE = [f.path for f in OTHER_FIELDS if f.path != "new_conviction_since_judgment"]
PICKER = ("offense_query", "offense_pick", "other_code", "other_section", "other_description")


def convicted_or_unsure(values: dict[str, str]) -> bool:
    """A charge ended in a conviction, or the person does not know how one ended."""
    return any(values.get(f"counts.{i}.disposition", "") in CONVICTIONS + (F.DONT_KNOW,)
               for i in count_indexes(values))


def parts(values: dict[str, str]) -> list[str]:
    """The parts this case has, in order."""
    return [p for p in PARTS if p != "result" or convicted_or_unsure(values)]


def part_fields(part: str, values: dict[str, str]) -> list[str]:
    """The field paths a part shows, given the answers so far."""
    if part == "charges":
        return _CHARGES + [f.path for i in count_indexes(values) for f in count_fields(i)]
    if part == "result":
        return list(_RESULT)
    sentenced = convicted_or_unsure(values) and values.get("sentence_given") == "yes"
    custody = values.get("custody", "") if sentenced else ""
    shown: list[str] = []
    if sentenced and values.get("probation_given") == "yes":
        shown += _PROBATION
    if sentenced:
        shown.append("sentence.jail_days")
    if custody in JAIL + ("prison",):
        shown.append("custody_release")
    if custody == "jail_1170h_b":
        shown.append("custody_supervision_end")
    if custody == "prison":
        shown.append("fire_camp")
    if sentenced:
        shown += _DONE
    if convicted_or_unsure(values):
        shown.append("new_conviction_since_judgment")
    return shown + _FOR_EVERYONE


def sections(part: str, values: dict[str, str]) -> set[str]:
    """The headed groups of the form a part shows (the template's {% if %}s)."""
    shown = set(part_fields(part, values))
    names = {"court", "arrest", "charges"} if part == "charges" else set()
    if part == "result":
        names.add("result")
    if shown & set(_PROBATION):
        names.add("probation")
    if shown & {"sentence.jail_days", "custody_release"}:
        names.add("custody")
    if shown & set(_DONE):
        names.add("done")
    if part == "details":
        names.add("more")
    return names


def applicable(values: dict[str, str]) -> dict[str, str]:
    """Only the answers to questions the case still asks: a probation end date typed before the answer
    to "probation?" became No is not kept as a fact."""
    keep = {path for part in parts(values) for path in part_fields(part, values)}
    keep |= {path + F.DK_SUFFIX for path in keep}
    return {k: v for k, v in values.items() if k in keep or k in PICKER}


def part_of(path: str) -> str:
    """The part that shows a field (an error is shown on that part)."""
    if path in _RESULT:
        return "result"
    if path in _CHARGES or path.startswith(("counts.", "arrest.")) or path in PICKER or not path:
        return "charges"
    return "details"


def carried(values: dict[str, str], part: str) -> dict[str, str]:
    """The answers another part shows, sent along as hidden fields."""
    here = set(part_fields(part, values))
    here |= {path + F.DK_SUFFIX for path in here}
    if part == "charges":
        here |= set(PICKER)
    return {k: v for k, v in values.items() if k not in here and k not in PICKER and k != "part" and v != ""}


def after(part: str, values: dict[str, str]) -> str | None:
    order = parts(values)
    later = [p for p in order if PARTS.index(p) > PARTS.index(part)]
    return later[0] if later else None


def before(part: str, values: dict[str, str]) -> str:
    order = parts(values)
    earlier = [p for p in order if PARTS.index(p) < PARTS.index(part)]
    return earlier[-1] if earlier else "charges"


def chosen(part: str | None, values: dict[str, str]) -> str:
    """The part asked for, if this case has it; else the first."""
    return part if part in parts(values) else "charges"
