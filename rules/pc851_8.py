"""Pen. Code § 851.8 — a finding of factual innocence, beside § 851.91 wherever an arrest did not end in a
conviction.

With no accusatory pleading the person first petitions the arresting agency ((a)); "in any case where a
person has been arrested and an accusatory pleading has been filed, but where no conviction occurred",
the court that dismissed it ((c)). Relief only if "no reasonable cause exists to believe that the arrestee
committed the offense for which the arrest was made" ((b)) — a finding the tool cannot make, so the
answer is always needs_review. (l): the petition is filed "within two years from the date of the arrest
or filing of the accusatory pleading, whichever is later", and may be heard later "upon a showing of good
cause". There is no Judicial Council form. Not while the case is still pending.
"""

from __future__ import annotations

from datetime import date

from assembler.profile import Case, Disposition, Profile
from rules.decision import Builder, Decision, pc
from rules.facts import has_conviction
from rules.granted import already_granted
from rules.lawdates import FACTUAL_INNOCENCE_YEARS, add_years

REMEDY = "851.8"


def applies(case: Case) -> bool:
    """Every case with no conviction, except one still pending in court."""
    return not has_conviction(case) and not _pending(case)


def _pending(case: Case) -> bool:
    offenses = [*case.counts, *(case.arrest.offenses if case.arrest else [])]
    return any(c.disposition is Disposition.pending for c in offenses)


def _pleading_filed(case: Case) -> bool:
    return any(c.disposition is not Disposition.never_filed for c in case.counts)


def decide(profile: Profile, case: Case, as_of: date) -> Decision:
    b = Builder(REMEDY)
    if already_granted(b, case, REMEDY, pc("851.8", "(b)")):
        return b.finish(as_of)
    filed = _pleading_filed(case)
    where = ("the court where the case was filed" if filed else "the law enforcement agency that arrested you "
             "first (with a copy to the district attorney)")
    b.why(f"You may ask {where} to find you factually innocent; the arrest records are then sealed and "
          "destroyed.", pc("851.8", "(c)" if filed else "(a)"))
    claimed = case.arrest.factually_innocent_claim if case.arrest else False
    b.review("This works only if the facts show there was no reasonable cause to believe you committed the "
             "offense you were arrested for — more than a dismissal or an acquittal. A lawyer should look at the "
             "evidence.", pc("851.8", "(b)"), field=None if claimed else "cases[].arrest.factually_innocent_claim")
    _window(b, case, as_of, filed)
    return b.finish(as_of)


def _window(b: Builder, case: Case, as_of: date, filed: bool) -> None:
    """§ 851.8(l): two years from the arrest or the filing of the charges, whichever is later."""
    arrested = case.arrest.date if case.arrest else None
    if arrested is None:
        b.review("When were you arrested? The petition is due within two years of the arrest (or of the filing "
                 "of charges, if later).", pc("851.8", "(l)"), field="cases[].arrest.date")
        return
    end = add_years(arrested, FACTUAL_INNOCENCE_YEARS)
    if as_of <= end:
        later = " (later, if charges were filed after the arrest: two years from the filing)" if filed else ""
        b.why(f"File by {end.isoformat()}, two years from the arrest{later}.", pc("851.8", "(l)"))
        return
    if filed:
        b.review(f"Two years from the arrest ended on {end.isoformat()}; the deadline is two years from the filing "
                 "of the charges if that was later. When were the charges filed? The court docket shows it. After "
                 "the deadline the court hears the petition only for good cause.", pc("851.8", "(l)"))
        return
    b.discretionary("STATUTE_DISCRETIONARY", f"The two years to file ended on {end.isoformat()}; the petition can "
                    "still be heard, but only if you show good cause for filing late.", pc("851.8", "(l)"))
