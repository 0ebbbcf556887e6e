"""The `official` backend: the Judicial Council's own PDFs, filled with pypdf (see `prepared.py`)."""

from __future__ import annotations

import hashlib
from functools import cached_property
from pathlib import Path
from typing import Mapping

from assembler.plan.backend import FilledForm, TextBox, Value
from assembler.plan.formmap.items import FORMS, facts
from assembler.render.forms.fitting import Measured
from assembler.render.forms.official.fill import fill
from assembler.render.forms.official.prepared import PreparedForm, prepared
from assembler.render.forms.official.store import FormsNotFound, find_form
from assembler.render.forms.rendition.backend import RenditionBackend

FILLED = tuple(f for f in FORMS if facts(f).official)  # the forms with an official field map


class OfficialBackend(Measured):
    """Fills the official blanks in `folder`. CR-409 and CR-410 were not obtainable as official PDFs,
    so they are always drawn (the rendition fills them, and says so in its `source`)."""

    name = "official"

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.drawn = RenditionBackend()

    @cached_property
    def identity(self) -> dict[str, str]:
        """The sha256 of each official blank in the folder (or "absent"): a batch rebuilds a client's
        packet when a blank it was filled from is replaced."""
        found = {}
        for form_id in FILLED:
            try:
                found[form_id] = hashlib.sha256(find_form(self.folder, form_id).read_bytes()).hexdigest()
            except FormsNotFound:
                found[form_id] = "absent"
        return found

    def form(self, form_id: str) -> PreparedForm:
        """The prepared blank (parsed once per process; refused if not a known current revision)."""
        return prepared(form_id, find_form(self.folder, form_id))

    def revision(self, form_id: str) -> str:
        if form_id not in FILLED:
            return self.drawn.revision(form_id)
        return self.form(form_id).revision.revision

    def text_box(self, form_id: str, item: str) -> TextBox:
        if form_id not in FILLED:
            return self.drawn.text_box(form_id, item)
        return self.form(form_id).text_box(item)

    def fill(self, form_id: str, values: Mapping[str, Value], *, flatten: bool = False) -> FilledForm:
        if form_id not in FILLED:
            return self.drawn.fill(form_id, values, flatten=flatten)
        form = self.form(form_id)
        data = fill(form, values, flatten=flatten)
        return FilledForm(form_id, form.revision.revision, data, str(form.path), form.source_sha256)
