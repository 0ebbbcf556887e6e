"""The mapping layer: from profile and decisions to CR-180 / CR-181 logical items (no PDFs)."""

from __future__ import annotations

from assembler.plan.formmap import cr180, cr181
from assembler.plan.formmap.items import items
from formcases import COURT, LAWYER, count, decision, profile


def cr180_values(p, *decisions):
    return cr180.values(p, p.cases[0], list(decisions), COURT)


def cr181_values(p, *decisions):
    return cr181.values(p, p.cases[0], list(decisions), COURT)


def checked(values) -> set[str]:
    return {k for k, v in values.values.items() if v is True}


def test_self_represented_caption_puts_the_petitioner_in_the_attorney_block_in_pro_per():
    v = cr180_values(profile(), decision("1203.4")).values
    assert v["caption.attorney.name"] == "Jane Quinn Doe"
    assert v["caption.attorney.attorney_for"] == "In pro per"
    assert v["caption.attorney.street"] == "PO Box 12" and v["caption.attorney.zip"] == "92501"
    assert v["caption.attorney.email"] == "jane@example.org"
    assert "caption.attorney.bar_number" not in v and "caption.attorney.firm" not in v
    assert v["caption.court.county"] == "Riverside" and v["caption.court.street"] == "4100 Main Street"
    assert v["caption.defendant"] == "Jane Quinn Doe" and v["caption.case_number"] == "RIF1801234"


def test_represented_caption_is_the_attorneys_and_names_the_petitioner_as_client():
    v = cr180_values(profile(attorney=LAWYER), decision("1203.4")).values
    assert v["caption.attorney.name"] == "Ana Ruiz" and v["caption.attorney.bar_number"] == "123456"
    assert v["caption.attorney.firm"] == "Clinic LLP" and v["caption.attorney.fax"] == "(951) 555-0201"
    assert v["caption.attorney.attorney_for"] == "Jane Quinn Doe"
    assert v["signature.name"] == "Ana Ruiz"


def test_item1_lists_each_conviction_and_says_yes_to_17b_only_for_a_felony_wobbler():
    p = profile(count("460(b)"), count("484", level="misdemeanor"))
    fv = cr180_values(p, decision("17b", "discretionary"), decision("1203.4"))
    assert fv.values["item1.date"] == "04/02/2018"
    assert [(r.code, r.section, r.type, r.reduce_17b, r.reduce_17d2) for r in fv.table] == [
        ("Penal", "460(b)", "felony", "yes", "no"), ("Penal", "484", "misdemeanor", "no", "no")]


def test_17b_not_petitioned_means_no_in_every_row():
    fv = cr180_values(profile(), decision("17b", "ineligible", eligible_now=False), decision("1203.4"))
    assert fv.table[0].reduce_17b == "no"


def test_1203_4_probation_fulfilled_is_item_2a_only():
    fv = cr180_values(profile(), decision("1203.4"))
    assert {"item2", "item2.a"} <= checked(fv) and not {"item2.b", "item2.c"} & checked(fv)
    assert "item2.c.text" not in fv.values


def test_1203_4_discharged_early_is_item_2b():
    p = profile(sentence={"probation": {"outcome": "terminated_early", "violations": False}})
    assert {"item2", "item2.b"} <= checked(cr180_values(p, decision("1203.4")))


def test_1203_4_with_a_violation_asks_in_the_interests_of_justice_with_the_facts():
    p = profile(sentence={"probation": {"outcome": "violated_reinstated", "violations": True}})
    fv = cr180_values(p, decision("1203.4", "discretionary", discretion=["PROBATION_VIOLATION"]))
    assert {"item2", "item2.c"} <= checked(fv) and "item2.a" not in checked(fv)
    for fact in ("I have worked as a warehouse lead since 2022.", "The record keeps me from renting an apartment."):
        assert fact in fv.values["item2.c.text"]
    assert "item2.c.text" in fv.sworn_items


def test_1203_4a_honest_and_upright_is_3a_and_otherwise_3b():
    p = profile(count("484", level="misdemeanor"), sentence={"jail_days": 10, "completed": True},
                new_conviction_since_judgment=False)
    assert {"item3", "item3.a"} <= checked(cr180_values(p, decision("1203.4a")))
    later = cr180_values(p, decision("1203.4a", "discretionary", discretion=["NEW_CONVICTION_SINCE_JUDGMENT"]))
    assert {"item3", "item3.b"} <= checked(later) and "item3.a" not in checked(later)
    assert later.values["item3.b.text"]


def test_1203_41_split_straight_and_prison_are_5a_5b_5c():
    split = profile(sentence={"county_jail_1170h": {"subparagraph": "B"}})
    straight = profile(sentence={"county_jail_1170h": {"subparagraph": "A"}})
    prison = profile(sentence={"state_prison": {"release_date": "2019-01-01"}})
    for p, sub in ((split, "item5.a"), (straight, "item5.b"), (prison, "item5.c")):
        marks = checked(cr180_values(p, decision("1203.41", "discretionary")))
        assert {"item5", sub} <= marks and len({"item5.a", "item5.b", "item5.c"} & marks) == 1


def test_1203_42_1203_49_and_1203_43_mark_items_6_4_and_7():
    p = profile(what_happened="I was forced to work by a trafficker.", dej_dismissed_on="2012-05-01")
    assert "item6" in checked(cr180_values(p, decision("1203.42", "discretionary")))
    fv = cr180_values(p, decision("1203.49", "discretionary"))
    assert "item4" in checked(fv)
    assert "What happened: I was forced to work by a trafficker." in fv.values["item4.text"]
    assert "Penal Code section 1203.49" in fv.values["item4.text"]
    fv = cr180_values(p, decision("1203.43"))
    assert {"item7", "item7.a"} <= checked(fv) and fv.values["item7.date"] == "05/01/2012"


def test_ineligible_and_not_yet_remedies_are_never_requested():
    fv = cr180_values(profile(), decision("1203.4", "ineligible", eligible_now=False),
                      decision("1203.41", "discretionary", eligible_now=False))
    assert not {k for k in checked(fv) if k.startswith("item")}
    order = cr181_values(profile(), decision("1203.4", "ineligible", eligible_now=False))
    assert not {k for k in checked(order) if k.startswith("item")}


def test_signature_is_named_but_never_signed_nor_dated_ahead():
    """The person writes the date on the day they sign: a build-day date would be wrong by then."""
    v = cr180_values(profile(), decision("1203.4")).values
    assert v["signature.date"] == "" and v["signature.name"] == "Jane Quinn Doe"
    assert not any("signature" in k and k not in ("signature.date", "signature.name") for k in v)


def test_every_mapped_item_exists_and_the_court_items_are_never_filled():
    p = profile(count("460(b)"), count("484", level="misdemeanor"))
    for mapper, form_id in ((cr180, "CR-180"), (cr181, "CR-181")):
        fv = mapper.values(p, p.cases[0], [decision("17b", "discretionary"), decision("1203.4")], COURT)
        known = items(form_id)
        assert set(fv.values) <= set(known)
        assert not [k for k, v in fv.values.items() if v and known[k].filled_by == "court"]


def test_proposed_order_premarks_the_relief_asked_for_and_leaves_the_judges_parts_empty():
    fv = cr181_values(profile(), decision("17b", "discretionary"), decision("1203.4"))
    assert checked(fv) == {"item1", "item1.a", "item3", "item3.1203_4", "item3.a"}
    assert "order.date" not in fv.values


def test_proposed_order_names_only_the_wobblers_when_not_every_felony_can_be_reduced():
    p = profile(count("460(b)"), count("211"))  # robbery is a straight felony
    fv = cr181_values(p, decision("17b", "discretionary"), decision("1203.4"))
    assert {"item1", "item1.c"} <= checked(fv) and "item1.a" not in checked(fv)
    assert fv.values["item1.c.text"] == "PC 460(b) (felony), convicted 04/02/2018"


def test_proposed_order_checks_each_dismissal_section_petitioned_for():
    fv = cr181_values(profile(), decision("1203.41", "discretionary"), decision("1203.42", "discretionary"))
    assert {"item3.1203_41", "item3.1203_42", "item3.a"} <= checked(fv) and "item3.1203_4" not in checked(fv)
