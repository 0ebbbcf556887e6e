"""Person-level gates: what blocks every dismissal, whatever the case.

Pen. Code §§ 1203.4(a)(1), 1203.4a(a), 1203.41(a)(3) and 1203.42(a)(3) each require that the person
is not then serving a sentence for, on probation for, or charged with the commission of any offense
(1203.41 and 1203.42 add parole and supervision). A pending charge or current supervision in any
case therefore blocks a dismissal in every case, as "not yet", with the blocking case named.
"""

from __future__ import annotations

from datetime import date

from assembler.profile import Case, Profile, Supervision, SupervisionKind
from rules.decision import Builder, Cite
from rules.facts import current_supervision
from rules.lawdates import day_after


def apply_dismissal_gates(b: Builder, profile: Profile, case: Case, as_of: date, cite: Cite) -> None:
    """Add the person-level blockers for a dismissal statute whose status clause is `cite`."""
    status = profile.status
    for charge in status.pending_charges:
        where = f" ({charge.court})" if charge.court else ""
        b.block("PENDING_CHARGE",
                f"A criminal charge is pending{where}. The court cannot grant a dismissal while any "
                "charge is pending; ask again when that case is over.", cite, temporary=True)
    if status.pending_charges_unknown:
        b.review("Is a criminal charge pending against you anywhere? A pending charge blocks every "
                 "dismissal. Your RAP sheet from the California DOJ shows open cases.", cite)
    for sup in current_supervision(profile, as_of):
        _supervision_block(b, sup, case, cite)
    if status.supervision_unknown:
        b.review("Are you on probation, parole or other supervision in any case right now? Supervision "
                 "anywhere blocks a dismissal until it ends; your probation or parole officer, or the court "
                 "clerk, can tell you.", cite)
    if status.serving_sentence:
        b.block("SERVING_SENTENCE", "You are serving a sentence now. A dismissal can be granted only "
                "after every sentence is served.", cite, temporary=True)
    elif status.serving_sentence is None:
        b.review("Are you serving a sentence (jail, prison, work program) in any case right now?", cite)


def _supervision_block(b: Builder, sup: Supervision, case: Case, cite: Cite) -> None:
    until = day_after(sup.ends_on) if sup.ends_on else None
    ends = f", scheduled to end {sup.ends_on.isoformat()}" if sup.ends_on else ""
    which = f"case {sup.case_number}" if sup.case_number else "another case"
    same_case = sup.case_number is not None and sup.case_number == case.court_case_number
    if sup.kind is SupervisionKind.probation:
        if same_case:
            code, text = "ON_PROBATION", f"You are still on probation in this case{ends}."
        else:
            code, text = "ON_PROBATION_OTHER_CASE", f"You are on probation in {which}{ends}."
    elif sup.kind is SupervisionKind.mandatory_supervision:
        code, text = "ON_MANDATORY_SUPERVISION", f"You are on mandatory supervision in {which}{ends}."
    elif sup.kind is SupervisionKind.federal:
        code, text = "ON_PROBATION_OTHER_CASE", f"You are under federal supervision{ends}."
    else:
        label = "post-release community supervision" if sup.kind is SupervisionKind.prcs else "parole"
        code, text = "ON_PAROLE", f"You are on {label} in {which}{ends}."
    b.block(code, text + " Supervision in any case blocks a dismissal until it ends.", cite,
            until=until, temporary=until is None)
