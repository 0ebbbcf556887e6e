"""Step 2, your cases: the list, and one form per case (court, charges, sentence, probation)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.exceptions import HTTPException

from assembler.profile.model import Case
from assembler.web import fields as F
from assembler.web.askable import keep_case_answers
from assembler.web.checks import model_errors
from assembler.web.offense_search import find, search
from assembler.web.pages import Page
from assembler.web.steps import case_parts as P
from assembler.web.steps.case_form import all_fields, case_from_form, case_to_values, count_indexes, \
    count_label, renumber
from assembler.web.steps.common import remember_unknown, show, unknown_under
from assembler.web.summary import case_summary
from rules.offenses import lookup

router = APIRouter()

PICKER_FIELDS: list[F.Field] = [
    F.Text("offense_query", max_len=100),
    F.Choice("other_code", options=("PC", "HS", "VC", "BP", "WI")),
    F.Text("other_section", max_len=40),
    F.Text("other_description", max_len=200),
]


@router.get("/cases")
async def cases_page(request: Request):
    page = Page(request)
    cases = page.draft.get("cases") or []
    return page.render("cases.html", problems=[], cases=[case_summary(c, page.t) for c in cases])


@router.get("/cases/new")
async def new_case_page(request: Request):
    page = Page(request)
    values = page.typed() or {"sentence_given": ""}
    return _show(page, None, values, part=values.get("part"))


@router.get("/cases/{index}")
async def case_page(request: Request, index: int):
    page = Page(request)
    case = _case(page, index)
    values = page.typed() or case_to_values(case, unknown_under(page, f"cases.{index}."))
    return _show(page, index, values, part=values.get("part") or request.query_params.get("part"))


@router.post("/cases/new")
async def new_case_post(request: Request):
    return await _post(Page(request), None)


@router.post("/cases/{index}")
async def case_post(request: Request, index: int):
    page = Page(request)
    _case(page, index)
    return await _post(page, index)


@router.get("/cases/{index}/remove")
async def case_remove_page(request: Request, index: int):
    page = Page(request)
    case = _case(page, index)
    return page.render("confirm.html", title_key="cases.remove_title", what=case_summary(case, page.t).title,
                       action=f"/cases/{index}/remove", button_key="cases.remove_yes", back="/cases")


@router.post("/cases/{index}/remove")
async def case_remove(request: Request, index: int):
    page = Page(request)
    await page.form()
    _case(page, index)
    del page.draft["cases"][index]
    page.session.unknown = {p for p in page.session.unknown if not p.startswith("cases.")}
    page.session.followed_up = {p for p in page.session.followed_up if not p.startswith("cases.")}
    return page.redirect("/cases")


def _case(page: Page, index: int) -> dict:
    cases = page.draft.get("cases") or []
    if not 0 <= index < len(cases):
        raise HTTPException(404)
    return cases[index]


async def _post(page: Page, index: int | None):
    form = await page.form()
    action = form.pop("action", "save")
    form.pop("csrf", None)
    part = P.chosen(form.pop("part", None), form)
    values, errors, hits, note = renumber(dict(form)), {}, [], ""
    if action == "search" and not values.get("offense_query", "").strip():
        # Enter pressed outside the search box: the form's default button is Search
        action = "next" if P.after(part, values) else "save"
    if action == "search":
        hits = search(values.get("offense_query", ""), page.lang)
        if not hits:
            note = page.t("err.no_hits")
    elif action == "add_pick":
        row = find(values.get("offense_pick", ""))
        if row is None:
            errors["offense_pick"] = "pick"
            hits = search(values.get("offense_query", ""), page.lang)
        else:
            _add_count(values, row.code, row.section, row.description)
            values["offense_query"] = ""
    elif action == "add_other":
        if not (values.get("other_description", "").strip() or values.get("other_section", "").strip()):
            errors["other_description"] = "other_offense"
        else:
            code = values.get("other_code", "")
            _add_count(values, code if code != F.DONT_KNOW else "", values.get("other_section", ""),
                       values.get("other_description", ""))
            for key in ("other_code", "other_section", "other_description"):
                values.pop(key, None)
    elif action.startswith("remove:"):
        gone = action.removeprefix("remove:")
        values = renumber({k: v for k, v in values.items() if not k.startswith(f"counts.{gone}.")})
    elif action == "back":
        return _show(page, index, values, part=P.before(part, values))
    elif action == "next" and P.after(part, values):
        return _next(page, index, values, part)
    else:
        return _save(page, index, values)
    return _show(page, index, values, errors, hits=hits, note=note, part="charges")


def _add_count(values: dict[str, str], code: str, section: str, description: str) -> None:
    n = len(count_indexes(values))
    values.update({f"counts.{n}.code": code.strip().upper(), f"counts.{n}.section": section.strip(),
                   f"counts.{n}.description": " ".join(description.split())})


def _problems(page: Page, values: dict[str, str]) -> tuple[dict, dict[str, str]]:
    data, errors = case_from_form(values)
    for path, error in model_errors(Case, data, page.today).items():  # every problem at once
        errors.setdefault(_form_path(path), error)
    return data, errors


def _next(page: Page, index: int | None, values: dict[str, str], part: str):
    """Check the parts answered so far and show the next part that applies; later parts wait their turn."""
    values = P.applicable(values)
    _, errors = _problems(page, values)
    done = P.PARTS[: P.PARTS.index(part) + 1]
    errors = {path: e for path, e in errors.items() if P.part_of(path) in done}
    if errors:
        return _show(page, index, values, errors, status=422, part=_first_part(errors))
    return _show(page, index, values, part=P.after(part, values))


def _first_part(errors: dict[str, str]) -> str:
    return min((P.part_of(path) for path in errors), key=P.PARTS.index)


def _save(page: Page, index: int | None, values: dict[str, str]):
    values = P.applicable(values)
    data, errors = _problems(page, values)
    if errors:
        return _show(page, index, values, errors, status=422, part=_first_part(errors))
    cases = page.draft.setdefault("cases", [])
    if index is None:
        cases.append(data)
        index = len(cases) - 1
    else:
        cases[index] = keep_case_answers(cases[index], data)  # follow-up answers the form does not show
    remember_unknown(page, f"cases.{index}.", values, all_fields(len(count_indexes(values))))
    for key in ("sentence_given", "probation_given"):
        if values.get(key) == F.DONT_KNOW:
            page.session.unknown.add(f"cases.{index}.{key}")
    return page.redirect("/cases")


def _form_path(path: str) -> str:
    """An error on an arrest offense belongs to the charge it came from."""
    return path.replace("arrest.offenses.", "counts.", 1)


def _turns_on_value(code: str, section: str) -> bool:
    """An offense whose Prop 47 answer turns on the value taken (Pen. Code §§ 490.2, 496(a), 1170.18):
    the question comes with the pick, not only later."""
    row = lookup(code, section) if code and section else None
    return bool(row and row.prop47_predicate == "value_950")


def _show(page: Page, index: int | None, values: dict[str, str], errors: dict[str, str] | None = None,
          hits=(), status: int = 200, note: str = "", part: str | None = None):
    part = P.chosen(part, values)
    errors = {path: e for path, e in (errors or {}).items() if P.part_of(path) == part}
    indexes = count_indexes(values)
    specs = all_fields(len(indexes)) + PICKER_FIELDS
    counts = [{"index": i, "name": count_label(values, i, page.lang),
               "code": values.get(f"counts.{i}.code", ""), "section": values.get(f"counts.{i}.section", ""),
               "description": values.get(f"counts.{i}.description", ""),
               "asks_value": _turns_on_value(values.get(f"counts.{i}.code", ""), values.get(f"counts.{i}.section", ""))}
              for i in indexes]
    action = "/cases/new" if index is None else f"/cases/{index}"
    return show(page, "case.html", specs, values, errors, status=status, counts=counts, hits=list(hits),
                action=action, case_number=(index + 1) if index is not None else len(page.draft.get("cases") or []) + 1,
                picked=values.get("offense_pick", ""), search_note=note,
                pick_error=page.t("err.pick") if (errors or {}).get("offense_pick") else "",
                part=part, part_number=P.parts(values).index(part) + 1, part_count=len(P.parts(values)),
                sections=P.sections(part, values), shown=set(P.part_fields(part, values)),
                carried=P.carried(values, part), last_part=P.after(part, values) is None)
