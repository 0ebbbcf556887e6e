"""Long names, aka's, long addresses and e-mails, many counts: the caption keeps the legal name, nothing is
drawn over anything, and every value is on some page (issue: attachments that never collide)."""

from __future__ import annotations

import copy
from datetime import date

import yaml
from hypothesis import HealthCheck, given, settings, strategies as st

from assembler.bundle.pipeline import assemble
from assembler.profile.load import parse_profile
from conftest import REPO, overprinted, page_words, pdf_text

AS_OF = date(2026, 11, 1)
BASE = yaml.safe_load((REPO / "examples" / "dismissal-misdemeanor.yaml").read_text(encoding="utf-8"))
SECTIONS = ["484", "602", "647(f)", "148(a)(1)", "594(b)(2)(a)", "242", "415", "490.2", "653m(a)", "647(e)",
            "243(a)", "166(a)(4)", "12500(a)", "23152(a)", "14601.1(a)"]
CODES = {"12500(a)": "VC", "23152(a)": "VC", "14601.1(a)": "VC"}


def _profile(name: str, akas: list[str], street: str, email: str, counts: int):
    data = copy.deepcopy(BASE)
    data["petitioner"].update(legal_name=name, other_names=akas, email=email)
    data["petitioner"]["mailing_address"]["street"] = street
    case = data["cases"][0]
    one = {k: v for k, v in case["counts"][0].items() if k != "description"}
    case["counts"] = [dict(one, section=s, code=CODES.get(s, "PC")) for s in SECTIONS[:counts]]
    return parse_profile(data, AS_OF)


def _check(tmp_path, profile) -> str:
    packet = assemble(profile, AS_OF, forms="rendition")
    path = tmp_path / "packet.pdf"
    path.write_bytes(packet.pdf)
    drawn_over = {n: overprinted(words) for n, words in enumerate(page_words(path), start=1)}
    assert not {n: pairs for n, pairs in drawn_over.items() if pairs}
    return " ".join(pdf_text(path).split())


def test_a_long_name_with_akas_keeps_the_legal_name_on_the_caption(tmp_path):
    name = "Maximiliano Alejandro Bartholomew Fitzgerald-Montgomery Ruiz"
    profile = _profile(name, ["Max Fitzgerald-Montgomery", "Alejandro Ruiz Montgomery", "Maximiliano B. Ruiz"],
                       "12345 North Long Canyon Ridge Crest Boulevard, Building Seventeen",
                       "maximiliano.alejandro.fitzgerald.montgomery.ruiz@extremely-long-example-domain.org", 6)
    text = _check(tmp_path, profile)
    assert f"DEFENDANT: {name}" in text and "DEFENDANT: See Attachment" not in text
    assert "12345 N Long Cyn Rdg Crst Blvd, Bldg Seventeen Apt 4" in text  # USPS abbreviations, nothing lost
    assert "594(b)(2)(a)" in text and "242" in text  # rows beyond the printed five, on Attachment 1


words = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=2, max_size=14).map(str.capitalize)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.lists(words, min_size=2, max_size=7).map(" ".join),
       akas=st.lists(st.lists(words, min_size=2, max_size=4).map(" ".join), max_size=3),
       street=st.lists(words, min_size=2, max_size=10).map(lambda w: "100 " + " ".join(w)),
       user=st.lists(words, min_size=1, max_size=6).map(".".join),
       counts=st.integers(min_value=1, max_value=15))
def test_random_long_values_never_overlap_and_every_value_is_printed(tmp_path, name, akas, street, user, counts):
    profile = _profile(name, akas, street, f"{user.lower()}@example.org", counts)
    text = _check(tmp_path, profile)
    assert name in text
    assert all(section in text for section in SECTIONS[:counts])
