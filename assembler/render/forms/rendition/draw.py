"""Drawing the printed part of a page: text lines, rules and boxes, as the spec lists them."""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas

from assembler.render.pdf import fonts
from assembler.render.forms.rendition.markup import runs
from assembler.render.forms.rendition.spec import PAGE_HEIGHT, Box, Page, Rule, Text

MIN_CONDENSE = 70.0  # percent: never squeeze a line narrower than this (legibility)


def draw_page(canvas: Canvas, page: Page) -> None:
    for box in page.boxes:
        _box(canvas, box)
    for rule in page.rules:
        _rule(canvas, rule)
    for text in page.texts:
        draw_text(canvas, text)


def _y(top: float) -> float:
    return PAGE_HEIGHT - top


def _box(canvas: Canvas, box: Box) -> None:
    canvas.saveState()
    if box.shape == "arrow":
        path = canvas.beginPath()
        path.moveTo(box.x0, _y(box.y0))
        path.lineTo(box.x1, _y((box.y0 + box.y1) / 2))
        path.lineTo(box.x0, _y(box.y1))
        path.close()
        canvas.setFillGray(box.fill or 0)
        canvas.drawPath(path, stroke=0, fill=1)
        canvas.restoreState()
        return
    canvas.setLineWidth(box.weight)
    if box.fill is not None:
        canvas.setFillGray(box.fill)
    canvas.rect(box.x0, _y(box.y1), box.x1 - box.x0, box.y1 - box.y0,
                stroke=1 if box.weight > 0 else 0, fill=1 if box.fill is not None else 0)
    canvas.restoreState()


def _rule(canvas: Canvas, rule: Rule) -> None:
    canvas.saveState()
    canvas.setLineWidth(rule.weight)
    canvas.line(rule.x0, _y(rule.y0), rule.x1, _y(rule.y1))
    canvas.restoreState()


def line_width(text: Text) -> float:
    return sum(fonts.width(part, text.size, style) for style, part in runs(text.text))


def condense(text: Text) -> float:
    """Horizontal scale (percent) that makes the line end where the official one does."""
    natural = line_width(text)
    if not text.fit or natural <= text.fit:
        return 100.0
    return max(MIN_CONDENSE, 100.0 * text.fit / natural)


Word = list[tuple[str, str]]  # styled pieces written without a space between them, e.g. "*(…)*."


def _words(text: str) -> list[Word]:
    words: list[Word] = []
    glue = False  # the previous run ended inside a word
    for style, part in runs(text):
        pieces = part.split(" ")
        for i, piece in enumerate(pieces):
            if not piece:
                continue
            if i == 0 and glue and words:
                words[-1].append((style, piece))
            else:
                words.append([(style, piece)])
        glue = bool(pieces[-1])
    return words


def paragraph_lines(text: Text) -> list[list[Word]]:
    """A paragraph's styled words, broken into lines no wider than `text.wrap`."""
    space = fonts.width(" ", text.size)
    lines: list[list[Word]] = [[]]
    used = 0.0
    for word in _words(text.text):
        w = sum(fonts.width(piece, text.size, style) for style, piece in word)
        gap = space if lines[-1] else 0.0
        if lines[-1] and used + gap + w > text.wrap:
            lines.append([])
            used, gap = 0.0, 0.0
        lines[-1].append(word)
        used += gap + w
    return lines


def _join(words: list[Word]) -> str:
    marks = {"": "", "B": "**", "I": "*", "BI": "***"}
    return " ".join("".join(f"{marks[style]}{piece}{marks[style]}" for style, piece in word) for word in words)


def draw_text(canvas: Canvas, text: Text) -> None:
    if text.wrap:
        for i, words in enumerate(paragraph_lines(text)):
            line = Text(_join(words), text.x, text.y + i * text.leading, text.size, color=text.color)
            draw_text(canvas, line)
        return
    scale = condense(text)
    span = line_width(text) * scale / 100.0
    x = text.x - span if text.align == "right" else text.x - span / 2 if text.align == "center" else text.x
    canvas.saveState()
    obj = canvas.beginText(x, _y(text.y))
    obj.setHorizScale(scale)
    obj.setFillColorRGB(*text.color)
    for style, part in runs(text.text):
        obj.setFont(fonts.face(style), text.size)
        obj.textOut(part)
    canvas.drawText(obj)
    canvas.restoreState()
