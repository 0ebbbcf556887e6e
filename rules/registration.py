"""Pen. Code § 290.5 — ending sex-offender registration under the tiered system (SB 384).

A dismissal never ends registration (§ 290.007); a registrant whose tier period has passed may
petition the superior court of the county of residence to stop registering (§ 290.5(a)(1)). The
tier and its period need the registration record: always needs_review.
"""

from __future__ import annotations

from datetime import date

from assembler.profile import Case, Profile
from rules.decision import Builder, Decision, pc
from rules.facts import any_registrable, convicted

REMEDY = "290.5"


def applies(profile: Profile, case: Case) -> bool:
    return bool(profile.status.registrant_290) and any_registrable(convicted(case))


def decide(profile: Profile, case: Case, as_of: date) -> Decision:
    b = Builder(REMEDY)
    b.why("A dismissal does not end sex-offender registration.", pc("290.007"))
    b.review("Ask whether your tier's registration period has passed; if so you can petition to stop "
             "registering. The tier is on your registration record.", pc("290.5", "(a)(1)"))
    return b.finish(as_of)
