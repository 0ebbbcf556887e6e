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

from assembler.profile.model import Case, Disposition, Level
from rules import messages
from rules.decision import Cite, Notice, pc
from rules.facts import CountFacts, every_charge
from rules.lawdates import AUTO_RELIEF, AUTO_RELIEF_FELONY, AUTO_RELIEF_FLOOR, add_years

GRANTED = "AUTO_RELIEF_851_93_GRANTED"
LIKELY = "AUTO_RELIEF_851_93_LIKELY"
POSSIBLE = "AUTO_RELIEF_851_93_POSSIBLE"
LATER = "AUTO_RELIEF_851_93_LATER"
NOT_EXPECTED = "AUTO_RELIEF_851_93_NOT_EXPECTED"

TAIL = {  # the sentence each flag's notice ends with (templates/messages/*/automatic_arrest.yaml)
    GRANTED: "automatic_arrest.tail.granted",
    LIKELY: "automatic_arrest.tail.likely",
    POSSIBLE: "automatic_arrest.tail.possible",
    LATER: "automatic_arrest.tail.later",
    NOT_EXPECTED: "automatic_arrest.tail.not_expected",
}
DIVERTED = {Disposition.diversion_completed, Disposition.dej_completed}
ENDED = {Disposition.dismissed, Disposition.acquitted, Disposition.never_filed} | DIVERTED


def arrest_relief_flag(case: Case, as_of: date) -> tuple[str, Notice]:
    """Pen. Code § 851.93(a)(2): DOJ's monthly review of arrests without conviction."""
    flag, why, cite = _arrest(case, as_of)
    return flag, Notice.say("automatic_arrest.notice", cite, why=why, tail=messages.msg(TAIL[flag]))


def _say(key: str, **params) -> dict:
    """Why the flag: a nested message, the first sentence of the notice."""
    return messages.msg(f"automatic_arrest.{key}", **params)


def _arrest(case: Case, as_of: date) -> tuple[str, dict, Cite]:
    grant = case.granted("851.93")
    if grant is not None:
        why = _say("granted_on", on=grant.on) if grant.on else _say("granted")
        return GRANTED, why, pc("851.93", "(a)")
    arrested = case.arrest.date if case.arrest else None
    if arrested and arrested < AUTO_RELIEF_FLOOR:
        return NOT_EXPECTED, _say("before_1973"), pc("851.93", "(a)(2)")
    offenses = every_charge(case)
    dispositions = {c.count.disposition for c in offenses}
    if Disposition.pending in dispositions:
        return LATER, _say("pending"), pc("851.93", "(a)(2)")
    if not dispositions <= ENDED:
        return POSSIBLE, _say("ending_unclear"), pc("851.93", "(a)(2)")
    felony = _felony(offenses)
    if felony is None:
        as_felony = _decide(offenses, True, arrested, as_of)
        as_misdemeanor = _decide(offenses, False, arrested, as_of)
        if as_felony[0] == as_misdemeanor[0]:
            return as_felony
        return POSSIBLE, _say("level_unknown"), pc("851.93", "(a)(2)")
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


def _decide(offenses: list[CountFacts], felony: bool, arrested: date | None, as_of: date) -> tuple[str, dict, Cite]:
    dispositions = {c.count.disposition for c in offenses}
    if dispositions & DIVERTED and dispositions <= DIVERTED | {Disposition.never_filed, Disposition.dismissed}:
        return _diverted(dispositions, felony, as_of)
    if dispositions <= {Disposition.never_filed}:
        return _waited(offenses, felony, arrested, as_of, acquitted=False)
    if not felony:
        cite = pc("851.93", "(a)(2)(A)" if Disposition.dismissed in dispositions else "(a)(2)(B)")
        if as_of < AUTO_RELIEF:
            return LATER, _say("review_starts", on=AUTO_RELIEF), cite
        if Disposition.acquitted in dispositions and dispositions - {Disposition.acquitted, Disposition.never_filed}:
            return POSSIBLE, _say("dismissed_and_acquitted"), cite
        if Disposition.acquitted in dispositions:
            return _waited(offenses, felony, arrested, as_of, acquitted=True)
        return LIKELY, _say("misdemeanor_dismissed"), cite
    if dispositions <= {Disposition.acquitted, Disposition.never_filed}:
        return _waited(offenses, felony, arrested, as_of, acquitted=True)
    return NOT_EXPECTED, _say("felony_dismissed"), pc("851.93", "(a)(2)(C)(i)")


def _diverted(dispositions: set[Disposition], felony: bool, as_of: date) -> tuple[str, dict, Cite]:
    cite = pc("851.93", "(a)(2)(D)")
    if as_of < AUTO_RELIEF:
        return LATER, _say("review_starts", on=AUTO_RELIEF), cite
    if felony and Disposition.diversion_completed in dispositions:
        return POSSIBLE, _say("diversion_felony"), cite
    return LIKELY, _say("diverted"), cite


def _waited(offenses: list[CountFacts], felony: bool, arrested: date | None, as_of: date,
            acquitted: bool) -> tuple[str, dict, Cite]:
    """(B) and (C): a year for a misdemeanor arrest, three years for a felony, six for an offense
    punishable by eight years or more."""
    low, high, no_limit = _years(offenses) if felony else (1, 1, False)
    operative = AUTO_RELIEF_FELONY if felony else AUTO_RELIEF
    cite = pc("851.93", "(a)(2)(B)" if not felony else "(a)(2)(C)(ii)" if low == 6 else "(a)(2)(C)(i)")
    kind = "felony" if felony else "misdemeanor"
    how = "acquitted" if acquitted else "not_filed"
    if as_of < operative:
        return LATER, _say(f"review_starts_{kind}", on=operative), cite
    if arrested is None:
        return POSSIBLE, _say(f"arrest_date_unknown_{how}"), cite
    first, last = max(add_years(arrested, low), operative), max(add_years(arrested, high), operative)
    if as_of < first:
        return (POSSIBLE if acquitted else LATER), _say(f"waiting_{kind}_{how}", on=first), cite
    if no_limit:
        return POSSIBLE, _say("no_limitation"), cite
    if as_of < last:
        return POSSIBLE, _say("three_or_six", on=last), cite
    return LIKELY, _say(f"waited_{kind}_{how}"), cite


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
