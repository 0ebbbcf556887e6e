"""The draft in a session -> a Profile, or the problems that stop it, each linked to its step."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import date

from pydantic import ValidationError

from assembler.profile.model import Profile
from assembler.web.checks import describe_error
from assembler.web.fields import html_id
from assembler.web.i18n import Translator
from assembler.web.sessions import Session
from assembler.web.steps.now import UNSAID

STEP_OF = {"petitioner": "/about", "status": "/now", "facts": "/story"}


@dataclass
class Gap:
    """A problem that stops the packet: where to fix it and what to do."""

    url: str
    label: str
    text: str


def profile_data(session: Session) -> dict:
    data = copy.deepcopy(session.draft)
    data.setdefault("petitioner", {})["preferred_language"] = session.lang
    if not data.get("status"):  # "Where you are now" never answered: every answer unknown, never "no"
        data["status"] = dict(UNSAID)
    return data


def build(session: Session, as_of: date, t: Translator) -> tuple[Profile | None, list[Gap]]:
    data = profile_data(session)
    try:
        return Profile.model_validate(data, context={"as_of": as_of}), []
    except ValidationError as exc:
        return None, [_gap(e, t) for e in exc.errors()]


def _gap(error: dict, t: Translator) -> Gap:
    loc = list(error["loc"])
    path, key = describe_error({**error, "loc": ()})
    message = key[1:] if key.startswith("!") else t(f"err.{key}")
    if loc[:1] == ["cases"]:
        if len(loc) == 1:
            return Gap("/cases/new", t("review.no_cases_label"), t("review.no_cases"))
        index = loc[1]
        field = ".".join(str(p) for p in loc[2:]) or path
        return Gap(f"/cases/{index}#{html_id(field)}" if field else f"/cases/{index}",
                   t("case.title_n", n=index + 1), message)
    top = str(loc[0]) if loc else ""
    field = ".".join(str(p) for p in loc[1:])
    url = STEP_OF.get(top, "/about")
    return Gap(f"{url}#{html_id(field)}" if field else url, t(f"nav.{url.strip('/')}"), message)
