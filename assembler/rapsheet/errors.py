"""Why a file cannot be imported as a RAP sheet: each a ReliefError saying what was expected."""

from __future__ import annotations

from assembler.errors import ReliefError


class NotARapSheet(ReliefError):
    """The text has none of a California DOJ RAP sheet's marks."""

    def __init__(self, source: str, missing: str):
        super().__init__(
            f"this is not a California DOJ RAP sheet ({missing})", field=source,
            fix="give the text of the record the DOJ sent you: it starts with an identification block "
                "(CII/, DOB/, NAM/) and lists cycles of events (ARR/DET/CITE:, COURT:) between '* * * *' lines")


class RecordError(ReliefError):
    """The DOJ printed a record error instead of the record (FORMAT §1.4)."""

    def __init__(self, source: str = "sheet"):
        super().__init__("the sheet says RECORD ERROR instead of listing the record, so there is nothing to import",
                         field=source, fix="ask the DOJ (Record Review) for a new copy of the record")


class UnsupportedSheet(ReliefError):
    """A file this importer cannot read yet (a PDF or a scan) or that is not text."""


class NoOcr(UnsupportedSheet):
    """A scan, on a machine without Tesseract to read it."""
