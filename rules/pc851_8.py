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

from assembler.profile.model import Case, Disposition, Profile
from rules.decision import Builder, Decision, pc
from rules.facts import has_conviction
from rules.granted import already_granted
from rules.lawdates import FACTUAL_INNOCENCE, add_years

REMEDY = "851.8"


def applies(profile: Profile, case: Case, as_of: date) -> bool:
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
    b.why("pc851_8.ask_court" if filed else "pc851_8.ask_agency", pc("851.8", "(c)" if filed else "(a)"))
    claimed = case.arrest.factually_innocent_claim if case.arrest else False
    b.review("pc851_8.no_reasonable_cause", pc("851.8", "(b)"),
             field=None if claimed else "cases[].arrest.factually_innocent_claim")
    _window(b, case, as_of, filed)
    return b.finish(as_of)


def _window(b: Builder, case: Case, as_of: date, filed: bool) -> None:
    """§ 851.8(l): two years from the arrest or the filing of the charges, whichever is later."""
    arrested = case.arrest.date if case.arrest else None
    if arrested is None:
        b.review("pc851_8.arrest_date", pc("851.8", "(l)"), field="cases[].arrest.date")
        return
    end = add_years(arrested, FACTUAL_INNOCENCE.years)
    if as_of <= end:
        b.why("pc851_8.file_by_filed" if filed else "pc851_8.file_by", pc("851.8", "(l)"), end=end)
        return
    if filed:
        b.review("pc851_8.filing_date", pc("851.8", "(l)"), end=end)
        return
    b.discretionary("STATUTE_DISCRETIONARY", "pc851_8.late", pc("851.8", "(l)"), end=end)
