"""The one recommended order (DESIGN.md `recommended_order`; RULES.md § 1).

A case's remedies stay together; within a case: the step that unlocks a dismissal (§ 1203.3), then the
reclassification that helps (Prop 47 / Prop 64 / § 17(b)), then the most specific dismissal statute that
fits (§§ 1203.49, 1203.4b, 1203.43, 1203.42) before the general ones (§§ 1203.41, 1203.4, 1203.4a), a
§ 17(d)(2) infraction reduction only after the dismissal, arrest sealing, and the referrals last
(§§ 290.5, 4852.01, 236.14, 851.8). Ineligible remedies are never in it.
"""

from datetime import date

from rules.decision import CaseResult, Decision, Status
from rules.engine import ORDER, recommended_order
from tests.scenario import NEXT_YEAR, conviction, count, probation, run


def _result(number: str, *remedies: str, ineligible: tuple[str, ...] = ()) -> CaseResult:
    decisions = [Decision(remedy=r, status=Status.discretionary, eligible_now=True) for r in remedies]
    decisions += [Decision(remedy=r, status=Status.ineligible, eligible_now=False) for r in ineligible]
    return CaseResult(case_number=number, county="Los Angeles", remedies=decisions)


def test_a_cases_remedies_stay_together():
    """Two cases: every step of the first case comes before any step of the second."""
    order = recommended_order([_result("A", "1203.4", "4852.01"), _result("B", "1203.3", "1203.4")])
    assert order == ["1203.4@A", "4852.01@A", "1203.3@B", "1203.4@B"]


def test_reclassification_comes_before_the_dismissal():
    """Pen. Code § 1170.18(f)-(g), Health & Saf. Code § 11361.8, Pen. Code § 17(b)(3): the reduction first,
    because the level decides which dismissal applies (e.g. § 1203.4(b) felony 261.5(d))."""
    order = recommended_order([_result("A", "1203.4", "17b", "1170.18")])
    assert order == ["1170.18@A", "17b@A", "1203.4@A"]


def test_the_specific_dismissal_statute_comes_before_the_general_one():
    """§ 1203.42 (pre-Realignment prison) before § 1203.41; § 1203.49 (647(b)) and § 1203.43 (DEJ) before
    § 1203.4."""
    assert recommended_order([_result("A", "1203.41", "1203.42")]) == ["1203.42@A", "1203.41@A"]
    assert recommended_order([_result("A", "1203.4", "1203.49")]) == ["1203.49@A", "1203.4@A"]
    for specific in ("1203.49", "1203.4b", "1203.43", "1203.42"):
        for general in ("1203.41", "1203.4", "1203.4a"):
            assert ORDER.index(specific) < ORDER.index(general)


def test_an_infraction_reduction_never_goes_ahead_of_the_dismissal():
    """§ 17(d)(2) makes the offense an infraction: § 1203.4(b) then excludes it, and § 1203.4a(d)
    excludes a Vehicle Code 42001 infraction — so the dismissal is asked for first."""
    order = recommended_order([_result("A", "17d2", "1203.4a", "1203.4")])
    assert order == ["1203.4@A", "1203.4a@A", "17d2@A"]


def test_referrals_come_after_the_petitions():
    """§ 290.5, the certificate (§ 4852.01), § 236.14 and § 851.8 are separate proceedings."""
    order = recommended_order([_result("A", "4852.01", "290.5", "236.14", "1203.41", "1203.49")])
    assert order == ["1203.49@A", "1203.41@A", "290.5@A", "4852.01@A", "236.14@A"]
    arrest = recommended_order([_result("B", "851.8", "851.91")])
    assert arrest == ["851.91@B", "851.8@B"]


def test_ineligible_remedies_are_never_in_the_order():
    order = recommended_order([_result("A", "1203.4", ineligible=("17b", "4852.01"))])
    assert order == ["1203.4@A"]


def test_early_termination_unlocks_the_dismissal_first():
    """§ 1203.3(a): ending probation early comes first; an early discharge makes § 1203.4(a)(1) relief
    mandatory."""
    case = conviction(count("484"), sentence={"probation": probation("ongoing", start=date(2026, 1, 10),
                                                                      end=NEXT_YEAR), "completed": False},
                      convicted_on=date(2026, 1, 10))
    assert run(case).recommended_order[:2] == ["1203.3@CASE1", "1203.4@CASE1"]


def test_every_remedy_the_engine_decides_has_a_place():
    """A remedy missing from ORDER would crash the sort: each one the engine can return is listed once."""
    assert len(ORDER) == len(set(ORDER))
    assert set(ORDER) == {"1203.3", "290.5", "1170.18", "11361.8", "17b", "17d2", "1203.43", "1203.4",
                          "1203.4a", "1203.42", "1203.41", "1203.49", "1203.4b", "236.14", "851.91", "851.8",
                          "4852.01"}


def test_every_remedy_is_listed_once_ordered_and_asked_the_same_way():
    """rules/remedies.py is the one list; each module answers applies/decide(profile, case, as_of)."""
    import inspect

    from rules import remedies
    from rules.engine import ORDER

    for module in remedies.ALL:
        assert module.REMEDY in ORDER, module.__name__
        for name in ("applies", "decide"):
            assert list(inspect.signature(getattr(module, name)).parameters) == ["profile", "case", "as_of"]
    assert len({m.REMEDY for m in remedies.ALL}) == len(remedies.ALL)
