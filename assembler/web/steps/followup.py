"""Follow-up, "What we still need to know": the facts a decision needs, asked only when it needs them.

The results are assessed from the draft; every open question whose field is in the registry
(`assembler.web.askable.REGISTRY`) is asked once, with the case and the charge it is about. An answer
is written into the draft at the field's own path; "I don't know" writes null, which keeps the answer
`needs_review`, and is remembered so the form shows it ticked.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import date

from fastapi import APIRouter, Request

from assembler.profile.model import Profile
from assembler.web import fields as F
from assembler.web.askable import (Ask, NumberOrDontKnow, answered_before, assessed_questions, case_title,
                                   charge_title, put)
from assembler.web.checks import model_errors
from assembler.web.pages import Page
from assembler.web.profile_build import build
from assembler.web.steps.common import Problem
from assembler.web.views import FieldView, field_view

router = APIRouter()


@dataclass
class Part:
    """The questions about one charge, or about the case or the person as a whole (charge "")."""

    charge: str
    fields: list[FieldView] = field(default_factory=list)


@dataclass
class Group:
    title: str
    parts: list[Part] = field(default_factory=list)


@router.get("/followup")
def followup_page(request: Request):  # runs in a worker thread, off the event loop
    page = Page(request)
    profile, _ = build(page.session, page.today, page.t)
    if profile is None:
        return page.redirect("/review")
    asks = _questions(page, profile)
    return _show(page, asks, _values(page, asks))


@router.post("/followup")
async def followup_save(request: Request):
    page = Page(request)
    form = await page.form()
    profile, _ = build(page.session, page.today, page.t)
    if profile is None:
        return page.redirect("/review")
    asks = _questions(page, profile)
    answers, errors = _read(asks, form, page.today)
    draft = copy.deepcopy(page.draft)
    for ask, value in answers:
        put(draft, ask.path, value)
    if not errors:  # the answers fit the profile (they should: each comes from a fixed list or a date)
        data = copy.deepcopy(draft)
        data.setdefault("petitioner", {})["preferred_language"] = page.lang
        errors = model_errors(Profile, data, page.today)
    if errors:
        return _show(page, asks, form, errors, status=422)
    page.session.draft = draft
    asked = {a.path for a in asks}
    dont_know = {a.path for a in asks if _said_dont_know(a, form)}
    page.session.unknown = (page.session.unknown - asked) | dont_know
    page.session.followed_up |= dont_know | {a.path for a, value in answers if value is not None}
    return page.redirect("/results")


def _questions(page: Page, profile: Profile) -> list[Ask]:
    """The open questions, and the follow-up answers given before (so a wrong one can be changed)."""
    asks = assessed_questions(profile, page.draft, page.today)
    return sorted(asks + answered_before(page.session.followed_up, page.draft, asks), key=lambda a: a.order)


def _read(asks: list[Ask], form: dict, today: date) -> tuple[list[tuple[Ask, object]], dict[str, str]]:
    answers, errors = [], {}
    for ask in asks:
        spec = ask.spec
        value, error = spec.read(form)
        if error is None and isinstance(spec, F.Date) and value and date.fromisoformat(value) > today:
            error = "future"
        if error:
            errors[ask.path] = error
        elif value is not F._MISSING:
            answers.append((ask, ask.entry.convert(value)))
    return answers, errors


def _said_dont_know(ask: Ask, form: dict) -> bool:
    spec = ask.spec
    if isinstance(spec, (F.Date, NumberOrDontKnow)):
        return bool(form.get(spec.path + F.DK_SUFFIX))
    return str(form.get(spec.path, "")) == F.DONT_KNOW


def _values(page: Page, asks: list[Ask]) -> dict[str, str]:
    specs = [a.spec for a in asks]
    values = F.flatten(page.draft, specs, page.session.unknown)
    for spec in specs:
        if isinstance(spec, NumberOrDontKnow) and spec.path in page.session.unknown \
                and F.get_path(page.draft, spec.path) is None:
            values[spec.path + F.DK_SUFFIX] = "1"
    return values


def _show(page: Page, asks: list[Ask], values: dict[str, str], errors: dict[str, str] | None = None,
          status: int = 200):
    errors = errors or {}
    t = page.t
    groups: list[Group] = []
    views: list[FieldView] = []
    for ask in asks:
        view = _view(ask, values, errors, page)
        views.append(view)
        if ask.case is None:
            title = t("followup.about_you")
        else:
            title = case_title(page.draft["cases"][ask.case], ask.case, t)
            county = page.draft["cases"][ask.case].get("county")
            if county:
                title = f"{title} · {t('case.county_of', county=county)}"
        if not groups or groups[-1].title != title:
            groups.append(Group(title))
        charge = charge_title(F.get_path(page.draft, ask.count), t) if ask.count else ""
        parts = groups[-1].parts
        if not parts or parts[-1].charge != charge:
            parts.append(Part(charge))
        parts[-1].fields.append(view)
    summary = [Problem(v.id, v.label, v.error) for v in views if v.error]
    shown = {v.name for v in views}
    summary += [Problem("", t("err.general"), t(f"err.{key}") if not key.startswith("!") else key[1:])
                for path, key in errors.items() if path not in shown]
    still_open = [a for a in asks if a.path not in page.session.followed_up]
    return page.render("followup.html", status=status, groups=groups, problems=summary, still_open=len(still_open))


def _view(ask: Ask, values: dict[str, str], errors: dict[str, str], page: Page) -> FieldView:
    spec = ask.spec
    view = field_view(spec, values, errors, page.t)
    if isinstance(spec, NumberOrDontKnow):
        view.dk_name = spec.path + F.DK_SUFFIX
        view.dk_checked = bool(values.get(view.dk_name))
    if view.kind == "select":  # a few more choices than usual: still all on view, easier on a phone
        view.kind = "radios"
    return view
