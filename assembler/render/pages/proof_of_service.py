"""A proof of service by mail, pre-filled with what we know, for the adult who mails the copies.

It carries what Code Civ. Proc. § 1013a(1) asks of a proof of service by mail: the documents
served, the server's address and that they are over 18 and not a party, the date and place of
mailing, and the name and address on each envelope. The Judicial Council's CR-106 was not
available to the project, so this is our own one-page document (it says so in its footer).
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from reportlab.lib.pagesizes import LETTER
from reportlab.lib.units import inch

from assembler.plan.service import SERVICE_LEAD_DAYS, Recipient
from assembler.render.pages.writing import SetPages
from assembler.render.pages.typeset import Footer, Frame, Item, Style, Table, TableStyle, Typesetter, spacer

LINE = "_" * 38


@dataclass(frozen=True)
class ServedCase:
    defendant: str
    county: str
    case_number: str | None
    documents: list[str]  # exact titles of what is mailed
    recipients: list[Recipient]
    notice_cite: str  # the statute that requires the notice


_S = {
    "small": Style(9, 11),
    "body": Style(10.5, 14, space_after=5),
    "title": Style(14, 18, bold=True, align="center"),
    "sub": Style(9.5, 12, align="center", space_after=8),
    "item": Style(10.5, 14, indent=16, space_after=3),
}
_CAPTION = TableStyle(widths=(4.6 * inch, 2.25 * inch), cell=_S["body"], box=0.8, column_rules=0.8)
_NOTICE = TableStyle(widths=(6.85 * inch,), cell=_S["small"], box=1, fill=0.949)  # #F2F2F2
_SIGNATURE = TableStyle(widths=(3.4 * inch, 3.4 * inch), cell=Style(10.5, 12.6))
_SIGNATURE_CAPTION = TableStyle(widths=(3.4 * inch, 3.4 * inch), cell=_S["small"])
# 0.9 in left margin, 0.75 in right, 0.6 in top, 0.7 in bottom (inset 6 pt, as platypus frames are)
_FRAME = Frame(left=0.9 * inch + 6, right=LETTER[0] - 0.75 * inch - 6, top=LETTER[1] - 0.6 * inch - 6,
               bottom=0.7 * inch + 6)
_FOOTER = Footer("PROOF OF SERVICE BY MAIL — prepared with ca-relief (not a Judicial Council form)", "Page {n}",
                 size=8, baseline=0.45 * inch)


def proof_of_service_pdf(served: ServedCase) -> bytes:
    return proof_of_service_pages(served).data


def proof_of_service_pages(served: ServedCase) -> SetPages:
    """The proof of service set on pages (`.data`: the PDF bytes)."""
    setter = Typesetter(_FRAME, _FOOTER, "Proof of Service by Mail")
    setter.add(_story(setter, served))
    return setter.set_pages()


def _story(t: Typesetter, s: ServedCase) -> list:
    number = escape(s.case_number or "(none — arrest only)", quote=False)
    county, defendant = escape(s.county.upper(), quote=False), escape(s.defendant, quote=False)
    caption = t.table([[f"SUPERIOR COURT OF CALIFORNIA, COUNTY OF {county}", f"CASE NUMBER:<br/><b>{number}</b>"],
                       [f"PEOPLE OF THE STATE OF CALIFORNIA v. <b>{defendant}</b>", ""]], _CAPTION)
    story = [caption, spacer(10),
             t.item("PROOF OF SERVICE BY MAIL", _S["title"]),
             t.item(f"(Code Civ. Proc., § 1013a; notice required by {s.notice_cite})", _S["sub"]),
             _notice(t),
             spacer(8),
             t.item("1. I am 18 years of age or older and <b>not a party</b> to this case. I am a resident of "
                    "or employed in the county where the mailing took place.", _S["body"]),
             t.item(f"2. My residence or business address is: {LINE}{LINE[:20]}", _S["body"]),
             t.item("3. I mailed copies of the following documents:", _S["body"])]
    story += [t.item(f"[X] {escape(title, quote=False)}", _S["item"]) for title in s.documents]
    story += [spacer(4),
              t.item("4. I enclosed the copies in a sealed envelope for each person below, with first-class "
                     "postage fully prepaid, and deposited each envelope with the United States Postal Service, "
                     "addressed as follows:", _S["body"])]
    story += [_recipient(t, i, r) for i, r in enumerate(s.recipients, start=1)]
    story += [spacer(6),
              t.item(f"5. Date mailed: {LINE[:18]}   Place mailed (city and state): {LINE[:26]}", _S["body"]),
              spacer(6),
              t.item("I declare under penalty of perjury under the laws of the State of California that the "
                     "foregoing is true and correct.", _S["body"]),
              spacer(14), *_signature_block(t)]
    return story


def _notice(t: Typesetter) -> Table:
    text = ("<b>Not for the petitioner to sign.</b> An adult who is not a party to the case (a friend or "
            "relative is fine) mails the copies, fills in this form and signs it. Mail at least "
            f"<b>{SERVICE_LEAD_DAYS['mail']} days</b> before the hearing, or hand-deliver at least "
            f"{SERVICE_LEAD_DAYS['hand']} days before (the law asks for 15 days' notice; these leave room for "
            "mail and for how the days are counted). File this signed form with the court.")
    return t.table([[text]], _NOTICE)


def _recipient(t: Typesetter, number: int, r: Recipient) -> Item:
    """An address no two sources confirm is not printed on a paper filed with the court: the person who
    mails writes the address they confirmed and used (the cover gives the one we found, to check)."""
    address = escape(r.address, quote=False) if r.address and not r.check else f"Address: {LINE}{LINE[:12]}"
    return t.item(f"{chr(96 + number)}. <b>{escape(r.name, quote=False)}</b> ({r.role})<br/>{address}", _S["item"])


def _signature_block(t: Typesetter) -> list[Table]:
    lines = t.table([[f"Date: {LINE[:20]}", ""], [" ", ""], [LINE, LINE]], _SIGNATURE)
    captions = t.table([["(TYPE OR PRINT NAME OF PERSON WHO MAILED)", "(SIGNATURE OF PERSON WHO MAILED)"]],
                       _SIGNATURE_CAPTION)
    return [lines, captions]
