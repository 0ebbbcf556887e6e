"""Never cut text: fit is measured in the field's font and width, shrinks to 8 pt, then overflows."""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth

from assembler.plan.backend import TextBox
from assembler.render.forms.fitting import FLOOR_PT, fit, paginate, wrap

LINE = TextBox("Helvetica", 9.0, 60.0, 7.0, multiline=False)


def test_fit_is_measured_by_width_not_by_character_count():
    narrow, wide = "i" * 20, "W" * 20  # same length, very different widths
    assert fit(narrow, LINE) is not None
    assert fit(wide, LINE) is None


def test_text_a_little_too_wide_shrinks_but_never_below_the_floor():
    text = "San Bernardino"
    assert stringWidth(text, "Helvetica", 9) > LINE.width >= stringWidth(text, "Helvetica", 8)
    result = fit(text, LINE)
    assert result is not None and FLOOR_PT <= result.size < 9
    assert stringWidth(text, "Helvetica", result.size) <= LINE.width


def test_text_too_wide_at_the_floor_does_not_fit():
    text = "Riverside County Superior Court"
    assert stringWidth(text, "Helvetica", FLOOR_PT) > LINE.width
    assert fit(text, LINE) is None


def test_multiline_text_wraps_at_spaces_and_every_word_survives():
    box = TextBox("Helvetica", 9.0, 100.0, 40.0, multiline=True)
    text = "one two three four five six seven eight nine ten"
    result = fit(text, box)
    assert result is not None
    assert " ".join(result.lines).split() == text.split()
    assert all(stringWidth(line, "Helvetica", result.size) <= box.width for line in result.lines)


def test_a_word_wider_than_the_box_is_split_not_dropped():
    lines = wrap("x" * 80, "Helvetica", 9.0, 50.0)
    assert "".join(lines) == "x" * 80 and len(lines) > 1


def test_max_len_limits_a_comb_field():
    box = TextBox("Helvetica", 9.0, 200.0, 7.0, multiline=False, max_len=2)
    assert fit("CA", box) is not None and fit("Cal", box) is None


def test_paginate_keeps_every_line_across_pages():
    box = TextBox("Times-Roman", 12.0, 200.0, 60.0, multiline=True)
    text = "\n".join(f"line {i}" for i in range(30))
    pages = paginate(text, box)
    assert len(pages) > 1
    assert "\n".join(pages).splitlines() == text.splitlines()
    assert all(fit(page, box, floor=12.0) is not None for page in pages)


def test_a_writing_line_is_ruled_across_the_box_and_paginated_text_keeps_the_marker():
    from assembler.plan.backend import WRITING_LINE

    box = TextBox("Helvetica", 9.0, 200.0, 60.0, multiline=True)
    fitted = fit(f"Answer here:\n{WRITING_LINE}", box)
    rule = fitted.lines[1]
    assert set(rule) == {"_"} and 200.0 - stringWidth("_", "Helvetica", fitted.size) < \
        stringWidth(rule, "Helvetica", fitted.size) <= 200.0
    pages = paginate("\n".join(["a line"] * 10 + [WRITING_LINE]), TextBox("Helvetica", 9.0, 200.0, 50.0, True))
    assert pages[-1].endswith(WRITING_LINE)  # ruled at the width of the page it lands on
