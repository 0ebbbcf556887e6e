"""AcroForm fields written directly with reportlab's PDF objects, with our own appearances.

Why not reportlab's `acroForm.textfield`: it draws each value again in a standard-14 font that every
viewer substitutes. Here a text field's appearance is empty, because its value is page text in the
embedded typeface (fields.py), and a check box's "on" appearance is a drawn cross: vector lines that
print the same everywhere. The field keeps a white background (/MK /BG): a viewer that edits it paints
that over the old page text and shows the new value. A caption item drawn on several pages (case
number, defendant) is one field with one widget per page, as on the official form, so editing it once
changes every page. Helvetica is named only as the editing font (/DA) of the fields.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFString
from reportlab.pdfgen.canvas import Canvas

from assembler.render.forms.rendition.spec import PAGE_HEIGHT, Field

PRINT = 4  # annotation flag: print the widget
MULTILINE = 1 << 12  # text field flag
ON = "Yes"  # a check box's on-state


@dataclass
class Widgets:
    """The fields of one document; repeated items collect their widgets under one parent."""

    canvas: Canvas
    repeated: set[str]
    labels: dict[str, str] = field(default_factory=dict)  # tooltips: the printed words of each item
    parents: dict[str, PDFDictionary] = field(default_factory=dict)
    appearances: dict[tuple, object] = field(default_factory=dict)  # one stream per kind and size, shared

    def text(self, f: Field, value: str, size: float) -> None:
        form = self.canvas.acroForm
        _, font = form.makeFont("Helvetica")
        entries = {"FT": PDFName("Tx"), "V": PDFString(value), "DA": PDFString(f"/{font} {size:g} Tf 0 g"),
                   "Ff": MULTILINE if f.multiline else 0, "TU": PDFString(self._label(f))}
        self._add(f, entries, {"N": self._appearance(f, "")})

    def check(self, f: Field, checked: bool) -> None:
        state = PDFName(ON if checked else "Off")
        on, off = self._appearance(f, _cross(f.width, f.height)), self._appearance(f, "")
        entries = {"FT": PDFName("Btn"), "V": state, "TU": PDFString(self._label(f))}
        self._add(f, entries, {"N": PDFDictionary({ON: on, "Off": off})}, state)

    def _appearance(self, f: Field, drawing: str):
        """A reference to the appearance stream of this size and drawing: widgets of the same size share
        one (a form has a hundred fields; fewer objects make every fill and copy of it faster)."""
        key = (round(f.width, 2), round(f.height, 2), drawing)
        if key not in self.appearances:
            form = self.canvas.acroForm
            self.appearances[key] = form.getRef(form.makeStream(f.width, f.height, drawing))
        return self.appearances[key]

    def _label(self, f: Field) -> str:
        return f.label or self.labels.get(f.name) or f.name

    def _add(self, f: Field, entries: dict, appearance: dict, state: PDFName | None = None) -> None:
        is_text = state is None
        form = self.canvas.acroForm
        bottom = PAGE_HEIGHT - f.y1
        widget = {"Type": PDFName("Annot"), "Subtype": PDFName("Widget"), "F": PRINT,
                  "Rect": PDFArray([f.x0, bottom, f.x1, PAGE_HEIGHT - f.y0]),
                  "P": self.canvas._doc.thisPageRef(), "AP": PDFDictionary(appearance),
                  "MK": PDFDictionary({"BG": PDFArray([1])} if is_text else {})}
        if not is_text:
            widget["AS"] = state
        if f.name not in self.repeated:
            widget.update(entries, T=PDFString(f.name))
            annotation = PDFDictionary(widget)
            self.canvas._addAnnotation(annotation)
            form.fields.append(form.getRef(annotation))
            return
        parent = self.parents.get(f.name)
        if parent is None:
            parent = self.parents[f.name] = PDFDictionary({**entries, "T": PDFString(f.name), "Kids": PDFArray([])})
            form.fields.append(form.getRef(parent))
        widget["Parent"] = form.getRef(parent)
        if "DA" in entries:
            widget["DA"] = entries["DA"]
        annotation = PDFDictionary(widget)
        self.canvas._addAnnotation(annotation)
        parent["Kids"].sequence.append(form.getRef(annotation))


CROSS_WEIGHT = 1.1  # points


def cross_lines(width: float, height: float) -> list[tuple[float, float, float, float]]:
    """The two strokes of a checked box, inside a box of this size (origin bottom-left)."""
    m = min(width, height) * 0.18
    return [(m, m, width - m, height - m), (m, height - m, width - m, m)]


def _cross(width: float, height: float) -> str:
    strokes = " ".join(f"{x0:.2f} {y0:.2f} m {x1:.2f} {y1:.2f} l S" for x0, y0, x1, y1 in cross_lines(width, height))
    return f"q 0 G {CROSS_WEIGHT} w 1 J {strokes} Q"
