"""What a rule returns: a Decision with its status, reasons and citations.

The JSON shape of these models is the public contract of `relief assess --json`
(see DESIGN.md): keep field names and codes stable; add, never rename.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from enum import Enum
from typing import Iterable

from pydantic import BaseModel, ConfigDict, Field

from rules import messages
from rules.lawdates import Period, after_years


@dataclass(frozen=True)
class Cite:
    """A structured statute citation: code, section and subdivision."""

    section: str
    subdivision: str = ""
    code: str = "Pen. Code"

    def __str__(self) -> str:
        if self.code.endswith("U.S.C."):  # federal style: "8 U.S.C. § 1101(a)"
            return f"{self.code} § {self.section}{self.subdivision}"
        return f"{self.code}, § {self.section}{self.subdivision}"


# A citation is immutable and the rules name a few hundred: each is made once (and, being the same
# object each time, is found at once as part of a cache key in Reason.say).
@lru_cache(maxsize=4096)
def pc(section: str, subdivision: str = "") -> Cite:
    return Cite(section, subdivision, "Pen. Code")


@lru_cache(maxsize=4096)
def hs(section: str, subdivision: str = "") -> Cite:
    return Cite(section, subdivision, "Health & Saf. Code")


@lru_cache(maxsize=4096)
def vc(section: str, subdivision: str = "") -> Cite:
    return Cite(section, subdivision, "Veh. Code")


class Status(str, Enum):
    mandatory = "mandatory"
    discretionary = "discretionary"
    ineligible = "ineligible"
    needs_review = "needs_review"


class Reason(BaseModel):
    """Why, in English (`text`), and as data: the catalogue `code` and its `params` (rules/messages.py),
    from which the web, the cover and the batch results speak the person's language."""

    model_config = ConfigDict(frozen=True)
    text: str
    cite: str
    code: str | None = None
    params: dict = Field(default_factory=dict)

    @classmethod
    def of(cls, text: str, cite: Cite | str) -> "Reason":
        return cls(text=text, cite=str(cite))

    @classmethod
    def say(cls, code: str, cite: Cite | str, **params) -> "Reason":
        """A reason from the message catalogue: `code` names its words, `params` fill them.

        The same reason said again is the same (frozen) Reason: a batch says a few thousand distinct
        reasons over and over, and wording each anew was a quarter of a decision's time."""
        if not params:  # most reasons (two in three)
            return _said_plain(cls, code, cite)
        try:
            return _said(cls, code, cite, _frozen(params))
        except TypeError:  # a parameter that cannot be a key (none today): worded anew
            return cls._said(code, cite, tuple(params.items()))

    @classmethod
    def _said(cls, code: str, cite: Cite | str, items: tuple) -> "Reason":
        params = messages.neutral(dict(items))
        return cls(text=messages.text(code, **params), cite=str(cite), code=code, params=params)


@lru_cache(maxsize=8192)
def _said(cls: type[Reason], code: str, cite: Cite | str, frozen: tuple) -> Reason:
    return cls._said(code, cite, _thawed(frozen).items())


@lru_cache(maxsize=4096)
def _said_plain(cls: type[Reason], code: str, cite: Cite | str) -> Reason:
    return cls._said(code, cite, ())


def _frozen(value):
    """A parameter as a cache key. Its type is part of it: 1, 1.0 and True are equal keys but not equal words.
    Plain text (most parameters) is its own key: a str equals no other type, nor any (type, value) pair."""
    if value.__class__ is str:
        return value
    if value.__class__ is dict:
        return (dict, tuple([(k, v if v.__class__ is str else _frozen(v)) for k, v in value.items()]))
    if value.__class__ in (list, tuple):
        return (list, tuple([_frozen(v) for v in value]))
    return (value.__class__, value)


def _thawed(frozen):
    if frozen.__class__ is str:
        return frozen
    kind, value = frozen
    if kind is dict:
        return {k: _thawed(v) for k, v in value}
    if kind is list:
        return [_thawed(v) for v in value]
    return value


class Question(BaseModel):
    """What a person must find out before the answer is certain, and the profile field that holds it."""

    model_config = ConfigDict(frozen=True)
    code: str
    field: str | None = None
    text: str
    message: str | None = None  # the catalogue key of `text` (rules/messages.py)
    params: dict = Field(default_factory=dict)


def question_code(field: str | None, unsettled: bool = False) -> str:
    """A stable code for a question: the field it asks for, or what kind of question it is."""
    if unsettled:
        return "LAW_UNSETTLED"
    if field is None:
        return "CHECK_RECORD"
    return "ASK_" + field.rsplit(".", 1)[-1].split("[", 1)[0].upper()


class Notice(Reason):
    """An effect of relief the person should know (firearms, registration, immigration …)."""

REVIEW = "decision.needs_review"  # "Needs review: {question}"


class Decision(BaseModel):
    remedy: str
    status: Status
    eligible_now: bool
    eligible_on: date | None = None
    forms: list[str] = Field(default_factory=list)
    blockers: list[str] = Field(default_factory=list)
    discretion: list[str] = Field(default_factory=list)
    reasons: list[Reason] = Field(default_factory=list)
    questions: list[Question] = Field(default_factory=list)
    # Not part of the JSON contract: whether an open question is about the law itself (→ LAW_UNSETTLED).
    law_unsettled: bool = Field(default=False, exclude=True)

    @property
    def actionable(self) -> bool:
        """Worth pursuing (now or later): everything but ineligible."""
        return self.status is not Status.ineligible


class CaseResult(BaseModel):
    case_number: str | None
    county: str | None
    # Set once by the engine (`case_keys`): names this case's files and ties its papers to it.
    key: str = ""
    remedies: list[Decision] = Field(default_factory=list)
    flags: list[str] = Field(default_factory=list)
    notices: list[Notice] = Field(default_factory=list)

    def remedy(self, name: str) -> Decision | None:
        return next((d for d in self.remedies if d.remedy == name), None)


class Assessment(BaseModel):
    petitioner: str
    as_of: date
    cases: list[CaseResult]
    recommended_order: list[str] = Field(default_factory=list)

    def contract_json(self) -> dict:
        """The `relief assess --json` object, exactly as DESIGN.md specifies."""
        return self.model_dump(mode="json")


# --- a small builder so each remedy module reads like the statute --------------------------


class Builder:
    """Collects reasons, blockers and discretion codes while a rule walks the statute.

    `finish()` turns them into a Decision: any blocker → ineligible (or not-yet with a date),
    any open question → needs_review, any discretion code → discretionary, else mandatory.
    """

    def __init__(self, remedy: str, forms: Iterable[str] = ()):
        self.remedy = remedy
        self.forms = list(forms)
        self.reasons: list[Reason] = []
        self.blockers: list[str] = []
        self.temporary: set[str] = set()  # blockers that time (or action) will lift
        self.discretion: list[str] = []
        self.questions: list[Question] = []
        self.law_unsettled = False
        self.waits: list[date] = []
        self.unknown_date = False

    def why(self, key: str, cite: Cite | str, **params) -> "Builder":
        """A reason: `key` names its words in the message catalogue, `params` fill them."""
        self.reasons.append(Reason.say(key, cite, **params))
        return self

    def block(self, code: str, key: str, cite: Cite | str, *, until: date | None = None,
              temporary: bool = False, **params) -> "Builder":
        """A bar. With `until` (or `temporary`) it is a not-yet, not a never."""
        if code not in self.blockers:
            self.blockers.append(code)
        self.why(key, cite, **params)
        if until is not None:
            self.waits.append(until)
            self.temporary.add(code)
        elif temporary:
            self.temporary.add(code)
            self.unknown_date = True
        return self

    def discretionary(self, code: str, key: str, cite: Cite | str, **params) -> "Builder":
        if code not in self.discretion:
            self.discretion.append(code)
        return self.why(key, cite, **params)

    def wait(self, start: date, period: Period, since: str, as_of: date) -> "Builder":
        """A waiting period "after the lapse of" `period` from `start`: a dated not-yet, or why it is over.
        `since` is the catalogue key of the event it runs from ("since.judgment")."""
        years, cite = period.years, Cite(period.section, period.subdivision, period.code)
        ready = after_years(start, years)
        event = messages.msg(since)
        one = "_one" if years == 1 else ""
        if as_of < ready:
            return self.block("WAIT_PERIOD", f"decision.wait_running{one}", cite, until=ready, years=years,
                              since=event, start=start, ready=ready)
        return self.why(f"decision.wait_over{one}", cite, years=years, since=event, start=start)

    def review(self, key: str, cite: Cite | str, *, field: str | None = None,
               code: str | None = None, **params) -> "Builder":
        """The law or the facts are unclear: say what must be checked, and which profile field
        would settle it (`cases[]` stands for this case; the engine fills in its index)."""
        params = messages.neutral(params)
        self.questions.append(Question(code=code or question_code(field), field=field,
                                       text=messages.text(key, **params), message=key, params=params))
        return self.why(REVIEW, cite, question=messages.msg(key, **params))

    def unsettled(self, key: str, cite: Cite | str, **params) -> "Builder":
        """An open question of law (not a missing fact): needs_review, and the case gets LAW_UNSETTLED."""
        self.law_unsettled = True
        return self.review(key, cite, code=question_code(None, unsettled=True), **params)

    @property
    def permanently_barred(self) -> bool:
        return any(b not in self.temporary for b in self.blockers)

    def finish(self, as_of: date) -> Decision:
        if not self.reasons:
            raise ValueError(f"{self.remedy}: a decision needs at least one reason")
        if self.permanently_barred:
            return self._decision(Status.ineligible, eligible_now=False, eligible_on=None)
        status = (
            Status.needs_review if self.questions
            else Status.discretionary if self.discretion
            else Status.mandatory
        )
        if not self.blockers:
            return self._decision(status, eligible_now=True, eligible_on=None)
        eligible_on = None if self.unknown_date or not self.waits else max(self.waits)
        if eligible_on is not None and eligible_on <= as_of:
            eligible_on = None
        return self._decision(status, eligible_now=False, eligible_on=eligible_on)

    def _decision(self, status: Status, *, eligible_now: bool, eligible_on: date | None) -> Decision:
        return Decision(
            remedy=self.remedy,
            status=status,
            eligible_now=eligible_now,
            eligible_on=eligible_on,
            forms=self.forms if status is not Status.ineligible else [],
            blockers=self.blockers,
            discretion=self.discretion,
            reasons=self.reasons,
            questions=self.questions,
            law_unsettled=self.law_unsettled,
        )
