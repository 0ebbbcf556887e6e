"""MC-031 Attached Declaration (Rev. July 1, 2005): the petitioner's sworn interest-of-justice text.

Choices:
- The declarant is always the petitioner, even when an attorney files the petition: the facts are
  the petitioner's own, and only the person who knows them can swear to them. So the "Defendant"
  box is checked (the caption names the petitioner as DEFENDANT/RESPONDENT), the printed name is
  the petitioner's, and the signature is left blank for the petitioner to sign.
- PLAINTIFF/PETITIONER is "People of the State of California", as on the CR-180 caption.
- A declaration longer than one MC-031 continues on MC-025 pages numbered "<item>-D" (see
  `assembler.render.forms.fitting`); the MC-031 body then ends by saying so, and MC-025's printed notice makes
  the continuation part of the sworn statement.
"""

from __future__ import annotations

from assembler.plan.formmap.values import Caption, FormValues

FORM_ID = "MC-031"
PEOPLE = "People of the State of California"


def declaration(caption: Caption, body: str) -> FormValues:
    values = {
        "caption.plaintiff": PEOPLE,
        "caption.defendant": caption.petitioner,
        "caption.case_number": caption.case_number,
        "body": body,
        "signature.date": caption.signed_on,
        "signature.name": caption.petitioner,
        "declarant.defendant": True,
    }
    return FormValues(FORM_ID, values, caption, fallbacks={"caption.defendant": (caption.petitioner_short,),
                                                           "signature.name": ("",)})
