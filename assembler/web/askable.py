"""The facts the interview asks only when a decision needs them (the follow-up step).

A rule that cannot decide names the profile field that would settle it in `Decision.questions`
(`cases[0].counts[1].commercial_establishment_open`). The fields in `REGISTRY` are ones a person can
answer on a short form; any other question stays where it is shown today, in the results.

Each entry: the field's shape (indexes as `[]`) -> the form widget and the words to use
(`label.followup.<name>`, `hint.followup.<name>`, `opt.followup.<name>.<option>`).
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from datetime import date
from typing import Any, Callable

from assembler.profile.model import Profile, RegistrationBasis, VictimRelationship
from assembler.web import fields as F
from assembler.web.i18n import Translator
from assembler.web.summary import charge_name, shown_date
from rules.decision import Assessment
from rules.engine import assess

_ABSENT = object()


class NumberOrDontKnow(F.Number):
    """A whole number, with an "I don't know" box beside it (like a date)."""

    def read(self, form: dict) -> tuple[Any, str | None]:
        dont_know = bool(form.get(self.path + F.DK_SUFFIX))
        text = str(form.get(self.path, "")).strip()
        if text and dont_know:
            return F._MISSING, "answer_and_dk"
        if dont_know:
            return None, None
        return super().read(form)


@dataclass(frozen=True)
class Askable:
    name: str  # the message key: label.followup.<name>
    widget: Callable[[str, str], F.Field]  # (form path, message key) -> a field
    convert: Callable[[Any], Any] = lambda v: v  # the form's value -> the profile's


def _yes_no(path: str, key: str) -> F.Field:
    return F.YesNo(path, key=key)


def _date(path: str, key: str) -> F.Field:
    return F.Date(path, key=key)


def _choice(*options: str) -> Callable[[str, str], F.Field]:
    return lambda path, key: F.Choice(path, key=key, options=options, words=key)


def _days(path: str, key: str) -> F.Field:
    return NumberOrDontKnow(path, key=key, high=40_000)


def _tier(value: Any) -> Any:
    return int(value) if isinstance(value, str) else value


_COUNT = ("counts[]", "arrest.offenses[]")

REGISTRY: dict[str, Askable] = {
    # about the person now
    "status.registration.basis": Askable("registration_basis", _choice(*(b.value for b in RegistrationBasis))),
    "status.registration.tier": Askable("registration_tier", _choice("1", "2", "3"), _tier),
    "status.registration.since": Askable("registration_since", _date),
    "status.prior_serious_violent_felony": Askable("prior_serious_violent_felony", _yes_no),
    "status.incarcerated_since_release": Askable("incarcerated_since_release", _yes_no),
    "status.mandatory_life_parole": Askable("mandatory_life_parole", _yes_no),
    "status.california_resident_since": Askable("california_resident_since", _date),
    "petitioner.date_of_birth": Askable("date_of_birth", _date),
    # about one case
    "cases[].sentence.fines_condition_of_probation": Askable("fines_condition_of_probation", _yes_no),
    "cases[].sentence.completed": Askable("sentence_completed", _yes_no),
    "cases[].new_conviction_since_judgment": Askable("new_conviction_since_judgment", _yes_no),
    "cases[].days_out_of_state": Askable("days_out_of_state", _days),
    # about one charge (a count, or an offense of an arrest with no court case)
    **{f"cases[].{where}.{name}": Askable(name, widget) for where in _COUNT for name, widget in (
        ("value_over_950", _yes_no),
        ("commercial_establishment_open", _yes_no),
        ("vehicle_taking", _choice("theft", "driving")),
        ("forged_instrument_473b", _yes_no),
        ("victim_relationship", _choice(*(v.value for v in VictimRelationship))),
    )},
}


def shape(field: str) -> str:
    """`cases[0].counts[1].x` -> `cases[].counts[].x`"""
    return re.sub(r"\[\d*\]", "[]", field)


def draft_path(field: str) -> str:
    """`cases[0].counts[1].x` -> `cases.0.counts.1.x`, the path in the session draft and the form name."""
    return re.sub(r"\[(\d+)\]", r".\1", field)


@dataclass
class Ask:
    """One question to put to the person, once, however many decisions need it."""

    path: str  # in the draft, and the form field's name
    entry: Askable
    case: int | None = None  # which case it is about (None: about the person)
    count: str | None = None  # the draft path of the charge it is about, if any

    @property
    def spec(self) -> F.Field:
        return self.entry.widget(self.path, f"followup.{self.entry.name}")

    @property
    def order(self) -> tuple:
        charge = tuple(int(p) if p.isdigit() else p for p in self.count.split(".")) if self.count else ()
        return (-1 if self.case is None else self.case, charge, list(REGISTRY.values()).index(self.entry))


def open_questions(assessment: Assessment, draft: dict) -> list[Ask]:
    """Every askable question the decisions have, one per field, about the person first, then case by case."""
    found: dict[str, Ask] = {}
    for result in assessment.cases:
        for decision in result.remedies:
            for question in decision.questions:
                ask = _ask(question.field, draft) if question.field else None
                if ask is not None and ask.path not in found:
                    found[ask.path] = ask
    return sorted(found.values(), key=lambda a: a.order)


def _ask(field: str, draft: dict) -> Ask | None:
    entry = REGISTRY.get(shape(field))
    if entry is None:
        return None
    path = draft_path(field)
    match = re.match(r"cases\.(\d+)\.", path)
    if match is None:
        return Ask(path, entry)
    case = int(match.group(1))
    if not isinstance(F.get_path(draft, f"cases.{case}"), dict):
        return None
    count = re.match(r"cases\.\d+\.(?:counts|arrest\.offenses)\.\d+", path)
    if count and not isinstance(F.get_path(draft, count.group(0)), dict):
        return None
    return Ask(path, entry, case=case, count=count.group(0) if count else None)


def answered_before(paths: set[str], draft: dict, open_asks: list[Ask]) -> list[Ask]:
    """The follow-up answers given before that no decision asks for any more: shown again, so a
    mistaken answer can be changed (the other steps do not show these fields)."""
    asked = {a.path for a in open_asks}
    found = (_ask(re.sub(r"\.(\d+)", r"[\1]", path), draft) for path in sorted(paths - asked))
    return [a for a in found if a is not None]


def still_to_answer(asks: list[Ask], unknown: set[str]) -> list[Ask]:
    """The questions not yet answered "I don't know" (those stay open, but we have asked them)."""
    return [a for a in asks if a.path not in unknown]


def assessed_questions(profile: Profile | None, draft: dict, as_of: date) -> list[Ask]:
    if profile is None:
        return []
    return open_questions(assess(profile, as_of), draft)



# --- writing answers into the draft ---------------------------------------------------------------


def put(draft: dict, path: str, value: Any) -> None:
    """Write `value` at `path`, making any missing (or null) dict on the way, e.g. `status.registration`."""
    steps = [int(p) if p.isdigit() else p for p in path.split(".")]
    node: Any = draft
    for step in steps[:-1]:
        if isinstance(step, int):
            node = node[step]  # lists exist already: a question names an existing case or charge
        else:
            if node.get(step) is None:
                node[step] = {}
            node = node[step]
    node[steps[-1]] = value


# --- keeping the answers when a step is saved again -----------------------------------------------


def _own_fields(prefix: str) -> list[str]:
    """The registry's fields under `prefix` (`status.`, `cases[].`), relative to it."""
    return [s[len(prefix):] for s in REGISTRY if s.startswith(prefix)]


def keep_answers(key: str, old: dict | None, new: dict) -> dict:
    """A step form (about you, where you are now) rewrites its part of the draft: the follow-up answers
    it does not show itself are kept."""
    if not old:
        return new
    for rel in _own_fields(key + "."):
        top = rel.split(".", 1)[0]
        if top in old and top not in new:
            new[top] = copy.deepcopy(old[top])
    return new


def keep_case_answers(old: dict | None, new: dict) -> dict:
    """The case form rewrites the case: keep the follow-up answers it does not show, case and charges."""
    if not old:
        return new
    for rel in _own_fields("cases[]."):
        if "[]" in rel:
            continue
        value = F.get_path(old, rel, _ABSENT)
        parent = rel.rpartition(".")[0]
        if value is _ABSENT or F.get_path(new, rel, _ABSENT) is not _ABSENT:
            continue
        if parent and not isinstance(F.get_path(new, parent), dict):
            continue  # e.g. the sentence is gone now
        put(new, rel, copy.deepcopy(value))
    names = {rel.rsplit(".", 1)[-1] for rel in _own_fields("cases[].") if "[]" in rel}
    old_counts = _charges(old)
    for count in _charges(new):
        twin = next((c for c in old_counts if _same_charge(c, count)), None)
        if twin is None:
            continue
        old_counts.remove(twin)
        for name in names:
            if name in twin and name not in count:
                count[name] = twin[name]
    return new


def _charges(case: dict) -> list[dict]:
    arrest = case.get("arrest") or {}
    return [c for c in list(case.get("counts") or []) + list(arrest.get("offenses") or []) if isinstance(c, dict)]


def _same_charge(a: dict, b: dict) -> bool:
    def key(c: dict) -> tuple[str, str]:
        return (str(c.get("code") or "").upper().replace(" ", ""), str(c.get("section") or "").lower().replace(" ", ""))
    return key(a) == key(b)


# --- words ---------------------------------------------------------------------------------------


def case_title(case: dict, index: int, t: Translator) -> str:
    if case.get("court_case_number"):
        return t("case.title_number", number=case["court_case_number"])
    arrest = case.get("arrest") or {}
    if arrest.get("date"):
        return t("case.title_arrest", date=shown_date(arrest["date"], t))
    return t("case.title_n", n=index + 1)


def charge_title(count: dict, t: Translator) -> str:
    """"Second-degree burglary (PC 460(b))": the plain name and the code section, never an internal id."""
    return charge_name({k: v for k, v in count.items() if k != "disposition"}, t)
