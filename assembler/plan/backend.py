"""The interface every form backend implements, so the mapping and overflow logic are written once.

Two backends fill the same logical items (`forms/<ID>/items.yaml`):
- `official`: the Judicial Council's own PDF, filled with pypdf (`assembler.render.forms.official`);
- `rendition`: the project's own reportlab drawing of the same form.

The mapping layer (`assembler.plan.formmap`) produces `FormValues` keyed by logical item name; the
overflow layer (`assembler.render.forms.fitting`) asks the backend how big each text box is and in which font,
so that "does it fit" is measured the same way the backend will draw it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Protocol, runtime_checkable

from assembler.errors import ReliefError

# A logical value: text for a text item, True/False for a check box.
Value = str | bool

WRITING_LINE = "___"  # a line of text that is only this prints as a rule across the box, to write on by hand


class DoesNotFit(ReliefError, ValueError):
    """A value that would be cut at the floor size; the message names the item."""


@dataclass(frozen=True)
class TextBox:
    """Where a text item is drawn: the font the backend uses and the usable box, in points."""

    font: str  # a reportlab font name whose metrics match the drawn font, e.g. "Helvetica"
    size: float  # the font size the backend uses when the text fits
    width: float  # usable width (padding already taken off)
    height: float  # usable height
    multiline: bool
    max_len: int | None = None  # a /MaxLen comb or limit, in characters, when the form sets one


@dataclass(frozen=True)
class FilledForm:
    """One filled document: its bytes and where the blank came from (for manifest.json)."""

    form_id: str
    revision: str  # e.g. "Rev. January 1, 2024"
    data: bytes
    source: str  # file path or "rendition"
    source_sha256: str | None


@runtime_checkable
class FormBackend(Protocol):
    name: str

    def revision(self, form_id: str) -> str:
        """The printed revision this backend fills, e.g. "Rev. January 1, 2024"."""

    def text_box(self, form_id: str, item: str) -> TextBox:
        """The box a text item is drawn in (for a caption repeated on several pages: the smallest)."""

    def fits(self, form_id: str, item: str, text: str, *, shrink: bool = True) -> bool:
        """Whether text fits the item's box uncut (shrinking to the legible floor unless `shrink=False`)."""

    def paginate(self, form_id: str, item: str, text: str, *, reserve_lines: int = 0) -> list[str]:
        """Text broken into chunks that each fill the item's box at its own size (`reserve_lines` kept
        free at the bottom of each)."""

    def fill(self, form_id: str, values: Mapping[str, Value], *, flatten: bool = False) -> FilledForm:
        """Fill one copy of the form with logical values; raises if any value cannot be read back."""
