"""Importing a California DOJ RAP sheet into a case profile (intake; ../shared/data/rapsheet/FORMAT.md).

files (read the text) → lines (clean, OCR repair) → cycles (header block, cycles, events) → identity, events,
counts, dispositions, sentences (read what is printed) → courts (county) → cases, sentencing, profile (assemble,
with the open questions and the sheet line of every fact) → output (YAML, questions as comments).
Only what the sheet prints is set; everything else stays None and is asked.
"""

from assembler.rapsheet.files import read_text, sheets_in
from assembler.rapsheet.importer import Imported, import_text
from assembler.rapsheet.output import to_yaml

__all__ = ["Imported", "import_text", "read_text", "sheets_in", "to_yaml"]
