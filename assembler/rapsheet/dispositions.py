"""What a `DISPO:` text says (FORMAT.md §1.7, §1.9, §1.10, §1.11).

Only wording the format attests gets a meaning; any other text is `unknown` and becomes a question quoting
it, never a guessed outcome.
"""

from __future__ import annotations

import re

# Outcomes of a count, and the profile's Count.disposition for each.
OUTCOMES = {"convicted": "convicted_plea", "dismissed": "dismissed", "never_filed": "never_filed",
            "deferred_for_parole": "never_filed", "unclear": "unknown", "unknown": "unknown"}
# Kinds whose outcome the person is asked to confirm, quoting the sheet's words.
ASK = {"unknown", "unclear", "deferred_for_parole"}

_RULES = [
    # (pattern, kind): the first match wins, so narrower wordings come first.
    (r"SET ASIDE.*DISM.*1203\.?4\s*A\b|SET ASIDE.*DISM.*1203\.?4A\b", "set_aside_1203_4a"),
    (r"SET ASIDE.*DISM.*1203\.?4\b", "set_aside_1203_4"),
    (r"\bRELIEF\b", "relief_noted"),
    (r"REDUCED TO MISD", "reduced_to_misdemeanor"),
    (r"SENTENCE MODIFIED", "sentence_modified"),
    (r"PROBATION REVOKED|PROB REVOKED", "probation_revoked"),
    (r"NO LONGER REQUIRED TO REGISTER", "registration_ended"),
    (r"NO LONGER INTERESTED", "no_longer_interested"),
    (r"^PAROLED", "paroled"),
    (r"^DISCHARGED", "discharged"),
    (r"DETENTION ONLY", "detention_only"),
    (r"PROS DEFERRED", "deferred_for_parole"),  # handled as a parole violation instead (inference; asked)
    (r"PROS(?:ECUTION)? REJ", "never_filed"),
    (r"^CONVICTED\b", "convicted"),
    (r"DISMIS+E?D|^DISM\b", "dismissed"),
    (r"PROC SUSP|CLARIFICATION REQUESTED", "unclear"),
    (r"CHRGS&DIRECT CONSEQUENCES|DEFENDANT WAIVED COUNSEL|DEFENDANT REPRESENTED BY COUNSEL|"
     r"RIGHT TO TRIAL BY JURY|CONVICTION CERT BY CLERK", "advisement"),
]
_RULES = [(re.compile(p), kind) for p, kind in _RULES]

# Updates that report on the whole case rather than the count they are printed under (FORMAT §1.9).
CASE_LEVEL = {"set_aside_1203_4", "set_aside_1203_4a", "sentence_modified", "probation_revoked", "relief_noted"}


def classify(text: str) -> str:
    """The kind of a disposition: an outcome (`convicted`, `dismissed`, `never_filed`, `unclear`,
    `detention_only`), an update, `advisement`, or `unknown` for wording the format does not attest."""
    bare = " ".join(text.replace("*", " ").split())
    return next((kind for pattern, kind in _RULES if pattern.search(bare)), "unknown")


def outcome(kind: str) -> str | None:
    """The Count.disposition a kind decides, or None for an update that leaves the outcome alone."""
    if kind == "detention_only":
        return "never_filed"  # closest the schema has; Arrest.detention_only says which (FORMAT §1.7)
    return OUTCOMES.get(kind)
