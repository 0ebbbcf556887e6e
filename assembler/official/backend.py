"""The `official` backend: the Judicial Council's own PDFs, filled with pypdf (see `prepared.py`)."""

from __future__ import annotations

from pathlib import Path
from typing import Mapping

from assembler.backends import FilledForm, TextBox, Value
from assembler.official.fill import fill
from assembler.official.prepared import PreparedForm, prepared
from assembler.official.store import find_form


class OfficialBackend:
    name = "official"

    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def form(self, form_id: str) -> PreparedForm:
        """The prepared blank (parsed once per process; refused if not a known current revision)."""
        return prepared(form_id, find_form(self.folder, form_id))

    def revision(self, form_id: str) -> str:
        return self.form(form_id).revision.revision

    def text_box(self, form_id: str, item: str) -> TextBox:
        return self.form(form_id).text_box(item)

    def fill(self, form_id: str, values: Mapping[str, Value], *, flatten: bool = False) -> FilledForm:
        form = self.form(form_id)
        data = fill(form, values, flatten=flatten)
        return FilledForm(form_id, form.revision.revision, data, str(form.path), form.source_sha256)
