"""What the person said they don't know, and where to find it: the review page lists these.

Each unknown leaves a fact None, and the rule that needs it answers needs_review; this list turns
that into a next step (the RAP sheet from the California DOJ, the court clerk, the probation office).
"""

from __future__ import annotations

from dataclasses import dataclass

from assembler.profile.model import Disposition, Profile, ProbationOutcome
from assembler.web.i18n import Translator
from rules.offenses import lookup


@dataclass
class Unknown:
    where: str
    what: str
    tip: str
    url: str


_ON_PART = {"conviction_date": "result", "sentence": "result", "probation_outcome": "details",
            "probation_end": "details", "completed": "details"}


def unknowns(profile: Profile, t: Translator) -> list[Unknown]:
    found: list[Unknown] = []

    def add(where: str, url: str, what: str, tip: str) -> None:
        if what in _ON_PART:  # straight to the part of the case form that asks it
            url += f"?part={_ON_PART[what]}"
        found.append(Unknown(where, t(f"unknown.{what}"), t(f"tip.{tip}"), url))

    status = profile.status
    for name, value in (("pending_charges", None if status.pending_charges_unknown else True),
                        ("serving_sentence", status.serving_sentence), ("registrant_290", status.registrant_290)):
        if value is None:
            add(t("nav.now"), "/now", name, "rap_sheet")
    if status.supervision_unknown:
        add(t("nav.now"), "/now", "supervision", "probation")
    for i, case in enumerate(profile.cases):
        where, url = t("case.title_n", n=i + 1), f"/cases/{i}"
        convicted = bool(case.convicted_counts)
        if convicted and not case.court_case_number:
            add(where, url, "case_number", "court")
        if convicted and case.conviction_date is None:
            add(where, url, "conviction_date", "rap_sheet")
        counts = case.counts + (case.arrest.offenses if case.arrest else [])
        if any(c.disposition is Disposition.unknown for c in counts):
            add(where, url, "disposition", "rap_sheet")
        if any(lookup(c.code, c.section) is None for c in counts):
            add(where, url, "charge", "rap_sheet")
        if any(c.level_convicted is None for c in case.convicted_counts):
            add(where, url, "level", "court")
        if not convicted and case.arrest and case.arrest.date is None:
            add(where, url, "arrest_date", "rap_sheet")
        if convicted and case.sentence is None:
            add(where, url, "sentence", "court")
            continue
        probation = case.sentence.probation if case.sentence else None
        if probation is not None:
            if probation.outcome is ProbationOutcome.unknown:
                add(where, url, "probation_outcome", "probation")
            if probation.ended_on is None and probation.scheduled_end is None \
                    and probation.outcome is not ProbationOutcome.ongoing:
                add(where, url, "probation_end", "probation")
        if convicted and case.sentence is not None and case.sentence.completed is None:
            add(where, url, "completed", "court")
    return found
