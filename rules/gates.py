"""Person-level gates: what blocks a dismissal in every case, whatever the case.

Each dismissal statute has its own status clause, and the gates follow its words:
- § 1203.4(a)(1): relief only if the person "is not then serving a sentence for any offense, on
  probation for any offense, or charged with the commission of any offense";
- § 1203.4a(a)-(b): "not then serving a sentence for any offense and ... not under charge of
  commission of any crime" (probation is not named, and probation is not a sentence, § 1203(a));
- §§ 1203.41(a)(3), 1203.42(a)(3): not on parole or mandatory supervision, not serving a sentence
  for, on probation for, or charged with any offense.
A statute passes the supervision kinds that bar it (`barred_by`) and those whose effect is unsettled
under its text (`unsettled_for`). Parole and PRCS are part of a prison sentence (§ 3000(a)(1)),
mandatory supervision is the concluding part of a § 1170(h)(5)(B) term, and federal supervised release
or probation is part of a federal sentence (18 U.S.C. §§ 3583(a), 3561(a)). A pending charge or a
barring supervision is a "not yet", dated when its end is known, with the blocking case named.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from assembler.profile import Case, Profile, Supervision, SupervisionKind
from rules.decision import Builder, Cite, pc
from rules.facts import current_supervision
from rules.lawdates import day_after

EVERY_KIND = frozenset(SupervisionKind)
# Supervision that is itself part of a sentence: it bars a statute that speaks only of "serving a sentence".
PART_OF_A_SENTENCE = frozenset({SupervisionKind.parole, SupervisionKind.prcs,
                                SupervisionKind.mandatory_supervision, SupervisionKind.federal})

_WHY_A_SENTENCE = {
    SupervisionKind.parole: ("Parole is part of a prison sentence.", pc("3000", "(a)(1)")),
    SupervisionKind.prcs: ("Post-release community supervision is part of a prison sentence.", pc("3000", "(a)(1)")),
    SupervisionKind.mandatory_supervision: ("Mandatory supervision is the last part of a county-jail felony "
                                            "sentence.", pc("1170", "(h)(5)(B)")),
    SupervisionKind.federal: ("Federal supervised release (or federal probation) is part of a federal sentence.",
                              Cite("3583", "(a)", "18 U.S.C.")),
}


def apply_dismissal_gates(b: Builder, profile: Profile, case: Case, as_of: date, cite: Cite, *,
                          barred_by: Collection[SupervisionKind] = EVERY_KIND,
                          unsettled_for: Collection[SupervisionKind] = ()) -> None:
    """Add the person-level blockers for a dismissal statute whose status clause is `cite`."""
    _pending_charges(b, profile, cite)
    for sup in current_supervision(profile, as_of):
        if sup.kind in barred_by:
            _supervision_block(b, sup, case, cite)
        elif sup.kind in unsettled_for:
            _supervision_unsettled(b, sup, case, cite)
    if profile.status.supervision_unknown:
        b.review("Are you on probation, parole or other supervision in any case right now? Supervision "
                 "can block a dismissal until it ends; your probation or parole officer, or the court "
                 "clerk, can tell you.", cite, field="status.supervision")
    _serving_sentence(b, profile, cite)


def _pending_charges(b: Builder, profile: Profile, cite: Cite) -> None:
    status = profile.status
    for charge in status.pending_charges:
        where = f" ({charge.court})" if charge.court else ""
        b.block("PENDING_CHARGE",
                f"A criminal charge is pending{where}. The court cannot grant a dismissal while any "
                "charge is pending; ask again when that case is over.", cite, temporary=True)
    if status.pending_charges_unknown:
        b.review("Is a criminal charge pending against you anywhere? A pending charge blocks every "
                 "dismissal. Your RAP sheet from the California DOJ shows open cases.", cite,
                 field="status.pending_charges")


def _serving_sentence(b: Builder, profile: Profile, cite: Cite) -> None:
    serving = profile.status.serving_sentence
    if serving:
        b.block("SERVING_SENTENCE", "You are serving a sentence now. A dismissal can be granted only "
                "after every sentence is served.", cite, temporary=True)
    elif serving is None:
        b.review("Are you serving a sentence (jail, prison, work program) in any case right now?", cite,
                 field="status.serving_sentence")


def _where(sup: Supervision, case: Case) -> tuple[str, str, bool]:
    ends = f", scheduled to end {sup.ends_on.isoformat()}" if sup.ends_on else ""
    same_case = sup.case_number is not None and sup.case_number == case.court_case_number
    which = "this case" if same_case else f"case {sup.case_number}" if sup.case_number else "another case"
    return which, ends, same_case


def _supervision_block(b: Builder, sup: Supervision, case: Case, cite: Cite) -> None:
    until = day_after(sup.ends_on) if sup.ends_on else None
    which, ends, same_case = _where(sup, case)
    if sup.kind is SupervisionKind.probation:
        code = "ON_PROBATION" if same_case else "ON_PROBATION_OTHER_CASE"
        if code in b.blockers:
            return  # the statute's own timing rule already said so
        text = f"You are on probation in {which}{ends}."
    elif sup.kind is SupervisionKind.mandatory_supervision:
        code, text = "ON_MANDATORY_SUPERVISION", f"You are on mandatory supervision in {which}{ends}."
    elif sup.kind is SupervisionKind.federal:
        code, text = "ON_FEDERAL_SUPERVISION", f"You are under federal supervision in {which}{ends}."
    else:
        label = "post-release community supervision" if sup.kind is SupervisionKind.prcs else "parole"
        code, text = "ON_PAROLE", f"You are on {label} in {which}{ends}."
    b.block(code, text + " It blocks a dismissal until it ends.", cite, until=until, temporary=until is None)
    if sup.kind in _WHY_A_SENTENCE:
        b.why(*_WHY_A_SENTENCE[sup.kind])


def _supervision_unsettled(b: Builder, sup: Supervision, case: Case, cite: Cite) -> None:
    which, ends, _ = _where(sup, case)
    b.unsettled(f"You are on probation in {which}{ends}. This statute bars a person who is serving a "
                "sentence or is charged with a crime, but does not name probation, and probation is not "
                "a sentence. Whether probation still running bars the dismissal is unsettled; the court "
                "may prefer to wait until it ends.", cite)
    b.why("Probation suspends the imposition or execution of a sentence; it is not itself a sentence.",
          pc("1203", "(a)"))
