"""The packet's words outside the catalogue: the jinja2 environment for templates/ and dates in words.

Both the plan (declarations) and the rendered pages (instructions) write from templates/, so the
environment lives here, below both.
"""

from __future__ import annotations

import functools
from datetime import date

import jinja2

from assembler.profile.model import Case
from assembler.plan.service import SERVICE_LEAD_DAYS
from rules import messages


@functools.cache
def template_env() -> jinja2.Environment:
    """The jinja2 environment for everything under templates/ (plain text, strict); one per process, so
    each template is compiled once, not once per packet."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("templates", "."),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
        extensions=["jinja2.ext.do"],
    )
    env.filters["longdate"] = long_date
    env.globals["lead"] = SERVICE_LEAD_DAYS
    return env


def long_date(value: date, lang: str = "en") -> str:
    return messages.long_date(value, lang)


def case_title(case: Case, index: int, lang: str = "en") -> str:
    """A case as a person and a clerk name it: its court number, else "Arrest on June 11, 2022"; never
    the internal key."""
    if case.court_case_number:
        return case.court_case_number
    if case.arrest and case.arrest.date and case.arrest.agency:
        return messages.text("packet.case.arrest_by", lang, date=case.arrest.date, agency=case.arrest.agency)
    if case.arrest and case.arrest.date:
        return messages.text("packet.case.arrest_on", lang, date=case.arrest.date)
    return messages.text("packet.case.numbered", lang, n=index + 1)
