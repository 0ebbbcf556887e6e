"""Automatic relief — Pen. Code §§ 1203.425, 851.93 and Health & Saf. Code § 11361.9.

These are flags, never a reason to drop a petition: DOJ's review is "subject to an appropriation",
its data has gaps, a prosecutor may object (§ 1203.425(b)), and a 17(b) reduction is never automatic.

§ 1203.425(a)(1)(B): a person is eligible if "(i) The person is not required to register ...
(ii) ... does not have an active record for local, state, or federal supervision ... (iii) ... it
does not appear that the person is currently serving a sentence for an offense and there is no
indication of pending criminal charges", and the conviction, on or after January 1, 1973, meets one of:
  (I) "sentenced to probation and ... appears to have completed their term of probation without
      revocation";
  (II) "convicted of an infraction or misdemeanor, was not granted probation, ... appears to have
      completed their sentence, and at least one calendar year has elapsed since the date of judgment";
  (III) (SB 731, operative Oct. 1, 2024) "convicted of a felony other than one for which the defendant
      completed probation without revocation", all "incarceration, probation, mandatory supervision,
      postrelease community supervision, and parole" completed and "a period of four years has elapsed
      ... during which the defendant was not convicted of a new felony offense"; not for a serious
      (§ 1192.7(c)), violent (§ 667.5(c)) or registrable (§ 290) felony. Only this prong reaches a
      state-prison sentence.
A misdemeanor whose probation was revoked fits neither (I) ("without revocation") nor (II) ("was not
granted probation"), so it gets no automatic relief. The felony prong is at most POSSIBLE: how DOJ
reads it is not confirmed.

The conviction-level numbering is cited at (a)(1)(B): the clause numbers changed with the 2022–2024
amendments (RULES.md § 13.1, VERIFY). The flag modules for arrests are in `automatic_arrest`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from assembler.profile import Case, Level, ProbationOutcome, Profile, RegistrationBasis
from rules.automatic_arrest import arrest_relief_flag  # noqa: F401  (the engine calls it from here)
from rules.decision import Cite, Notice, hs, pc
from rules.facts import (CountFacts, convicted, current_supervision, every_charge, highest_level,
                         jail_1170h_term_executed, judgment_date, must_register, prison_term_executed,
                         probation_running, registration_basis)
from rules.lawdates import AUTO_RELIEF, AUTO_RELIEF_FELONY, AUTO_RELIEF_FLOOR, PROP_64, add_years

GRANTED = "AUTO_RELIEF_1203_425_GRANTED"
LIKELY = "AUTO_RELIEF_1203_425_LIKELY"
POSSIBLE = "AUTO_RELIEF_1203_425_POSSIBLE"
LATER = "AUTO_RELIEF_1203_425_LATER"
NOT_AVAILABLE = "AUTO_RELIEF_1203_425_NOT_AVAILABLE"

CITE = pc("1203.425", "(a)(1)(B)")
TAIL = {
    GRANTED: "Check that your RAP sheet shows 'relief granted'. A felony reduction (§ 17(b)) is never "
    "automatic; it still takes a petition.",
    LIKELY: "This conviction may already have been dismissed automatically by the California DOJ. Check your "
    "RAP sheet for 'relief granted'. Filing still matters if it was not, and for a felony reduction, which is "
    "never automatic.",
    POSSIBLE: "This conviction might be dismissed automatically by the California DOJ, but the record does not "
    "tell us for sure. Filing a petition does not depend on it.",
    LATER: "This conviction may be dismissed automatically later. You do not have to wait: a petition can be "
    "filed when you are eligible.",
    NOT_AVAILABLE: "This conviction does not qualify for automatic relief; a petition is the way.",
}


@dataclass(frozen=True)
class Answer:
    flag: str
    why: str
    cite: Cite = CITE


def conviction_relief_flag(profile: Profile, case: Case, as_of: date) -> tuple[str, Notice]:
    """Pen. Code § 1203.425(a): DOJ's monthly review of convictions."""
    answer = _conviction(profile, case, as_of)
    return answer.flag, Notice.of(f"{answer.why} {TAIL[answer.flag]}", answer.cite)


def _conviction(profile: Profile, case: Case, as_of: date) -> Answer:
    grant = case.granted("1203.425")
    if grant is not None:
        when = f" on {grant.on.isoformat()}" if grant.on else ""
        return Answer(GRANTED, f"Your record shows the California DOJ already granted automatic relief in this "
                      f"case{when}.", pc("1203.425", "(a)"))
    if case.conviction_date and case.conviction_date < AUTO_RELIEF_FLOOR:
        return Answer(NOT_AVAILABLE, "Automatic relief reaches only convictions on or after January 1, 1973.")
    counts = convicted(case)
    level = highest_level(counts)
    barred = _registration_bar(profile, counts)
    if barred:
        return barred
    if case.sentence is None or level is None:
        return Answer(POSSIBLE, "The sentence or the level of the conviction is not known, so we cannot tell "
                      "which kind of automatic relief could apply.")
    if _probation_without_revocation(case):
        return _probation_prong(profile, case, counts, as_of)
    if level is Level.felony:
        return _felony_prong(profile, case, counts, as_of)
    if case.sentence.probation is not None:
        return Answer(NOT_AVAILABLE, "Your probation was revoked. Automatic relief covers a misdemeanor only "
                      "when probation was completed without revocation, or when no probation was granted.")
    return _no_probation_prong(profile, case, as_of)


# --- who is out: registration (clause (i)) ------------------------------------------------------


def _registration_bar(profile: Profile, counts: list[CountFacts]) -> Answer | None:
    if must_register(profile):
        return Answer(NOT_AVAILABLE, "Automatic relief is not given to a person who must register as a sex "
                      "offender (§ 290).")
    registrable = any(c.offense and c.offense.registrable_290c == "yes" for c in counts)
    if registrable and registration_basis(profile) is not RegistrationBasis.terminated_290_5:
        return Answer(NOT_AVAILABLE, "This conviction requires sex-offender registration (§ 290(c)), and "
                      "automatic relief is not given to a person who must register.")
    return None


def _open_person(profile: Profile, counts: list[CountFacts]) -> list[str]:
    """Person-level conditions the profile leaves open."""
    status = profile.status
    found = []
    if must_register(profile) is None:
        found.append("whether you must register as a sex offender is not known")
    if any(c.offense and c.offense.registrable_290c != "no" for c in counts):
        found.append("the offense can require sex-offender registration")
    if status.pending_charges_unknown or status.supervision_unknown or status.serving_sentence is None:
        found.append("it is not known whether you have a pending charge, supervision or a sentence to serve")
    return found


# --- prong (I): probation completed without revocation ------------------------------------------


def _revoked(case: Case) -> bool:
    p = case.sentence.probation if case.sentence else None
    if p is None:
        return False
    return bool(p.outcome in (ProbationOutcome.revoked, ProbationOutcome.violated_reinstated) or p.revocations
                or prison_term_executed(case) is True or jail_1170h_term_executed(case))


def _probation_without_revocation(case: Case) -> bool:
    return case.sentence.probation is not None and not _revoked(case)


def _probation_prong(profile: Profile, case: Case, counts: list[CountFacts], as_of: date) -> Answer:
    p = case.sentence.probation
    if p.outcome is ProbationOutcome.ongoing or probation_running(case, as_of):
        return Answer(LATER, "You are still on probation in this case; automatic relief can come only after "
                      "it is completed without revocation.")
    if p.outcome is ProbationOutcome.unknown:
        return Answer(POSSIBLE, "We do not know how your probation ended; automatic relief needs probation "
                      "completed without revocation.")
    if as_of < AUTO_RELIEF:
        return Answer(LATER, f"DOJ's automatic review starts {AUTO_RELIEF.isoformat()}.")
    ended = p.ended_on or p.scheduled_end
    ready = max(ended, AUTO_RELIEF) if ended else None
    blocked = _blocked_now(profile, ready, as_of)
    if blocked:
        return blocked
    open_ = _open_person(profile, counts) + _open_money(case) + _open_probation(case, counts)
    if open_:
        return Answer(POSSIBLE, f"Your probation appears completed without revocation, but {_join(open_)}.")
    return Answer(LIKELY, "You completed probation in this case without revocation.")


def _open_probation(case: Case, counts: list[CountFacts]) -> list[str]:
    p, prison = case.sentence.probation, case.sentence.state_prison
    found = []
    if p.outcome is ProbationOutcome.terminated_early:
        found.append("probation ended early, and DOJ reads the term from its records")
    if p.violations:
        found.append("a probation violation may have come with a revocation")
    if p.suspension == "execution" or prison is not None:
        found.append("a prison term was imposed (its execution suspended, or not shown), and automatic relief "
                     "looks for no sign of a state prison sentence")
    if any(c.offense is None for c in counts):
        found.append("an offense is not in our table")
    if any(_serious_or_violent(c) for c in counts if c.level is Level.felony):
        found.append("whether DOJ gives automatic relief for a serious or violent felony after probation is "
                     "not confirmed")
    if any(c.offense and c.level in c.offense.excluded_1203_4b for c in counts) or any(
            c.offense and c.offense.vc_12810 for c in every_charge(case)):
        found.append("whether DOJ applies the § 1203.4(b)-(c) exclusions to automatic relief is not confirmed")
    return found


def _serious_or_violent(c: CountFacts) -> bool:
    return bool(c.offense and (c.offense.serious_1192_7c != "no" or c.offense.violent_667_5c != "no"))


def _open_money(case: Case) -> list[str]:
    s = case.sentence
    found = []
    if s.restitution == "unpaid":
        found.append("restitution is still owed")
    if s.fines_paid is not True:
        found.append("fines may still be owed" if s.fines_paid is None else "fines are still owed")
    return found


# --- prong (II): misdemeanor or infraction, no probation ----------------------------------------


def _no_probation_prong(profile: Profile, case: Case, as_of: date) -> Answer:
    s = case.sentence
    if s.completed is False:
        return Answer(LATER, "Your sentence is not completed yet.")
    if as_of < AUTO_RELIEF:
        return Answer(LATER, f"DOJ's automatic review starts {AUTO_RELIEF.isoformat()}.")
    judged = judgment_date(case)
    if judged is None:
        return Answer(POSSIBLE, "The date of judgment is not known; automatic relief comes a year after it.")
    year = add_years(judged, 1)
    if as_of < year:
        return Answer(LATER, f"Automatic relief needs one calendar year after judgment: from {year.isoformat()}.")
    blocked = _blocked_now(profile, max(year, AUTO_RELIEF), as_of)
    if blocked:
        return blocked
    open_ = _open_person(profile, convicted(case)) + _open_money(case)
    if s.completed is None:
        open_.insert(0, "it is not known whether the sentence is completed")
    if open_:
        return Answer(POSSIBLE, f"More than a year has passed since judgment, but {_join(open_)}.")
    return Answer(LIKELY, "Your sentence is completed and more than a year has passed since judgment.")


# --- prong (III): felonies (SB 731) -------------------------------------------------------------


def _felony_prong(profile: Profile, case: Case, counts: list[CountFacts], as_of: date) -> Answer:
    felonies = [c for c in counts if c.level is Level.felony]
    excluded = _excluded_felony(felonies)
    if excluded:
        return Answer(NOT_AVAILABLE, f"{excluded}. The automatic relief for felonies leaves it out.")
    running, done = _felony_done(case, as_of)
    if running:
        return Answer(LATER, "Your sentence or supervision in this case is not over; automatic relief for a "
                      "felony comes four years after all of it ends.")
    if done is None:
        return Answer(POSSIBLE, "We cannot tell when your sentence, supervision and parole all ended; automatic "
                      "relief for a felony comes four years after that.")
    window_end = add_years(done, 4)
    new = _new_felony(profile, case, done, window_end)
    if new is True:
        return Answer(NOT_AVAILABLE, "You were convicted of a new felony within four years after completing "
                      "this sentence.")
    ready = max(window_end, AUTO_RELIEF_FELONY)
    if as_of < ready:
        return Answer(LATER, f"Automatic relief for a felony needs four years after the sentence ended "
                      f"({done.isoformat()}) with no new felony conviction: from {ready.isoformat()}.")
    blocked = _blocked_now(profile, ready, as_of)
    if blocked:
        return blocked
    open_ = _open_person(profile, counts) + _open_money(case) + _open_felony(case, felonies, new)
    return Answer(POSSIBLE, f"Four years have passed since your sentence ended ({done.isoformat()}), so the "
                  f"felony prong may apply{', but ' + _join(open_) if open_ else ''}. How DOJ applies it is not "
                  "confirmed.")


def _excluded_felony(felonies: list[CountFacts]) -> str | None:
    for c in felonies:
        if c.offense is None:
            continue
        if c.offense.serious_1192_7c == "yes":
            return f"{c.label} ({c.offense.description}) is a serious felony (§ 1192.7(c))"
        if c.offense.violent_667_5c == "yes":
            return f"{c.label} ({c.offense.description}) is a violent felony (§ 667.5(c))"
        if c.offense.registrable_290c == "yes":
            return f"{c.label} ({c.offense.description}) requires registration (§ 290)"
    return None


def _open_felony(case: Case, felonies: list[CountFacts], new: bool | None) -> list[str]:
    found = []
    if any(c.offense is None for c in felonies):
        found.append("an offense is not in our table, so we cannot rule out a serious or violent felony")
    elif any("conditional" in (c.offense.serious_1192_7c, c.offense.violent_667_5c, c.offense.registrable_290c)
             for c in felonies):
        found.append("the offense can be a serious or violent felony depending on the facts")
    if new is None:
        found.append("the date of a later felony conviction is not known")
    if case.sentence.completed is None:
        found.append("it is not known whether the whole sentence is completed")
    return found


def _felony_done(case: Case, as_of: date) -> tuple[bool, date | None]:
    """(still running, the day all custody and supervision ended; None: not shown)."""
    s = case.sentence
    if s.completed is False:
        return True, None
    prison, jail, p = s.state_prison, s.county_jail_1170h, s.probation
    ends = [s.completed_on]
    if prison_term_executed(case) is True or (prison is not None and prison_term_executed(case) is None):
        ends.append(prison.parole_discharge_date if prison else None)  # release alone: parole may run on
    elif jail_1170h_term_executed(case):
        ends += [jail.release_date, jail.mandatory_supervision_end] if jail else []
    elif p is not None and p.outcome is not ProbationOutcome.revoked:
        ends.append(p.ended_on)  # a revocation date is not the end of what followed it
    known = [d for d in ends if d is not None]
    if not known:
        return False, None
    done = max(known)
    return done >= as_of, done


def _new_felony(profile: Profile, case: Case, start: date, end: date) -> bool | None:
    """A felony conviction in another case after `start` and by `end` (None: a date is missing)."""
    unknown = False
    for other in profile.cases:
        if other is case or highest_level(convicted(other)) is not Level.felony:
            continue
        on = other.conviction_date
        if on is None:
            unknown = True
        elif start < on <= end:
            return True
    return None if unknown else False


# --- clauses (ii)-(iii): nothing pending, no supervision, no sentence now -----------------------


def _blocked_now(profile: Profile, ready: date | None, as_of: date) -> Answer | None:
    """LATER while a charge, supervision or sentence is current; POSSIBLE where relief may already have
    been granted in a window before that began."""
    status = profile.status
    supervision = current_supervision(profile, as_of)
    if not (status.pending_charges or supervision or status.serving_sentence):
        return None
    starts = [_supervision_start(profile, s.case_number) for s in supervision]
    if status.pending_charges or status.serving_sentence:
        starts.append(None)
    what = "a pending charge, supervision or a sentence you are serving"
    if ready is not None and all(s is not None and s <= ready for s in starts):
        return Answer(LATER, f"Automatic relief waits while you have {what}.")
    return Answer(POSSIBLE, f"You now have {what}, which holds automatic relief back, but relief may already "
                  "have been granted before it began.")


def _supervision_start(profile: Profile, number: str | None) -> date | None:
    other = next((c for c in profile.cases if number and c.court_case_number == number), None)
    if other is None:
        return None
    p = other.sentence.probation if other.sentence else None
    return (p.start if p else None) or judgment_date(other)


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else "; ".join(items[:-1]) + "; and " + items[-1]


# --- Health & Saf. Code § 11361.9 ----------------------------------------------------------------


def cannabis_review_flag(case: Case) -> tuple[str, Notice] | None:
    """Health & Saf. Code § 11361.9: DOJ and prosecutors reviewed pre-2016 cannabis convictions."""
    counts = [c for c in convicted(case) if c.offense and c.offense.prop64]
    if not counts or not (case.offense_date is None or case.offense_date < PROP_64):
        return None
    text = ("This cannabis conviction may already have been reduced or dismissed in the automatic review "
            "(courts had to rule by March 1, 2023). Check your RAP sheet; you can still apply if it was not.")
    return "AUTO_RELIEF_11361_9_LIKELY", Notice.of(text, hs("11361.9", "(a)"))
