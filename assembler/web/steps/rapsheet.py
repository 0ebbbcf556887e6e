"""Start from my RAP sheet: upload it (or paste it), see each case as read with its sheet line, correct.

The upload is read in memory (never spooled to disk), imported by the same reader as `relief import
rapsheet`, and dropped: the session keeps only the draft it gives and a summary of what was read. A
scan is read by OCR in a worker thread, so the server keeps answering others meanwhile.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool

from assembler.errors import ReliefError
from assembler.profile.model import MAX_CASES
from assembler.web.drafts import draft_from
from assembler.web.pages import Page
from assembler.web.sheet_read import SheetRead, cases_read, general_questions
from assembler.web.uploads import field

router = APIRouter()
MAX_BODY = 6_000_000  # a sheet of up to 5 MB (assembler/rapsheet/files.MAX_BYTES: a scan of a few pages) and the form


@router.get("/rapsheet")
async def sheet_page(request: Request):
    return Page(request).render("rapsheet.html")


@router.post("/rapsheet")
async def sheet_upload(request: Request):
    page = Page(request)
    parts = await page.memory_form()
    upload = parts.get("sheet")
    raw = upload.value if upload is not None and upload.filename else b""
    if not raw:
        raw = field(parts, "pasted").encode("utf-8")
    del parts  # the sheet's bytes live only in `raw` from here on
    if not raw.strip():
        return _again(page, page.t("err.sheet_missing"))
    try:
        imported = await run_in_threadpool(_import, raw, page)
    except ReliefError as exc:
        return _again(page, page.t(_why(exc)))
    del raw
    cases = imported.profile.get("cases") or []
    if len(cases) > MAX_CASES:
        return _again(page, page.t("err.sheet_too_many", n=MAX_CASES))
    loaded = draft_from(imported.profile, page.today)
    page.session.reset()
    page.session.draft = loaded.draft
    page.session.dropped = sorted(set(loaded.dropped) - {"cases"})
    page.session.sheet = SheetRead(cases, loaded.case_slots, loaded.case_problems, dict(imported.source_lines),
                                   list(imported.questions), [dict(label) for label in imported.case_labels])
    return page.redirect("/rapsheet/read")


def _import(raw: bytes, page: Page):
    from assembler.rapsheet import import_text
    from assembler.rapsheet.files import text_of

    name = Path("rap-sheet")  # never the uploaded file's own name: it may be the person's name
    return import_text(text_of(raw, name), name.name, today=page.today)


def _why(exc: ReliefError) -> str:
    """The words for a refusal, in the person's language (the importer's own messages are for the terminal)."""
    from assembler.rapsheet.errors import NoOcr, NotARapSheet, RecordError

    if isinstance(exc, NotARapSheet):
        return "err.sheet_not_a_sheet"
    if isinstance(exc, RecordError):
        return "err.sheet_record_error"
    if isinstance(exc, NoOcr):
        return "err.sheet_no_ocr"
    return "err.sheet_unreadable"


def _again(page: Page, error: str):
    return page.render("rapsheet.html", status=422, sheet_error=error)


@router.get("/rapsheet/read")
async def sheet_read_page(request: Request):
    page = Page(request)
    sheet: SheetRead | None = page.session.sheet
    if sheet is None:
        return page.redirect("/rapsheet")
    return page.render("rapsheet_read.html", cases=cases_read(sheet, page.t),
                       questions=general_questions(sheet, page.lang))
