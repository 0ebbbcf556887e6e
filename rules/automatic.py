"""Automatic relief — Pen. Code §§ 1203.425, 851.93 and Health & Saf. Code § 11361.9.

These are flags, never a reason to drop a petition: DOJ's review is "subject to an appropriation",
its data has gaps, a prosecutor may object, and a 17(b) reduction is never automatic. Each flag
tells the person to check the RAP sheet for "relief granted".
"""

from __future__ import annotations

from datetime import date

from assembler.profile import Case, Disposition, Level, ProbationOutcome, Profile
from rules.decision import Notice, hs, pc
from rules.facts import (any_registrable, any_serious_or_violent, arrest_offenses, convicted, current_supervision,
                         highest_level, judgment_date, sentenced_to_1170h_jail, sentenced_to_prison)
from rules.lawdates import AUTO_RELIEF, AUTO_RELIEF_FELONY, AUTO_RELIEF_FLOOR, PROP_64, add_years


def conviction_relief_flag(profile: Profile, case: Case, as_of: date) -> tuple[str, Notice]:
    """Pen. Code § 1203.425(a): DOJ's monthly review of convictions."""
    flag = _conviction_flag(profile, case, as_of)
    text = {
        "AUTO_RELIEF_1203_425_LIKELY": "This conviction may already have been dismissed automatically by the "
        "California DOJ. Check your RAP sheet for 'relief granted'. Filing still matters if it was not, and "
        "for a felony reduction, which is never automatic.",
        "AUTO_RELIEF_1203_425_POSSIBLE": "This conviction might be dismissed automatically by the California "
        "DOJ, but the record does not tell us for sure. Filing a petition does not depend on it.",
        "AUTO_RELIEF_1203_425_LATER": "This conviction may be dismissed automatically later. You do not have "
        "to wait: a petition can be filed when you are eligible.",
        "AUTO_RELIEF_1203_425_NOT_AVAILABLE": "This conviction does not qualify for automatic relief; a "
        "petition is the way.",
    }[flag]
    return flag, Notice.of(text, pc("1203.425", "(a)"))


def _conviction_flag(profile: Profile, case: Case, as_of: date) -> str:
    counts = convicted(case)
    if profile.status.registrant_290 or any_registrable(counts):
        return "AUTO_RELIEF_1203_425_NOT_AVAILABLE"
    convicted_on = case.conviction_date
    if convicted_on and convicted_on < AUTO_RELIEF_FLOOR:
        return "AUTO_RELIEF_1203_425_NOT_AVAILABLE"
    blocked_now = bool(profile.status.pending_charges or current_supervision(profile, as_of)
                       or profile.status.serving_sentence)
    s = case.sentence
    if s is None:
        return "AUTO_RELIEF_1203_425_POSSIBLE"
    if s.probation:
        return _probation_prong(s.probation.outcome, blocked_now, as_of)
    if highest_level(counts) is Level.felony and (sentenced_to_prison(case) or sentenced_to_1170h_jail(case)):
        return _felony_prong(case, counts, blocked_now, as_of)
    return _no_probation_prong(case, blocked_now, as_of)


def _probation_prong(outcome: ProbationOutcome, blocked_now: bool, as_of: date) -> str:
    """(a)(1)(A): probation "completed ... without revocation"; a revocation defeats it."""
    if outcome in (ProbationOutcome.revoked, ProbationOutcome.violated_reinstated):
        return "AUTO_RELIEF_1203_425_NOT_AVAILABLE"
    if outcome is ProbationOutcome.ongoing or blocked_now or as_of < AUTO_RELIEF:
        return "AUTO_RELIEF_1203_425_LATER"
    if outcome in (ProbationOutcome.completed, ProbationOutcome.terminated_early):
        return "AUTO_RELIEF_1203_425_LIKELY"
    return "AUTO_RELIEF_1203_425_POSSIBLE"


def _no_probation_prong(case: Case, blocked_now: bool, as_of: date) -> str:
    """(a)(1)(B): misdemeanor or infraction, sentence completed, a year after judgment."""
    judged = judgment_date(case)
    if case.sentence.completed is False or blocked_now or as_of < AUTO_RELIEF:
        return "AUTO_RELIEF_1203_425_LATER"
    if judged is None or case.sentence.completed is None:
        return "AUTO_RELIEF_1203_425_POSSIBLE"
    return "AUTO_RELIEF_1203_425_LIKELY" if as_of >= add_years(judged, 1) else "AUTO_RELIEF_1203_425_LATER"


def _felony_prong(case: Case, counts, blocked_now: bool, as_of: date) -> str:
    """The felony prong (SB 731): four clean years after completing the sentence; no serious,
    violent or registrable felony; operative Oct. 1, 2024."""
    if any_serious_or_violent(counts):
        return "AUTO_RELIEF_1203_425_NOT_AVAILABLE"
    s = case.sentence
    done = (s.state_prison.parole_discharge_date if s.state_prison else None) or (
        s.county_jail_1170h.mandatory_supervision_end or s.county_jail_1170h.release_date
        if s.county_jail_1170h else None) or s.completed_on
    if done is None:
        return "AUTO_RELIEF_1203_425_POSSIBLE"
    ready = max(add_years(done, 4), AUTO_RELIEF_FELONY)
    if blocked_now or as_of < ready:
        return "AUTO_RELIEF_1203_425_LATER"
    return "AUTO_RELIEF_1203_425_POSSIBLE"


def arrest_relief_flag(case: Case, as_of: date) -> tuple[str, Notice]:
    """Pen. Code § 851.93(a)(2): DOJ's monthly review of arrests without conviction."""
    flag = _arrest_flag(case, as_of)
    text = {
        "AUTO_RELIEF_851_93_LIKELY": "This arrest may already have been sealed automatically by the California "
        "DOJ. Check your RAP sheet for 'relief granted'; if it was not, file the petition.",
        "AUTO_RELIEF_851_93_POSSIBLE": "This arrest might be sealed automatically; the record does not tell us "
        "for sure. The petition does not depend on it.",
        "AUTO_RELIEF_851_93_LATER": "This arrest may be sealed automatically later.",
        "AUTO_RELIEF_851_93_NOT_EXPECTED": "Automatic sealing is not expected for this arrest (for example a "
        "felony charge that was filed and then dismissed); a petition is the way.",
    }[flag]
    return flag, Notice.of(text, pc("851.93", "(a)(2)"))


def _arrest_flag(case: Case, as_of: date) -> str:
    arrested = case.arrest.date if case.arrest else None
    if arrested and arrested < AUTO_RELIEF_FLOOR:
        return "AUTO_RELIEF_851_93_NOT_EXPECTED"
    offenses = arrest_offenses(case)
    dispositions = {c.count.disposition for c in offenses}
    felony = any(c.count.level_charged is Level.felony for c in offenses)
    if dispositions <= {Disposition.diversion_completed, Disposition.dej_completed}:
        return "AUTO_RELIEF_851_93_LIKELY" if as_of >= AUTO_RELIEF else "AUTO_RELIEF_851_93_LATER"
    if dispositions <= {Disposition.never_filed}:
        years = 3 if felony else 1
        start = max(add_years(arrested, years), AUTO_RELIEF_FELONY if felony else AUTO_RELIEF) if arrested else None
        if start is None:
            return "AUTO_RELIEF_851_93_POSSIBLE"
        return "AUTO_RELIEF_851_93_LIKELY" if as_of >= start else "AUTO_RELIEF_851_93_LATER"
    if felony:
        return "AUTO_RELIEF_851_93_NOT_EXPECTED"
    if dispositions <= {Disposition.dismissed, Disposition.acquitted}:
        return "AUTO_RELIEF_851_93_LIKELY" if as_of >= AUTO_RELIEF else "AUTO_RELIEF_851_93_LATER"
    return "AUTO_RELIEF_851_93_POSSIBLE"


def cannabis_review_flag(case: Case) -> tuple[str, Notice] | None:
    """Health & Saf. Code § 11361.9: DOJ and prosecutors reviewed pre-2016 cannabis convictions."""
    counts = [c for c in convicted(case) if c.offense and c.offense.prop64]
    if not counts or not (case.offense_date is None or case.offense_date < PROP_64):
        return None
    text = ("This cannabis conviction may already have been reduced or dismissed in the automatic review "
            "(courts had to rule by March 1, 2023). Check your RAP sheet; you can still apply if it was not.")
    return "AUTO_RELIEF_11361_9_LIKELY", Notice.of(text, hs("11361.9"))

