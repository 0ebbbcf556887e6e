"""What the mapping layer hands to a backend: logical values, plus what may need to overflow.

`FormValues.values` is keyed by the logical item names of `forms/<ID>/items.yaml` and holds text
(str) or check-box state (bool). The CR-180 offense table is kept whole in `table` (it may have more
rows than the printed five); `assembler.plan.placement.place` decides which rows go on the form and which
continue on an MC-025 attachment, and which long texts continue on an MC-031 declaration.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from assembler.plan.backend import Value


@dataclass(frozen=True)
class CourtInfo:
    """The court a case was heard in, as the caption prints it. Unknown parts stay empty."""

    county: str
    street: str = ""
    mailing: str = ""
    city_zip: str = ""


# A signature's date is written by hand on the day the person signs: a date printed at build time is
# wrong by the time they sign, and a clerk may reject a declaration dated before it was signed.
SIGNATURE_DATE = ""


@dataclass(frozen=True)
class Caption:
    """What every attachment repeats: short title and case number, and who signs."""

    short_title: str  # "People v. Jane Doe"
    case_number: str
    petitioner: str  # the petitioner's legal name (the declarant of an MC-031)
    signed_on: str  # the date beside the signature: blank, written by hand the day it is signed
    # The name as an attachment's narrow caption may shorten it when the whole one does not fit (first and
    # last name: the case number beside it identifies the case, as a "short title" does).
    petitioner_short: str = ""


@dataclass(frozen=True)
class TableRow:
    """One row of CR-180 item 1: code, section, level and the two yes/no columns."""

    code: str
    section: str
    type: str
    reduce_17b: str
    reduce_17d2: str

    def as_line(self, number: int) -> str:
        return (f"{number}. Code: {self.code}; Section: {self.section}; Type: {self.type}; "
                f"Pen. Code, § 17(b): {self.reduce_17b}; Pen. Code, § 17(d)(2): {self.reduce_17d2}")


@dataclass
class FormValues:
    form_id: str
    values: dict[str, Value]
    caption: Caption
    table: list[TableRow] = field(default_factory=list)
    # Text items that are sworn statements: when too long they continue on MC-031, not MC-025.
    sworn_items: frozenset[str] = frozenset()
    # What the person must decide by hand before signing, and why (the cover lists each one).
    hand: tuple[str, ...] = ()
    # Sworn statements a request needs that no item holds: (the item they support, the text), each its own MC-031.
    declarations: tuple[tuple[str, str], ...] = ()
    # Shorter ways to fill an item, tried in order before its text moves to an attachment: a caption keeps
    # the legal name (without aka's) and a street its USPS abbreviations, never "See Attachment C".
    fallbacks: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def text(self, item: str) -> str:
        value = self.values.get(item, "")
        return value if isinstance(value, str) else ""


def form_date(day: date | None) -> str:
    """Dates as California forms print them: MM/DD/YYYY; unknown → empty (never invented)."""
    return day.strftime("%m/%d/%Y") if day else ""
