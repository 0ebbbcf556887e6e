"""Recognise which printed revision of a form a PDF is, or refuse it with a message that helps.

A revision is recognised by two things together: the revision string printed in the form's footer
(e.g. "CR-180 [Rev. January 1, 2024]") and the exact set of terminal AcroForm field names. Both must
match a known field map. Anything else is refused, never filled blindly:
- a superseded revision (people keep old downloads): named, with the current revision and where to get it;
- a known printed revision with different fields (an altered or re-saved copy): what differs;
- an unknown revision: what was found, and what to do.
"""

from __future__ import annotations

import re
from pathlib import Path

from pypdf import PdfReader

from assembler.errors import ReliefError
from assembler.render.forms.official.fieldmaps import Revision, current, revisions
from assembler.render.forms.official.integrity import actions_digest, pages_digest
from assembler.render.forms.official.sources import where_to_get


class FormRefused(ReliefError, ValueError):
    """This PDF will not be filled; the message says which form, what differs and what to do."""


def terminal_field_names(reader: PdfReader) -> set[str]:
    acroform = reader.trailer["/Root"].get("/AcroForm")
    if acroform is None:
        return set()
    names: set[str] = set()
    for ref in acroform.get_object().get("/Fields", []):
        _walk(ref.get_object(), "", names)
    return names


def _walk(field, prefix: str, names: set[str]) -> None:
    name = f"{prefix}.{field['/T']}" if prefix and "/T" in field else field.get("/T", prefix)
    kids = [k.get_object() for k in field.get("/Kids", [])]
    named_kids = [k for k in kids if "/T" in k]
    if not named_kids:
        names.add(str(name))
        return
    for kid in named_kids:
        _walk(kid, str(name), names)


def printed_revisions(reader: PdfReader, form_id: str) -> list[str]:
    """Every "<ID> [Rev. …]" string printed on the form's first and last page, spaces normalised."""
    pages = {0, len(reader.pages) - 1}
    text = " ".join(reader.pages[i].extract_text() or "" for i in sorted(pages))
    pattern = re.compile(r"([A-Z]{2,3}-\d{3})\s*\[\s*((?:Rev\.|New)[^\]]*)\]")
    return sorted({" ".join(f"{m.group(1)} [{m.group(2)}]".split()) for m in pattern.finditer(text)})


def identify(form_id: str, reader: PdfReader, path: Path | str) -> Revision:
    printed = printed_revisions(reader, form_id)
    names = terminal_field_names(reader)
    known = revisions(form_id)
    for rev in known:
        if rev.printed_revision in printed and names == rev.field_names:
            if not rev.current:
                raise FormRefused(_superseded(form_id, rev, path))
            _same_content(form_id, rev, reader, path)
            return rev
    for rev in known:
        if rev.printed_revision in printed:
            if not rev.current:
                raise FormRefused(_superseded(form_id, rev, path))
            raise FormRefused(_altered(form_id, rev, names, path))
    raise FormRefused(_unknown(form_id, printed, names, path))


def _same_content(form_id: str, rev: Revision, reader: PdfReader, path) -> None:
    """Same fields and revision are not enough: added page text or an injected script is refused too."""
    if rev.pages_sha256 and pages_digest(reader) != rev.pages_sha256:
        raise FormRefused(f"{form_id} at {path} has the fields of {rev.printed_revision} but its printed pages "
                          f"differ from the published form (text added or changed). Fix: use an unaltered copy "
                          f"from {where_to_get(form_id)}.")
    if rev.actions_sha256 and actions_digest(reader) != rev.actions_sha256:
        raise FormRefused(f"{form_id} at {path} carries scripts or actions the published form does not (for "
                          f"example one that runs when the file opens). Fix: use an unaltered copy from "
                          f"{where_to_get(form_id)}.")


def _superseded(form_id: str, rev: Revision, path) -> str:
    now = current(form_id)
    return (f"{form_id} at {path} is the superseded {rev.printed_revision}; courts now use "
            f"{form_id} [{now.revision}]. Fix: download the current form from {where_to_get(form_id)} "
            f"and point --forms-dir at it.")


def _altered(form_id: str, rev: Revision, names: set[str], path) -> str:
    missing = sorted(rev.field_names - names)
    extra = sorted(names - rev.field_names)
    return (f"{form_id} at {path} says {rev.printed_revision} but its fields differ from the published "
            f"form: {_diff(missing, extra)}. It may have been edited or re-saved by another program. "
            f"Fix: use an unaltered copy from {where_to_get(form_id)}.")


def _unknown(form_id: str, printed: list[str], names: set[str], path) -> str:
    now = current(form_id)
    seen = ", ".join(printed) if printed else "no revision string"
    missing = sorted(now.field_names - names)
    extra = sorted(names - now.field_names)
    return (f"{form_id} at {path} is not a revision this tool knows (the file reads: {seen}; expected "
            f"{now.printed_revision}); compared with it: {_diff(missing, extra)}. Fix: use the current form "
            f"from {where_to_get(form_id)}; if the Judicial Council has issued a new revision, this tool "
            f"needs a new field map (forms/{form_id}/official-<date>.yaml) before it can fill it.")


def _diff(missing: list[str], extra: list[str], show: int = 3) -> str:
    parts = []
    if missing:
        parts.append(f"{len(missing)} field(s) missing ({', '.join(_short(n) for n in missing[:show])}"
                     f"{', …' if len(missing) > show else ''})")
    if extra:
        parts.append(f"{len(extra)} unexpected field(s) ({', '.join(_short(n) for n in extra[:show])}"
                     f"{', …' if len(extra) > show else ''})")
    return "; ".join(parts) or "same field names, different printed revision"


def _short(name: str) -> str:
    return re.sub(r"\[0\]", "", name)
