"""Pen. Code § 1203.43 — completed deferred entry of judgment (DEJ).

(a)(1): "in any case in which a defendant was granted deferred entry of judgment on or after
January 1, 1997, has performed satisfactorily during the period in which deferred entry of judgment
was granted, and for whom the criminal charge or charges were dismissed pursuant to Section 1000.3,
the court shall, upon request of the defendant, permit the defendant to withdraw the plea" —
mandatory. The Legislature found the old § 1000.4 advisement misinformation, so the plea itself
is invalid; this is the remedy that helps with immigration. The section has no pending-charge or
supervision condition, so the person-level gates do not apply to it.
"""

from __future__ import annotations

from datetime import date

from assembler.profile.model import Case, Disposition, Profile
from rules.decision import Builder, Decision, pc
from rules.lawdates import DEJ_FLOOR, PC_1203_43_ENACTED

REMEDY = "1203.43"
FORMS = ("CR-180", "CR-181")


def applies(profile: Profile, case: Case, as_of: date) -> bool:
    return any(c.disposition is Disposition.dej_completed for c in case.counts) or case.dej_dismissed_on is not None


def decide(profile: Profile, case: Case, as_of: date) -> Decision:
    b = Builder(REMEDY, FORMS)
    cite = pc("1203.43", "(a)(1)")
    if as_of < PC_1203_43_ENACTED:
        b.block("NOT_YET_IN_FORCE", "pc1203_43.not_enacted", cite)
        return b.finish(as_of)
    b.why("pc1203_43.withdraw_plea", cite)
    granted = case.offense_date or (case.arrest.date if case.arrest else None)
    if granted is not None and granted < DEJ_FLOOR:
        b.review("pc1203_43.before_1997", cite)
    if case.dej_dismissed_on is None:
        b.review("pc1203_43.dismissal_date", cite)
    return b.finish(as_of)
