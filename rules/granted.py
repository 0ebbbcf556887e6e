"""Relief already granted in a case: a court order (or DOJ's automatic relief) that a new petition
would only repeat. Automatic conviction relief under Pen. Code § 1203.425 is itself a dismissal, so it
answers every dismissal petition; a § 17(b) reduction is never automatic.
"""

from __future__ import annotations

from assembler.profile.model import Case, ReliefGranted
from rules.decision import Builder, Cite

# The grants that make a petition under each remedy unnecessary.
SATISFIED_BY = {
    "1203.4": ("1203.4", "1203.425"),
    "1203.4a": ("1203.4a", "1203.425"),
    "1203.41": ("1203.41", "1203.425"),
    "1203.42": ("1203.42", "1203.425"),
    "851.91": ("851.91", "851.93", "851.8"),
}


def grant_for(case: Case, remedy: str) -> ReliefGranted | None:
    return next((g for name in SATISFIED_BY.get(remedy, (remedy,)) if (g := case.granted(name))), None)


def already_granted(b: Builder, case: Case, remedy: str, cite: Cite | str) -> bool:
    """Block the remedy when the record shows it (or what it would give) was already granted."""
    grant = grant_for(case, remedy)
    if grant is None:
        return False
    key = "granted.by_doj" if grant.remedy in ("1203.425", "851.93") else "granted.by_court"
    if grant.on:
        b.block("ALREADY_GRANTED", key + "_on", cite, section=grant.remedy, on=grant.on)
    else:
        b.block("ALREADY_GRANTED", key, cite, section=grant.remedy)
    return True
