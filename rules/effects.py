"""What relief does and does not do: flags and notices for each case (RULES.md effects matrix).

Each notice is plain language (templates/messages/*/effects.yaml) with the statute that says it. They go
on the results page and in the filing instructions, so a person is never surprised by what a dismissal
leaves in place.

Immigration, 8 U.S.C. § 1101(a)(48)(A): "The term 'conviction' means ... a formal judgment of guilt ...
or, if adjudication of guilt has been withheld, where ... the alien has entered a plea of guilty or nolo
contendere ... and ... the judge has ordered some form of punishment". A guilty plea, a DEJ plea
(§ 1203.43 exists for it) and a plea entered for diversion can each count, even after dismissal.
"""

from __future__ import annotations

from assembler.profile.model import Case, Disposition
from rules.decision import CaseResult, Cite, Notice, pc
from rules.facts import any_registrable, any_serious_or_violent, convicted, every_charge

DISMISSALS = {"1203.4", "1203.4a", "1203.41", "1203.42", "1203.49"}
LICENSING_480C = {"1203.4", "1203.4a", "1203.41"}
IMMIGRATION = Cite("1101(a)(48)(A)", "", "8 U.S.C.")


def add_effects(result: CaseResult, case: Case) -> None:
    pursued = {d.remedy for d in result.remedies if d.actionable}
    counts = convicted(case)
    if pursued & DISMISSALS:
        _flag(result, "FIREARMS_NOT_RESTORED", "effects.firearms", pc("1203.4", "(a)(2)"))
        # Bus. & Prof. Code § 480(c) names §§ 1203.4, 1203.4a and 1203.41 dismissals; § 1203.42 is open.
        disclose = "effects.disclose_licensing" if pursued & LICENSING_480C else "effects.disclose"
        result.notices.append(Notice.say(disclose, pc("1203.4", "(a)(1)")))
        result.notices.append(Notice.say("effects.prior", pc("1203.4", "(a)(1)")))
        if any(c.count.code == "VC" for c in counts):
            _flag(result, "DMV_PRIOR_UNAFFECTED", "effects.dmv", Cite("13555", "", "Veh. Code"))
    if any_registrable(counts):
        _flag(result, "REGISTRATION_CONTINUES", "effects.registration", pc("290.007"))
    if "17b" in pursued and any_serious_or_violent(counts):
        _flag(result, "STRIKE_SURVIVES_REDUCTION", "effects.strike", pc("667", "(d)(1)"))
    if "1170.18" in pursued:
        result.notices.append(Notice.say("effects.prop47_guns", pc("1170.18", "(k)")))
    _immigration(result, case)
    if "851.91" in pursued:
        result.notices.append(Notice.say("effects.sealed_arrest", pc("851.92", "(b)")))


def _immigration(result: CaseResult, case: Case) -> None:
    """8 U.S.C. § 1101(a)(48)(A): a "conviction" is a formal judgment of guilt, or a plea of guilty or nolo
    contendere (or admitted facts) with some punishment ordered. A state dismissal or deferral does not undo
    it, so a guilty plea, a DEJ plea and a diversion plea can each count, even after the charge is dismissed.
    Not for a charge never filed or ending in acquittal or a plain dismissal."""
    dispositions = {c.count.disposition for c in every_charge(case)}
    notices = []
    if convicted(case):
        notices.append("effects.immigration_conviction")
    if Disposition.dej_completed in dispositions:
        notices.append("effects.immigration_dej")
    if Disposition.diversion_completed in dispositions:
        notices.append("effects.immigration_diversion")
    if notices:
        result.flags.append("IMMIGRATION_COUNSEL")
        result.notices.extend(Notice.say(key, IMMIGRATION) for key in notices)


def _flag(result: CaseResult, flag: str, key: str, cite: Cite) -> None:
    """A flag and its notice; `key` names the notice's words in the message catalogue."""
    if flag not in result.flags:
        result.flags.append(flag)
        result.notices.append(Notice.say(key, cite))
