"""Results: per case what to ask for, must or may, when and why; what it does; who can help."""

from __future__ import annotations

from fastapi import APIRouter, Request

from assembler.web.askable import answered_before, open_questions, still_to_answer
from assembler.web.pages import Page
from assembler.web.profile_build import build
from assembler.web.results_view import next_steps, results
from assembler.web.unknowns import unknowns
from rules.engine import assess

router = APIRouter()


@router.get("/results")
def results_page(request: Request):  # a plain def: FastAPI runs it in a worker thread, off the event loop
    page = Page(request)
    profile, gaps = build(page.session, page.today, page.t)
    if profile is None:
        return page.redirect("/review")
    assessment = assess(profile, page.today)
    views = results(profile, assessment, page.t)
    asks = open_questions(assessment, page.draft)
    earlier = answered_before(page.session.followed_up, page.draft, asks)
    return page.render("results.html", problems=[], cases=views, followup_total=len(asks) + len(earlier),
                       followup_left=len(still_to_answer(asks, page.session.unknown)),
                       steps_in_order=next_steps(assessment, views, page.t), unknowns=unknowns(profile, page.t),
                       as_of=page.t.date(page.today))
