"""Property-based: no valid profile crashes the engine, and every answer keeps the contract."""

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assembler.profile.counties import COUNTIES
from assembler.profile.model import Profile
from rules.decision import Status
from rules.engine import ORDER, assess
from rules.offenses import all_offenses

AS_OF = date(2026, 11, 1)
SECTIONS = [(o.code, o.section) for o in all_offenses()] + [("PC", "99999"), ("BP", "1.2(z)")]

past = st.dates(min_value=date(1970, 1, 1), max_value=AS_OF)
maybe = st.sampled_from([True, False, None])


@st.composite
def counts(draw, convicted: bool):
    code, section = draw(st.sampled_from(SECTIONS))
    level = draw(st.sampled_from(["felony", "misdemeanor", "infraction"]))
    disposition = draw(st.sampled_from(["convicted_plea", "convicted_verdict"] if convicted else
                                       ["dismissed", "acquitted", "never_filed", "diversion_completed",
                                        "dej_completed", "pending", "conviction_vacated", "unknown"]))
    return {"code": code, "section": section, "level_charged": level,
            "level_convicted": level if convicted else None, "disposition": disposition,
            "may_be_refiled": draw(maybe), "reduced_under_17b": draw(st.booleans()),
            "value_over_950": draw(maybe)}


@st.composite
def sentences(draw):
    start = draw(past)
    end = start + timedelta(days=draw(st.integers(0, 3000)))
    kind = draw(st.sampled_from(["probation", "jail", "prison", "none"]))
    s = {"completed": draw(maybe), "restitution": draw(st.sampled_from([None, "paid", "unpaid", "none_ordered"]))}
    if kind == "probation":
        outcome = draw(st.sampled_from(["completed", "terminated_early", "violated_reinstated", "revoked",
                                        "ongoing", "unknown"]))
        s["probation"] = {"start": start, "scheduled_end": end, "outcome": outcome, "violations": draw(maybe),
                          "suspension": draw(st.sampled_from(["imposition", "execution", None])),
                          "ended_on": end if end <= AS_OF and outcome != "ongoing" else None}
    elif kind == "jail":
        s["county_jail_1170h"] = {"subparagraph": draw(st.sampled_from(["A", "B"])),
                                  "release_date": start if start <= AS_OF else None,
                                  "mandatory_supervision_end": end}
    elif kind == "prison":
        s["state_prison"] = {"sentenced_on": start, "release_date": None, "parole_discharge_date": end,
                             "on_prcs": draw(st.booleans()), "fire_camp": draw(st.booleans())}
    return s


@st.composite
def cases(draw):
    convicted = draw(st.booleans())
    jurisdiction = draw(st.sampled_from(["california"] * 5 + ["federal", "other_state"]))
    offense_date = draw(past)
    case = {"jurisdiction": jurisdiction, "county": draw(st.sampled_from(COUNTIES)),
            "court_case_number": draw(st.text("ABCDEF0123456789", min_size=3, max_size=9)),
            "offense_date": offense_date, "new_conviction_since_judgment": draw(maybe),
            "trafficking_victim": draw(maybe), "dv_child_elder_pattern": draw(maybe),
            "counts": draw(st.lists(counts(convicted), min_size=1, max_size=4))}
    if convicted:
        case["conviction_date"] = offense_date
        case["judgment_date"] = draw(st.sampled_from([offense_date, None]))
        case["sentence"] = draw(st.one_of(st.none(), sentences()))
    case["arrest"] = {"date": offense_date, "evaded_prosecution": draw(maybe),
                      "factually_innocent_claim": draw(st.booleans())}
    return case


@st.composite
def profiles(draw):
    data = {"petitioner": {"legal_name": "Property Test"},
            "status": {"serving_sentence": draw(maybe), "registrant_290": draw(maybe),
                       "super_strike_prior": draw(maybe), "pending_charges_unknown": draw(st.booleans()), "supervision_unknown": draw(st.booleans()),
                       "pending_charges": draw(st.lists(st.just({"description": "x"}), max_size=1))},
            "cases": draw(st.lists(cases(), min_size=1, max_size=3, unique_by=lambda c: (c["county"], c["court_case_number"])))}
    return Profile.model_validate(data, context={"as_of": AS_OF})


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profiles(), st.dates(min_value=date(2010, 1, 1), max_value=date(2030, 12, 31)))
def test_any_valid_profile_gets_a_complete_explained_answer(profile, as_of):
    result = assess(profile, as_of)
    assert len(result.cases) == len(profile.cases)
    listed = set()
    for number, case in enumerate(result.cases):
        assert case.remedies, "every case gets at least one decision"
        for d in case.remedies:
            assert d.remedy in ORDER
            assert d.reasons and all(r.cite for r in d.reasons)
            assert not (d.eligible_now and d.blockers), "eligible now means nothing blocks it"
            assert d.eligible_on is None or d.eligible_on > as_of
            if d.status is Status.ineligible:
                assert d.forms == [] and not d.eligible_now
            else:
                listed.add(f"{d.remedy}@{case.case_number or f'case{number + 1}'}")
    assert set(result.recommended_order) == listed
    assert result.contract_json()["as_of"] == as_of.isoformat()
