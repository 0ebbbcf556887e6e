"""What relief does and does not do: flags and notices for each case (RULES.md effects matrix).

Each notice is plain language with the statute that says it. They go on the results page and in
the filing instructions, so a person is never surprised by what a dismissal leaves in place.

Immigration, 8 U.S.C. § 1101(a)(48)(A): "The term 'conviction' means ... a formal judgment of guilt ...
or, if adjudication of guilt has been withheld, where ... the alien has entered a plea of guilty or nolo
contendere ... and ... the judge has ordered some form of punishment". A guilty plea, a DEJ plea
(§ 1203.43 exists for it) and a plea entered for diversion can each count, even after dismissal.
"""

from __future__ import annotations

from assembler.profile import Case, Disposition
from rules.decision import CaseResult, Cite, Notice, pc
from rules.facts import any_registrable, any_serious_or_violent, convicted, every_charge

DISMISSALS = {"1203.4", "1203.4a", "1203.41", "1203.42", "1203.49"}
LICENSING_480C = {"1203.4", "1203.4a", "1203.41"}
IMMIGRATION = Cite("1101(a)(48)(A)", "", "8 U.S.C.")


def add_effects(result: CaseResult, case: Case) -> None:
    pursued = {d.remedy for d in result.remedies if d.actionable}
    counts = convicted(case)
    if pursued & DISMISSALS:
        _flag(result, "FIREARMS_NOT_RESTORED", "A dismissal does not give back the right to own or have a "
              "gun.", pc("1203.4", "(a)(2)"))
        # Bus. & Prof. Code § 480(c) names §§ 1203.4, 1203.4a and 1203.41 dismissals; § 1203.42 is open.
        licensing = (" Most licensing boards cannot deny a license only because of a dismissed conviction "
                     "(Bus. & Prof. Code § 480(c)).") if pursued & LICENSING_480C else ""
        result.notices.append(Notice.of(
            "You must still tell the truth about a dismissed conviction if asked on an application for "
            "public office, a state or local license, or a California State Lottery contract." + licensing,
            pc("1203.4", "(a)(1)")))
        result.notices.append(Notice.of(
            "A dismissed conviction can still be used against you as a prior if you are charged with a new "
            "crime.", pc("1203.4", "(a)(1)")))
        if any(c.count.code == "VC" for c in counts):
            _flag(result, "DMV_PRIOR_UNAFFECTED", "A dismissal does not change DMV records or license "
                  "suspensions; a dismissed DUI still counts as a prior DUI.", Cite("13555", "", "Veh. Code"))
    if any_registrable(counts):
        _flag(result, "REGISTRATION_CONTINUES", "Neither a dismissal nor a reduction ends sex-offender "
              "registration; that takes a separate petition (§ 290.5).", pc("290.007"))
    if "17b" in pursued and any_serious_or_violent(counts):
        _flag(result, "STRIKE_SURVIVES_REDUCTION", "A serious or violent felony reduced to a misdemeanor "
              "can still count as a 'strike' later.", pc("667", "(d)(1)"))
    if "1170.18" in pursued:
        result.notices.append(Notice.of("A Prop 47 misdemeanor designation does not give back gun rights.",
                                        pc("1170.18", "(k)")))
    _immigration(result, case)
    if "851.91" in pursued:
        result.notices.append(Notice.of(
            "A sealed arrest is treated as if it did not happen, but it can still be used in a later "
            "prosecution, does not change gun rights, and must still be disclosed on applications for "
            "peace officer jobs, public office, and state or local licenses.", pc("851.92", "(b)")))


def _immigration(result: CaseResult, case: Case) -> None:
    """8 U.S.C. § 1101(a)(48)(A): a "conviction" is a formal judgment of guilt, or a plea of guilty or nolo
    contendere (or admitted facts) with some punishment ordered. A state dismissal or deferral does not undo
    it, so a guilty plea, a DEJ plea and a diversion plea can each count, even after the charge is dismissed.
    Not for a charge never filed or ending in acquittal or a plain dismissal."""
    dispositions = {c.count.disposition for c in every_charge(case)}
    notices = []
    if convicted(case):
        notices.append("For immigration, a conviction stays a conviction even after a California dismissal "
                       "(§ 1203.4 and the like) or a reduction. If you are not a U.S. citizen, talk to an "
                       "immigration lawyer before you file; a motion to vacate a legally invalid conviction "
                       "(§ 1473.7) is the remedy that can help.")
    if Disposition.dej_completed in dispositions:
        notices.append("For immigration, the guilty plea you entered for deferred entry of judgment can count "
                       "as a conviction even though the charges were dismissed. § 1203.43 was made for this: it "
                       "lets you withdraw that plea as legally invalid. If you are not a U.S. citizen, talk to an "
                       "immigration lawyer before you file.")
    if Disposition.diversion_completed in dispositions:
        notices.append("If you entered a guilty or no-contest plea to get into diversion, that plea can count "
                       "as a conviction for immigration even though the charge was dismissed. If you are not a "
                       "U.S. citizen, talk to an immigration lawyer before you file anything.")
    if notices:
        result.flags.append("IMMIGRATION_COUNSEL")
        result.notices.extend(Notice.of(text, IMMIGRATION) for text in notices)


def _flag(result: CaseResult, flag: str, text: str, cite: Cite) -> None:
    if flag not in result.flags:
        result.flags.append(flag)
        result.notices.append(Notice.of(text, cite))
