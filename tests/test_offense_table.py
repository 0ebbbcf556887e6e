"""The offense table (rules/data/offenses.yaml), checked against the statutes its rows cite.

Each test names the statute it holds the table to. The lists below are copied from the statutes,
not from the table, so a row that drifts from the law fails here.
"""

from __future__ import annotations

import re

import pytest

from rules.offenses import Offense, all_offenses, lookup, normalize_code, normalize_section, table

ROWS = all_offenses()
BY_KEY = {o.key: o for o in ROWS}
BOTH = {"felony", "misdemeanor"}
FLAG_NAMES = set(Offense.model_fields)


def row(key: str) -> Offense:
    return BY_KEY[key]


def base(section: str) -> str:
    """'476a(b)' -> '476a'; '11360(a)(3)' -> '11360'."""
    return re.match(r"[0-9.]+[a-z]?", section).group(0)


def spellings(o: Offense) -> list[str]:
    return [o.section, *o.aliases]


def open_flags(o: Offense) -> set[str]:
    """The columns the row's open question concerns (all of them when it names none)."""
    if not o.verify:
        return set()
    return set(o.verify_flags) or FLAG_NAMES


# --- size and shape ---------------------------------------------------------------------------


def test_table_has_at_least_70_distinct_offenses():
    assert len(ROWS) >= 70
    assert len({o.key for o in ROWS}) == len(ROWS)


def test_every_spelling_indexes_exactly_one_row():
    """The loader refuses a spelling used twice; every row's spellings all lead back to it."""
    for o in ROWS:
        for spelling in spellings(o):
            assert table()[(normalize_code(o.code), normalize_section(spelling))] is o


def test_every_true_classification_carries_a_citation():
    for o in ROWS:
        for flag in o.true_flags():
            assert o.cites.get(flag, "").strip(), f"{o.key}: {flag} is true but not cited"


def test_verify_flags_name_real_columns_and_come_with_a_question():
    for o in ROWS:
        assert set(o.verify_flags) <= FLAG_NAMES, f"{o.key}: {o.verify_flags}"
        if o.verify_flags:
            assert o.verify and o.verify.strip(), f"{o.key}: verify_flags without a question"


def test_every_row_has_plain_english_and_spanish_names():
    for o in ROWS:
        assert o.plain.strip() and o.plain_es and o.plain_es.strip(), o.key
        assert "§" not in o.plain and "wobbl" not in o.plain.lower(), f"{o.key}: legal jargon in plain"
        assert len(o.plain) <= 100, f"{o.key}: plain name too long for a form line"


# --- citations point at the statute that defines each classification --------------------------

DEFINING_STATUTE = {
    "serious_1192_7c": "1192.7(c)",
    "violent_667_5c": "667.5(c)",
    "registrable_290c": "290(c)",
    "wobblette_19_8": "19.8",
    "excluded_1203_4b": "1203.4(b)",
    "excluded_1203_4a_d": "1203.4a(d)",
    "vc_12810": "12810(",
    "prop47": "1170.18",
    "prop64": "11361.8",
    "super_strike": "667(e)(2)(C)(iv)",
    "firearm_ban_29805": "29805",
    "no_limitation": "799",
}


@pytest.mark.parametrize("flag,statute", sorted(DEFINING_STATUTE.items()))
def test_each_classification_cites_its_defining_statute(flag, statute):
    flagged = [o for o in ROWS if flag in o.true_flags()]
    assert flagged, f"no row has {flag}"
    for o in flagged:
        assert statute in o.cites[flag], f"{o.key}: {flag} cited as {o.cites[flag]!r}"


# --- wobblers and wobblettes ------------------------------------------------------------------


def test_a_17b_wobbler_is_punishable_as_a_wobbler():
    """Pen. Code § 17(b): only a crime punishable either way can be reduced."""
    for o in ROWS:
        if o.wobbler_17b:
            assert o.punishment == "wobbler", o.key


def test_straight_felonies_are_never_17b_reducible():
    """Pen. Code § 17(b) (People v. Superior Court (Alvarez)): no reduction of a straight felony."""
    for key in ("PC 211", "PC 187", "HS 11378", "HS 11351", "PC 29800(a)(1)", "PC 288(a)", "PC 460(a)"):
        assert row(key).punishment == "felony" and not row(key).wobbler_17b, key


def test_wobblettes_are_exactly_the_19_8_rows():
    """Pen. Code § 19.8(a): the listed offenses, and only they, are wobblettes."""
    for o in ROWS:
        assert o.wobblette_19_8 == (o.punishment == "wobblette"), o.key
    listed = {"PC 415", "PC 602(o)", "PC 853.7", "BP 25658(b)", "BP 25661", "BP 25662(a)",
              "VC 12500(a)", "VC 14601.1(a)", "VC 23109(c)", "VC 40508(a)"}
    assert {o.key for o in ROWS if o.wobblette_19_8} == listed


def test_trespass_wobblette_is_only_subdivision_o():
    """Pen. Code § 19.8(a) lists subdivision (o) of § 602, not the whole section."""
    assert lookup("PC", "602(o)").wobblette_19_8
    assert not lookup("PC", "602(k)").wobblette_19_8
    assert lookup("PC", "602(k)").key == "PC 602"


# --- Pen. Code § 1203.4(b) and § 1203.4a(d) ---------------------------------------------------

EXCLUDED_1203_4B = {
    "PC 288(a)": BOTH,
    "PC 288(c)(1)": BOTH,
    "PC 288.5(a)": {"felony"},
    "PC 286(c)": {"felony"},
    "PC 287(c)": {"felony"},
    "PC 289(j)": {"felony"},
    "PC 311.1(a)": BOTH,
    "PC 311.2": BOTH,
    "PC 311.3(a)": BOTH,
    "PC 311.11(a)": BOTH,
    "PC 261.5(d)": {"felony"},
    "VC 2800": {"misdemeanor"},
    "VC 2801": {"misdemeanor"},
    "VC 2803": {"misdemeanor"},
}


def test_1203_4b_exclusions_match_the_statute_exactly():
    """Pen. Code § 1203.4(b): 286(c), 288, 287(c)/288a(c), 288.5, 289(j), 311.1, 311.2, 311.3,
    311.11, a *felony* 261.5(d), misdemeanors within Veh. Code § 42002.1, and any infraction."""
    expected = dict(EXCLUDED_1203_4B)
    for o in ROWS:
        if o.punishment in ("infraction", "wobblette"):
            expected[o.key] = {"infraction"}
    actual = {o.key: set(o.excluded_1203_4b) for o in ROWS if o.excluded_1203_4b}
    assert actual == expected


def test_only_a_felony_261_5d_is_excluded_from_1203_4():
    """Pen. Code § 1203.4(b): "a felony conviction pursuant to subdivision (d) of Section 261.5"."""
    o = lookup("PC", "261.5(d)")
    assert o.excluded_1203_4b == ["felony"]
    assert not lookup("PC", "261.5(c)").excluded_1203_4b
    assert "excluded_1203_4b" in open_flags(o)  # a 17(b)-reduced 261.5(d) is unsettled


@pytest.mark.parametrize("code,section", [("PC", "243.4(e)(1)"), ("PC", "243.4(a)"), ("PC", "314(1)"),
                                          ("PC", "647.6(a)")])
def test_registrable_offenses_outside_the_1203_4b_list_are_not_excluded(code, section):
    """Pen. Code § 1203.4(b) is an offense list, not "all sex offenses": these register (§ 290(c))
    but can be dismissed."""
    o = lookup(code, section)
    assert o.registrable_290c == "yes"
    assert o.excluded_1203_4b == [] and o.excluded_1203_4a_d == []


def test_attempts_are_not_rows():
    """Attempts of excluded offenses are not excluded by § 1203.4(b) (People v. Marinelli), so no
    attempt is given a row that could carry an exclusion."""
    assert lookup("PC", "664/288(a)") is None
    assert lookup("PC", "664") is None


def test_1203_4a_d_exclusions_match_the_statute_exactly():
    """Pen. Code § 1203.4a(d): a misdemeanor 288(c), a misdemeanor within Veh. Code § 42002.1, and
    an infraction within Veh. Code § 42001."""
    expected = {"PC 288(c)(1)": {"misdemeanor"}, "VC 2800": {"misdemeanor"}, "VC 2801": {"misdemeanor"},
                "VC 2803": {"misdemeanor"}}
    for o in ROWS:
        if o.code == "VC" and o.punishment in ("infraction", "wobblette"):
            expected[o.key] = {"infraction"}
    actual = {o.key: set(o.excluded_1203_4a_d) for o in ROWS if o.excluded_1203_4a_d}
    assert actual == expected
    assert lookup("PC", "288(a)").excluded_1203_4a_d == []


def test_42002_1_exclusions_are_flagged_as_open():
    """Veh. Code § 42002.1 reaches 2800/2801/2803 only "insofar as it affects a failure to stop and
    submit to inspection ... or for an unsafe condition": the rows say so."""
    for key in ("VC 2800", "VC 2801", "VC 2803"):
        assert {"excluded_1203_4b", "excluded_1203_4a_d"} <= open_flags(row(key))


# --- Veh. Code § 12810(a)-(e) -----------------------------------------------------------------

VC_12810 = {
    "VC 20001(a)": "12810(a)", "VC 20002(a)": "12810(a)",
    "VC 23152(a)": "12810(b)", "VC 23153(a)": "12810(b)",
    "VC 23103(a)": "12810(c)",
    "VC 2800.2(a)": "12810(d)(1)", "VC 23109(a)": "12810(d)(1)", "VC 23109(c)": "12810(d)(1)",
    "VC 14601(a)": "12810(e)", "VC 14601.1(a)": "12810(e)", "VC 14601.2(a)": "12810(e)",
    "VC 14601.5(a)": "12810(e)",
}


def test_vc_12810_offenses_are_flagged_with_their_subdivision():
    """Veh. Code § 12810: (a) 20001, 20002; (b) 23152, 23153; (c) reckless driving; (d)(1) 2800.2,
    23109(a)/(c); (e) 14601, 14601.1, 14601.2, 14601.5 — § 1203.4(c) makes their dismissal
    discretionary."""
    assert {o.key for o in ROWS if o.vc_12810} == set(VC_12810)
    for key, subdivision in VC_12810.items():
        assert subdivision in row(key).cites["vc_12810"], key


def test_dui_is_12810_subdivision_b():
    """Veh. Code § 12810(b) names §§ 23152 and 23153 (the seed row cited (c), reckless driving)."""
    assert lookup("VC", "23152(f)").cites["vc_12810"] == "Veh. Code, § 12810(b)"


def test_speeding_and_unlicensed_driving_are_not_12810_offenses():
    """Veh. Code § 12810(f) one-point offenses are not in (a)-(e)."""
    for section in ("22350", "12500(a)", "2800.1(a)", "21453(a)"):
        assert not lookup("VC", section).vc_12810, section


# --- Prop 47 (Pen. Code § 1170.18) and Prop 64 (Health & Saf. Code § 11361.8) ------------------

PROP47_LISTED = {("HS", "11350"), ("HS", "11357"), ("HS", "11377"), ("PC", "459.5"), ("PC", "473"),
                 ("PC", "476a"), ("PC", "490.2"), ("PC", "496"), ("PC", "666")}


@pytest.mark.parametrize("code,section", sorted(PROP47_LISTED))
def test_every_section_named_in_1170_18a_is_prop47(code, section):
    """Pen. Code § 1170.18(a): "Section 11350, 11357, or 11377 of the Health and Safety Code, or
    Section 459.5, 473, 476a, 490.2, 496, or 666"."""
    o = lookup(code, section)
    assert o is not None and o.prop47


def test_prop47_beyond_the_named_sections_is_an_open_question():
    """Pen. Code § 1170.18(a) reaches 460(b), 487 and 10851 only through §§ 459.5 / 490.2 and the
    value of the property: each such row says so in verify."""
    beyond = [o for o in ROWS if o.prop47
              and not any((o.code, base(s)) in PROP47_LISTED for s in spellings(o))]
    assert {o.key for o in beyond} == {"PC 460(b)", "PC 487(a)", "PC 487(c)", "PC 487(d)(1)", "VC 10851(a)"}
    for o in beyond:
        assert "prop47" in open_flags(o), o.key


def test_prop47_is_never_on_a_serious_or_violent_felony():
    """Pen. Code § 1170.18: only the listed theft and drug offenses; no strike offense is one."""
    for o in ROWS:
        if o.prop47:
            assert o.serious_1192_7c == "no" and o.violent_667_5c == "no", o.key


def test_prop64_rows_are_the_cannabis_sections():
    """Health & Saf. Code § 11361.8(a): §§ 11357, 11358, 11359 and 11360 as amended by Prop 64."""
    assert {o.key for o in ROWS if o.prop64} == {"HS 11357", "HS 11358", "HS 11359", "HS 11360(a)"}
    for section in ("11357(a)", "11357(b)", "11359(b)", "11360(a)(2)"):
        assert lookup("HS", section).prop64, section


# --- statutes of limitation (Pen. Code §§ 799-805) ----------------------------------------------


def test_no_limitation_means_no_number_of_years():
    """Pen. Code § 799: "may be commenced at any time"."""
    for o in ROWS:
        if o.no_limitation:
            assert o.limitation_years is None, o.key
    assert lookup("PC", "187").no_limitation and lookup("PC", "187").cites["no_limitation"] == "Pen. Code, § 799(a)"


def test_every_row_cites_its_limitation_period_or_flags_it_open():
    """Pen. Code §§ 799-805: every row says how long a prosecution may be brought; where no one
    number fits, the row's open question covers it."""
    for o in ROWS:
        assert "limitation_years" in o.cites or "no_limitation" in o.cites, o.key
        if o.limitation_years is None and not o.no_limitation:
            assert "limitation_years" in open_flags(o), o.key


def test_misdemeanors_and_infractions_default_to_one_year():
    """Pen. Code § 802(a): one year for an offense not punishable by prison or § 1170(h) jail."""
    plain_802a = [o for o in ROWS if o.cites.get("limitation_years") == "Pen. Code, § 802(a)"]
    assert len(plain_802a) >= 40
    for o in plain_802a:
        assert o.punishment in ("misdemeanor", "wobblette", "infraction"), o.key
        assert o.limitation_years == 1, o.key


def test_a_wobblers_limitation_period_is_the_felony_one():
    """Pen. Code § 805(a): an offense is deemed punishable by its maximum punishment, so a wobbler
    takes the felony period (§ 801: three years, or a longer special rule)."""
    for o in ROWS:
        if o.punishment == "wobbler" and o.limitation_years is not None:
            assert o.limitation_years >= 3, o.key
            assert re.search(r"805\(a\)|801\.[156]", o.cites["limitation_years"]), o.key


def test_long_limitation_periods():
    """Pen. Code § 800 (eight years or more: six years), § 801.5 (fraud: four years from discovery),
    § 801.6 (elder abuse: five years), § 801.1(b) (felony § 290(c) offense: ten years)."""
    assert lookup("PC", "451(b)").limitation_years == 6
    assert lookup("PC", "470").limitation_years == 4
    assert lookup("PC", "487(a)").limitation_years == 4
    assert lookup("PC", "368(b)(1)").limitation_years == 5
    assert lookup("PC", "311.11(a)").limitation_years == 10
    assert lookup("PC", "288(a)").limitation_years is None  # § 799(b) / § 801.1(a): open


# --- strikes, registration, firearms ----------------------------------------------------------


@pytest.mark.parametrize("key,serious,violent", [
    ("PC 187", "yes", "yes"), ("PC 211", "yes", "yes"), ("PC 460(a)", "yes", "conditional"),
    ("PC 460(b)", "no", "no"), ("PC 245(a)(1)", "yes", "no"), ("PC 245(a)(4)", "conditional", "no"),
    ("PC 422(a)", "yes", "no"), ("PC 136.1(b)", "yes", "conditional"), ("PC 186.22(a)", "yes", "no"),
    ("PC 451(b)", "yes", "yes"), ("PC 451(d)", "yes", "no"), ("PC 487(d)(2)", "yes", "no"),
    ("PC 288(a)", "yes", "yes"), ("PC 288.5(a)", "yes", "yes"), ("PC 289(j)", "no", "yes"),
    ("PC 273.5(a)", "conditional", "no"), ("HS 11378", "no", "no"),
])
def test_serious_and_violent_classifications(key, serious, violent):
    """Pen. Code § 1192.7(c) (serious) and § 667.5(c) (violent), paragraph by paragraph."""
    assert (row(key).serious_1192_7c, row(key).violent_667_5c) == (serious, violent)


def test_mandatory_registration_follows_290c():
    """Pen. Code § 290(c)(1) lists 243.4, 269, 286, 287, 288, 288.5, 288.7, 289, 311.1, 311.2(b)-(d),
    311.3, 311.11, 314(1)-(2), 647.6; § 261.5 is discretionary (§ 290.006), not listed."""
    yes = {o.key for o in ROWS if o.registrable_290c == "yes"}
    assert yes == {"PC 243.4(a)", "PC 243.4(e)(1)", "PC 269", "PC 286(c)", "PC 287(c)", "PC 288(a)", "PC 288(c)(1)",
                   "PC 288.5(a)", "PC 288.7", "PC 289(j)", "PC 311.1(a)", "PC 311.3(a)", "PC 311.11(a)", "PC 314(1)",
                   "PC 647.6(a)"}
    assert row("PC 311.2").registrable_290c == "conditional"
    for section in ("261.5(b)", "261.5(c)", "261.5(d)"):
        assert lookup("PC", section).registrable_290c == "no"


FIREARM_29805 = {"136.1", "148", "240", "241", "242", "243", "243.4", "245", "273.5", "273.6", "417",
                 "422", "646.9"}


def test_ten_year_firearm_ban_matches_29805():
    """Pen. Code § 29805(a): a misdemeanor conviction of a listed section bars firearms for ten
    years; a straight felony is never a misdemeanor, and § 148 is listed only at (d)."""
    for o in ROWS:
        listed = o.code == "PC" and base(o.section) in FIREARM_29805 and o.punishment != "felony"
        if base(o.section) == "148":
            listed = o.section.startswith("148(d)")
        assert o.firearm_ban_29805 == listed, o.key


def test_super_strikes():
    """Pen. Code § 667(e)(2)(C)(iv): (II) sodomy, oral copulation, penetration of a child under 14;
    (III) a § 288 lewd act on a child under 14; (IV) homicide; (VIII) a serious or violent felony
    punishable by life imprisonment or death."""
    assert {o.key for o in ROWS if o.super_strike} == {"PC 187", "PC 288(a)", "PC 288.5(a)", "PC 286(c)",
                                                        "PC 287(c)", "PC 289(j)", "PC 209", "PC 219", "PC 269",
                                                        "PC 288.7", "PC 4500", "PC 18755"}
    for o in ROWS:
        if o.life_term and "yes" in (o.serious_1192_7c, o.violent_667_5c):
            assert o.super_strike, o.key
    assert "super_strike" in open_flags(row("PC 287(c)"))  # (c)(3), threat of retaliation


def test_domestic_violence_rows_cite_13700():
    """Pen. Code § 851.91(c) treats domestic violence arrests differently; § 13700(b) defines it."""
    for key in ("PC 243(e)(1)", "PC 273.5(a)"):
        assert row(key).dv_child_elder and "13700(b)" in row(key).cites["dv_child_elder"]


def test_county_jail_felonies():
    """Pen. Code § 1170(h): the realigned felonies; robbery and ADW stay state-prison offenses."""
    for key in ("PC 460(b)", "PC 487(a)", "PC 496(a)", "HS 11350(a)", "HS 11378", "VC 10851(a)",
                "PC 29800(a)(1)"):
        assert row(key).jail_1170h, key
    for key in ("PC 211", "PC 245(a)(1)", "PC 273.5(a)", "PC 422(a)", "PC 460(a)"):
        assert not row(key).jail_1170h, key


# --- lookup --------------------------------------------------------------------------------------


def test_lookup_normalizes_spacing_and_case():
    assert lookup("PC", "245 (A)(1)") is row("PC 245(a)(1)")
    assert lookup("P.C.", "245(a)(1)") is row("PC 245(a)(1)")
    assert lookup(" pc ", " 245 (a) (1) ") is row("PC 245(a)(1)")


def test_288c1_resolves_to_its_own_row():
    o = lookup("PC", "288(c)(1)")
    assert o.key == "PC 288(c)(1)"
    assert o.excluded_1203_4a_d == ["misdemeanor"] and o.punishment == "wobbler"
    assert lookup("PC", "288 (C)").key == "PC 288(c)(1)"
    assert lookup("PC", "288(a)").key == "PC 288(a)"


def test_subdivisions_resolve_only_through_rows_that_cover_them():
    assert lookup("VC", "23152(f)").key == "VC 23152(a)"
    assert lookup("PC", "417(a)(2)").key == "PC 417(a)"
    assert lookup("PC", "136.1(a)(1)").key == "PC 136.1(b)"
    assert lookup("PC", "245(a)(4)").key == "PC 245(a)(4)"
    assert lookup("PC", "594(b)(2)(B)") is None  # § 594 depends on the amount: no guess
    assert lookup("PC", "288(b)(1)") is None  # forcible lewd act: not in the table


@pytest.mark.parametrize("code,section", [("PC", "9999"), ("XX", "245(a)(1)"), ("PC", ""), ("PC", "((("),
                                          ("PC", "245(a)(9)"), ("", "")])
def test_unknown_offense_returns_none_and_never_raises(code, section):
    assert lookup(code, section) is None
