"""The dates on which the law changed, each with its source, and waiting-period arithmetic.

A rule never asks for today's date: it receives `as_of` and compares it with these dates, so an
earlier as-of date gives the answer the law gave then (openfisca's "dated formula" idea).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

# Pen. Code § 1203.41, county-jail prong, operative Jan. 1, 2014 (the enacting bill is not confirmed here).
PC_1203_41_ENACTED = date(2014, 1, 1)
# Criminal Justice Realignment Act: 1170(h) applies to persons sentenced on or after this date.
REALIGNMENT = date(2011, 10, 1)
# Prop 47 (Pen. Code § 1170.18) took effect the day after the Nov. 4, 2014 election.
PROP_47 = date(2014, 11, 5)
# Prop 47's original filing deadline (§ 1170.18(j), as amended by AB 1397 (2016)).
PROP_47_DEADLINE = date(2022, 11, 4)
# SB 749 (Stats. 2023, ch. 633), an urgency statute, removed that deadline on approval.
# The approval day (Oct. 8, 2023) is from memory; the month is confirmed. See SB749_UNCERTAIN.
SB_749 = date(2023, 10, 8)
SB749_UNCERTAIN = (date(2023, 10, 1), date(2023, 10, 31))
# Prop 64 (Health & Saf. Code § 11361.8) took effect the day after the Nov. 8, 2016 election.
PROP_64 = date(2016, 11, 9)
# AB 1352 (Stats. 2015, ch. 646): Pen. Code § 1203.43.
PC_1203_43_ENACTED = date(2016, 1, 1)
# SB 393 (Stats. 2017, ch. 680): Pen. Code § 851.91; AB 1115 (Stats. 2017, ch. 207): § 1203.42.
PC_851_91_ENACTED = date(2018, 1, 1)
PC_1203_42_ENACTED = date(2018, 1, 1)
# AB 1950 (Stats. 2020, ch. 328): probation caps of 1 year (misdemeanor) and 2 years (felony).
AB_1950 = date(2021, 1, 1)
# AB 2147 (Stats. 2020, ch. 60): Pen. Code § 1203.4b (fire camp).
PC_1203_4B_ENACTED = date(2021, 1, 1)
# SB 731 (Stats. 2022, ch. 814): the state-prison prong of § 1203.41. A non-urgency statute takes
# effect Jan. 1 of the next year; secondary sources also name July 1, 2023. Between the two the
# answer is needs_review (see SB731_UNCERTAIN).
SB_731_PRISON_PRONG = date(2023, 1, 1)
SB731_UNCERTAIN = (date(2023, 1, 1), date(2023, 6, 30))
# Automatic relief (Pen. Code §§ 851.93, 1203.425): misdemeanor and probation prongs operative
# July 1, 2022; the felony prongs, after two delays, Oct. 1, 2024.
AUTO_RELIEF = date(2022, 7, 1)
AUTO_RELIEF_FELONY = date(2024, 10, 1)
AUTO_RELIEF_FLOOR = date(1973, 1, 1)
# Pen. Code § 1203.43 reaches deferred entry of judgment granted on or after this date.
DEJ_FLOOR = date(1997, 1, 1)


def add_years(d: date, years: int) -> date:
    """The same calendar day `years` later (Feb. 29 becomes Feb. 28)."""
    try:
        return d.replace(year=d.year + years)
    except ValueError:
        return d.replace(year=d.year + years, day=28)


def add_months(d: date, months: int) -> date:
    month0 = d.month - 1 + months
    year, month = d.year + month0 // 12, month0 % 12 + 1
    for day in (d.day, 30, 29, 28):
        try:
            return date(year, month, day)
        except ValueError:
            continue
    raise ValueError(d)


def after_years(d: date, years: int) -> date:
    """First day on which *more than* `years` years have elapsed since `d`.

    The statutes say "after the lapse of one year" (§ 1203.4a(a)) and CR-180 says "more than one
    year has elapsed" (item 5a); the day after the anniversary satisfies both readings.
    """
    return add_years(d, years) + timedelta(days=1)


def day_after(d: date) -> date:
    """Relief "after the termination of the period of probation" starts the next day."""
    return d + timedelta(days=1)


def within(d: date, window: tuple[date, date]) -> bool:
    return window[0] <= d <= window[1]


@dataclass(frozen=True)
class Period:
    """A waiting period or a deadline the statute sets: how many years, where it is written, and the
    date from which the statute reads so (`None`: for every date this tool decides)."""

    years: int
    section: str
    subdivision: str
    operative: date | None = None
    code: str = "Pen. Code"


# § 1203.4a(a): "after the lapse of one year from the date of pronouncement of judgment".
WAIT_1203_4A = Period(1, "1203.4a", "(a)")
# § 1203.41(a)(2): "one year following the defendant's completion of the sentence" with mandatory
# supervision (§ 1170(h)(5)(B)), two years after any other county jail sentence (county-jail prong,
# 2014) or, under SB 731, a state prison sentence.
WAIT_1203_41_SPLIT = Period(1, "1203.41", "(a)(2)", PC_1203_41_ENACTED)
WAIT_1203_41_JAIL = Period(2, "1203.41", "(a)(2)", PC_1203_41_ENACTED)
WAIT_1203_41_PRISON = Period(2, "1203.41", "(a)(2)", SB_731_PRISON_PRONG)
# § 1203.42(a)(2): "only after the lapse of two years following the defendant's completion of the sentence".
WAIT_1203_42 = Period(2, "1203.42", "(a)(2)", PC_1203_42_ENACTED)
# § 1203.425(a)(1)(B): one calendar year after judgment (misdemeanor without probation); four years
# after the felony sentence without a new felony (SB 731). Cited at (a)(1)(B): the clause numbers
# changed with the 2022–2024 amendments (rules/automatic.py).
AUTO_RELIEF_WAIT = Period(1, "1203.425", "(a)(1)(B)", AUTO_RELIEF)
AUTO_RELIEF_FELONY_WAIT = Period(4, "1203.425", "(a)(1)(B)", AUTO_RELIEF_FELONY)


# Pen. Code § 803(d): time out of the state "up to a maximum of three years" is not part of a limitation period.
OUT_OF_STATE_TOLLING_MAX_YEARS = 3
# Pen. Code § 851.8(l): a factual-innocence petition is due "within two years from the date of the arrest or
# filing of the accusatory pleading, whichever is later" (later only on good cause).
FACTUAL_INNOCENCE = Period(2, "851.8", "(l)")


def limitation_runs(committed: date, years: int, days_out_of_state: int = 0) -> date:
    """The first day on which no complaint may be filed: the day after the last day of the period.

    A period of `years` "after commission of the offense" (Pen. Code §§ 801, 802(a)) is counted by
    excluding the first day and including the last (Code Civ. Proc. § 12), so it ends at the end of the
    anniversary day. Days out of the state extend it, at most three years (Pen. Code § 803(d)).
    """
    last_day = add_years(committed, years)
    cap = (add_years(last_day, OUT_OF_STATE_TOLLING_MAX_YEARS) - last_day).days
    return last_day + timedelta(days=min(days_out_of_state, cap) + 1)


def latest_tolled_run(committed: date, years: int) -> date:
    """The latest day the period can run however long the person was out of the state (§ 803(d))."""
    return add_years(add_years(committed, years), OUT_OF_STATE_TOLLING_MAX_YEARS) + timedelta(days=1)
