"""The form specs themselves: they load, stay on the page, and keep the type legible."""

from __future__ import annotations

import pytest

from assembler.render.forms.rendition import available_forms, load_spec
from assembler.render.forms.rendition.draw import condense, line_width
from assembler.render.forms.rendition.spec import PAGE_HEIGHT, PAGE_WIDTH, SpecError, parse

MARGIN = 18.0  # points: nothing printed closer to the paper's edge (printers cut the last ¼ inch)
LEAST_CONDENSED = 80.0  # percent: a line squeezed narrower than this is no longer comfortable to read


@pytest.mark.parametrize("form_id", available_forms())
def test_everything_is_on_the_page(form_id):
    spec = load_spec(form_id)
    for page in spec.pages:
        for t in page.texts:
            span = (t.wrap or line_width(t) * condense(t) / 100)
            left = t.x - span if t.align == "right" else t.x - span / 2 if t.align == "center" else t.x
            assert MARGIN <= left and left + span <= PAGE_WIDTH - MARGIN + 0.5, (page.number, t.text)
            assert MARGIN <= t.y <= PAGE_HEIGHT - MARGIN, (page.number, t.text)
        for f in page.fields:
            assert MARGIN <= f.x0 < f.x1 <= PAGE_WIDTH - MARGIN + 2 and MARGIN <= f.y0 < f.y1 <= PAGE_HEIGHT - MARGIN


@pytest.mark.parametrize("form_id", available_forms())
def test_no_line_is_squeezed_illegibly(form_id):
    squeezed = [(p.number, t.text) for p in load_spec(form_id).pages for t in p.texts
                if not t.wrap and condense(t) < LEAST_CONDENSED]
    assert squeezed == []


@pytest.mark.parametrize("form_id", available_forms())
def test_the_form_number_and_revision_are_printed(form_id):
    spec = load_spec(form_id)
    footer = " ".join(t.text for t in spec.pages[0].texts)
    assert form_id in footer
    year = spec.revision.split(",")[1].split()[0] if "," in spec.revision else ""
    assert year and year in footer


def test_a_bad_spec_names_the_form_page_and_element():
    with pytest.raises(SpecError, match=r"XX-1 page 1, element 1"):
        parse({"form": "XX-1", "title": "t", "revision": "r", "pages": [{"page": 1, "draw": [{"circle": 1}]}]})


def test_the_same_item_twice_on_one_page_is_refused():
    field = {"field": "a", "rect": [40, 40, 80, 50]}
    with pytest.raises(SpecError, match="used twice"):
        parse({"form": "XX-1", "title": "t", "revision": "r", "pages": [{"page": 1, "draw": [field, field]}]})
