"""The case form: its fields, and the conversion between a posted form and a profile case.

A few questions exist only on the form (did the judge give a sentence, was probation granted, what
custody): they decide which parts of `sentence` exist. A charge that was never filed is an arrest
offense, as the profile models an arrest without a court case.
"""

from __future__ import annotations

import re

from assembler.profile.counties import COUNTIES
from assembler.profile.model import Disposition
from assembler.web import fields as F
from rules.offenses import lookup

DISPOSITIONS = ("convicted_plea", "convicted_verdict", "dismissed", "acquitted", "never_filed",
                "diversion_completed", "dej_completed", "pending")
LEVELS = ("felony", "misdemeanor", "infraction")
CUSTODY = ("none", "jail_1170h_a", "jail_1170h_b", "prison")

CASE_FIELDS: list[F.Field] = [
    F.Choice("county", options=COUNTIES, dont_know=False, words="="),
    F.Text("court_case_number", max_len=40),
    F.Date("arrest.date"),
    F.Text("arrest.agency", max_len=200),
    F.Text("arrest.report_number", max_len=40),
    F.Date("offense_date"),
    F.Date("conviction_date"),
    F.Date("judgment_date"),
]

SENTENCE_FIELDS: list[F.Field] = [
    F.YesNo("sentence_given"),
    F.YesNo("probation_given"),
    F.Choice("sentence.probation.kind", options=("summary", "formal")),
    F.Number("sentence.probation.length_months", high=600),
    F.Date("sentence.probation.start"),
    F.Date("sentence.probation.scheduled_end"),
    F.Date("sentence.probation.ended_on"),
    F.Choice("sentence.probation.outcome",
             options=("completed", "terminated_early", "violated_reinstated", "revoked", "ongoing"),
             dk_value="unknown"),
    F.YesNo("sentence.probation.violations"),
    F.Number("sentence.jail_days", high=40_000),
    F.Choice("custody", options=CUSTODY),
    F.Date("custody_release"),
    F.Date("custody_supervision_end"),
    F.YesNo("fire_camp"),
    F.YesNo("sentence.completed"),
    F.Date("sentence.completed_on"),
    F.YesNo("sentence.fines_paid"),
    F.Choice("sentence.restitution", options=("none_ordered", "paid", "unpaid")),
]

OTHER_FIELDS: list[F.Field] = [
    F.YesNo("new_conviction_since_judgment"),
    F.YesNo("trafficking_victim"),
    F.Text("what_happened", multiline=True, max_len=4000),
]

UI_ONLY = ("sentence_given", "probation_given", "custody", "custody_release", "custody_supervision_end", "fire_camp")


def count_fields(i: int) -> list[F.Field]:
    p = f"counts.{i}."
    return [F.Text(p + "code", max_len=10), F.Text(p + "section", max_len=40), F.Text(p + "description", max_len=200),
            F.Choice(p + "disposition", options=DISPOSITIONS, dk_value="unknown", required=True),
            F.Choice(p + "level_charged", options=LEVELS, words="level"),
            F.Choice(p + "level_convicted", options=LEVELS, words="level"),
            F.YesNo(p + "value_over_950", key="followup.value_over_950")]


def count_indexes(values: dict[str, str]) -> list[int]:
    found = {int(m.group(1)) for k in values if (m := re.fullmatch(r"counts\.(\d+)\.code", k))}
    return sorted(found)


def all_fields(n_counts: int) -> list[F.Field]:
    counts = [f for i in range(n_counts) for f in count_fields(i)]
    return CASE_FIELDS + counts + SENTENCE_FIELDS + OTHER_FIELDS


# --- form -> case -----------------------------------------------------------------------------


def renumber(values: dict[str, str]) -> dict[str, str]:
    """Counts numbered 0..n-1 in order, after one was removed from the middle."""
    out = {k: v for k, v in values.items() if not k.startswith("counts.")}
    for new, old in enumerate(count_indexes(values)):
        for k, v in values.items():
            if k.startswith(f"counts.{old}."):
                out[f"counts.{new}." + k[len(f"counts.{old}."):]] = v
    return out


def case_from_form(values: dict[str, str]) -> tuple[dict, dict[str, str]]:
    """(profile case data, {field path: error key})."""
    n = len(count_indexes(values))
    data, errors = F.read(values, all_fields(n))
    data["jurisdiction"] = "california"
    _required_answers(values, data, errors)
    _counts(data, errors)
    _sentence(data)
    if not any(v not in (None, "", []) for v in (data.get("arrest") or {}).values()):
        data.pop("arrest", None)
    return data, errors


def _required_answers(values: dict[str, str], data: dict, errors: dict[str, str]) -> None:
    """A conviction needs the sentence question answered, and a sentence the probation question:
    left blank they would silently drop the sentence (which "I don't know" does on purpose)."""
    convicted = any(Disposition(c["disposition"]).is_conviction for c in data.get("counts", [])
                    if c and c.get("disposition") in DISPOSITIONS)
    if convicted and not values.get("sentence_given"):
        errors.setdefault("sentence_given", "choose")
    if data.get("sentence_given") is True and not values.get("probation_given"):
        errors.setdefault("probation_given", "choose")


def _counts(data: dict, errors: dict[str, str]) -> None:
    counts = [c for c in data.get("counts", []) if c]
    for c in counts:
        c.setdefault("code", "")
        c.setdefault("section", "")
    if not counts:
        errors.setdefault("offense_query", "no_counts")
    if counts and all(c.get("disposition") == Disposition.never_filed.value for c in counts):
        data.setdefault("arrest", {})["offenses"] = counts
        data["counts"] = []
    else:
        data["counts"] = counts


def _sentence(data: dict) -> None:
    given = data.pop("sentence_given", None)
    probation_given = data.pop("probation_given", None)
    custody = data.pop("custody", None)
    release = data.pop("custody_release", None)
    supervision_end = data.pop("custody_supervision_end", None)
    fire_camp = data.pop("fire_camp", None)
    sentence = data.get("sentence", {})
    if given is not True or probation_given is None:
        # No sentence, or not knowing whether probation was granted: the sentence stays unknown
        # (the rules then ask for it) rather than guessed.
        data.pop("sentence", None)
        return
    if probation_given is False:
        sentence.pop("probation", None)
    else:
        sentence.setdefault("probation", {})
    if custody in ("jail_1170h_a", "jail_1170h_b"):
        sentence["county_jail_1170h"] = {"subparagraph": "A" if custody == "jail_1170h_a" else "B",
                                         "release_date": release,
                                         "mandatory_supervision_end": supervision_end if custody == "jail_1170h_b"
                                         else None}
    elif custody == "prison":
        sentence["state_prison"] = {"release_date": release, "fire_camp": bool(fire_camp)}
    data["sentence"] = sentence


# --- case -> form -----------------------------------------------------------------------------


def case_to_values(case: dict, unknown: set[str]) -> dict[str, str]:
    counts = list(case.get("counts") or []) + list((case.get("arrest") or {}).get("offenses") or [])
    shown = {**case, "counts": counts}
    sentence = case.get("sentence")
    ui: dict = {}
    if sentence is not None:
        ui["sentence_given"] = True
        ui["probation_given"] = sentence.get("probation") is not None
        jail, prison = sentence.get("county_jail_1170h"), sentence.get("state_prison")
        if jail:
            ui["custody"] = "jail_1170h_b" if jail.get("subparagraph") == "B" else "jail_1170h_a"
            ui["custody_release"] = jail.get("release_date")
            ui["custody_supervision_end"] = jail.get("mandatory_supervision_end")
        elif prison:
            ui["custody"] = "prison"
            ui["custody_release"] = prison.get("release_date")
            ui["fire_camp"] = prison.get("fire_camp")
        else:
            ui["custody"] = "none"
    elif counts and not any(Disposition(c.get("disposition", "convicted_plea")).is_conviction for c in counts
                            if c.get("disposition") in Disposition._value2member_map_):
        ui["sentence_given"] = False
    values = F.flatten({**shown, **ui}, all_fields(len(counts)), unknown)
    for key in ("sentence_given", "probation_given"):
        if key in unknown and ui.get(key) is None:
            values[key] = F.DONT_KNOW
    return values


def count_label(values: dict[str, str], i: int, lang: str) -> str | None:
    """The plain name of a charge found in the offense table, else None (the form asks for it)."""
    row = lookup(values.get(f"counts.{i}.code", ""), values.get(f"counts.{i}.section", ""))
    if row is None:
        return None
    return row.plain_es if lang == "es" and row.plain_es else row.plain
