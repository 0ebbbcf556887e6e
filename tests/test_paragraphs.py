"""`assembler.paragraphs.Para`: our pages' paragraphs, checked on the page PDFium reads back."""

from __future__ import annotations

import io
from functools import partial

import pikepdf
import pypdfium2
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import SimpleDocTemplate

from assembler.paragraphs import BREAK, Piece, Para, words
from assembler.textpdf import FONT, register_fonts

MARGIN = 72.0
STYLE = ParagraphStyle("t", fontName=FONT, fontSize=11, leading=15)


def build(flowables, width: float = LETTER[0] - 2 * MARGIN) -> bytes:
    register_fonts()
    out = io.BytesIO()
    right = LETTER[0] - MARGIN - width
    SimpleDocTemplate(out, pagesize=LETTER, leftMargin=MARGIN, rightMargin=right, topMargin=MARGIN,
                      bottomMargin=MARGIN).build(flowables, canvasmaker=partial(Canvas, initialFontName=FONT))
    return out.getvalue()


def lines_of(pdf: bytes) -> list[list[tuple[str, float, float]]]:
    """Per page, each printed line as (text, left edge, right edge), top to bottom."""
    pages = []
    doc = pypdfium2.PdfDocument(pdf)
    for page in doc:
        text = page.get_textpage()
        rows: dict[int, list[tuple[str, float, float]]] = {}
        for i in range(text.count_chars()):
            char = text.get_text_range(i, 1)
            if not char.strip():
                continue
            left, _, right, top = text.get_charbox(i, loose=True)  # one top per line, whatever the glyph
            rows.setdefault(round(top), []).append((char, left, right))
        pages.append([("".join(c for c, _, _ in row), row[0][1], row[-1][2])
                      for _, row in sorted(rows.items(), reverse=True)])
    return pages


def test_markup_becomes_words_of_styled_pieces():
    assert words("Go to <b>Riverside</b>, CA &amp; wait<br/>then file") == [
        (Piece(False, "Go"),), (Piece(False, "to"),), (Piece(True, "Riverside"), Piece(False, ",")),
        (Piece(False, "CA"),), (Piece(False, "&"),), (Piece(False, "wait"),), BREAK,
        (Piece(False, "then"),), (Piece(False, "file"),)]


def test_a_no_break_space_holds_two_words_together():
    assert words("Pen. Code, §\u00a01203.4") == [(Piece(False, "Pen."),), (Piece(False, "Code,"),),
                                               (Piece(False, "§\u00a01203.4"),)]


def test_lines_stay_inside_the_frame_and_keep_every_word_in_order():
    text = " ".join(f"word{n}" for n in range(120))
    width = 200.0
    pages = lines_of(build([Para(text, STYLE)], width=width))
    lines = pages[0]
    assert len(lines) > 5
    for _, left, right in lines:
        assert left >= MARGIN - 0.5 and right <= MARGIN + width + 0.5
    assert "".join(t for t, _, _ in lines) == text.replace(" ", "")


def test_bold_runs_print_in_the_bold_face():
    pdf = pikepdf.open(io.BytesIO(build([Para("Bring <b>two copies</b> to the clerk.", STYLE)])))
    page = pdf.pages[0]
    used, current = set(), None
    for operands, operator in pikepdf.parse_content_stream(page):
        if str(operator) == "Tf":
            current = str(operands[0])
        elif str(operator) in ("Tj", "TJ", "'", '"'):
            used.add(current)  # a font that shows text, not one merely set
    faces = {str(page.Resources.Font[name].BaseFont).split("+")[-1] for name in used}
    assert faces == {"BitstreamVeraSans-Roman", "BitstreamVeraSans-Bold"}


def test_a_paragraph_longer_than_a_page_continues_on_the_next_losing_nothing():
    text = " ".join(f"w{n}" for n in range(2500))
    pages = lines_of(build([Para(text, STYLE, bulletText="-")]))
    assert len(pages) >= 2
    printed = "".join(t for page in pages for t, _, _ in page)
    assert printed == "-" + text.replace(" ", "")  # the bullet only once, on the first line


def test_a_centred_line_is_centred():
    style = ParagraphStyle("c", parent=STYLE, alignment=TA_CENTER)
    (line,) = lines_of(build([Para("PROOF OF SERVICE BY MAIL", style)]))[0]
    _, left, right = line
    middle = MARGIN + (LETTER[0] - 2 * MARGIN) / 2
    assert abs((left + right) / 2 - middle) < 1.5


def test_a_break_tag_starts_a_new_line():
    pages = lines_of(build([Para("CASE NUMBER:<br/><b>RIF1801234</b>", STYLE)]))
    assert [t for t, _, _ in pages[0]] == ["CASENUMBER:", "RIF1801234"]
