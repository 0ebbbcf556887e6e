"""Loading a form spec (`forms/<ID>/rendition.yaml`) into plain objects.

Coordinates are PDF points on a letter page measured from the top-left corner, so the spec reads
top to bottom like the paper form. A text element's `at` is the left end of its baseline; `fit` is
the width the line occupies on the official form (the renderer condenses a line that would run
longer in our typeface, so every line ends where the official one does).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources
from typing import Any


from assembler.errors import ReliefError
from rules.packaged import read_yaml

PAGE_WIDTH, PAGE_HEIGHT = 612.0, 792.0  # US letter
FORMS_PACKAGE = "forms"
SPEC_NAME = "rendition.yaml"


class SpecError(ReliefError, ValueError):
    """A spec that cannot be drawn; the message names the form, page and element."""


@dataclass(frozen=True)
class Text:
    text: str
    x: float
    y: float
    size: float = 9.0
    fit: float | None = None
    align: str = "left"  # left | right | center (x is then the right end or the centre)
    color: tuple[float, float, float] = (0, 0, 0)
    wrap: float | None = None  # a paragraph: wrapped at this width, lines `leading` apart
    leading: float | None = None


@dataclass(frozen=True)
class Rule:
    x0: float
    y0: float
    x1: float
    y1: float
    weight: float = 0.5


@dataclass(frozen=True)
class Box:
    x0: float
    y0: float
    x1: float
    y1: float
    weight: float = 0.5
    fill: float | None = None  # grey level 0 (black) .. 1 (white); None: outline only
    shape: str = "rect"  # "rect", or "arrow": a filled triangle pointing right (signature marker)


@dataclass(frozen=True)
class Field:
    """A fillable place: an AcroForm field named after the logical item it holds."""

    name: str
    kind: str  # "text" | "check"
    x0: float
    y0: float
    x1: float
    y1: float
    size: float = 9.0
    multiline: bool = False
    label: str = ""

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0


@dataclass
class Page:
    number: int
    texts: list[Text] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    boxes: list[Box] = field(default_factory=list)
    fields: list[Field] = field(default_factory=list)


@dataclass
class FormSpec:
    form: str
    title: str
    revision: str
    pages: list[Page]
    source: str = ""

    @cached_property
    def fields(self) -> list[Field]:
        """Every widget; a caption item repeated on several pages appears once per page."""
        return [f for p in self.pages for f in p.fields]

    @cached_property
    def items(self) -> list[str]:
        return list(dict.fromkeys(f.name for f in self.fields))

    @cached_property
    def _by_name(self) -> dict[str, list[Field]]:
        found: dict[str, list[Field]] = {}
        for f in self.fields:
            found.setdefault(f.name, []).append(f)
        return found

    def widgets(self, name: str) -> list[Field]:
        if name not in self._by_name:
            raise KeyError(f"{self.form} rendition has no item {name!r}")
        return self._by_name[name]

    def field(self, name: str) -> Field:
        """The item's narrowest widget: what must hold the value wherever it repeats."""
        if name not in self._narrowest:
            self.widgets(name)  # raises for an unknown item
        return self._narrowest[name]

    def pages_of(self, name: str) -> list[int]:
        """The numbers of the pages the item is drawn on."""
        return self._pages[name]

    @cached_property
    def _narrowest(self) -> dict[str, Field]:
        return {name: min(widgets, key=lambda f: f.width) for name, widgets in self._by_name.items()}

    @cached_property
    def _pages(self) -> dict[str, list[int]]:
        return {name: sorted({p.number for p in self.pages if any(f.name == name for f in p.fields)})
                for name in self._by_name}


def available_forms() -> list[str]:
    root = resources.files(FORMS_PACKAGE)
    return sorted(p.name for p in root.iterdir() if p.is_dir() and (p / SPEC_NAME).is_file())


@cache
def load_spec(form_id: str) -> FormSpec:
    path = resources.files(FORMS_PACKAGE) / form_id / SPEC_NAME
    if not path.is_file():
        known = ", ".join(available_forms()) or "none"
        raise SpecError(f"no rendition of {form_id}; renditions exist for: {known}")
    return parse(read_yaml(path.read_text(encoding="utf-8")), source=str(path))


def parse(data: dict[str, Any], source: str = "") -> FormSpec:
    form = data["form"]
    pages = [_page(form, p) for p in data["pages"]]
    spec = FormSpec(form=form, title=data["title"], revision=data["revision"], pages=pages, source=source)
    seen: dict[str, tuple[int, str]] = {}
    for page in spec.pages:
        for f in page.fields:
            if f.name in seen and (seen[f.name][0] == page.number or seen[f.name][1] != f.kind):
                raise SpecError(f"{form}: field {f.name} is used twice on page {page.number} or with two kinds")
            seen.setdefault(f.name, (page.number, f.kind))
    return spec


def _page(form: str, data: dict[str, Any]) -> Page:
    page = Page(number=int(data["page"]))
    for i, el in enumerate(data.get("draw", [])):
        try:
            _element(page, el)
        except (KeyError, TypeError, ValueError) as exc:
            raise SpecError(f"{form} page {page.number}, element {i + 1} ({el}): {exc}") from exc
    return page


def _element(page: Page, el: dict[str, Any]) -> None:
    if "text" in el or "para" in el:
        x, y = el["at"]
        size = float(el.get("size", 9))
        page.texts.append(Text(str(el.get("text", el.get("para"))), float(x), float(y), size,
                               el.get("fit"), el.get("align", "left"), tuple(el.get("color", (0, 0, 0))),
                               el.get("width") if "para" in el else None,
                               float(el.get("leading", size * 1.2)) if "para" in el else None))
    elif "hline" in el:
        x0, y, x1 = el["hline"]
        page.rules.append(Rule(x0, y, x1, y, float(el.get("weight", 0.5))))
    elif "vline" in el:
        x, y0, y1 = el["vline"]
        page.rules.append(Rule(x, y0, x, y1, float(el.get("weight", 0.5))))
    elif "box" in el:
        x0, y0, x1, y1 = el["box"]
        page.boxes.append(Box(x0, y0, x1, y1, float(el.get("weight", 0.5)), el.get("fill")))
    elif "arrow" in el:
        x0, y0, x1, y1 = el["arrow"]
        page.boxes.append(Box(x0, y0, x1, y1, 0, 0.0, "arrow"))
    elif "field" in el or "check" in el:
        kind = "text" if "field" in el else "check"
        x0, y0, x1, y1 = el["rect"]
        page.fields.append(Field(el.get("field") or el["check"], kind, x0, y0, x1, y1,
                                 float(el.get("size", 9)), bool(el.get("multiline", False)),
                                 str(el.get("label", ""))))
    else:
        raise ValueError("unknown element; expected text, hline, vline, box, arrow, field or check")
