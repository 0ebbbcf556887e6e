"""Pen. Code § 1203.42 — state prison before Realignment for a crime now served in county jail.

(a)(1): "If a defendant was sentenced prior to the implementation of the 2011 Realignment
Legislation for a crime for which the defendant would otherwise have been eligible for sentencing
pursuant to subdivision (h) of Section 1170, the court, in its discretion and in the interest of
justice, may order" relief. (a)(2): "only after the lapse of two years following the defendant's
completion of the sentence". (a)(3): not under supervised release, not serving a sentence for, on
probation for, or charged with any offense.

"The defendant would otherwise have been eligible": § 1170(h)(3) sends the executed term to state
prison where the defendant "(A) has a prior or current felony conviction for a serious felony
described in subdivision (c) of Section 1192.7 or a prior or current conviction for a violent felony
described in subdivision (c) of Section 667.5, (B) has a prior felony conviction in another
jurisdiction for an offense that has all the elements of a serious felony ... or a violent felony, (C)
is required to register as a sex offender". So both the crime and this defendant must fit § 1170(h).
A prison term imposed with execution suspended before Oct. 1, 2011 counts as sentenced then (People v.
Scott (2014) 58 Cal.4th 1415).
"""

from __future__ import annotations

from datetime import date

from assembler.profile.model import Case, Level, Profile, RegistrationBasis
from rules import messages
from rules.decision import Builder, Decision, pc
from rules.facts import convicted, judgment_date, must_register, registration_basis, sentenced_to_prison
from rules.gates import apply_dismissal_gates
from rules.granted import already_granted
from rules.lawdates import PC_1203_42_ENACTED, REALIGNMENT, WAIT_1203_42
from rules.registration import ask_duty, duty_from_conviction

REMEDY = "1203.42"
FORMS = ("CR-180", "CR-181")
SCOTT = "People v. Scott (2014) 58 Cal.4th 1415"


def applies(profile: Profile, case: Case, as_of: date) -> bool:
    if not sentenced_to_prison(case) or not any(c.level is Level.felony for c in convicted(case)):
        return False
    sentenced = _sentenced_on(case)
    return sentenced is None or sentenced < REALIGNMENT


def decide(profile: Profile, case: Case, as_of: date) -> Decision:
    b = Builder(REMEDY, FORMS)
    cite = pc("1203.42", "(a)(1)")
    b.discretionary("STATUTE_DISCRETIONARY", "pc1203_42.up_to_court", cite)
    if as_of < PC_1203_42_ENACTED:
        b.block("NOT_YET_IN_FORCE", "pc1203_42.not_in_force", cite)
        return b.finish(as_of)
    if already_granted(b, case, REMEDY, cite):
        return b.finish(as_of)
    _sentenced_before_realignment(b, case)
    _offense_now_1170h(b, case)
    _defendant_1170h_eligible(b, profile, case)
    _wait(b, case, as_of)
    apply_dismissal_gates(b, profile, case, as_of, pc("1203.42", "(a)(3)"))
    return b.finish(as_of)


def _sentenced_on(case: Case) -> date | None:
    """When the prison term was pronounced: an ESS term counts from its pronouncement (Scott)."""
    prison = case.sentence.state_prison
    return prison.ess_pronounced_on or prison.sentenced_on or case.judgment_date


def _sentenced_before_realignment(b: Builder, case: Case) -> None:
    prison = case.sentence.state_prison
    sentenced = _sentenced_on(case)
    if sentenced is None:
        b.review("pc1203_42.sentenced_question", pc("1203.42", "(a)(1)"),
                 field="cases[].sentence.state_prison.sentenced_on")
    elif prison.ess_pronounced_on:
        b.why("pc1203_42.ess_pronounced", SCOTT, on=sentenced)
    else:
        b.why("pc1203_42.sentenced_before", pc("1203.42", "(a)(1)"), on=sentenced)


def _offense_now_1170h(b: Builder, case: Case) -> None:
    for c in (c for c in convicted(case) if c.level is Level.felony):
        if c.offense is None:
            b.review("pc1203_42.not_in_table", pc("1170", "(h)"), count=c.label)
        elif not c.offense.jail_1170h:
            b.block("NOT_1170H_ELIGIBLE_OFFENSE", "pc1203_42.still_prison_offense", pc("1203.42", "(a)(1)"),
                    count=c.label, offense=c.offense.description)
        else:
            question = c.offense.open_question("jail_1170h")
            if question:
                b.review("pc1203_42.open_question", c.offense.cite, count=c.label, question=question)
            b.why("pc1203_42.now_county_jail", c.offense.cite_for("jail_1170h"), count=c.label)


# --- would this defendant have been sentenced under § 1170(h)? ------------------------------------


def _defendant_1170h_eligible(b: Builder, profile: Profile, case: Case) -> None:
    _serious_or_violent(b, profile, case)
    _registration(b, profile, case)
    if b.permanently_barred:
        return
    prior = profile.status.prior_serious_violent_felony
    cite = pc("1170", "(h)(3)")
    if prior:
        b.block("SERIOUS_OR_VIOLENT", "pc1203_42.prior_serious_violent", cite)
    elif prior is None:
        b.review("pc1203_42.prior_question", cite, field="status.prior_serious_violent_felony")


def _serious_or_violent(b: Builder, profile: Profile, case: Case) -> None:
    """§ 1170(h)(3)(A): a current or earlier serious or violent felony conviction in the profile."""
    for other, timing in _current_and_prior_cases(profile, case):
        for c in convicted(other):
            if c.offense is None or c.level is not Level.felony:
                continue
            flags = (c.offense.serious_1192_7c, c.offense.violent_667_5c)
            where = (messages.msg("pc1203_42.in_this_case") if other is case
                     else messages.msg("pc1203_42.in_case", case=other.label))
            if "yes" in flags and timing:
                b.block("SERIOUS_OR_VIOLENT", "pc1203_42.serious_violent", pc("1170", "(h)(3)(A)"), count=c.label,
                        where=where)
            elif "yes" in flags and timing is None:
                b.review("pc1203_42.serious_violent_before", pc("1170", "(h)(3)(A)"), count=c.label, where=where)
            elif "conditional" in flags and timing is not False:
                b.review("pc1203_42.serious_violent_maybe",
                         c.offense.cite_for("serious_1192_7c" if flags[0] != "no" else "violent_667_5c"),
                         count=c.label, where=where)


def _current_and_prior_cases(profile: Profile, case: Case):
    """Each case with whether it counts at this sentencing: True (this case, or judged before), False
    (judged after: not a prior), None (a date is missing)."""
    sentenced = _sentenced_on(case)
    for other in profile.cases:
        if other is case:
            yield other, True
            continue
        when = judgment_date(other)
        yield other, None if when is None or sentenced is None else when < sentenced


def _prior_registrable(profile: Profile, case: Case) -> list[dict]:
    """Each earlier registrable count, as a nested message naming it and its case."""
    return [messages.msg("pc1203_42.count_in_case", count=c.label, case=other.label)
            for other, timing in _current_and_prior_cases(profile, case)
            if other is not case and timing for c in convicted(other)
            if c.offense and c.offense.registrable_290c == "yes"]


def _registration(b: Builder, profile: Profile, case: Case) -> None:
    """§ 1170(h)(3)(C): a defendant "required to register as a sex offender" goes to prison."""
    cite = pc("1170", "(h)(3)(C)")
    duty = duty_from_conviction(profile, case)
    if duty:
        b.block("REGISTRANT_290", "pc1203_42.registrant", cite)
        return
    if duty is None:
        ask_duty(b, profile, cite)
        return
    prior = _prior_registrable(profile, case)
    if prior:
        b.block("REGISTRANT_290", "pc1203_42.prior_registrant", cite, counts=prior)
        return
    if must_register(profile) or registration_basis(profile) is RegistrationBasis.terminated_290_5:
        registration = profile.status.registration
        since, sentenced = (registration.since if registration else None), _sentenced_on(case)
        if since is None or sentenced is None or since <= sentenced:
            b.review("pc1203_42.registered_when_sentenced", cite, field="status.registration.since")


def _wait(b: Builder, case: Case, as_of: date) -> None:
    prison = case.sentence.state_prison
    done = prison.parole_discharge_date or case.sentence.completed_on
    cite = pc("1203.42", "(a)(2)")
    if done is None:
        b.review("pc1203_42.completed_question", cite, field="cases[].sentence.state_prison.parole_discharge_date")
        return
    b.wait(done, WAIT_1203_42, "since.completed_sentence", as_of)
