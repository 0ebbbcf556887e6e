"""Step 4, your story: what the declaration says about your life since the case."""

from __future__ import annotations

from fastapi import APIRouter, Request

from assembler.web import fields as F
from assembler.web.pages import Page
from assembler.profile.model import DeclarationFacts
from assembler.web.steps.common import finish, show

router = APIRouter()
TOPICS = ("responsibility", "employment", "education", "family", "treatment", "community_service", "hardship",
          "why_now")
FIELDS: list[F.Field] = [F.Text(name, multiline=True, max_len=4000) for name in TOPICS]


@router.get("/story")
async def story_page(request: Request):
    page = Page(request)
    return show(page, "story.html", FIELDS, F.flatten(page.draft.get("facts") or {}, FIELDS))


@router.post("/story")
async def story_save(request: Request):
    page = Page(request)
    form = await page.form()
    data, errors = F.read(form, FIELDS)
    return finish(page, form, data, errors, model=DeclarationFacts, template="story.html", specs=FIELDS,
                  key="facts", next_url="/review")
