"""Every remedy the engine decides, listed once.

Each module names its `REMEDY` and `FORMS` and answers two questions with the same signature:
`applies(profile, case, as_of)` (is this remedy worth deciding for the case at all?) and
`decide(profile, case, as_of)` (the Decision, with its reasons). The engine asks every module on the
list that fits the case: a conviction, or an arrest that led to none.
"""

from __future__ import annotations

from datetime import date

from assembler.profile.model import Case, Profile
from rules import (certificate, early_termination, pc17b, pc17d2, pc851_8, pc851_91, pc1203_4, pc1203_4a,
                   pc1203_4b, pc1203_41, pc1203_42, pc1203_43, pc1203_49, prop47, prop64, registration,
                   trafficking)
from rules.facts import has_conviction

AFTER_CONVICTION = (pc17b, pc17d2, prop47, prop64, pc1203_4, pc1203_4a, pc1203_41, pc1203_42, pc1203_43,
                    pc1203_49, pc1203_4b, trafficking, certificate, early_termination, registration)
WITHOUT_CONVICTION = (pc1203_43, pc851_91, pc851_8)
ALL = tuple(dict.fromkeys(AFTER_CONVICTION + WITHOUT_CONVICTION))


def applicable(profile: Profile, case: Case, as_of: date) -> list:
    """The remedy modules to decide for this case."""
    listed = AFTER_CONVICTION if has_conviction(case) else WITHOUT_CONVICTION
    return [m for m in listed if m.applies(profile, case, as_of)]
