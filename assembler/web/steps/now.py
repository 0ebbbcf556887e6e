"""Step 3, where you are now: pending cases, probation or parole, custody, registration."""

from __future__ import annotations

from fastapi import APIRouter, Request

from assembler.profile.model import Status
from assembler.web import fields as F
from assembler.web.pages import Page
from assembler.web.steps.common import finish, show, unknown_under

router = APIRouter()
PREFIX = "status."
SUPERVISION = ("none", "probation", "parole", "prcs", "mandatory_supervision", "federal")

FIELDS: list[F.Field] = [
    F.YesNo("pending_given"),
    F.Text("pending_charges.0.description", max_len=300),
    F.Text("pending_charges.0.case_number", max_len=40),
    F.Text("pending_charges.0.court", max_len=100),
    F.Choice("supervision_kind", options=SUPERVISION, dk_value="unknown"),
    F.Text("supervision.0.case_number", max_len=40),
    F.Text("supervision.0.county", max_len=60),
    F.Date("supervision.0.ends_on"),
    F.YesNo("serving_sentence"),
    F.YesNo("registrant_290"),
    F.YesNo("super_strike_prior"),
    F.Date("california_resident_since"),
]


@router.get("/now")
async def now_page(request: Request):
    page = Page(request)
    return show(page, "now.html", FIELDS, to_values(page.draft.get("status") or {}, unknown_under(page, PREFIX)))


@router.post("/now")
async def now_save(request: Request):
    page = Page(request)
    form = await page.form()
    data, errors = from_form(form)
    return finish(page, form, data, errors, model=Status, template="now.html", specs=FIELDS, key="status",
                  next_url="/story")


# A question left blank is unknown, never "no": the profile's own default for these is "no".
UNSAID = {"pending_charges_unknown": True, "supervision_unknown": True, "serving_sentence": None,
          "registrant_290": None, "super_strike_prior": None}


def from_form(form: dict) -> tuple[dict, dict[str, str]]:
    data, errors = F.read(form, FIELDS)
    for name in ("serving_sentence", "registrant_290", "super_strike_prior"):
        data.setdefault(name, None)
    _pending(data)
    _supervision(data)
    return data, errors


def _pending(data: dict) -> None:
    pending = data.pop("pending_given", None)
    data["pending_charges_unknown"] = pending is None
    if pending is True:
        data["pending_charges"] = [c for c in data.get("pending_charges", []) if c] or [{}]
    elif pending is False:
        data["pending_charges"] = []
    else:
        data.pop("pending_charges", None)


def _supervision(data: dict) -> None:
    kind = data.pop("supervision_kind", None)
    data["supervision_unknown"] = kind in (None, "unknown")
    if kind == "none":
        data["supervision"] = []
    elif kind in (None, "unknown"):
        data.pop("supervision", None)
    else:
        first = (data.get("supervision") or [{}])[0] or {}
        data["supervision"] = [{**first, "kind": kind}]


def to_values(status: dict, unknown: set[str]) -> dict[str, str]:
    shown = dict(status)
    if status.get("pending_charges"):
        shown["pending_given"] = True
    elif "pending_charges" in status and not status.get("pending_charges_unknown"):
        shown["pending_given"] = False
    supervision = status.get("supervision") or []
    if supervision:
        shown["supervision_kind"] = supervision[0].get("kind")
    elif status.get("supervision_unknown"):
        shown["supervision_kind"] = "unknown"
    elif "supervision" in status:
        shown["supervision_kind"] = "none"
    values = F.flatten(shown, FIELDS, unknown)
    if status.get("pending_charges_unknown"):
        values["pending_given"] = F.DONT_KNOW
    return values
