"""Our pages' markup, broken into lines by `assembler.render.pages.typeset`, checked on the page PDFium reads back."""

from __future__ import annotations

import io

import pikepdf
import pypdfium2

from assembler.render.pages.paragraphs import BREAK, Piece, words
from assembler.render.pages.typeset import Footer, Frame, Style, Typesetter

STYLE = Style(11, 15)


def build(markups: list[str], style: Style = STYLE, width: float = 468.0) -> bytes:
    setter = Typesetter(Frame(left=72, right=72 + width, top=720, bottom=72), Footer("", ""))
    setter.add([setter.item(m, style) for m in markups])
    return setter.pdf()


def lines_of(pdf: bytes) -> list[list[tuple[str, float, float]]]:
    """Per page, each printed line as (text, left edge, right edge), top to bottom."""
    pages = []
    for page in pypdfium2.PdfDocument(pdf):
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
    lines = lines_of(build([text], width=200.0))[0]
    assert len(lines) > 5
    for _, left, right in lines:
        assert left >= 72 - 0.5 and right <= 272 + 0.5
    assert "".join(t for t, _, _ in lines) == text.replace(" ", "")


def test_bold_runs_print_in_the_bold_face():
    pdf = pikepdf.open(io.BytesIO(build(["Bring <b>two copies</b> to the clerk."])))
    page = pdf.pages[0]
    used, current = set(), None
    for operands, operator in pikepdf.parse_content_stream(page):
        if str(operator) == "Tf":
            current = str(operands[0])
        elif str(operator) in ("Tj", "TJ", "'", '"'):
            used.add(current)  # a font that shows text, not one merely set
    faces = {str(page.Resources.Font[name].BaseFont).split("+")[-1] for name in used}
    assert faces == {"BitstreamVeraSans-Roman", "BitstreamVeraSans-Bold"}


def test_a_centred_line_is_centred():
    (line,) = lines_of(build(["PROOF OF SERVICE BY MAIL"], Style(14, 18, bold=True, align="center")))[0]
    _, left, right = line
    assert abs((left + right) / 2 - (72 + 468 / 2)) < 1.5


def test_a_break_tag_starts_a_new_line():
    pages = lines_of(build(["CASE NUMBER:<br/><b>RIF1801234</b>"]))
    assert [t for t, _, _ in pages[0]] == ["CASENUMBER:", "RIF1801234"]
