"""Reading a sheet from a file: plain text, a PDF with a text layer (the DOJ's own PDF), or a scan (an image,
or a PDF of images), read by OCR (`scans.py`)."""

from __future__ import annotations

from pathlib import Path

from assembler.errors import ReliefError
from assembler.rapsheet import scans
from assembler.rapsheet.errors import UnsupportedSheet

MAX_BYTES = 5_000_000  # a long RAP sheet is a few dozen pages of text: tens of kB
SHEET_SUFFIXES = {".txt", ".text", ".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff"}
_IMAGES = (b"\x89PNG", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")


def read_text(path: Path) -> str:
    try:
        if path.stat().st_size > MAX_BYTES:
            raise UnsupportedSheet(f"the file is {path.stat().st_size:,} bytes, far more than a RAP sheet",
                                   field=str(path), fix="check that this is the right file")
        raw = path.read_bytes()
    except OSError as exc:
        raise ReliefError(f"cannot read the file ({exc.strerror or exc})", field=str(path)) from None
    return text_of(raw, path)


def text_of(raw: bytes, path: Path) -> str:
    """The text of a sheet held in memory (a file's bytes, or a web upload); `path` names it in messages."""
    if len(raw) > MAX_BYTES:
        raise UnsupportedSheet(f"the file is {len(raw):,} bytes, far more than a RAP sheet", field=str(path),
                               fix="check that this is the right file")
    if raw.startswith(b"%PDF"):
        return _pdf_text(raw, path)
    if raw.startswith(_IMAGES):
        return scans.ocr_image(raw, path)
    if b"\x00" in raw:
        raise UnsupportedSheet("this is not a text file", field=str(path),
                               fix="give the RAP sheet as plain text (.txt)")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")  # older Windows exports; a RAP sheet is plain capitals


def _pdf_text(raw: bytes, path: Path) -> str:
    """The PDF's text layer, page by page, in memory (a RAP sheet is never written to a temporary file)."""
    import pypdfium2  # only a PDF sheet needs it

    try:
        pdf = pypdfium2.PdfDocument(raw)
    except pypdfium2.PdfiumError:
        raise UnsupportedSheet("this PDF cannot be opened", field=str(path), fix="save it again, or as text") from None
    try:
        pages = [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    finally:
        pdf.close()
    text = "\n".join(page.replace("\r\n", "\n").replace("\r", "\n") for page in pages)
    return text if text.strip() else scans.ocr_pdf(raw, path)  # no text layer: a scan


def sheets_in(paths: list[Path]) -> list[Path]:
    """The files named, and in each folder named the files that may be sheets, in name order."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith(".")
                            and p.suffix.lower() in SHEET_SUFFIXES)
        else:
            found.append(path)
    return found
