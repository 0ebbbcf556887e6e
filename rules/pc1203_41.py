"""Pen. Code § 1203.41 — felony county jail under § 1170(h), and (since SB 731) state prison.

(a)(1): the court "in its discretion and in the interest of justice, may order" relief — always
discretionary. (a)(2): "only after the lapse of one year following the defendant's completion of
the sentence" for a split sentence under 1170(h)(5)(B), "or after the lapse of two years" for
straight county jail under 1170(h)(5)(A) or state prison. (a)(3): not on parole or mandatory
supervision, not serving a sentence for, on probation for, or charged with any offense. The prison
prong (SB 731) is open only where the conviction did not result in a requirement to register as a sex
offender — a § 290(c) offense or a court order under § 290.006 (CR-180 item 5c). Relief already granted
(here or by § 1203.425) is not asked for twice.
"""

from __future__ import annotations

from datetime import date

from assembler.profile.model import Case, Level, Profile
from rules import messages
from rules.decision import Builder, Decision, pc
from rules.facts import convicted, jail_1170h_term_executed, prison_term_executed
from rules.gates import apply_dismissal_gates
from rules.granted import already_granted
from rules.lawdates import (PC_1203_41_ENACTED, SB731_UNCERTAIN, SB_731_PRISON_PRONG, WAIT_1203_41_JAIL,
                            WAIT_1203_41_PRISON, WAIT_1203_41_SPLIT, Period, within)
from rules.registration import ask_duty, duty_from_conviction

REMEDY = "1203.41"
FORMS = ("CR-180", "CR-181")


def applies(profile: Profile, case: Case, as_of: date) -> bool:
    """A felony whose county-jail (§ 1170(h)) or prison term was served — imposed directly or executed on
    revocation of probation. A prison term whose execution stayed suspended is a probation case (§ 1203.4)."""
    felony = any(c.level is Level.felony for c in convicted(case))
    return felony and (jail_1170h_term_executed(case) or prison_term_executed(case) is not False)


def decide(profile: Profile, case: Case, as_of: date) -> Decision:
    b = Builder(REMEDY, FORMS)
    b.discretionary("STATUTE_DISCRETIONARY", "pc1203_41.up_to_court", pc("1203.41", "(a)(1)"))
    if already_granted(b, case, REMEDY, pc("1203.41", "(a)(1)")):
        return b.finish(as_of)
    executed = prison_term_executed(case)
    if executed is None:
        b.review("pc1203_41.prison_executed", pc("1203.41", "(a)(2)"),
                 field="cases[].sentence.state_prison.committed_on")
    if executed is not False:
        _prison_prong(b, profile, case, as_of)
    else:
        _jail_prong(b, case, as_of)
    apply_dismissal_gates(b, profile, case, as_of, pc("1203.41", "(a)(3)"))
    if case.sentence and case.sentence.restitution == "unpaid":
        b.why("pc1203_41.restitution", pc("1203.41", "(d)"))
    return b.finish(as_of)


def _jail_prong(b: Builder, case: Case, as_of: date) -> None:
    if as_of < PC_1203_41_ENACTED:
        b.block("NOT_YET_IN_FORCE", "pc1203_41.not_in_force", pc("1203.41", "(a)"))
        return
    jail = case.sentence.county_jail_1170h
    if jail is None:  # executed on revocation of probation; the profile has no details of the term
        _wait(b, None, WAIT_1203_41_JAIL, "revoked_jail", "pc1203_41.ask_revoked_jail", as_of,
              "cases[].sentence.county_jail_1170h.release_date")
        return
    if jail.subparagraph == "B":
        done, period, field = jail.mandatory_supervision_end, WAIT_1203_41_SPLIT, "mandatory_supervision_end"
        term, question = "split_jail", "pc1203_41.ask_supervision_end"
    else:
        done, period, field = jail.release_date or case.sentence.completed_on, WAIT_1203_41_JAIL, "release_date"
        term, question = "jail", "pc1203_41.ask_jail_release"
    _wait(b, done, period, term, question, as_of, f"cases[].sentence.county_jail_1170h.{field}")


def _prison_prong(b: Builder, profile: Profile, case: Case, as_of: date) -> None:
    cite = pc("1203.41", "(a)(2)")
    if as_of < SB_731_PRISON_PRONG:
        b.block("NOT_YET_IN_FORCE", "pc1203_41.before_sb731", pc("1203.41", "(a)"))
        return
    if within(as_of, SB731_UNCERTAIN):
        b.unsettled("pc1203_41.sb731_date", pc("1203.41", "(a)"))
    duty = duty_from_conviction(profile, case)
    if duty:
        b.block("REGISTRANT_290", "pc1203_41.registrant", pc("1203.41", "(a)"))
        return
    if duty is None:
        ask_duty(b, profile, pc("1203.41", "(a)"))
    prison = case.sentence.state_prison
    if prison is None:  # executed on revocation of probation; the profile has no details of the term
        _wait(b, None, WAIT_1203_41_PRISON, "prison", "pc1203_41.ask_parole_discharge", as_of,
              "cases[].sentence.state_prison.parole_discharge_date")
        return
    if prison.parole_discharge_date:
        done = prison.parole_discharge_date
    elif prison.release_date and prison.on_prcs is False and case.sentence.completed:
        done = prison.release_date
    else:
        done = None
        if prison.release_date:
            b.review("pc1203_41.wait_from_discharge", cite, field="cases[].sentence.state_prison.parole_discharge_date")
            return
    _wait(b, done, WAIT_1203_41_PRISON, "prison", "pc1203_41.ask_parole_discharge", as_of,
          "cases[].sentence.state_prison.parole_discharge_date")


def _wait(b: Builder, done: date | None, period: Period, term: str, question: str, as_of: date,
          field: str | None) -> None:
    """`term` names what must be completed: `pc1203_41.what_<term>`, and the wait runs from
    `since.completed_<term>`; `question` is the key of what to ask when its date is missing."""
    if done is None:
        b.review("pc1203_41.file_after" + ("_one" if period.years == 1 else ""), pc(period.section, period.subdivision),
                 field=field, question=messages.msg(question), years=period.years,
                 what=messages.msg(f"pc1203_41.what_{term}"))
        return
    b.wait(done, period, f"since.completed_{term}", as_of)
