"""`assembler.render.pages.typeset`: headed text set on pages the way platypus set it (spacing, keeping, splitting)."""

from __future__ import annotations

import pypdfium2

from assembler.render.pages.textpdf import FRAME, pdf_bytes


def baselines(pdf: bytes) -> list[list[tuple[str, float]]]:
    """Per page, each printed line's text and baseline height (points from the bottom), top first."""
    pages = []
    for page in pypdfium2.PdfDocument(pdf):
        text = page.get_textpage()
        rows: dict[float, list[str]] = {}
        for i in range(text.count_chars()):
            char = text.get_text_range(i, 1)
            if char.strip():
                _, y = _origin(text, i)
                rows.setdefault(round(y, 1), []).append(char)
        pages.append([("".join(chars), y) for y, chars in sorted(rows.items(), reverse=True)])
    return pages


def _origin(text, index):
    """Where the character's baseline starts (PDFium's FPDFText_GetCharOrigin)."""
    x, y = pypdfium2.raw.c_double(), pypdfium2.raw.c_double()
    pypdfium2.raw.FPDFText_GetCharOrigin(text.raw, index, x, y)
    return x.value, y.value


def line(pages, start: str) -> tuple[int, float]:
    """(page number, baseline) of the first line starting with `start`."""
    for number, page in enumerate(pages, start=1):
        for text, y in page:
            if text.startswith(start.replace(" ", "")):
                return number, y
    raise AssertionError(f"{start!r} not printed")


def test_the_gap_between_blocks_is_the_larger_of_space_after_and_space_before():
    """A title (17/22, 10 after) then a paragraph (11/15, 3 before): 22 + max(10, 3) between their tops."""
    pages = baselines(pdf_bytes("# Title\nFirst paragraph.\n\nSecond paragraph."))
    _, title = line(pages, "Title")
    _, first = line(pages, "First")
    _, second = line(pages, "Second")
    assert round((title + 17) - (first + 11), 1) == 22 + 10
    assert round(first - second, 1) == 15 + 6  # para after 6, next before 3: 6


def test_a_heading_never_ends_a_page_without_the_text_after_it():
    lines_per_page = int((FRAME.top - FRAME.bottom) // 15)
    filler = "\n".join(f"| filler line {n}" for n in range(lines_per_page - 2))
    pages = baselines(pdf_bytes(filler + "\n## A heading near the bottom\nThe text under the heading."))
    heading_page, _ = line(pages, "A heading")
    text_page, _ = line(pages, "The text under")
    assert heading_page == text_page == 2


def test_a_note_box_moves_whole_to_the_next_page_and_a_paragraph_splits_between_lines():
    lines_per_page = int((FRAME.top - FRAME.bottom) // 15)
    filler = "\n".join(f"| filler line {n}" for n in range(lines_per_page - 2))
    note = "> " + " ".join(["A note that runs over several lines of the box."] * 6)
    pages = baselines(pdf_bytes(filler + "\n" + note))
    assert line(pages, "A note that")[0] == 2
    long = " ".join(f"word{n}" for n in range(600))
    split = baselines(pdf_bytes(filler + "\n\n" + long))
    assert line(split, "word0")[0] == 1 and len(split) >= 2
    printed = "".join(t for page in split for t, _ in page if t.startswith("word") or "word" in t[:8])
    assert all(f"word{n}" in printed for n in range(600))


def test_every_page_has_its_footer_and_number():
    pdf = pdf_bytes("\n".join(f"| line {n}" for n in range(120)), footer="Filing instructions",
                    page_label="Page {n} of {total}")
    pages = baselines(pdf)
    total = len(pages)
    assert total >= 3
    for number, page in enumerate(pages, start=1):
        texts = [t for t, _ in page]
        assert any(t.startswith("Filinginstructions") and t.endswith(f"Page{number}of{total}") for t in texts), texts[-1]
