"""Files: the packet PDF (the same `assemble` as `relief build`), the answers file, and its upload.

In workshop mode the session is erased as soon as the packet has been made, so nothing is kept.
"""

from __future__ import annotations

import json
from datetime import date

import yaml
from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from assembler.errors import ReliefError
from assembler.profile.model import MAX_CASES
from assembler.profile.reading import Unreadable, parse_bytes
from assembler.web.pages import Page
from assembler.web.profile_build import build, profile_data
from assembler.web.drafts import draft_from
from assembler.web.sessions import COOKIE

router = APIRouter()
ANSWERS = "my-record-clearance-answers"
TOP_KEYS = ("petitioner", "status", "cases", "facts")


@router.post("/packet")
async def packet_download(request: Request):
    from assembler.bundle.pipeline import assemble

    page = Page(request)
    await page.form()
    profile, gaps = build(page.session, page.today, page.t)
    if profile is None:
        return page.redirect("/review")
    try:
        packet = await run_in_threadpool(assemble, profile, page.today, forms="rendition", lang=page.lang)
    except ReliefError as exc:
        return page.render("error.html", status=422, title_key="error.packet_title", text_key="error.packet_text",
                           detail=str(exc))
    if packet.pdf is None:
        return page.render("error.html", status=200, title_key="error.no_packet_title",
                           text_key="error.no_packet_text")
    response = Response(packet.pdf, media_type="application/pdf",
                        headers={"Content-Disposition": 'attachment; filename="record-clearance-packet.pdf"'})
    if page.workshop:
        request.app.state.store.delete(page.session.id)
        response.delete_cookie(COOKIE, path="/")
        return response
    return page.keep(response)


@router.get("/answers.yaml")
async def answers_yaml(request: Request):
    page = Page(request)
    text = "# Your answers for the California record clearance interview. Keep this file private.\n"
    text += yaml.safe_dump(_clean(profile_data(page.session)), allow_unicode=True, sort_keys=False)
    return page.keep(Response(text.encode(), media_type="application/x-yaml",
                              headers={"Content-Disposition": f'attachment; filename="{ANSWERS}.yaml"'}))


@router.get("/answers.json")
async def answers_json(request: Request):
    page = Page(request)
    body = json.dumps(_clean(profile_data(page.session)), indent=2, ensure_ascii=False)
    return page.keep(Response(body.encode(), media_type="application/json",
                              headers={"Content-Disposition": f'attachment; filename="{ANSWERS}.json"'}))


@router.post("/upload")
async def upload(request: Request):
    page = Page(request)
    form = await page.raw_form()
    upload_file = form.get("answers")
    raw = await upload_file.read() if hasattr(upload_file, "read") else b""
    data, dropped = _parse(raw, page.today)
    if data is None:
        return page.render("start.html", status=422, problems=[], upload_error=page.t("err.upload"))
    page.session.reset()
    page.session.draft = data  # the language on screen stays the one the person chose
    page.session.dropped = sorted(set(dropped))
    return page.redirect("/review")


def _parse(raw: bytes, as_of: date) -> tuple[dict | None, list[str]]:
    """A profile file (YAML or JSON) -> (draft, the parts that could not be read); see web/drafts.py."""
    try:
        data = parse_bytes(raw)  # strict: no aliases, no duplicate keys, size and depth capped
    except Unreadable:
        return None, []
    if not isinstance(data, dict) or not data or not set(data) <= set(TOP_KEYS):
        return None, []
    if isinstance(data.get("cases"), list) and len(data["cases"]) > MAX_CASES:
        return None, []
    loaded = draft_from(data, as_of)
    if loaded.dropped and loaded.empty:
        return None, []
    return loaded.draft, loaded.dropped


def _clean(value):
    """Leave out empty answers; a None stays, since "I don't know" is an answer (null in the file)."""
    if isinstance(value, dict):
        out = {k: _clean(v) for k, v in value.items()}
        return {k: v for k, v in out.items() if v not in ([], {}, "")}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value
