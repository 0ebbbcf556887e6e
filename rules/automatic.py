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

from assembler.profile.model import Case, Level, ProbationOutcome, Profile, RegistrationBasis
from rules import messages
from rules.automatic_arrest import arrest_relief_flag  # noqa: F401  (the engine calls it from here)
from rules.decision import Cite, Notice, hs, pc
from rules.facts import (CountFacts, convicted, current_supervision, every_charge, highest_level,
                         jail_1170h_term_executed, judgment_date, must_register, prison_term_executed,
                         probation_running, registration_basis)
from rules.lawdates import (AUTO_RELIEF, AUTO_RELIEF_FELONY, AUTO_RELIEF_FELONY_WAIT, AUTO_RELIEF_FLOOR,
                            AUTO_RELIEF_WAIT, PROP_64, add_years)

GRANTED = "AUTO_RELIEF_1203_425_GRANTED"
LIKELY = "AUTO_RELIEF_1203_425_LIKELY"
POSSIBLE = "AUTO_RELIEF_1203_425_POSSIBLE"
LATER = "AUTO_RELIEF_1203_425_LATER"
NOT_AVAILABLE = "AUTO_RELIEF_1203_425_NOT_AVAILABLE"

CITE = pc("1203.425", "(a)(1)(B)")
TAIL = {  # the sentence each flag's notice ends with (templates/messages/*/automatic.yaml)
    GRANTED: "automatic.tail.granted",
    LIKELY: "automatic.tail.likely",
    POSSIBLE: "automatic.tail.possible",
    LATER: "automatic.tail.later",
    NOT_AVAILABLE: "automatic.tail.not_available",
}


@dataclass(frozen=True)
class Answer:
    flag: str
    why: dict  # a nested message: messages.msg("automatic.<key>", ...)
    cite: Cite = CITE


def _say(key: str, **params) -> dict:
    return messages.msg(f"automatic.{key}", **params)


def conviction_relief_flag(profile: Profile, case: Case, as_of: date) -> tuple[str, Notice]:
    """Pen. Code § 1203.425(a): DOJ's monthly review of convictions."""
    answer = _conviction(profile, case, as_of)
    return answer.flag, Notice.say("automatic.notice", answer.cite, why=answer.why,
                                   tail=messages.msg(TAIL[answer.flag]))


def _conviction(profile: Profile, case: Case, as_of: date) -> Answer:
    grant = case.granted("1203.425")
    if grant is not None:
        why = _say("granted_on", on=grant.on) if grant.on else _say("granted")
        return Answer(GRANTED, why, pc("1203.425", "(a)"))
    if case.conviction_date and case.conviction_date < AUTO_RELIEF_FLOOR:
        return Answer(NOT_AVAILABLE, _say("before_1973"))
    counts = convicted(case)
    level = highest_level(counts)
    barred = _registration_bar(profile, counts)
    if barred:
        return barred
    if case.sentence is None or level is None:
        return Answer(POSSIBLE, _say("sentence_unknown"))
    if _probation_without_revocation(case):
        return _probation_prong(profile, case, counts, as_of)
    if level is Level.felony:
        return _felony_prong(profile, case, counts, as_of)
    if case.sentence.probation is not None:
        return Answer(NOT_AVAILABLE, _say("probation_revoked"))
    return _no_probation_prong(profile, case, as_of)


# --- who is out: registration (clause (i)) ------------------------------------------------------


def _registration_bar(profile: Profile, counts: list[CountFacts]) -> Answer | None:
    if must_register(profile):
        return Answer(NOT_AVAILABLE, _say("must_register"))
    registrable = any(c.offense and c.offense.registrable_290c == "yes" for c in counts)
    if registrable and registration_basis(profile) is not RegistrationBasis.terminated_290_5:
        return Answer(NOT_AVAILABLE, _say("registrable_offense"))
    return None


def _open_person(profile: Profile, counts: list[CountFacts]) -> list[dict]:
    """Person-level conditions the profile leaves open (nested messages)."""
    status = profile.status
    found = []
    if must_register(profile) is None:
        found.append(_say("open.register_unknown"))
    if any(c.offense and c.offense.registrable_290c != "no" for c in counts):
        found.append(_say("open.registrable"))
    if status.pending_charges_unknown or status.supervision_unknown or status.serving_sentence is None:
        found.append(_say("open.status_unknown"))
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
        return Answer(LATER, _say("on_probation"))
    if p.outcome is ProbationOutcome.unknown:
        return Answer(POSSIBLE, _say("probation_end_unknown"))
    if as_of < AUTO_RELIEF:
        return Answer(LATER, _say("review_starts", on=AUTO_RELIEF))
    ended = p.ended_on or p.scheduled_end
    ready = max(ended, AUTO_RELIEF) if ended else None
    blocked = _blocked_now(profile, ready, as_of)
    if blocked:
        return blocked
    open_ = _open_person(profile, counts) + _open_money(case) + _open_probation(case, counts)
    if open_:
        return Answer(POSSIBLE, _say("probation_open", open=_join(open_)))
    return Answer(LIKELY, _say("probation_completed"))


def _open_probation(case: Case, counts: list[CountFacts]) -> list[dict]:
    p, prison = case.sentence.probation, case.sentence.state_prison
    found = []
    if p.outcome is ProbationOutcome.terminated_early:
        found.append(_say("open.ended_early"))
    if p.violations:
        found.append(_say("open.violation"))
    if p.suspension == "execution" or prison is not None:
        found.append(_say("open.prison_imposed"))
    if any(c.offense is None for c in counts):
        found.append(_say("open.not_in_table"))
    if any(_serious_or_violent(c) for c in counts if c.level is Level.felony):
        found.append(_say("open.serious_after_probation"))
    if any(c.offense and c.level in c.offense.excluded_1203_4b for c in counts) or any(
            c.offense and c.offense.vc_12810 for c in every_charge(case)):
        found.append(_say("open.exclusions"))
    return found


def _serious_or_violent(c: CountFacts) -> bool:
    return bool(c.offense and (c.offense.serious_1192_7c != "no" or c.offense.violent_667_5c != "no"))


def _open_money(case: Case) -> list[dict]:
    s = case.sentence
    found = []
    if s.restitution == "unpaid":
        found.append(_say("open.restitution"))
    if s.fines_paid is not True:
        found.append(_say("open.fines_maybe" if s.fines_paid is None else "open.fines_owed"))
    return found


# --- prong (II): misdemeanor or infraction, no probation ----------------------------------------


def _no_probation_prong(profile: Profile, case: Case, as_of: date) -> Answer:
    s = case.sentence
    if s.completed is False:
        return Answer(LATER, _say("sentence_running"))
    if as_of < AUTO_RELIEF:
        return Answer(LATER, _say("review_starts", on=AUTO_RELIEF))
    judged = judgment_date(case)
    if judged is None:
        return Answer(POSSIBLE, _say("judgment_unknown"))
    year = add_years(judged, AUTO_RELIEF_WAIT.years)
    if as_of < year:
        return Answer(LATER, _say("year_running", on=year))
    blocked = _blocked_now(profile, max(year, AUTO_RELIEF), as_of)
    if blocked:
        return blocked
    open_ = _open_person(profile, convicted(case)) + _open_money(case)
    if s.completed is None:
        open_.insert(0, _say("open.completed_unknown"))
    if open_:
        return Answer(POSSIBLE, _say("year_open", open=_join(open_)))
    return Answer(LIKELY, _say("year_passed"))


# --- prong (III): felonies (SB 731) -------------------------------------------------------------


def _felony_prong(profile: Profile, case: Case, counts: list[CountFacts], as_of: date) -> Answer:
    felonies = [c for c in counts if c.level is Level.felony]
    excluded = _excluded_felony(felonies)
    if excluded:
        return Answer(NOT_AVAILABLE, excluded)
    running, done = _felony_done(case, as_of)
    if running:
        return Answer(LATER, _say("felony_running"))
    if done is None:
        return Answer(POSSIBLE, _say("felony_end_unknown"))
    window_end = add_years(done, AUTO_RELIEF_FELONY_WAIT.years)
    new = _new_felony(profile, case, done, window_end)
    if new is True:
        return Answer(NOT_AVAILABLE, _say("new_felony"))
    ready = max(window_end, AUTO_RELIEF_FELONY)
    if as_of < ready:
        return Answer(LATER, _say("felony_waiting", done=done, on=ready))
    blocked = _blocked_now(profile, ready, as_of)
    if blocked:
        return blocked
    open_ = _open_person(profile, counts) + _open_money(case) + _open_felony(case, felonies, new)
    if open_:
        return Answer(POSSIBLE, _say("felony_open", done=done, open=_join(open_)))
    return Answer(POSSIBLE, _say("felony_passed", done=done))


def _excluded_felony(felonies: list[CountFacts]) -> dict | None:
    for c in felonies:
        if c.offense is None:
            continue
        if c.offense.serious_1192_7c == "yes":
            return _say("excluded_serious", count=c.label, offense=c.offense.description)
        if c.offense.violent_667_5c == "yes":
            return _say("excluded_violent", count=c.label, offense=c.offense.description)
        if c.offense.registrable_290c == "yes":
            return _say("excluded_registrable", count=c.label, offense=c.offense.description)
    return None


def _open_felony(case: Case, felonies: list[CountFacts], new: bool | None) -> list[dict]:
    found = []
    if any(c.offense is None for c in felonies):
        found.append(_say("open.felony_not_in_table"))
    elif any("conditional" in (c.offense.serious_1192_7c, c.offense.violent_667_5c, c.offense.registrable_290c)
             for c in felonies):
        found.append(_say("open.felony_conditional"))
    if new is None:
        found.append(_say("open.later_felony_date"))
    if case.sentence.completed is None:
        found.append(_say("open.whole_sentence"))
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
    if ready is not None and all(s is not None and s <= ready for s in starts):
        return Answer(LATER, _say("held_back"))
    return Answer(POSSIBLE, _say("held_back_now"))


def _supervision_start(profile: Profile, number: str | None) -> date | None:
    other = next((c for c in profile.cases if number and c.court_case_number == number), None)
    if other is None:
        return None
    p = other.sentence.probation if other.sentence else None
    return (p.start if p else None) or judgment_date(other)


def _join(items: list[dict]) -> dict:
    """The open conditions as one message: "a", "a; and b", "a; b; and c"."""
    if len(items) == 1:
        return items[0]
    if len(items) == 2:
        return _say("join.last", first=items[0], last=items[1])
    return _say("join.more", first=items[0], rest=_join(items[1:]))


# --- Health & Saf. Code § 11361.9 ----------------------------------------------------------------


def cannabis_review_flag(case: Case) -> tuple[str, Notice] | None:
    """Health & Saf. Code § 11361.9: DOJ and prosecutors reviewed pre-2016 cannabis convictions."""
    counts = [c for c in convicted(case) if c.offense and c.offense.prop64]
    if not counts or not (case.offense_date is None or case.offense_date < PROP_64):
        return None
    return "AUTO_RELIEF_11361_9_LIKELY", Notice.say("automatic.cannabis", hs("11361.9", "(a)"))
