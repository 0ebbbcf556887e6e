"""Short descriptions of the answers, for the case list and the review page."""

from __future__ import annotations

from dataclasses import dataclass, field

from assembler.web.fields import parse_date
from assembler.web.i18n import Translator
from rules.offenses import lookup


@dataclass
class CaseSummary:
    title: str
    county: str
    charges: list[str] = field(default_factory=list)


def case_summary(case: dict, t: Translator) -> CaseSummary:
    arrest = case.get("arrest") or {}
    counts = list(case.get("counts") or []) + list(arrest.get("offenses") or [])
    if case.get("court_case_number"):
        title = t("case.title_number", number=case["court_case_number"])
    elif arrest.get("date"):
        title = t("case.title_arrest", date=t.date(parse_date(str(arrest["date"]))) or arrest["date"])
    else:
        title = t("case.title_plain")
    return CaseSummary(title=title, county=case.get("county") or "", charges=[charge_name(c, t) for c in counts])


def charge_name(count: dict, t: Translator) -> str:
    code, section = count.get("code") or "", count.get("section") or ""
    row = lookup(code, section) if code and section else None
    if row is not None:
        name = row.plain_es if t.lang == "es" and row.plain_es else row.plain
    else:
        name = count.get("description") or t("case.unknown_charge")
    label = f"{code} {section}".strip()
    outcome = count.get("disposition")
    words = f"{name} ({label})" if label else name
    return f"{words}: {t(f'opt.counts.disposition.{outcome}')}" if outcome else words


def shown_date(value, t: Translator) -> str:
    """An ISO date from the draft in the person's words ("September 30, 1986")."""
    parsed = parse_date(str(value)) if value else None
    return t.date(parsed) if parsed else ""
