"""Step 5, review: everything you said, what is missing, what you don't know and how to find it."""

from __future__ import annotations

from fastapi import APIRouter, Request

from assembler.web.pages import Page
from assembler.web.profile_build import build
from assembler.web.summary import case_summary, shown_date
from assembler.web.unknowns import unknowns

router = APIRouter()
STEP_OF = {"petitioner": "about", "cases": "cases", "status": "now", "facts": "story"}


@router.get("/review")
def review_page(request: Request):  # runs in a worker thread, off the event loop
    page = Page(request)
    profile, gaps = build(page.session, page.today, page.t)
    dropped, page.session.dropped = page.session.dropped, []
    return page.render("review.html", dropped=[page.t(f"nav.{STEP_OF[d]}") for d in dropped], problems=[], gaps=gaps, draft=page.draft,
                       cases=[case_summary(c, page.t) for c in page.draft.get("cases") or []],
                       unknowns=unknowns(profile, page.t) if profile else [], ready=profile is not None,
                       birth=shown_date((page.draft.get("petitioner") or {}).get("date_of_birth"), page.t))
