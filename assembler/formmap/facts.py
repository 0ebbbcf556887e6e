"""The interest-of-justice text: the petitioner's own declaration facts, in their own words.

Only what the profile says is used, paragraph by paragraph in a fixed order (work, schooling,
family, treatment, service, how the record holds the person back, why now). Nothing is invented or
rephrased; with no facts the field stays empty and the petitioner may attach letters instead.
"""

from __future__ import annotations

from assembler.profile import Case, Profile

ORDER = ("employment", "education", "family", "treatment", "community_service", "hardship", "why_now")


def interest_of_justice(profile: Profile) -> str:
    facts = profile.facts
    return "\n".join(text for name in ORDER if (text := getattr(facts, name)))


def trafficking_account(case: Case) -> str:
    """Item 4 asks for evidence that the conviction resulted from being trafficked: the person's account."""
    return case.what_happened or ""
