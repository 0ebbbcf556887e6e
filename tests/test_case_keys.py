"""One key per case, set by the engine (rules/engine.py `case_keys`), used by every stage after it.

The form set once sanitised "BA 123456" for file names while the cover compared the raw number, so
the cover listed a petition that was in the packet as "possible now, but not prepared here".
"""

from __future__ import annotations

import copy
import re
from datetime import date

import yaml
from hypothesis import given, strategies as st

from assembler.bundle.pipeline import assemble, write_packet
from assembler.profile.load import parse_profile
from conftest import REPO, pdf_text
from rules import messages
from rules.engine import assess, case_keys

AS_OF = date(2026, 11, 1)
EXAMPLE = yaml.safe_load((REPO / "examples" / "dismissal-misdemeanor.yaml").read_text(encoding="utf-8"))


def _profile(*numbers: str | None, counties: tuple[str, ...] = ()):
    data = copy.deepcopy(EXAMPLE)
    case = data["cases"][0]
    data["cases"] = []
    for index, number in enumerate(numbers):
        one = copy.deepcopy(case)
        one["court_case_number"] = number
        one["county"] = counties[index] if counties else one["county"]
        data["cases"].append(one)
    return parse_profile(data, AS_OF)


@given(st.lists(st.one_of(st.none(), st.text(alphabet="AB 12/_-.#", min_size=1, max_size=8)), min_size=1,
                max_size=6))
def test_keys_are_file_safe_and_never_shared(numbers):
    cases = _profile("X1").cases[:1] * len(numbers)
    cases = [c.model_copy(update={"court_case_number": n}) for c, n in zip(cases, numbers)]
    keys = case_keys(cases)
    assert len(set(keys)) == len(keys)
    assert all(re.fullmatch(r"[A-Za-z0-9_-]+", k) for k in keys)


def test_a_case_number_with_a_space_is_filed_and_not_listed_as_not_prepared(tmp_path):
    profile = _profile("BA 123456")
    packet = assemble(profile, AS_OF, forms="rendition")
    write_packet(packet, tmp_path)
    assert assess(profile, AS_OF).cases[0].key == "BA-123456"
    assert (tmp_path / "CR-180_BA-123456.pdf").exists()
    cover = pdf_text(tmp_path / "packet.pdf").split("Packet page 2")[0]
    assert "not prepared here" not in cover
    assert "BA 123456" in pdf_text(tmp_path / "CR-180_BA-123456.pdf")  # the court's number, as the court wrote it


def test_two_numbers_that_sanitise_alike_keep_separate_petitions(tmp_path):
    """Two courts can use the same number; in one county it is one case listed twice (test_profile_dates)."""
    packet = assemble(_profile("RIF 1801234", "RIF/1801234", counties=("Riverside", "San Diego")), AS_OF,
                      forms="rendition")
    write_packet(packet, tmp_path)
    petitions = sorted(n for n in packet.files if n.startswith("CR-180_"))
    assert petitions == ["CR-180_RIF-1801234-2.pdf", "CR-180_RIF-1801234.pdf"]
    assert "RIF 1801234" in pdf_text(tmp_path / "CR-180_RIF-1801234.pdf")
    assert "RIF/1801234" in pdf_text(tmp_path / "CR-180_RIF-1801234-2.pdf")


def test_a_case_without_a_number_is_named_by_its_arrest_never_by_its_key():
    """Pen. Code § 851.91: an arrest with no court case has no number; on paper it is the arrest, by date and agency."""
    from assembler.plan.wording import case_title

    profile = _profile(None)
    case = profile.cases[0].model_copy(update={"arrest": profile.cases[0].arrest.model_copy(
        update={"agency": "Oakland Police Department"})})
    assert case_title(case, 0, "en") == f"Arrest on {messages.long_date(case.arrest.date)} by Oakland Police Department"
    assert "case1" not in case_title(case, 0, "es")
