"""What a template needs to draw one form field: ids, words, value, error, options."""

from __future__ import annotations

from dataclasses import dataclass, field

from assembler.web import fields as F
from assembler.web.i18n import Translator


@dataclass
class FieldView:
    kind: str  # text, textarea, lines, date, number, select, radios
    name: str
    id: str
    label: str
    hint: str
    value: str
    error: str = ""
    options: list[tuple[str, str]] = field(default_factory=list)
    dk_name: str = ""
    dk_checked: bool = False
    input_type: str = "text"
    autocomplete: str = ""
    required: bool = False

    @property
    def described_by(self) -> str:
        ids = [self.id + "-hint"] if self.hint else []
        if self.error:
            ids.append(self.id + "-error")
        return " ".join(ids)


INPUT_TYPES = {"phone": "tel", "email": "email"}
AUTOCOMPLETE = {"legal_name": "name", "street": "address-line1", "unit": "address-line2", "city": "address-level2",
                "zip": "postal-code", "phone": "tel", "email": "email", "date_of_birth": "bday"}


def field_views(specs: list[F.Field], values: dict[str, str], errors: dict[str, str],
                t: Translator) -> dict[str, FieldView]:
    return {spec.path: field_view(spec, values, errors, t) for spec in specs}


def field_view(spec: F.Field, values: dict[str, str], errors: dict[str, str], t: Translator) -> FieldView:
    last = spec.key.rsplit(".", 1)[-1]
    view = FieldView(kind=_kind(spec), name=spec.path, id=F.html_id(spec.path), label=t(f"label.{spec.key}"),
                     hint=t.maybe(f"hint.{spec.key}"), value=values.get(spec.path, ""),
                     error=error_text(errors.get(spec.path), t), required=spec.required,
                     input_type=INPUT_TYPES.get(last, "text"), autocomplete=AUTOCOMPLETE.get(last, ""))
    if isinstance(spec, F.Date):
        view.dk_name = spec.path + F.DK_SUFFIX
        view.dk_checked = bool(values.get(view.dk_name))
    if isinstance(spec, F.YesNo):
        view.options = [("yes", t("opt.yes")), ("no", t("opt.no"))]
    elif isinstance(spec, F.Choice):
        words = spec.words or spec.key
        view.options = [(o, o if words == "=" else t(f"opt.{words}.{o}")) for o in spec.options]
    if isinstance(spec, F.Choice) and spec.dont_know:
        view.options.append((F.DONT_KNOW, t("opt.dk")))
    return view


def error_text(key: str | None, t: Translator) -> str:
    if not key:
        return ""
    if key.startswith("!"):  # a message from the profile's own checks, already words
        return key[1:]
    return t(f"err.{key}")


def _kind(spec: F.Field) -> str:
    if isinstance(spec, F.Text):
        return "textarea" if spec.multiline else "text"
    if isinstance(spec, F.Lines):
        return "lines"
    if isinstance(spec, F.Date):
        return "date"
    if isinstance(spec, F.Number):
        return "number"
    if isinstance(spec, F.Choice):
        return "radios" if len(spec.options) <= 8 else "select"
    raise TypeError(spec)
