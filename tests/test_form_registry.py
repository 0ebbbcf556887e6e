"""Each form's facts live once, in the header of forms/<ID>/items.yaml, and every stage reads them there."""

from __future__ import annotations

from importlib import resources

from assembler.plan.formmap.items import FORMS, facts, petitions
from assembler.render.forms.official.backend import FILLED


def test_every_form_folder_is_registered_with_names_in_both_languages():
    folders = {e.name for e in resources.files("forms").iterdir() if e.is_dir() and not e.name.startswith("_")}
    assert folders == set(FORMS)
    for form_id in FORMS:
        f = facts(form_id)
        assert f.name("en") and f.name("es") and f.name("en") != f.name("es"), form_id
        assert f.role in {"petition", "order", "attachment", "declaration"}
        assert f.signed_by in {"petitioner", "judge", "nobody"}


def test_each_petition_pairs_with_an_order_the_judge_signs_and_cites_its_notice_statute():
    assert petitions() == {"CR-180": "CR-181", "CR-409": "CR-410"}
    for petition, order in petitions().items():
        assert facts(order).role == "order" and facts(order).signed_by == "judge"
        assert facts(petition).signed_by == "petitioner"
        assert facts(petition).notice_cite.startswith("Pen. Code, §")
    # Pen. Code § 1203.4(d)(1): notice of a dismissal petition to the prosecutor; § 851.91(b): of a sealing one
    assert facts("CR-180").notice_cite == "Pen. Code, § 1203.4(d)(1)"
    assert facts("CR-409").notice_cite == "Pen. Code, § 851.91(b)"


def test_the_official_backend_fills_exactly_the_forms_with_an_official_field_map():
    mapped = {f for f in FORMS
              if any(e.name.startswith("official-") for e in resources.files("forms").joinpath(f).iterdir())}
    assert set(FILLED) == mapped == {"CR-180", "CR-181", "MC-025", "MC-031"}
