"""The web interview application: `create_app(workshop=..., today=...)`."""

from __future__ import annotations

from datetime import date
from importlib import resources
from typing import Callable

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from assembler.web.pages import CsrfRejected, LanguageSwitch, Page
from assembler.web.security import SecurityMiddleware
from assembler.web.sessions import SessionStore


def create_app(*, workshop: bool = False, today: Callable[[], date] = date.today,
               store: SessionStore | None = None) -> FastAPI:
    """`today` is read per request (never frozen at import), so results are as of the day asked."""
    from assembler.web.steps import about, cases, downloads, followup, now, rapsheet, results, review, start, story

    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)
    app.state.workshop = workshop
    app.state.today = today
    app.state.store = store or SessionStore()
    app.add_middleware(SecurityMiddleware, larger={"/rapsheet": rapsheet.MAX_BODY})
    static = resources.files("templates") / "web" / "static"
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    for module in (start, rapsheet, about, cases, now, story, review, results, followup, downloads):
        app.include_router(module.router)

    @app.exception_handler(CsrfRejected)
    async def _csrf(request: Request, exc: CsrfRejected):
        return Page(request).render("error.html", status=403, title_key="error.csrf_title",
                                    text_key="error.csrf_text")

    @app.exception_handler(LanguageSwitch)
    async def _switch(request: Request, exc: LanguageSwitch):
        return RedirectResponse(exc.path, status_code=303)

    @app.exception_handler(HTTPException)
    async def _http(request: Request, exc: HTTPException):
        if exc.status_code == 404:
            return Page(request).render("error.html", status=404, title_key="error.missing_title",
                                        text_key="error.missing_text")
        return Page(request).render("error.html", status=exc.status_code, title_key="error.other_title",
                                    text_key="error.other_text")

    return app
