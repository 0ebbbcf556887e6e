"""The assessment in plain words: per case what to ask for, must or may, when, why, and who helps."""

from __future__ import annotations

from dataclasses import dataclass, field

from assembler.profile.counties import county_profile
from assembler.profile.model import Profile
from assembler.web.i18n import Translator
from rules import messages
from rules.decision import Assessment, CaseResult, Decision, Status

AUTO_CITES = ("1203.425", "851.93", "11361.9")


@dataclass
class RemedyView:
    remedy: str
    name: str
    status: str
    status_text: str
    when: str
    forms: list[str]
    blockers: list[str]
    reasons: list[tuple[str, str]]


@dataclass
class Contact:
    kind: str
    name: str
    phone: str | None = None
    url: str | None = None
    address: str | None = None


@dataclass
class CaseView:
    title: str
    county: str | None
    remedies: list[RemedyView] = field(default_factory=list)
    ruled_out: list[RemedyView] = field(default_factory=list)
    automatic: list[tuple[str, str]] = field(default_factory=list)
    effects: list[tuple[str, str]] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    needs_review: bool = False


def results(profile: Profile, assessment: Assessment, t: Translator) -> list[CaseView]:
    return [_case(i, case, result, t) for i, (case, result) in enumerate(zip(profile.cases, assessment.cases))]


def next_steps(assessment: Assessment, views: list[CaseView], t: Translator) -> list[str]:
    """The recommended order, in words: "Dismiss the conviction … – Case 9CJ01234"."""
    titles = {}
    for i, (result, view) in enumerate(zip(assessment.cases, views)):
        titles[f"case{i + 1}"] = view.title
        if result.case_number:
            titles[result.case_number] = view.title
    out = []
    for item in assessment.recommended_order:
        remedy, _, label = item.partition("@")
        out.append(t("results.step", remedy=t(f"remedy.{remedy}"), case=titles.get(label, label)))
    return out


def _case(i: int, case, result: CaseResult, t: Translator) -> CaseView:
    title = (t("case.title_number", number=case.court_case_number) if case.court_case_number
             else t("case.title_arrest", date=t.date(case.arrest.date)) if case.arrest and case.arrest.date
             else t("case.title_n", n=i + 1))
    view = CaseView(title=title, county=case.county)
    for decision in result.remedies:
        remedy = _remedy(decision, t)
        (view.remedies if decision.actionable else view.ruled_out).append(remedy)
    view.needs_review = any(d.status is Status.needs_review for d in result.remedies)
    view.effects = [(messages.render(n, t.lang), n.cite) for n in result.notices
                    if not any(c in n.cite for c in AUTO_CITES)]
    view.automatic = [(t(f"flag.{f}"), _auto_cite(f)) for f in result.flags if f.startswith("AUTO_RELIEF")]
    view.contacts = contacts(case.county)
    return view


def _remedy(decision: Decision, t: Translator) -> RemedyView:
    if decision.status is Status.ineligible:
        when = t("when.never")
    elif decision.status is Status.needs_review and decision.eligible_now:
        when = t("when.check")
    elif decision.eligible_now:
        when = t("when.now")
    elif decision.eligible_on is not None:
        when = t("when.on", date=t.date(decision.eligible_on))
    else:
        when = t("when.later")
    return RemedyView(
        remedy=decision.remedy, name=t(f"remedy.{decision.remedy}"), status=decision.status.value,
        status_text=t(f"status.{decision.status.value}"), when=when, forms=decision.forms,
        blockers=[t(f"blocker.{b}") for b in decision.blockers + decision.discretion if t.get(f"blocker.{b}")],
        reasons=[(messages.render(r, t.lang), r.cite) for r in decision.reasons])


def _auto_cite(flag: str) -> str:
    if "851_93" in flag:
        return "Pen. Code, § 851.93"
    if "11361_9" in flag:
        return "Health & Saf. Code, § 11361.9"
    return "Pen. Code, § 1203.425"


def contacts(county: str | None) -> list[Contact]:
    """The county's public defender and legal aid, as far as the county data knows them."""
    if not county:
        return []
    try:
        profile = county_profile(county)
    except (ValueError, OSError):
        return []
    offices = [("public_defender", profile.public_defender)] + [("legal_aid", o) for o in profile.legal_aid]
    out = []
    court = profile.court
    if court.name.known and (court.phone.known or court.url.known):
        out.append(Contact(kind="court", name=court.name.value, phone=court.phone.value, url=court.url.value))
    for kind, office in offices:
        if not office.name.known:
            continue
        address = office.address.value.one_line() if office.address.known else None
        out.append(Contact(kind=kind, name=office.name.value, phone=office.phone.value, url=office.url.value,
                           address=address))
    return out
