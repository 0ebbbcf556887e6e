"""What the rendition backend offers, as `relief forms list` prints it."""

from __future__ import annotations

from assembler.render.forms.rendition.spec import available_forms, load_spec


def listing() -> list[str]:
    lines = ["renditions (drawn by ca-relief; no download needed; the default for `relief build`):"]
    for form_id in available_forms():
        spec = load_spec(form_id)
        lines.append(f"  {form_id}  {spec.revision}  ok  rendition  "
                     f"({len(spec.pages)} page{'s' if len(spec.pages) > 1 else ''}, {len(spec.items)} items)")
    return lines
