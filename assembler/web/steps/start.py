"""The first page: what this is, what it keeps (nothing), and where to begin or continue."""

from __future__ import annotations

from fastapi import APIRouter, Request

from assembler.web.pages import Page

router = APIRouter()


@router.get("/")
async def start_page(request: Request):
    page = Page(request)
    return page.render("start.html", problems=[])


@router.get("/start-over")
async def start_over_page(request: Request):
    page = Page(request)
    return page.render("confirm.html", title_key="start.erase_title", what="", action="/start-over",
                       button_key="start.erase_yes", back="/")


@router.post("/start-over")
async def start_over(request: Request):
    """Erase every answer; a fresh session (and a new id) starts on the next page."""
    page = Page(request)
    await page.form()
    lang = page.lang
    request.app.state.store.delete(page.session.id)
    fresh = request.app.state.store.create(lang=lang)
    page.session, page.new = fresh, True
    return page.redirect("/?erased=1")
