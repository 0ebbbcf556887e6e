"""Pen. Code § 4852.01 ff. — certificate of rehabilitation (and with it a pardon application).

§ 4852.01(a): a person convicted of a felony and committed to state prison; (b): a person whose
felony (or misdemeanor sex offense) accusatory pleading was dismissed under § 1203.4. (c)-(d): not
for convictions under §§ 286(c), 287(c), 288, 288.5, 289(j). § 4852.03(a): the period of
rehabilitation runs from release from custody (or on parole, PRCS, mandatory supervision or
probation, whichever is sooner): five years' residence in California plus two more years (four more
for §§ 187, 209, 219, 4500, 18755 or life terms; five more for § 290 offenses). § 4852.06: filed in
the superior court of the county of residence. Always discretionary.
"""

from __future__ import annotations

from datetime import date

from assembler.profile import Case, Level, Profile
from rules.decision import Builder, Decision, pc
from rules.facts import CountFacts, any_registrable, convicted, probation_end, sentenced_to_prison
from rules.lawdates import add_years

REMEDY = "4852.01"
_EXCLUDED = {"PC 286(c)", "PC 287(c)", "PC 288(a)", "PC 288(b)", "PC 288(c)(1)", "PC 288.5", "PC 289(j)"}
_LONG_PERIOD = {"PC 187", "PC 209", "PC 219", "PC 4500", "PC 18755"}


def applies(case: Case) -> bool:
    felony = any(c.level is Level.felony for c in convicted(case))
    return felony and (sentenced_to_prison(case) or bool(case.sentence and case.sentence.probation))


def decide(profile: Profile, case: Case, as_of: date) -> Decision:
    b = Builder(REMEDY)
    counts = convicted(case)
    b.discretionary("STATUTE_DISCRETIONARY", "A certificate of rehabilitation is up to the court; if "
                    "granted it goes to the Governor as an application for a pardon.", pc("4852.13"))
    excluded = [c.label for c in counts if c.offense and c.offense.key in _EXCLUDED]
    if excluded:
        b.block("COR_EXCLUDED_OFFENSE", f"{', '.join(excluded)} cannot get a certificate of rehabilitation.",
                pc("4852.01", "(c)"))
        return b.finish(as_of)
    if not sentenced_to_prison(case):
        b.why("After a felony probation case is dismissed under § 1203.4, you may also seek a certificate "
              "of rehabilitation.", pc("4852.01", "(b)"))
    _period(b, profile, case, counts, as_of)
    return b.finish(as_of)


def _period(b: Builder, profile: Profile, case: Case, counts: list[CountFacts], as_of: date) -> None:
    start = _release(case)
    cite = pc("4852.03", "(a)")
    if start is None:
        b.review("When were you released from custody (or placed on probation)? The period of "
                 "rehabilitation runs from then.", cite)
        return
    extra = 5 if any_registrable(counts) else 4 if any(c.offense and c.offense.key in _LONG_PERIOD for c in counts) else 2
    ready = add_years(start, 5 + extra)
    resident = profile.status.california_resident_since
    if resident is None:
        b.review("How long have you lived in California without a break? Five years' residence is "
                 "required.", pc("4852.06"))
    else:
        ready = max(ready, add_years(resident, 5))
    if as_of < ready:
        b.block("WAIT_PERIOD", f"The period of rehabilitation ({5 + extra} years from {start.isoformat()}) "
                f"ends on {ready.isoformat()}.", cite, until=ready)
    else:
        b.why(f"The period of rehabilitation ({5 + extra} years) has passed.", cite)


def _release(case: Case) -> date | None:
    s = case.sentence
    if s.state_prison:
        return s.state_prison.release_date
    return s.probation.start if s.probation else None
