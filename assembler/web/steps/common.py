"""What every step page does: show fields from the draft, read them back, list the errors."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel

from assembler.web import fields as F
from assembler.web.askable import keep_answers
from assembler.web.checks import model_errors
from assembler.web.pages import Page
from assembler.web.views import field_views


@dataclass
class Problem:
    """One line of the error summary: a link to the field and what to fix."""

    id: str
    label: str
    text: str


def show(page: Page, template: str, specs: list[F.Field], values: dict[str, str],
         errors: dict[str, str] | None = None, status: int = 200, **context):
    errors = errors or {}
    values = page.typed() or values  # answers typed before the language switch, not yet saved
    views = field_views(specs, values, errors, page.t)
    summary = [Problem(v.id, v.label, v.error) for v in views.values() if v.error]
    summary += [Problem(F.html_id(path) if path else "", page.t("err.general"),
                        page.t(f"err.{key}") if not key.startswith("!") else key[1:])
                for path, key in errors.items() if path not in views]
    return page.render(template, status=status, f=views, values=values, problems=summary, **context)


def remember_unknown(page: Page, prefix: str, form: dict, specs: list[F.Field]) -> None:
    """Keep which answers were "I don't know", so the form shows them ticked next time."""
    page.session.unknown = {p for p in page.session.unknown if not p.startswith(prefix)}
    page.session.unknown |= {prefix + p for p in F.dont_knows(form, specs)}


def unknown_under(page: Page, prefix: str) -> set[str]:
    return {p[len(prefix):] for p in page.session.unknown if p.startswith(prefix)}


def finish(page: Page, form: dict, data: dict, errors: dict[str, str], *, model: type[BaseModel], template: str,
           specs: list[F.Field], key: str, next_url: str):
    """Keep the step's answers in the draft and go on, or show the page again with its errors."""
    for path, error in model_errors(model, data, page.today).items():  # every problem at once
        errors.setdefault(path, error)
    if errors:
        return show(page, template, specs, form, errors, status=422)
    remember_unknown(page, key + ".", form, specs)
    page.draft[key] = keep_answers(key, page.draft.get(key), data)  # follow-up answers this step does not show
    return page.redirect(next_url)
