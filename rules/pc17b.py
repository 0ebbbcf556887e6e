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

from assembler.profile import Case, Level, ProbationOutcome, Profile
from rules.decision import Builder, Decision, pc
from rules.facts import (CountFacts, convicted, jail_1170h_term_executed, prison_term_executed,
                         probation_granted)

REMEDY = "17b"
FORMS = ("CR-180", "CR-181")


def felony_counts(case: Case) -> list[CountFacts]:
    return [c for c in convicted(case) if c.level is Level.felony]


def applies(case: Case) -> bool:
    return bool(felony_counts(case))


def decide(profile: Profile, case: Case, as_of: date) -> Decision:
    b = Builder(REMEDY, FORMS)
    wobblers = _wobblers(b, felony_counts(case))
    if not wobblers:
        return b.finish(as_of)
    _sentence(b, case)
    b.discretionary("STATUTE_DISCRETIONARY", "Reducing a felony to a misdemeanor is up to the court. "
                    "It can be asked for at any time after probation is granted, even during probation.",
                    pc("17", "(b)(3)"))
    return b.finish(as_of)


def wobbler_counts(case: Case) -> list[CountFacts]:
    """The felony counts a court could reduce (used by the forms' yes/no column)."""
    return [c for c in felony_counts(case) if c.offense and c.offense.wobbler_17b]


def _wobblers(b: Builder, counts: list[CountFacts]) -> list[CountFacts]:
    wobblers = []
    for c in counts:
        if c.offense is None:
            b.review(f"{c.label} is not in our offense table: is it a wobbler (punishable as a felony "
                     "or a misdemeanor)?", pc("17", "(b)"))
            wobblers.append(c)
        elif c.offense.wobbler_17b:
            question = c.offense.open_question("wobbler_17b")
            if question:
                b.review(f"{c.label}: {question}", c.offense.cite)
            b.why(f"{c.label} ({c.offense.description}) can be punished as a felony or a misdemeanor.",
                  c.offense.cite_for("wobbler_17b"))
            wobblers.append(c)
        else:
            b.why(f"{c.label} ({c.offense.description}) is a straight felony and cannot be reduced.",
                  c.offense.cite)
    if not wobblers:
        b.block("NOT_WOBBLER", "No felony in this case is a wobbler, so § 17(b) cannot reduce it.",
                pc("17", "(b)"))
    return wobblers


def _sentence(b: Builder, case: Case) -> None:
    executed = prison_term_executed(case)
    revoked_to = _revoked_to(case)
    if executed is True:
        how = ("Probation was revoked and a state prison term was executed" if revoked_to == "prison"
               else "A state prison sentence was imposed")
        b.block("STATE_PRISON_SENTENCE", f"{how}, so the offense stays a felony; § 17(b) needs a judgment "
                "other than prison.", pc("17", "(b)(1)"))
    elif jail_1170h_term_executed(case):
        how = ("Probation was revoked and a felony county-jail term under § 1170(h) was executed"
               if revoked_to == "jail_1170h" else "A felony county-jail sentence under § 1170(h) was imposed")
        b.block("COUNTY_JAIL_1170H_SENTENCE", f"{how}, so § 17(b) is not available.", pc("17", "(b)(1)"))
    elif probation_granted(case) is False:
        b.block("NO_PROBATION_GRANTED", "Probation was not granted, so § 17(b)(3) does not apply.",
                pc("17", "(b)(3)"))
    elif probation_granted(case) is None:
        b.review("Were you granted probation? § 17(b)(3) needs a grant of probation.", pc("17", "(b)(3)"),
                 field="cases[].sentence.probation")
    elif executed is None:
        b.review("A state prison term is recorded with your probation. Was it executed (were you sent to "
                 "prison), or is its execution still suspended? An executed term bars § 17(b).",
                 pc("17", "(b)(1)"), field="cases[].sentence.state_prison.committed_on")
    elif _revoked_unknown(case):
        b.review("Probation was revoked. Was a state prison or § 1170(h) county-jail term executed then? If so, "
                 "§ 17(b) is not available.", pc("17", "(b)(1)"), field="cases[].sentence.probation.revocations")
    else:
        _suspension(b, case)


def _suspension(b: Builder, case: Case) -> None:
    p, prison = case.sentence.probation, case.sentence.state_prison
    if p.suspension == "execution" or (prison is not None and prison.ess_pronounced_on is not None):
        b.block("ESS_PRISON_SENTENCE_IMPOSED", "A prison term was imposed and its execution suspended.",
                pc("17", "(b)(3)"), temporary=True)
        b.unsettled("A prison sentence was imposed and suspended. Whether § 17(b)(3) still allows a "
                    "reduction (People v. Wood (1998) 62 Cal.App.4th 1262) is unsettled.", pc("17", "(b)(3)"))
    elif p.suspension is None:
        b.review("Was imposition of sentence suspended, or was a prison term imposed and its execution "
                 "suspended? The answer decides § 17(b)(3).", pc("17", "(b)(3)"),
                 field="cases[].sentence.probation.suspension")
    else:
        b.why("Probation was granted without a prison sentence, so the court may declare the offense a "
              "misdemeanor.", pc("17", "(b)(3)"))


def _revoked_to(case: Case) -> str | None:
    """What an executed revocation led to: "prison", "jail_1170h" or None."""
    p = case.sentence.probation if case.sentence else None
    results = [r.result for r in p.revocations] if p else []
    return next((r for r in ("prison", "jail_1170h") if r in results), None)


def _revoked_unknown(case: Case) -> bool:
    """Probation was revoked, and nothing shows what followed (an executed term would bar § 17(b))."""
    p = case.sentence.probation
    return p.outcome is ProbationOutcome.revoked or any(r.result is None for r in p.revocations)
