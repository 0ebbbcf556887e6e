"""Reading a scanned RAP sheet: each page rasterised (pypdfium2) or the image itself, read by Tesseract.

The text it gives goes through the same reader as a typed sheet, which already undoes the OCR noise
FORMAT.md §5 lists (O for 0, l for 1 in dates and sections …) and turns a line it cannot read into a
question with its line number: a fact OCR garbled is asked, never guessed. The pages stay in memory;
pytesseract hands Tesseract each page as a temporary image file, created private (mode 0600 by
tempfile) and removed when it returns.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

from assembler.rapsheet.errors import NoOcr, UnsupportedSheet

DPI = 300  # Tesseract reads the DOJ's 8-10 pt fixed-width print best at 300 dpi
# Tesseract settings: one block of fixed-width text, spaces kept (the sheet's columns are spaces).
CONFIG = "--psm 6 -c preserve_interword_spaces=1"


def ocr_pdf(raw: bytes, source: Path) -> str:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(raw)
    try:
        images = [pdf[i].render(scale=DPI / 72).to_pil() for i in range(len(pdf))]
    finally:
        pdf.close()
    return "\n".join(_ocr(image, source) for image in images)


def ocr_image(raw: bytes, source: Path) -> str:
    from PIL import Image, UnidentifiedImageError

    try:
        image = Image.open(io.BytesIO(raw))
        image.load()
    except (UnidentifiedImageError, OSError):
        raise UnsupportedSheet("this image cannot be read", field=str(source),
                               fix="scan or photograph the sheet again (PNG, JPEG or TIFF), or import it as text") from None
    return _ocr(image, source)


def _ocr(image, source: Path) -> str:
    if shutil.which("tesseract") is None:
        raise NoOcr("this is a scan, and reading scans needs Tesseract, which is not installed",
                               field=str(source), fix="install it (Debian/Ubuntu: apt-get install tesseract-ocr; "
                               "macOS: brew install tesseract), or import the sheet as text")
    import pytesseract

    return pytesseract.image_to_string(image.convert("L"), lang="eng", config=CONFIG)
