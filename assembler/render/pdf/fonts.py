"""The one typeface of every rendition: Bitstream Vera, shipped with reportlab, embedded in the PDF.

Embedding (reportlab subsets and embeds every TTF it draws with) makes a rendition print the same in
every viewer, unlike the standard-14 fonts a viewer substitutes.
"""

from __future__ import annotations

import os
from functools import cache, lru_cache

import reportlab
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FACES = {
    "": ("RenditionVera", "Vera.ttf"),
    "B": ("RenditionVera-Bold", "VeraBd.ttf"),
    "I": ("RenditionVera-Italic", "VeraIt.ttf"),
    "BI": ("RenditionVera-BoldItalic", "VeraBI.ttf"),
}
REGULAR = FACES[""][0]


@cache
def register() -> None:
    folder = os.path.join(os.path.dirname(reportlab.__file__), "fonts")
    for name, filename in FACES.values():
        pdfmetrics.registerFont(TTFont(name, os.path.join(folder, filename)))
    pdfmetrics.registerFontFamily(
        REGULAR, normal=REGULAR, bold=FACES["B"][0], italic=FACES["I"][0], boldItalic=FACES["BI"][0]
    )


def face(style: str) -> str:
    """Font name for a style code: "" regular, "B" bold, "I" italic, "BI" bold italic."""
    register()
    return FACES[style][0]


def width(text: str, size: float, style: str = "") -> float:
    return string_width(text, face(style), size)


@lru_cache(maxsize=8192)
def string_width(text: str, font: str, size: float) -> float:
    """reportlab's width of `text` in points (remembered: the same words are measured in packet after
    packet, and a line is broken by measuring word after word)."""
    return pdfmetrics.stringWidth(text, font, size)
