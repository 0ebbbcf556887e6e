"""Automatic arrest relief — Pen. Code § 851.93(a)(2), a flag beside the § 851.91 petition.

"(2) A person is eligible ... if the arrest occurred on or after January 1, 1973, and meets any of the
following conditions: (A) The arrest was for a misdemeanor offense and the charge was dismissed.
(B) The arrest was for a misdemeanor offense, there is no indication that criminal proceedings have
been initiated, at least one calendar year has elapsed since the date of the arrest, and no conviction
occurred, or the arrestee was acquitted of any charges that arose, from that arrest. (C)(i) The arrest
was for a felony offense not described in clause (ii), there is no indication that criminal proceedings
have been initiated, at least three calendar years have elapsed since the date of the arrest, and no
conviction occurred, or the arrestee was acquitted of any charges arising from that arrest. (ii) If the
arrest was for an offense punishable by imprisonment in the state prison for eight years or more or by
imprisonment pursuant to subdivision (h) of Section 1170 for eight years or more, ... at least six years
have elapsed ... (D) The person successfully completed ... (i) A prefiling diversion program ...
(ii) A drug diversion program ... Section 1000.5, or a deferred entry of judgment program ..."

An arrest is "for a felony" if any offense it was based on was charged as one, filed or not. A felony
arrest whose charges were filed and then dismissed fits neither (A) nor (C): not expected. The felony
prongs are operative Oct. 1, 2024; the others July 1, 2022. Whether an offense is punishable by eight
years or more is read from its limitation period: § 800 gives six years to exactly those offenses, and a
shorter period (§ 801's three years, or a longer special one such as § 801.5's four) means it is not. Whether
(C) reaches an offense with no limitation period, whether an acquittal must also wait out the period,
and which diversion programs (D) reaches, are open: at most POSSIBLE.
"""

from __future__ import annotations

from datetime import date

from assembler.profile import Case, Disposition, Level
from rules.decision import Cite, Notice, pc
from rules.facts import CountFacts, every_charge
from rules.lawdates import AUTO_RELIEF, AUTO_RELIEF_FELONY, AUTO_RELIEF_FLOOR, add_years

GRANTED = "AUTO_RELIEF_851_93_GRANTED"
LIKELY = "AUTO_RELIEF_851_93_LIKELY"
POSSIBLE = "AUTO_RELIEF_851_93_POSSIBLE"
LATER = "AUTO_RELIEF_851_93_LATER"
NOT_EXPECTED = "AUTO_RELIEF_851_93_NOT_EXPECTED"

TAIL = {
    GRANTED: "Check that your RAP sheet shows 'relief granted'.",
    LIKELY: "This arrest may already have been sealed automatically by the California DOJ. Check your RAP "
    "sheet for 'relief granted'; if it was not, file the petition.",
    POSSIBLE: "This arrest might be sealed automatically; the record does not tell us for sure. The petition "
    "does not depend on it.",
    LATER: "This arrest may be sealed automatically later.",
    NOT_EXPECTED: "Automatic sealing is not expected for this arrest; a petition is the way.",
}
DIVERTED = {Disposition.diversion_completed, Disposition.dej_completed}
ENDED = {Disposition.dismissed, Disposition.acquitted, Disposition.never_filed} | DIVERTED


def arrest_relief_flag(case: Case, as_of: date) -> tuple[str, Notice]:
    """Pen. Code § 851.93(a)(2): DOJ's monthly review of arrests without conviction."""
    flag, why, cite = _arrest(case, as_of)
    return flag, Notice.of(f"{why} {TAIL[flag]}", cite)


def _arrest(case: Case, as_of: date) -> tuple[str, str, Cite]:
    grant = case.granted("851.93")
    if grant is not None:
        when = f" on {grant.on.isoformat()}" if grant.on else ""
        return GRANTED, f"Your record shows the California DOJ already sealed this arrest{when}.", pc("851.93", "(a)")
    arrested = case.arrest.date if case.arrest else None
    if arrested and arrested < AUTO_RELIEF_FLOOR:
        return NOT_EXPECTED, "Automatic sealing reaches only arrests on or after January 1, 1973.", \
            pc("851.93", "(a)(2)")
    offenses = every_charge(case)
    dispositions = {c.count.disposition for c in offenses}
    if Disposition.pending in dispositions:
        return LATER, "A charge from this arrest is still pending.", pc("851.93", "(a)(2)")
    if not dispositions <= ENDED:
        return POSSIBLE, "How every charge from this arrest ended is not clear.", pc("851.93", "(a)(2)")
    felony = _felony(offenses)
    if felony is None:
        as_felony = _decide(offenses, True, arrested, as_of)
        as_misdemeanor = _decide(offenses, False, arrested, as_of)
        if as_felony[0] == as_misdemeanor[0]:
            return as_felony
        return POSSIBLE, "Whether the arrest was for a felony or a misdemeanor is not known.", pc("851.93", "(a)(2)")
    return _decide(offenses, felony, arrested, as_of)


def _felony(offenses: list[CountFacts]) -> bool | None:
    levels = [_charged_felony(c) for c in offenses]
    if any(levels):
        return True
    return None if None in levels else False


def _charged_felony(c: CountFacts) -> bool | None:
    if c.count.level_charged is not None:
        return c.count.level_charged is Level.felony
    if c.offense is None or c.offense.punishment == "wobbler":
        return None
    return c.offense.punishment == "felony"


def _decide(offenses: list[CountFacts], felony: bool, arrested: date | None, as_of: date) -> tuple[str, str, Cite]:
    dispositions = {c.count.disposition for c in offenses}
    if dispositions & DIVERTED and dispositions <= DIVERTED | {Disposition.never_filed, Disposition.dismissed}:
        return _diverted(dispositions, felony, as_of)
    if dispositions <= {Disposition.never_filed}:
        return _waited(offenses, felony, arrested, as_of, acquitted=False)
    if not felony:
        cite = pc("851.93", "(a)(2)(A)" if Disposition.dismissed in dispositions else "(a)(2)(B)")
        if as_of < AUTO_RELIEF:
            return LATER, f"DOJ's automatic review starts {AUTO_RELIEF.isoformat()}.", cite
        if Disposition.acquitted in dispositions and dispositions - {Disposition.acquitted, Disposition.never_filed}:
            return POSSIBLE, "Some charges were dismissed and others ended in acquittal.", cite
        if Disposition.acquitted in dispositions:
            return _waited(offenses, felony, arrested, as_of, acquitted=True)
        return LIKELY, "The arrest was for a misdemeanor and the charge was dismissed.", cite
    if dispositions <= {Disposition.acquitted, Disposition.never_filed}:
        return _waited(offenses, felony, arrested, as_of, acquitted=True)
    return NOT_EXPECTED, ("The arrest was for a felony and charges were filed, then dismissed: automatic "
                          "sealing covers a dismissed charge only for a misdemeanor arrest, and a felony arrest "
                          "only when no case was filed."), pc("851.93", "(a)(2)(C)(i)")


def _diverted(dispositions: set[Disposition], felony: bool, as_of: date) -> tuple[str, str, Cite]:
    cite = pc("851.93", "(a)(2)(D)")
    if as_of < AUTO_RELIEF:
        return LATER, f"DOJ's automatic review starts {AUTO_RELIEF.isoformat()}.", cite
    if felony and Disposition.diversion_completed in dispositions:
        return POSSIBLE, ("You completed diversion, but for a felony arrest automatic sealing names only some "
                          "programs (prefiling diversion, drug diversion and deferred entry of judgment)."), cite
    return LIKELY, "You completed diversion or deferred entry of judgment for this arrest.", cite


def _waited(offenses: list[CountFacts], felony: bool, arrested: date | None, as_of: date,
            acquitted: bool) -> tuple[str, str, Cite]:
    """(B) and (C): a year for a misdemeanor arrest, three years for a felony, six for an offense
    punishable by eight years or more."""
    low, high, no_limit = _years(offenses) if felony else (1, 1, False)
    operative = AUTO_RELIEF_FELONY if felony else AUTO_RELIEF
    cite = pc("851.93", "(a)(2)(B)" if not felony else "(a)(2)(C)(ii)" if low == 6 else "(a)(2)(C)(i)")
    kind = "felony" if felony else "misdemeanor"
    how = "you were acquitted" if acquitted else "no case was filed"
    if as_of < operative:
        return LATER, f"DOJ's automatic review of {kind} arrests starts {operative.isoformat()}.", cite
    if arrested is None:
        return POSSIBLE, f"The arrest date is not known; the wait runs from it ({how}).", cite
    first, last = max(add_years(arrested, low), operative), max(add_years(arrested, high), operative)
    if as_of < first:
        if acquitted:
            return POSSIBLE, (f"You were acquitted. Whether automatic sealing of a {kind} arrest also waits "
                              f"until {first.isoformat()} is not clear."), cite
        return LATER, (f"For a {kind} arrest with no case filed, automatic sealing comes from "
                       f"{first.isoformat()}."), cite
    if no_limit:
        return POSSIBLE, ("An offense of this arrest has no limitation period; whether automatic sealing "
                          "reaches it is not clear."), cite
    if as_of < last:
        return POSSIBLE, (f"Whether the wait is three or six years depends on the offense's punishment; it "
                          f"would end {last.isoformat()}."), cite
    return LIKELY, f"The arrest was for a {kind}, {how}, and the waiting period has passed.", cite


def _years(offenses: list[CountFacts]) -> tuple[int, int, bool]:
    """The wait the felony offenses surely need, the longest they may need, and whether one has no
    limitation period. An offense whose punishment we cannot read may be one of eight years or more."""
    certain, maybe, no_limit = False, False, False
    for c in offenses:
        if _charged_felony(c) is False:
            continue
        if c.offense and c.offense.no_limitation:
            certain = no_limit = True
        elif c.offense and c.offense.limitation_years == 6:
            certain = True
        elif not (c.offense and c.offense.limitation_years is not None and c.offense.limitation_years < 6):
            maybe = True  # a period below six years extends § 801's three (e.g. § 801.5), never § 800's six
    return (6 if certain else 3), (6 if certain or maybe else 3), no_limit
