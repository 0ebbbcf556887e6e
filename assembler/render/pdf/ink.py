"""Writing text straight into a PDF's content stream, in an embedded typeface, without reportlab.

Filling a cached blank form or numbering a packet's pages adds a few lines of text to a PDF that
already exists. Drawing those with reportlab would mean a new document, a new font subset and a
merge for every fill; instead the typeface is embedded once per process (`InkFont.build`, a
reportlab-made subset holding every character it can print), copied into each PDF as one font
object (`install`), and the text is written as plain `Tj` operators (`show`).

The character codes of the subset are read from the font's own /ToUnicode map, so what a reader
extracts is exactly the text written.
"""

from __future__ import annotations

import io
import re
import threading
import zlib
from dataclasses import dataclass
from functools import cache, cached_property

import pikepdf
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from assembler.errors import ReliefError
from assembler.render.pdf import fonts
from assembler.render.pdf.writer import FLATE_LEVEL

# qpdf objects must not be read from two threads at once (reading resolves objects lazily). The PDFs
# kept for the whole process and copied from (the font carrier, the printed blanks) are read under this
# lock; the web interview builds packets in a thread pool.
SHARED_SOURCES = threading.Lock()

_BFCHAR = re.compile(rb"<([0-9A-Fa-f]{2})>\s*<([0-9A-Fa-f]{4})>")
# What a court paper may need: Latin-1 and Windows-1252 (curly quotes, dashes, €) and Latin Extended-A
# (ł, ő, Š …): at most 255 characters, so one subset (code 0 is .notdef) holds them all.
_WANTED = sorted({*bytes(range(0x20, 0x7F)).decode("latin-1"), *bytes(range(0xA0, 0x100)).decode("latin-1"),
                  *bytes(range(0x80, 0xA0)).decode("cp1252", errors="ignore"), *map(chr, range(0x100, 0x180))})


class UnprintableText(ReliefError, ValueError):
    """Text with a character the embedded typeface has no glyph for."""


@dataclass(frozen=True)
class InkFont:
    """One embedded single-byte font: its PDF (holding the font object) and character → code."""

    name: str  # the reportlab font it was made from, for measuring
    carrier: bytes
    codes: dict[str, int]

    @classmethod
    @cache
    def build(cls, name: str = fonts.REGULAR) -> "InkFont":
        """The printable characters of `name` that fit one 256-code subset, embedded by reportlab."""
        fonts.register()
        face = pdfmetrics.getFont(name).face
        repertoire = "".join(c for c in _WANTED if ord(c) in face.charToGlyph)
        buffer = io.BytesIO()
        canvas = Canvas(buffer, invariant=1, pageCompression=1)
        canvas.setFont(name, 9)
        canvas.drawString(0, 0, repertoire)
        canvas.showPage()
        canvas.save()
        carrier = buffer.getvalue()
        return cls(name, carrier, _codes(_subset_font(_carrier_pdf(carrier))))

    def missing(self, text: str) -> list[str]:
        """The characters of `text` this font cannot print (line breaks aside: they are never drawn)."""
        return sorted({c for c in text if c not in self.codes and c not in "\n\r\t"})

    def encode(self, text: str) -> bytes:
        if not self._printable.fullmatch(text):
            raise UnprintableText(f"the character(s) {' '.join(self.missing(text))} cannot be printed in the "
                                  "form's typeface; fix: write the text as the court's records spell it with Latin "
                                  "letters")
        return text.translate(self._to_codes).encode("latin-1")

    @cached_property
    def _to_codes(self) -> dict[int, str]:
        return str.maketrans({c: chr(code) for c, code in self.codes.items()})

    @cached_property
    def _printable(self) -> re.Pattern:
        return re.compile("[" + re.escape("".join(self.codes)) + "]*")

    @property
    def resource(self) -> str:
        """The font's name in a page's /Resources /Font (no clash with reportlab's /F1.., /F2+0..)."""
        return f"/Ink{self.name}"

    def width(self, text: str, size: float) -> float:
        return fonts.string_width(text, self.name, size)

    def show(self, text: str, x: float, y: float, size: float) -> str:
        """Content-stream operators drawing `text` with its baseline starting at (x, y), in black."""
        return f"BT {self.resource} {size:g} Tf 0 g {x:.2f} {y:.2f} Td <{self.encode(text).hex()}> Tj ET\n"

    def install(self, pdf: pikepdf.Pdf) -> pikepdf.Object:
        """The font object copied into `pdf` (one copy per PDF; pass it to `use_on` for each page)."""
        with SHARED_SOURCES:
            return pdf.copy_foreign(_subset_font(_carrier_pdf(self.carrier)))

    def use_on(self, page: pikepdf.Page, font: pikepdf.Object) -> None:
        """Name the installed font in the page's resources so `show` operators can use it."""
        if pikepdf.Name.Resources not in page.obj:
            page.obj.Resources = pikepdf.Dictionary()
        if pikepdf.Name.Font not in page.obj.Resources:
            page.obj.Resources.Font = pikepdf.Dictionary()
        page.obj.Resources.Font[self.resource] = font


def add_content(pdf: pikepdf.Pdf, page: pikepdf.Page, operators: str) -> None:
    """Draw on top of the page: the page's own content is wrapped in q … Q so its graphics state
    cannot leak into what is added."""
    if not operators:
        return
    page.contents_add(_flate(pdf, b"q\n"), prepend=True)
    page.contents_add(_flate(pdf, b"Q\n" + operators.encode("ascii")))


def _flate(pdf: pikepdf.Pdf, data: bytes) -> pikepdf.Stream:
    """A content stream, compressed unless it is a few bytes (the PDFs this module writes into are saved
    without recompressing)."""
    if len(data) < 200:
        return pikepdf.Stream(pdf, data)
    return pikepdf.Stream(pdf, zlib.compress(data, FLATE_LEVEL), Filter=pikepdf.Name.FlateDecode)


@cache
def _carrier_pdf(carrier: bytes) -> pikepdf.Pdf:
    return pikepdf.open(io.BytesIO(carrier))


def _subset_font(pdf: pikepdf.Pdf) -> pikepdf.Object:
    fonts_used = pdf.pages[0].Resources.Font
    return next(font for font in fonts_used.values() if font.Subtype == pikepdf.Name.TrueType)


def characters(font: pikepdf.Object) -> dict[int, str]:
    """Code → the character it stands for, from the font's /ToUnicode map (what a reader extracts)."""
    pairs = [(int(code, 16), int(uni, 16)) for code, uni in _BFCHAR.findall(font.ToUnicode.read_bytes())]
    return {code: chr(uni) for code, uni in pairs if code and uni not in (0, 0xFFFF)}


def _codes(font: pikepdf.Object) -> dict[str, int]:
    codes = {character: code for code, character in characters(font).items()}
    if "\u00a0" not in codes and " " in codes:  # a no-break space prints as a space (Vera has no glyph of its own)
        codes["\u00a0"] = codes[" "]
    return codes
