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
from assembler.render.pages.writing import SetPages
from assembler.render.pages.typeset import Footer, Frame, Keep, Style, Table, TableStyle, Typesetter, spacer
from rules import messages


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
    review: list[str] = field(default_factory=list)  # requests in this packet with an open question
    copies: int = 2


def words(lang: str) -> dict[str, str]:
    """The cover's words in `lang`, from templates/messages/<lang>/cover.yaml (placeholders unfilled)."""
    return {key[len("cover."):]: text for key, text in messages.catalogue(lang).items() if key.startswith("cover.")}

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
    return cover_pages(sheet, lang).data


def cover_pages(sheet: CoverSheet, lang: str = "en") -> SetPages:
    """The cover sheet set on pages (`.data`: the PDF bytes)."""
    w = words(lang)
    setter = Typesetter(_FRAME, Footer(w["footer"], "", size=8, baseline=0.45 * inch), w["title"])
    setter.add(_story(setter, sheet, w))
    return setter.set_pages()


def _story(t: Typesetter, sheet: CoverSheet, w: dict) -> list:
    story = [t.item(w["title"], _S["title"]), t.item(f"{w['for']}: <b>{_esc(sheet.petitioner)}</b>", _S["p"])]
    if sheet.review:
        story += [t.item(f"<b>{w['review']}</b>", _S["p"])]
        story += [t.item(_esc(text), _S["check"], bullet="!") for text in sheet.review]
    story += [t.item(w["inside"], _S["h"]), _contents(t, sheet.entries, w),
             t.item(w["sign"], _S["h"])]
    story += _checks(t, sheet.signatures, w) or [t.item(w["no_sign"], _S["p"])]
    story += [t.item(w["blanks"], _S["h"])]
    if sheet.blanks and w["write_in_english"]:
        story += [t.item(w["write_in_english"], _S["p"])]
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
