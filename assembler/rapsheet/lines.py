"""The sheet's text as numbered, cleaned lines (FORMAT.md §2 page furniture, §5 OCR noise).

Every line keeps the number it had in the sheet as given, so each fact and each unreadable line can be
traced back to it. Nothing here interprets the record; it only undoes print and OCR damage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Line:
    no: int  # 1-based, in the sheet as given
    text: str


# Single characters OCR confuses (FORMAT §5); '▯' is an unreadable glyph, fixed in context below.
_CHARACTERS = str.maketrans({
    "Ç": "C", "É": "E", "Ó": "O", "Ọ": "O", "Í": "I", "Ú": "U", "Á": "A",
    "–": "-", "—": "-", "‐": "-", "\u00a0": " ", "\f": "", "‘": "'", "’": "'", "“": '"', "”": '"',
    "·": ".", "\t": "    ",
})

# Whole tokens OCR breaks or misreads, each attested in FORMAT §5, as (pattern, replacement).
_WORDS = [
    (r"[▯A]RR\s*/\s*[DP]ET\W{0,2}/\s*CITE\s*[:;]?", "ARR/DET/CITE:"),
    (r"^([^A-Z]*)[▯C]OUR[TI]\s*[:;]", r"\1COURT:"),
    (r"\b(?:NAME|RAM|NAM)\s*[:;]\s*(?=[0-9OUL]{2,3}\b)", "NAM:"),
    (r"\bC[HN][TIÍ]\s*[:;]", "CNT:"),
    (r"\*?\bD\s?I\s?S\s?P\s?O?\s*[:;]", "DISPO:"),
    (r"\bC\s*O\s*[NM]\s*V\s*I\s*C\s*T\s*E\s*D\b", "CONVICTED"),
    (r"\bCOMVICT", "CONVICT"),
    (r"\bCONV\.?\s+ST[A-Z]{3,4}\s*[:;.]\s*", "CONV STATUS:"),
    (r"\bTNFRACTION\b", "INFRACTION"),
    (r"\bRESIN\b", "RESTN"),
    (r"\bFINESS\b", "FINE SS"),
    (r"^(\W*)GEN\s*:", r"\1SEN:"),
    (r"\bTOC\s*[:;]\s*", "TOC:"),
]
_WORDS = [(re.compile(p), r) for p, r in _WORDS]

# A date with stray periods in it (`20080.923`): 8 digits once the periods go.
_DOTTED_DATE = re.compile(r"(?<![#\w.])((?:19|20)[\d.]{6,9}\d)(?![\w])")

_PAGE = re.compile(r"^\s*PAGE\s+\d+\s+OF\s+\d+\s*$")
_REPEATED_HEADER = re.compile(r"^\s*(RESTRICTED-|ATTN\s*:|TO\s*:.*FROM\s*:|RE\s*:\s*QHY)")

# Where a lost line break is put back (FORMAT §5): before these tags when text precedes them.
_BREAK_BEFORE = re.compile(
    r"(?<=\S)\s*(?=CNT:|\*?DISPO:|CONV STATUS:|(?<![A-Z])SEN:|(?<![A-Z])COM:|"
    r"ARR/DET/CITE:|(?<![A-Z])COURT:|CUSTODY:)"
)
_EVENT_START = re.compile(r"^\W*(ARR/DET/CITE|SUPPLEMENTAL ARR|COURT|CUSTODY|PROBATION|APPLICANT|REGISTRATION)\b")
_DATE_MID_LINE = re.compile(r"(?<=\S)\s+(?=(?:19|20)\d{6}\s+(?:[A-Z]{4}\s|DISPO:))")

_STRAY_LEAD = re.compile(r"^(\s*)[':.,]+\s*")
_JUNK = re.compile(r"^[\s\-'.,:;_~`\"]*$")


def normalise(text: str) -> list[Line]:
    """Upper-case, OCR-repaired lines without page furniture; blank and junk lines dropped."""
    out: list[Line] = []
    seen_header = False
    for no, raw in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=1):
        line = raw.translate(_CHARACTERS).upper().rstrip()
        if _PAGE.match(line):
            continue
        if _REPEATED_HEADER.match(line):
            # The first `RE:` line carries the print date; its repeats on later pages are furniture.
            if seen_header or not line.lstrip().startswith("RE"):
                continue
            seen_header = True
        for piece in _split_run_on(_repair(line)):
            if not _is_junk(piece):
                out.append(Line(no, piece))
    return out


def _repair(line: str) -> str:
    for pattern, replacement in _WORDS:
        line = pattern.sub(replacement, line)
    line = _DOTTED_DATE.sub(_undotted, line)
    if "*" not in line:  # asterisks and the punctuation among them are a delimiter's, not strays
        line = _STRAY_LEAD.sub(r"\1", line)
    return line


def _undotted(match: re.Match) -> str:
    digits = match[1].replace(".", "")
    return digits if len(digits) == 8 else match[1]


def _split_run_on(line: str) -> list[str]:
    out: list[str] = []
    for piece in _BREAK_BEFORE.split(line):
        out.extend([piece] if _EVENT_START.match(piece) else _DATE_MID_LINE.split(piece))
    return out


def _is_junk(line: str) -> bool:
    """Stray punctuation (`- .`), but not an event delimiter (three or more dashes)."""
    return bool(_JUNK.match(line)) and line.count("-") < 3
