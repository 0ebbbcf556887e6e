"""Step 1, about you: name, other names, birth date, mailing address, phone, e-mail."""

from __future__ import annotations

from fastapi import APIRouter, Request

from assembler.profile.model import Petitioner
from assembler.web import fields as F
from assembler.web.pages import Page
from assembler.web.steps.common import finish, show, unknown_under

router = APIRouter()
PREFIX = "petitioner."

FIELDS: list[F.Field] = [
    F.Text("legal_name", required=True, max_len=200),
    F.Text("last_names", max_len=120),
    F.Lines("other_names"),
    F.Date("date_of_birth"),
    F.Text("mailing_address.street", max_len=200),
    F.Text("mailing_address.unit", max_len=100),
    F.Text("mailing_address.city", max_len=100),
    F.Text("mailing_address.zip", max_len=10),
    F.Text("phone", max_len=40),
    F.Text("email", max_len=200),
]


@router.get("/about")
async def about_page(request: Request):
    page = Page(request)
    petitioner = page.draft.get("petitioner") or {}
    return show(page, "about.html", FIELDS, F.flatten(petitioner, FIELDS, unknown_under(page, PREFIX)))


@router.post("/about")
async def about_save(request: Request):
    page = Page(request)
    form = await page.form()
    data, errors = F.read(form, FIELDS)
    address = data.get("mailing_address")
    if address:
        for part in ("street", "city"):
            if not address.get(part):
                errors.setdefault(f"mailing_address.{part}", "address_part")
        address["state"] = "CA"
    data["preferred_language"] = page.lang
    return finish(page, form, data, errors, model=Petitioner, template="about.html", specs=FIELDS,
                  key="petitioner", next_url="/cases")
