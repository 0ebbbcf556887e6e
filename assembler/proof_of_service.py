"""A proof of service by mail, pre-filled with what we know, for the adult who mails the copies.

It carries what Code Civ. Proc. § 1013a(1) asks of a proof of service by mail: the documents
served, the server's address and that they are over 18 and not a party, the date and place of
mailing, and the name and address on each envelope. The Judicial Council's CR-106 was not
available to the project, so this is our own one-page document (it says so in its footer).
"""

from __future__ import annotations

import io
from html import escape
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.platypus import SimpleDocTemplate, Spacer, Table, TableStyle

from assembler.paragraphs import Para
from assembler.service import SERVICE_LEAD_DAYS, Recipient
from assembler.textpdf import FONT as REGULAR, FONT_BOLD as BOLD, register_fonts

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
    "small": ParagraphStyle("small", fontName=REGULAR, fontSize=9, leading=11),
    "body": ParagraphStyle("body", fontName=REGULAR, fontSize=10.5, leading=14, spaceAfter=5),
    "title": ParagraphStyle("title", fontName=BOLD, fontSize=14, leading=18, alignment=1),
    "sub": ParagraphStyle("sub", fontName=REGULAR, fontSize=9.5, leading=12, alignment=1, spaceAfter=8),
    "item": ParagraphStyle("item", fontName=REGULAR, fontSize=10.5, leading=14, leftIndent=16, spaceAfter=3),
}


def proof_of_service_pdf(served: ServedCase) -> bytes:
    register_fonts()
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=LETTER, leftMargin=0.9 * inch, rightMargin=0.75 * inch,
                            topMargin=0.6 * inch, bottomMargin=0.7 * inch, title="Proof of Service by Mail",
                            author="ca-relief",
                            initialFontName=REGULAR)  # not an unembedded Helvetica
    doc.build(_story(served), onFirstPage=_footer, onLaterPages=_footer)
    return out.getvalue()


def _story(s: ServedCase) -> list:
    number = escape(s.case_number or "(none — arrest only)", quote=False)
    county, defendant = escape(s.county.upper(), quote=False), escape(s.defendant, quote=False)
    caption = Table([[Para(f"SUPERIOR COURT OF CALIFORNIA, COUNTY OF {county}", _S["body"]),
                      Para(f"CASE NUMBER:<br/><b>{number}</b>", _S["body"])],
                     [Para(f"PEOPLE OF THE STATE OF CALIFORNIA v. <b>{defendant}</b>", _S["body"]), ""]],
                    colWidths=[4.6 * inch, 2.25 * inch])
    caption.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), REGULAR, 10.5),  # else an unembedded Helvetica
                                 ("BOX", (0, 0), (-1, -1), 0.8, colors.black),
                                 ("LINEBEFORE", (1, 0), (1, -1), 0.8, colors.black),
                                 ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story = [caption, Spacer(1, 10),
             Para("PROOF OF SERVICE BY MAIL", _S["title"]),
             Para(f"(Code Civ. Proc., § 1013a; notice required by {s.notice_cite})", _S["sub"]),
             _notice(),
             Spacer(1, 8),
             Para("1. I am 18 years of age or older and <b>not a party</b> to this case. I am a resident of "
                       "or employed in the county where the mailing took place.", _S["body"]),
             Para(f"2. My residence or business address is: {LINE}{LINE[:20]}", _S["body"]),
             Para("3. I mailed copies of the following documents:", _S["body"])]
    story += [Para(f"[X] {escape(title, quote=False)}", _S["item"]) for title in s.documents]
    story += [Spacer(1, 4),
              Para("4. I enclosed the copies in a sealed envelope for each person below, with first-class "
                        "postage fully prepaid, and deposited each envelope with the United States Postal Service, "
                        "addressed as follows:", _S["body"])]
    story += [_recipient(i, r) for i, r in enumerate(s.recipients, start=1)]
    story += [Spacer(1, 6),
              Para(f"5. Date mailed: {LINE[:18]}   Place mailed (city and state): {LINE[:26]}", _S["body"]),
              Spacer(1, 6),
              Para("I declare under penalty of perjury under the laws of the State of California that the "
                        "foregoing is true and correct.", _S["body"]),
              Spacer(1, 14), _signature_block()]
    return story


def _notice() -> Table:
    text = ("<b>Not for the petitioner to sign.</b> An adult who is not a party to the case (a friend or "
            "relative is fine) mails the copies, fills in this form and signs it. Mail at least "
            f"<b>{SERVICE_LEAD_DAYS['mail']} days</b> before the hearing, or hand-deliver at least "
            f"{SERVICE_LEAD_DAYS['hand']} days before (the law asks for 15 days' notice; these leave room for "
            "mail and for how the days are counted). File this signed form with the court.")
    box = Table([[Para(text, _S["small"])]], colWidths=[6.85 * inch])
    box.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), REGULAR, 9),
                             ("BOX", (0, 0), (-1, -1), 1, colors.black),
                             ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#F2F2F2"))]))
    return box


def _recipient(number: int, r: Recipient) -> Para:
    address = escape(r.address, quote=False) if r.address else f"Address: {LINE}{LINE[:12]}"
    return Para(f"{chr(96 + number)}. <b>{escape(r.name, quote=False)}</b> ({r.role})<br/>{address}", _S["item"])


def _signature_block() -> Table:
    rows = [[f"Date: {LINE[:20]}", ""],
            ["", ""],
            [LINE, LINE],
            [Para("(TYPE OR PRINT NAME OF PERSON WHO MAILED)", _S["small"]),
             Para("(SIGNATURE OF PERSON WHO MAILED)", _S["small"])]]
    table = Table(rows, colWidths=[3.4 * inch, 3.4 * inch])
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), REGULAR, 10.5)]))
    return table


def _footer(canvas, doc) -> None:
    canvas.saveState()
    canvas.setFont(REGULAR, 8)
    canvas.drawString(0.9 * inch, 0.45 * inch, "PROOF OF SERVICE BY MAIL — prepared with ca-relief "
                      "(not a Judicial Council form)")
    canvas.drawRightString(LETTER[0] - 0.75 * inch, 0.45 * inch, f"Page {canvas.getPageNumber()}")
    canvas.restoreState()
