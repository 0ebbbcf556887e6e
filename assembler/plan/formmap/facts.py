"""The sworn narratives the forms ask for, written from the profile by the declaration templates.

CR-180 items 2c, 3b, 5 and 6 (interest of justice), item 4 (§ 1203.49) and CR-409 item 3h
(§ 851.91 interests of justice) each take the petitioner's declaration. The full declaration is
the item's value; what does not fit the box continues on an Attached Declaration (MC-031), which
the forms themselves point to. Missing facts are marked blanks (see assembler.plan.declarations),
never invented.
"""

from __future__ import annotations

from assembler.plan.declarations import render_declaration
from assembler.profile.model import Case, Profile


def interest_of_justice(profile: Profile, case: Case, reductions: list[str] = ()) -> str:
    """The dismissal's declaration; it also supports a reduction asked in the same petition."""
    return render_declaration("interest_of_justice", profile, case, **_reduction(reductions)).text


REDUCTIONS = {"17b": ("the felony to a misdemeanor", "17(b)"), "17d2": ("the misdemeanor to an infraction", "17(d)(2)")}


def reduction_request(profile: Profile, case: Case, reductions: list[str]) -> str:
    """CR-180 item 8 (the § 17(b) / § 17(d)(2) request) when no dismissal declaration carries it: the
    reduction is the court's discretion, so the person's story goes with it."""
    return render_declaration("reduction", profile, case, **_reduction(reductions)).text


def _reduction(reductions: list[str]) -> dict:
    asked = [REDUCTIONS[r] for r in reductions if r in REDUCTIONS]
    return {"reduced": " and ".join(what for what, _ in asked), "section": " and ".join(s for _, s in asked)}


def trafficking_account(profile: Profile, case: Case) -> str:
    """Item 4 asks for evidence that the conviction resulted from being trafficked."""
    return render_declaration("trafficking_1203_49", profile, case).text


def sealing_statement(profile: Profile, case: Case) -> str:
    """CR-409 item 3h: why sealing is in the interests of justice (§ 851.91(c))."""
    return render_declaration("sealing_851_91", profile, case).text
