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

from assembler.profile.model import Case, Profile, Supervision, SupervisionKind
from rules import messages
from rules.decision import Builder, Cite, pc
from rules.facts import current_supervision
from rules.lawdates import day_after

EVERY_KIND = frozenset(SupervisionKind)
# Supervision that is itself part of a sentence: it bars a statute that speaks only of "serving a sentence".
PART_OF_A_SENTENCE = frozenset({SupervisionKind.parole, SupervisionKind.prcs,
                                SupervisionKind.mandatory_supervision, SupervisionKind.federal})

_WHY_A_SENTENCE = {
    SupervisionKind.parole: ("gates.parole_is_a_sentence", pc("3000", "(a)(1)")),
    SupervisionKind.prcs: ("gates.prcs_is_a_sentence", pc("3000", "(a)(1)")),
    SupervisionKind.mandatory_supervision: ("gates.mandatory_supervision_is_a_sentence", pc("1170", "(h)(5)(B)")),
    SupervisionKind.federal: ("gates.federal_is_a_sentence", Cite("3583", "(a)", "18 U.S.C.")),
}
# The words of a supervision that bars a dismissal ("…_until" when its end is known).
_ON = {
    SupervisionKind.probation: "gates.on_probation",
    SupervisionKind.mandatory_supervision: "gates.on_mandatory_supervision",
    SupervisionKind.federal: "gates.on_federal_supervision",
    SupervisionKind.prcs: "gates.on_prcs",
    SupervisionKind.parole: "gates.on_parole",
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
        b.review("gates.supervision_unknown", cite, field="status.supervision")
    _serving_sentence(b, profile, cite)


def _pending_charges(b: Builder, profile: Profile, cite: Cite) -> None:
    status = profile.status
    for charge in status.pending_charges:
        if charge.court:
            b.block("PENDING_CHARGE", "gates.pending_charge_in", cite, temporary=True, court=charge.court)
        else:
            b.block("PENDING_CHARGE", "gates.pending_charge", cite, temporary=True)
    if status.pending_charges_unknown:
        b.review("gates.pending_charges_unknown", cite, field="status.pending_charges")


def _serving_sentence(b: Builder, profile: Profile, cite: Cite) -> None:
    serving = profile.status.serving_sentence
    if serving:
        b.block("SERVING_SENTENCE", "gates.serving_sentence", cite, temporary=True)
    elif serving is None:
        b.review("gates.serving_sentence_unknown", cite, field="status.serving_sentence")


def _where(sup: Supervision, case: Case) -> tuple[dict, str, bool]:
    """Which case the supervision is in (a nested message), the key suffix for a known end, and whether
    it is this case."""
    same_case = sup.case_number is not None and sup.case_number == case.court_case_number
    which = (messages.msg("gates.this_case") if same_case
             else messages.msg("gates.case_number", case=sup.case_number) if sup.case_number
             else messages.msg("gates.another_case"))
    return which, "_until" if sup.ends_on else "", same_case


def _ends(sup: Supervision) -> dict:
    return {"ends": sup.ends_on} if sup.ends_on else {}


def _supervision_block(b: Builder, sup: Supervision, case: Case, cite: Cite) -> None:
    until = day_after(sup.ends_on) if sup.ends_on else None
    which, ends, same_case = _where(sup, case)
    if sup.kind is SupervisionKind.probation:
        code = "ON_PROBATION" if same_case else "ON_PROBATION_OTHER_CASE"
        if code in b.blockers:
            return  # the statute's own timing rule already said so
    elif sup.kind is SupervisionKind.mandatory_supervision:
        code = "ON_MANDATORY_SUPERVISION"
    elif sup.kind is SupervisionKind.federal:
        code = "ON_FEDERAL_SUPERVISION"
    else:
        code = "ON_PAROLE"
    b.block(code, _ON[sup.kind] + ends, cite, until=until, temporary=until is None, which=which, **_ends(sup))
    if sup.kind in _WHY_A_SENTENCE:
        b.why(*_WHY_A_SENTENCE[sup.kind])


def _supervision_unsettled(b: Builder, sup: Supervision, case: Case, cite: Cite) -> None:
    which, ends, _ = _where(sup, case)
    b.unsettled("gates.probation_unsettled" + ends, cite, which=which, **_ends(sup))
    b.why("gates.probation_not_a_sentence", pc("1203", "(a)"))
