"""rules/facts.py: while one profile is decided, the facts every remedy module asks again are worked out once;
the answers cannot be changed by a caller, and nothing is remembered after the decision."""

from datetime import date

from assembler.profile.load import load_profile
from assembler.profile.model import Disposition
from rules.engine import assess
from rules.facts import convicted, deciding, every_conviction
from tests.test_cli_assess import EXAMPLES

AS_OF = date(2026, 11, 1)


def profile():
    return load_profile(EXAMPLES / "wobbler-17b-then-dismissal.yaml", AS_OF)


def test_one_answer_per_case_while_deciding_and_a_fresh_one_outside():
    case = profile().cases[0]
    with deciding():
        first = convicted(case)
        assert convicted(case) is first and isinstance(first, tuple)
    assert convicted(case) is not first and convicted(case) == first


def test_nothing_is_remembered_from_one_decision_to_the_next():
    p = profile()
    before = assess(p, AS_OF)
    with deciding():
        assert len(every_conviction(p)) == 1
    p.cases[0].counts[0].disposition = Disposition.dismissed  # the same objects, a different record
    with deciding():
        assert every_conviction(p) == ()
    after = assess(p, AS_OF)
    assert [d.remedy for d in before.cases[0].remedies] != [d.remedy for d in after.cases[0].remedies]
