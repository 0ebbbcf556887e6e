"""Pen. Code § 17(b)(3) — a felony wobbler reduced to a misdemeanor.

(b): a crime punishable either by state prison / county jail under § 1170(h) or by county jail or
fine "is a misdemeanor for all purposes ... (3) When the court grants probation to a defendant
[without imposition of sentence] and at the time of granting probation, or on application of the
defendant or probation officer thereafter, the court declares the offense to be a misdemeanor."
Only wobblers; only with a grant of probation; never after a 1170(h) jail or prison sentence
((b)(1)); always in the court's discretion. Whether an execution-suspended prison term bars it
(People v. Wood (1998) 62 Cal.App.4th 1262) is open: needs_review.
(e): a reduction does not end sex-offender registration.
"""

from __future__ import annotations

from datetime import date

from assembler.profile.model import Case, Level, ProbationOutcome, Profile
from rules.decision import Builder, Decision, pc
from rules.facts import (CountFacts, convicted, jail_1170h_term_executed, prison_term_executed,
                         probation_granted)

REMEDY = "17b"
FORMS = ("CR-180", "CR-181")


def felony_counts(case: Case) -> list[CountFacts]:
    return [c for c in convicted(case) if c.level is Level.felony]


def applies(profile: Profile, case: Case, as_of: date) -> bool:
    return bool(felony_counts(case))


def decide(profile: Profile, case: Case, as_of: date) -> Decision:
    b = Builder(REMEDY, FORMS)
    wobblers = _wobblers(b, felony_counts(case))
    if not wobblers:
        return b.finish(as_of)
    _sentence(b, case)
    b.discretionary("STATUTE_DISCRETIONARY", "pc17b.court_decides", pc("17", "(b)(3)"))
    return b.finish(as_of)


def wobbler_counts(case: Case) -> list[CountFacts]:
    """The felony counts a court could reduce (used by the forms' yes/no column)."""
    return [c for c in felony_counts(case) if c.offense and c.offense.wobbler_17b]


def _wobblers(b: Builder, counts: list[CountFacts]) -> list[CountFacts]:
    wobblers = []
    for c in counts:
        if c.offense is None:
            b.review("pc17b.not_in_table", pc("17", "(b)"), count=c.label)
            wobblers.append(c)
        elif c.offense.wobbler_17b:
            question = c.offense.open_question("wobbler_17b")
            if question:
                b.review("pc17b.open_question", c.offense.cite, count=c.label, question=question)
            b.why("pc17b.wobbler", c.offense.cite_for("wobbler_17b"), count=c.label,
                  offense=c.offense.description)
            wobblers.append(c)
        else:
            b.why("pc17b.straight_felony", c.offense.cite, count=c.label, offense=c.offense.description)
    if not wobblers:
        b.block("NOT_WOBBLER", "pc17b.no_wobbler", pc("17", "(b)"))
    return wobblers


def _sentence(b: Builder, case: Case) -> None:
    executed = prison_term_executed(case)
    revoked_to = _revoked_to(case)
    if executed is True:
        key = "pc17b.prison_revoked" if revoked_to == "prison" else "pc17b.prison_imposed"
        b.block("STATE_PRISON_SENTENCE", key, pc("17", "(b)(1)"))
    elif jail_1170h_term_executed(case):
        key = "pc17b.jail_revoked" if revoked_to == "jail_1170h" else "pc17b.jail_imposed"
        b.block("COUNTY_JAIL_1170H_SENTENCE", key, pc("17", "(b)(1)"))
    elif probation_granted(case) is False:
        b.block("NO_PROBATION_GRANTED", "pc17b.no_probation", pc("17", "(b)(3)"))
    elif probation_granted(case) is None:
        b.review("pc17b.ask_probation", pc("17", "(b)(3)"), field="cases[].sentence.probation")
    elif executed is None:
        b.review("pc17b.ask_prison_executed", pc("17", "(b)(1)"),
                 field="cases[].sentence.state_prison.committed_on")
    elif _revoked_unknown(case):
        b.review("pc17b.ask_revocation", pc("17", "(b)(1)"), field="cases[].sentence.probation.revocations")
    else:
        _suspension(b, case)


def _suspension(b: Builder, case: Case) -> None:
    p, prison = case.sentence.probation, case.sentence.state_prison
    if p.suspension == "execution" or (prison is not None and prison.ess_pronounced_on is not None):
        b.block("ESS_PRISON_SENTENCE_IMPOSED", "pc17b.ess_imposed", pc("17", "(b)(3)"), temporary=True)
        b.unsettled("pc17b.ess_unsettled", pc("17", "(b)(3)"))
    elif p.suspension is None:
        b.review("pc17b.ask_suspension", pc("17", "(b)(3)"), field="cases[].sentence.probation.suspension")
    else:
        b.why("pc17b.may_reduce", pc("17", "(b)(3)"))


def _revoked_to(case: Case) -> str | None:
    """What an executed revocation led to: "prison", "jail_1170h" or None."""
    p = case.sentence.probation if case.sentence else None
    results = [r.result for r in p.revocations] if p else []
    return next((r for r in ("prison", "jail_1170h") if r in results), None)


def _revoked_unknown(case: Case) -> bool:
    """Probation was revoked, and nothing shows what followed (an executed term would bar § 17(b))."""
    p = case.sentence.probation
    return p.outcome is ProbationOutcome.revoked or any(r.result is None for r in p.revocations)
