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

from assembler.profile import Case, Level, Profile
from rules.decision import Builder, Decision, pc
from rules.facts import convicted, jail_1170h_term_executed, prison_term_executed
from rules.gates import apply_dismissal_gates
from rules.granted import already_granted
from rules.lawdates import PC_1203_41_ENACTED, SB731_UNCERTAIN, SB_731_PRISON_PRONG, within
from rules.registration import ask_duty, duty_from_conviction

REMEDY = "1203.41"
FORMS = ("CR-180", "CR-181")


def applies(case: Case) -> bool:
    """A felony whose county-jail (§ 1170(h)) or prison term was served — imposed directly or executed on
    revocation of probation. A prison term whose execution stayed suspended is a probation case (§ 1203.4)."""
    felony = any(c.level is Level.felony for c in convicted(case))
    return felony and (jail_1170h_term_executed(case) or prison_term_executed(case) is not False)


def decide(profile: Profile, case: Case, as_of: date) -> Decision:
    b = Builder(REMEDY, FORMS)
    b.discretionary("STATUTE_DISCRETIONARY", "Dismissal of a felony served in county jail or prison is "
                    "always up to the court, in the interest of justice.", pc("1203.41", "(a)(1)"))
    if already_granted(b, case, REMEDY, pc("1203.41", "(a)(1)")):
        return b.finish(as_of)
    executed = prison_term_executed(case)
    if executed is None:
        b.review("Was the prison term carried out (were you sent to prison), or did its execution stay "
                 "suspended while you were on probation?", pc("1203.41", "(a)(2)"),
                 field="cases[].sentence.state_prison.committed_on")
    if executed is not False:
        _prison_prong(b, profile, case, as_of)
    else:
        _jail_prong(b, case, as_of)
    apply_dismissal_gates(b, profile, case, as_of, pc("1203.41", "(a)(3)"))
    if case.sentence and case.sentence.restitution == "unpaid":
        b.why("Unpaid restitution is not a reason to deny the petition.", pc("1203.41", "(d)"))
    return b.finish(as_of)


def _jail_prong(b: Builder, case: Case, as_of: date) -> None:
    if as_of < PC_1203_41_ENACTED:
        b.block("COUNTY_JAIL_1170H_SENTENCE", "Section 1203.41 was not yet in force on this date.",
                pc("1203.41", "(a)"))
        return
    jail = case.sentence.county_jail_1170h
    if jail is None:  # executed on revocation of probation; the profile has no details of the term
        _wait(b, None, 2, "the county jail sentence (one year after a split sentence's mandatory supervision)",
              "When did the county jail term you served after probation was revoked end, and was it a split "
              "sentence with mandatory supervision?", as_of, "cases[].sentence.county_jail_1170h.release_date")
        return
    if jail.subparagraph == "B":
        done, years, field = jail.mandatory_supervision_end, 1, "mandatory_supervision_end"
        what = "the county jail sentence and its mandatory supervision"
        question = "When did mandatory supervision end?"
    else:
        done, years, field = jail.release_date or case.sentence.completed_on, 2, "release_date"
        what = "the county jail sentence"
        question = "When were you released from county jail?"
    _wait(b, done, years, what, question, as_of, f"cases[].sentence.county_jail_1170h.{field}")


def _prison_prong(b: Builder, profile: Profile, case: Case, as_of: date) -> None:
    cite = pc("1203.41", "(a)(2)")
    if as_of < SB_731_PRISON_PRONG:
        b.block("STATE_PRISON_SENTENCE", "Before SB 731 (2022) took effect, § 1203.41 did not reach "
                "state prison sentences; a certificate of rehabilitation was the route.", pc("1203.41", "(a)"))
        return
    if within(as_of, SB731_UNCERTAIN):
        b.unsettled("SB 731's prison prong took effect on Jan. 1 or July 1, 2023; sources differ. Check "
                 "which before filing in this window.", pc("1203.41", "(a)"))
    duty = duty_from_conviction(profile, case)
    if duty:
        b.block("REGISTRANT_290", "A prison conviction that requires sex-offender registration cannot be "
                "dismissed under § 1203.41.", pc("1203.41", "(a)"))
        return
    if duty is None:
        ask_duty(b, profile, pc("1203.41", "(a)"))
    prison = case.sentence.state_prison
    if prison is None:  # executed on revocation of probation; the profile has no details of the term
        _wait(b, None, 2, "the prison sentence, including parole", "When were you discharged from parole or "
              "post-release community supervision?", as_of, "cases[].sentence.state_prison.parole_discharge_date")
        return
    if prison.parole_discharge_date:
        done = prison.parole_discharge_date
    elif prison.release_date and prison.on_prcs is False and case.sentence.completed:
        done = prison.release_date
    else:
        done = None
        if prison.release_date:
            b.review("Does the two-year wait run from release or from discharge from parole / PRCS? "
                     "The statute says 'completion of the sentence'; we count from discharge. Give the "
                     "discharge date.", cite, field="cases[].sentence.state_prison.parole_discharge_date")
            return
    _wait(b, done, 2, "the prison sentence, including parole", "When were you discharged from parole "
          "or post-release community supervision?", as_of, "cases[].sentence.state_prison.parole_discharge_date")


def _wait(b: Builder, done: date | None, years: int, what: str, question: str, as_of: date,
          field: str | None) -> None:
    cite = pc("1203.41", "(a)(2)")
    if done is None:
        b.review(question + f" The petition can be filed {years} year(s) after you complete {what}.", cite,
                 field=field)
        return
    b.wait(done, years, f"you completed {what}", cite, as_of)
