"""What one client's run means for the attorney: a status, the remedies, the dates, the questions.

- `ok`: the packet is built and no decision needs a person to look again.
- `needs_review`: the packet is built, but a decision is `needs_review` (law unsettled or a fact
  missing); `review` says which remedy, which case and the question to answer.
- `error`: no packet — the input could not be read or the packet could not be built; `error` says
  which row and column (or profile field) and how to fix it.

An Outcome is plain data: it goes back from a worker process, into `batch.json` beside the packet (so a
resumed batch can report a skipped client without redoing it) and into results.csv and the summary.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from assembler.profile.model import Profile
from rules.decision import Assessment, Status


@dataclass
class Outcome:
    index: int
    label: str
    status: str  # ok, needs_review, error
    decisions: list[dict] = field(default_factory=list)  # remedy, case, status, eligible_now, eligible_on
    review: list[str] = field(default_factory=list)  # "17b@RIF1801234: the question to answer"
    error: str | None = None
    files: list[str] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)
    skipped: bool = False  # resumed: the outputs were complete and matched the input
    # The open questions as data: "ASK_COMPLETED_ON cases[0].sentence.completed_on" (code, then profile field)
    questions: list[str] = field(default_factory=list)

    @property
    def remedies(self) -> list[dict]:
        """The remedies worth pursuing (now or later): every decision but the ineligible ones."""
        return [d for d in self.decisions if d["status"] != Status.ineligible.value]

    @property
    def not_yet(self) -> list[dict]:
        return [d for d in self.remedies if not d["eligible_now"]]

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> "Outcome":
        return cls(**data)


def failed(index: int, label: str, message: str, rows: list[int] | None = None) -> Outcome:
    return Outcome(index, label, "error", error=message, rows=rows or [])


def from_assessment(index: int, label: str, profile: Profile, assessment: Assessment, files: list[str],
                    rows: list[int] | None = None) -> Outcome:
    """`case` is the court case number, else the arrest (`arrest R-123`, `arrest 2022-06-11`)."""
    decisions, review, questions = [], [], []
    for facts, case in zip(profile.cases, assessment.cases):
        where = facts.label
        for d in case.remedies:
            decisions.append({"remedy": d.remedy, "case": where, "status": d.status.value,
                              "eligible_now": d.eligible_now,
                              "eligible_on": d.eligible_on.isoformat() if d.eligible_on else None})
            if d.status is Status.needs_review and not _alternative_settled(d.remedy, case):
                review.append(f"{d.remedy}@{where}: {' '.join(q.text for q in d.questions) or d.reasons[0].text}")
                questions += [f"{q.code} {q.field}" if q.field else q.code for q in d.questions]
    status = "needs_review" if review else "ok"
    return Outcome(index, label, status, decisions, review, files=sorted(files), rows=rows or [],
                   questions=list(dict.fromkeys(questions)))


# A remedy that is only an alternative to another: its open question matters when the main one is open too.
ALTERNATIVE_TO = {"851.8": "851.91"}  # factual innocence beside arrest sealing (Pen. Code §§ 851.8, 851.91)


def _alternative_settled(remedy: str, case) -> bool:
    main = case.remedy(ALTERNATIVE_TO[remedy]) if remedy in ALTERNATIVE_TO else None
    return main is not None and main.status is not Status.needs_review
