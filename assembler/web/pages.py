"""Per-request plumbing: the session and language, rendering a page, redirects, checked forms."""

from __future__ import annotations

from datetime import date
from importlib import resources
from urllib.parse import urlencode

import jinja2
from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse

from assembler.web import csrf
from assembler.web.fields import posted
from assembler.web.i18n import LANGS, Translator
from assembler.web.sessions import COOKIE, Session
from assembler.web.uploads import Part, field, parse_form

STEPS = ("about", "cases", "now", "story", "review", "results")


class CsrfRejected(Exception):
    """A POST without the session's token: refused, nothing changed."""


SWITCH = "_switch_lang"  # the language switch's name when it submits a step's form


class LanguageSwitch(Exception):
    def __init__(self, path: str):
        self.path = path


class Page:
    """The session, language and words for one request."""

    def __init__(self, request: Request):
        self.request = request
        store = request.app.state.store
        self.session: Session | None = store.get(request.cookies.get(COOKIE))
        self.new = self.session is None
        wanted = request.query_params.get("lang")
        if self.session is None:
            self.session = store.create(lang=wanted if wanted in LANGS else _accepts_spanish(request))
        elif wanted in LANGS:
            self.session.lang = wanted
        self.t = Translator(self.session.lang)

    @property
    def lang(self) -> str:
        return self.t.lang

    @property
    def workshop(self) -> bool:
        return self.request.app.state.workshop

    @property
    def today(self) -> date:
        return self.request.app.state.today()

    @property
    def draft(self) -> dict:
        return self.session.draft

    def other_lang_url(self) -> str:
        other = "es" if self.lang == "en" else "en"
        query = {k: v for k, v in self.request.query_params.items() if k != "lang"}
        query["lang"] = other
        return f"{self.request.url.path}?{urlencode(query)}"

    def render(self, template: str, status: int = 200, **context) -> HTMLResponse:
        context.setdefault("problems", [])
        html = environment().get_template(template).render(page=self, t=self.t, csrf=self.session.csrf,
                                                           steps=STEPS, **context)
        return self.keep(HTMLResponse(html, status_code=status))

    def redirect(self, url: str) -> RedirectResponse:
        return self.keep(RedirectResponse(url, status_code=303))

    def keep(self, response):
        if self.new:
            response.set_cookie(COOKIE, self.session.id, httponly=True, samesite="strict", path="/")
        return response

    async def form(self) -> dict[str, str]:
        """The posted fields, after checking the CSRF token (raises CsrfRejected). A press of the language
        switch on a step (it submits the step's form) keeps what was typed and shows the step again in the
        other language, saving nothing (raises LanguageSwitch)."""
        data = await self.request.form()
        if self.new or not csrf.valid(self.session, data.get(csrf.FIELD)):
            raise CsrfRejected
        fields = posted(data)
        wanted = fields.pop(SWITCH, None)
        if wanted in LANGS:
            fields.pop(csrf.FIELD, None)
            self.session.lang = wanted
            self.session.typed[self.request.url.path] = fields
            raise LanguageSwitch(self.request.url.path)
        return fields

    def typed(self) -> dict[str, str] | None:
        """What was typed on this step before a language switch, once."""
        return self.session.typed.pop(self.request.url.path, None)

    async def memory_form(self) -> dict[str, Part]:
        """A multipart post parsed in memory, never spooled to disk (a RAP sheet upload), CSRF-checked."""
        parts = parse_form(await self.request.body(), self.request.headers.get("content-type", ""))
        if self.new or not csrf.valid(self.session, field(parts, csrf.FIELD)):
            raise CsrfRejected
        return parts

    async def raw_form(self):
        data = await self.request.form()
        if self.new or not csrf.valid(self.session, data.get(csrf.FIELD)):
            raise CsrfRejected
        return data


def _accepts_spanish(request: Request) -> str:
    accept = request.headers.get("accept-language", "").lower()
    first = accept.split(",")[0].strip()
    return "es" if first.startswith("es") else "en"


_env: jinja2.Environment | None = None


def environment() -> jinja2.Environment:
    global _env
    if _env is None:
        folder = resources.files("templates") / "web"
        _env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(folder)), autoescape=True,
                                  trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)
    return _env
