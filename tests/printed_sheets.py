"""A RAP sheet's text printed as the DOJ prints it, and scanned: for the importer's tests and its benchmark."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import LETTER
from reportlab.pdfgen.canvas import Canvas


def as_pdf(text: str, path: Path) -> Path:
    """The sheet printed as a PDF with a text layer, in a fixed-width font, as the DOJ prints it."""
    canvas = Canvas(str(path), pagesize=LETTER)
    y = 760
    canvas.setFont("Courier", 8)
    for line in text.splitlines():
        if y < 40:
            canvas.showPage()
            canvas.setFont("Courier", 8)
            y = 760
        canvas.drawString(30, y, line)
        y -= 10
    canvas.save()
    return path


def as_scan(text_pdf: Path, path: Path, pages: int | None = None) -> Path:
    """The sheet as a scanner makes it: each page (the first `pages`) a 200 dpi picture, no text layer."""
    import pypdfium2
    from reportlab.lib.utils import ImageReader

    pdf = pypdfium2.PdfDocument(str(text_pdf))
    canvas = Canvas(str(path), pagesize=LETTER)
    for index in range(min(pages or len(pdf), len(pdf))):
        image = pdf[index].render(scale=200 / 72).to_pil()
        canvas.drawImage(ImageReader(image), 0, 0, width=LETTER[0], height=LETTER[1])
        canvas.showPage()
    pdf.close()
    canvas.save()
    return path
