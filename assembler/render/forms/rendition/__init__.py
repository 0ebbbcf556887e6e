"""The project's own drawing of Judicial Council forms (the offline default backend).

A spec per form (`forms/<ID>/rendition.yaml`) lists the printed text, rules, boxes and fields of
each page, line by line as on the official form; `render` draws any spec with reportlab, creating
real AcroForm fields named after the form's logical items and filling them.
"""

from assembler.render.forms.rendition.backend import RenditionBackend
from assembler.render.forms.rendition.render import render
from assembler.render.forms.rendition.spec import FormSpec, available_forms, load_spec

__all__ = ["FormSpec", "RenditionBackend", "available_forms", "load_spec", "render"]
