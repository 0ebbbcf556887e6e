"""Our renditions say what the official forms say, page by page.

CR-180, CR-181, MC-025, MC-031: the words `pdftotext -layout` reads from each blank rendition page
are compared with the words it reads from the official page (difflib SequenceMatcher on the word
lists): same number of pages, and at least 0.97 similarity on every page.

Not compared, because they are not part of the printed form: the official PDFs' on-screen
pushbuttons ("Print this form", "Save this form", "Clear this form") and the privacy warning
("For your protection and privacy, please press the Clear This Form button …" and, on the MC forms,
"To keep other people from seeing what you entered …"), which are form fields whose appearance
pdftotext also reads. Our renditions do not draw them.

CR-409 and CR-410 (no official PDF, see PROVENANCE.md): every item and sentence of the reconstructed
wording appears in the rendition, in the same order.
"""

from __future__ import annotations

import difflib
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from assembler.render.forms.rendition import render
from tests.conftest import pdf_text

OFFICIAL_COMPARED = ("CR-180", "CR-181", "MC-025", "MC-031")
MIN_SIMILARITY = 0.97
NOT_PRINTED = (  # the official PDFs' pushbuttons and privacy notices (form fields, not printed text)
    "For your protection and privacy, please press the Clear This Form button after you have printed the form.",
    "To keep other people from seeing what you entered on your form, please press the Clear This Form "
    "button at the end of the form when finished.",
    "Print this form", "Save this form", "Clear this form",
    "Save This Form", "Print This Form", "Clear This Form",
)


def page_words(path: Path) -> list[list[str]]:
    pages = pdf_text(path, layout=True).split("\f")[:-1]
    result = []
    for page in pages:
        text = " ".join(page.split())
        for phrase in NOT_PRINTED:  # longest first: the notices contain "Clear This Form"
            text = text.replace(phrase, " ")
        result.append(text.split())
    return result


def similarity(a: list[str], b: list[str]) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def decrypted(official: Path, tmp_path: Path) -> Path:
    """The MC forms are RC4-encrypted with an empty password; poppler reads them either way, but a
    decrypted copy keeps the comparison independent of that."""
    if shutil.which("qpdf") is None:
        return official
    out = tmp_path / official.name
    subprocess.run(["qpdf", "--decrypt", str(official), str(out)], check=True, capture_output=True)
    return out


@pytest.mark.parametrize("form_id", OFFICIAL_COMPARED)
def test_blank_rendition_matches_official_words_page_by_page(form_id, official_forms_dir, tmp_path):
    mine = tmp_path / f"{form_id}-rendition.pdf"
    mine.write_bytes(render(form_id))
    official = page_words(decrypted(official_forms_dir / f"{form_id}.pdf", tmp_path))
    ours = page_words(mine)
    assert len(ours) == len(official), f"{form_id}: {len(ours)} pages, the official form has {len(official)}"
    scores = [similarity(o, m) for o, m in zip(official, ours)]
    low = {page: round(s, 4) for page, s in enumerate(scores, start=1) if s < MIN_SIMILARITY}
    assert not low, f"{form_id}: pages below {MIN_SIMILARITY}: {low}"


def test_the_ignored_words_are_really_the_official_buttons_and_notices(official_forms_dir, tmp_path):
    """The phrases dropped above exist on the official forms (so the filter is not hiding wording)."""
    text = " ".join(pdf_text(decrypted(official_forms_dir / "CR-180.pdf", tmp_path), layout=True).split())
    assert "Print this form" in text and "Clear this form" in text
    assert "For your protection and privacy" in text
    ours = " ".join(pdf_text(_write(tmp_path, "CR-180"), layout=True).split())
    assert "Print this form" not in ours and "protection and privacy" not in ours


# --- CR-409 / CR-410: the reconstructed wording, in order --------------------------------------

NOTES = (  # the transcriber's notes in the reconstructed files: not wording of the form
    r"\[(?:fields?:|li\d|item2|T\d|POPSig)(?:[^\[\]\n]|\[\d+\])*\]",  # which field sits on the line
    r"\[a small field(?:[^\[\]]|\[\d+\])*\]",
    r"\[Print\] \[Save\] \[Reset\] buttons \+ privacy warning",  # on-screen buttons, not printed
    r"Right-hand caption:", r"Footer:",
    r"\[ \]",  # a check box
    r"•",  # a bullet
    r"_{2,}",  # a blank line to write on
)


def reconstructed_pages(path: Path) -> list[list[str]]:
    """Each page's printed wording from a reconstructed file, as sentences (split after . : ?).

    The file's own header (before the first page) is the transcriber's, not the form's; CR-410 has
    one page and no page marker, so its header ends at the first blank line after "RECONSTRUCTED".
    """
    text = path.read_text(encoding="utf-8")
    if "===== PAGE" in text:
        pages = re.split(r"=+ PAGE \d+", text)[1:]
    else:
        header_end = text.index("\n\n", text.index("CR-410.fields.secondhand.json"))
        pages = [text[header_end:]]
    result = []
    for page in pages:
        for pattern in NOTES:
            page = re.sub(pattern, " ", page, flags=re.S)
        sentences = re.split(r"(?<=[.:?])\s+", " ".join(page.split()))
        result.append([s for s in sentences if s.strip()])
    return result


def squash(text: str) -> str:
    return "".join(text.split())


def missing_in_order(sentences: list[str], text: str) -> list[str]:
    """The sentences not found in text after the previous one (empty when all are, in order)."""
    missing, pos = [], 0
    haystack = squash(text)
    for sentence in sentences:
        at = haystack.find(squash(sentence), pos)
        if at < 0:
            missing.append(sentence)
        else:
            pos = at + len(squash(sentence))
    return missing


@pytest.mark.parametrize("form_id", ("CR-409", "CR-410"))
def test_sealing_rendition_has_every_item_and_sentence_of_the_reconstructed_wording_in_order(
        form_id, official_forms_dir, tmp_path):
    wanted = reconstructed_pages(official_forms_dir / f"{form_id}.wording-reconstructed.txt")
    path = _write(tmp_path, form_id)
    ours = subprocess.run(["pdftotext", "-raw", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout.split("\f")[:-1]
    assert len(ours) == len(wanted)
    for number, (sentences, page) in enumerate(zip(wanted, ours), start=1):
        assert missing_in_order(sentences, page) == [], f"{form_id} page {number}"


def _write(tmp_path: Path, form_id: str) -> Path:
    path = tmp_path / f"{form_id}.pdf"
    path.write_bytes(render(form_id))
    return path
