"""What a court paper can print, applied once, when a profile is read.

Both form backends print Windows-1252: the Judicial Council's PDFs use WinAnsi fonts, and the
renditions' typeface (Bitstream Vera) covers the same set. Every text in a profile is NFC-normalised
(a decomposed "José" becomes the "José" a keyboard types); a letter outside that set is printed
without its marks, as California's court records spell such names ("Nguyễn Thị Lan" → "Nguyen Thi
Lan", "Đặng" → "Dang", "Łukasz" → "Lukasz"). A character with no Latin letter underneath (Chinese,
Arabic, emoji …) cannot be printed on the form, and the profile is refused, naming the field, before
anything is drawn: the petition must carry the name as the court's case records spell it.
"""

from __future__ import annotations

import unicodedata

from assembler.errors import ReliefError

# Latin letters whose base letter is not reachable by removing marks (no Unicode decomposition).
_FOLD = {"Đ": "D", "đ": "d", "Ł": "L", "ł": "l", "Ħ": "H", "ħ": "h", "ı": "i", "Ŀ": "L", "ŀ": "l",
         "Ŧ": "T", "ŧ": "t", "ĸ": "k", "ŉ": "'n"}
_LAYOUT = "\n\r\t"


class Unprintable(ReliefError, ValueError):
    """Text with a character no court form can print, even folded."""

    def __init__(self, characters: list[str]):
        self.characters = characters
        super().__init__(
            f"the character(s) {' '.join(characters)} cannot be printed on a court form; fix: write it "
            "in Latin letters, as your court papers or RAP sheet spell it")


def can_print(char: str) -> bool:
    if char in _LAYOUT:
        return True
    try:
        char.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return char.isprintable()


def fold_char(char: str) -> str | None:
    """`char` as printed: itself, its base letter without marks, or None when there is none."""
    if can_print(char):
        return char
    if char in _FOLD:
        return _FOLD[char]
    bare = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    if bare and all(can_print(c) for c in bare) and bare.strip():
        return bare
    return None


def printable(text: str) -> str:
    """`text` NFC-normalised and folded to what a court form prints; `Unprintable` names what cannot be."""
    text = unicodedata.normalize("NFC", text)
    if all(can_print(c) for c in text):
        return text
    folded = [fold_char(c) for c in text]
    missing = list(dict.fromkeys(c for c, f in zip(text, folded) if f is None))
    if missing:
        raise Unprintable(missing)
    return "".join(folded)
