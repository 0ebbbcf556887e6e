"""MC-025 Attachment (Rev. July 1, 2009): continuation pages for any Judicial Council form.

Each page repeats the short title and case number, carries the attachment number (by convention the
item it continues, e.g. "1" for CR-180 item 1's offense table) and "Page x of y" counted within that
attachment. The text is already split into page-sized chunks by `assembler.render.forms.fitting.paginate`.
"""

from __future__ import annotations

from assembler.plan.formmap.values import Caption, FormValues

FORM_ID = "MC-025"


def pages(caption: Caption, number: str, chunks: list[str]) -> list[FormValues]:
    total = len(chunks)
    return [page(caption, number, chunk, index + 1, total) for index, chunk in enumerate(chunks)]


def page(caption: Caption, number: str, body: str, page_number: int, page_count: int) -> FormValues:
    values = {
        "caption.short_title": caption.short_title,
        "caption.case_number": caption.case_number,
        "attachment_number": number,
        "body": body,
        "page": str(page_number),
        "page_count": str(page_count),
    }
    return FormValues(FORM_ID, values, caption,
                      fallbacks={"caption.short_title": (f"People v. {caption.petitioner_short}",)})
