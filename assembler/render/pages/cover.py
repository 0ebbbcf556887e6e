"""The cover sheet: one checklist that says what is inside and what to do next, with page numbers.

Written for someone who has never been to court: what to sign and where, the blanks left to fill
in, how many copies, where to file, whom to mail copies to and by when.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

from reportlab.lib.pagesizes import LETTER
from reportlab.lib.units import inch

from assembler.plan.service import SERVICE_LEAD_DAYS
from assembler.render.pages.typeset import Footer, Frame, Keep, Style, Table, TableStyle, Typesetter, spacer


@dataclass(frozen=True)
class Entry:
    title: str
    first_page: int
    last_page: int
    action: str  # what the person does with it


@dataclass(frozen=True)
class Court:
    name: str
    address: str | None
    how_to_find: str | None
    cases: list[str]
    serve: list[str]  # "District Attorney of X County — 123 Main St …" or with "(address: find it)"
    notes: list[str] = field(default_factory=list)  # check before you go, local copies …


@dataclass
class CoverSheet:
    petitioner: str
    entries: list[Entry]
    signatures: list[tuple[int, str]]  # (packet page, what to sign)
    blanks: list[tuple[int, str]]  # (packet page, what to write)
    courts: list[Court]
    later: list[str] = field(default_factory=list)  # remedies not in this packet, with why / when
    copies: int = 2


WORDS = {
    "en": {
        "title": "Your court papers — start here",
        "for": "Prepared for",
        "inside": "1. What is in this packet",
        "doc": "Document", "pages": "Pages", "todo": "What you do",
        "sign": "2. Sign and date here (use blue or black ink)",
        "no_sign": "Nothing for you to sign.",
        "blanks": "3. Fill in these blanks by hand before you sign",
        "no_blanks": "No blanks were left: read every page anyway and fix anything that is wrong.",
        "copies": "4. Make copies",
        "copies_text": "After you sign, make {n} copies of everything you will file (the petitions, attachments, "
                       "declarations and proposed orders). The court keeps the originals, one copy goes to each "
                       "office you serve, and one copy is yours. Some courts ask for more copies: the instructions "
                       "say so when we know.",
        "file": "5. Where to file and whom to serve",
        "serve_by": "An adult who is not you mails a copy to each office below at least {mail} days before the "
                    "hearing (or hands it over at least {hand} days before), then signs the Proof of Service, which "
                    "you file with the court.",
        "file_at": "File at", "serve": "Mail copies to", "cases": "Cases",
        "unknown_address": "Address not known to us.",
        "later": "6. Not in this packet",
        "unconfirmed": "We could not confirm this address with two sources: call the court clerk or check the "
                       "court's website before you go.",
        "local_copies": "This court asks for {n} copies.",
        "page": "p.",
        "footer": "Cover sheet — not filed with the court",
    },
    "es": {
        "title": "Sus documentos para la corte — empiece aquí",
        "for": "Preparado para",
        "inside": "1. Qué hay en este paquete",
        "doc": "Documento", "pages": "Páginas", "todo": "Qué hacer",
        "sign": "2. Firme y ponga la fecha aquí (tinta azul o negra)",
        "no_sign": "No hay nada que usted deba firmar.",
        "blanks": "3. Llene a mano estos espacios antes de firmar",
        "no_blanks": "No quedaron espacios en blanco: lea todas las páginas y corrija lo que esté mal.",
        "copies": "4. Haga copias",
        "copies_text": "Después de firmar, haga {n} copias de todo lo que va a presentar (peticiones, anexos, "
                       "declaraciones y órdenes propuestas). La corte se queda con los originales, una copia es "
                       "para cada oficina a la que notifica y una copia es para usted. Algunas cortes piden más "
                       "copias: las instrucciones lo dicen cuando lo sabemos.",
        "file": "5. Dónde presentar y a quién notificar",
        "serve_by": "Una persona adulta que no sea usted envía por correo una copia a cada oficina de abajo al menos "
                    "{mail} días antes de la audiencia (o la entrega en mano al menos {hand} días antes) y firma la "
                    "Prueba de Notificación, que usted presenta en la corte.",
        "file_at": "Presente en", "serve": "Envíe copias a", "cases": "Casos",
        "unknown_address": "No conocemos la dirección.",
        "later": "6. Lo que no está en este paquete",
        "unconfirmed": "No pudimos confirmar esta dirección con dos fuentes: llame a la secretaría de la corte o "
                       "revise su sitio web antes de ir.",
        "local_copies": "Esta corte pide {n} copias.",
        "page": "pág.",
        "footer": "Hoja de portada — no se presenta en la corte",
    },
}

_S = {
    "title": Style(16, 20, bold=True, space_after=2),
    "h": Style(11.5, 14, bold=True, space_before=7, space_after=3, keep_with_next=True),
    "p": Style(9.5, 12, space_after=2),
    "check": Style(9.5, 12, indent=22, bullet_at=0),
}
_CONTENTS = TableStyle(widths=(3.5 * inch, 0.85 * inch, 2.65 * inch), cell=Style(9, 11), grid=0.5,
                       grid_grey=0.5, header_fill=0.91, repeat_header=True)  # header #E8E8E8
# 0.75 in side margins, 0.6 in top, 0.7 in bottom (inset 6 pt, as platypus frames are)
_FRAME = Frame(left=0.75 * inch + 6, right=LETTER[0] - 0.75 * inch - 6, top=LETTER[1] - 0.6 * inch - 6,
               bottom=0.7 * inch + 6)


def cover_pdf(sheet: CoverSheet, lang: str = "en") -> bytes:
    w = WORDS[lang]
    setter = Typesetter(_FRAME, Footer(w["footer"], "", size=8, baseline=0.45 * inch), w["title"])
    setter.add(_story(setter, sheet, w))
    return setter.pdf()


def _story(t: Typesetter, sheet: CoverSheet, w: dict) -> list:
    story = [t.item(w["title"], _S["title"]), t.item(f"{w['for']}: <b>{_esc(sheet.petitioner)}</b>", _S["p"]),
             t.item(w["inside"], _S["h"]), _contents(t, sheet.entries, w),
             t.item(w["sign"], _S["h"])]
    story += _checks(t, sheet.signatures, w) or [t.item(w["no_sign"], _S["p"])]
    story += [t.item(w["blanks"], _S["h"])]
    story += _checks(t, sheet.blanks, w) or [t.item(w["no_blanks"], _S["p"])]
    story += [t.item(w["copies"], _S["h"]), t.item(w["copies_text"].format(n=sheet.copies), _S["p"]),
              t.item(w["file"], _S["h"]), t.item(w["serve_by"].format(**SERVICE_LEAD_DAYS), _S["p"])]
    story += [Keep(_court(t, c, w)) for c in sheet.courts]
    if sheet.later:
        story += [t.item(w["later"], _S["h"])]
        story += [t.item(_esc(text), _S["check"], bullet="•") for text in sheet.later]
    return story


def _contents(t: Typesetter, entries: list[Entry], w: dict) -> Table:
    rows = [[f"<b>{w['doc']}</b>", f"<b>{w['pages']}</b>", f"<b>{w['todo']}</b>"]]
    for e in entries:
        pages = str(e.first_page) if e.first_page == e.last_page else f"{e.first_page}–{e.last_page}"
        rows.append([_esc(e.title), pages, _esc(e.action)])
    return t.table(rows, _CONTENTS)


def _checks(t: Typesetter, items: list[tuple[int, str]], w: dict) -> list:
    return [t.item(f"{w['page']} {page}: {_esc(text)}", _S["check"], bullet="[  ]") for page, text in items]


def _court(t: Typesetter, c: Court, w: dict) -> list:
    address = _esc(c.address) if c.address else f"{w['unknown_address']} {_esc(c.how_to_find or '')}"
    lines = [t.item(f"<b>{w['file_at']}:</b> {_esc(c.name)} — {address}", _S["p"]),
             t.item(f"<b>{w['cases']}:</b> {_esc(', '.join(c.cases))}", _S["p"])]
    lines += [t.item(_esc(note), _S["check"], bullet="!") for note in c.notes]
    lines += [t.item(f"<b>{w['serve']}:</b> {_esc(s)}", _S["check"], bullet="•") for s in c.serve]
    return lines + [spacer(4)]


def _esc(text: str) -> str:
    """Plain text into reportlab's paragraph markup."""
    return escape(text, quote=False)
