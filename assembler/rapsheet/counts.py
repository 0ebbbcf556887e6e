"""Reading an event's body into counts: charge, level, dispositions, sentence, updates (FORMAT.md §1.6-1.9)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from assembler.rapsheet import sentences
from assembler.rapsheet.lines import Line

_CNT = re.compile(r"^\s*CNT:\s*(?P<numbers>[0-9OUIL\- ]*)(?:#\s*(?P<doc>\S+))?\s*(?P<rest>.*)$")
_DOC = re.compile(r"^\s*#\s*(\S+)\s*$")
_DATE_ONLY = re.compile(r"^\s*((?:19|20)\d{6})\s*$")
_DISPO = re.compile(r"^\s*DISPO:\s*(.*)$")
_CONV = re.compile(r"^\s*CONV STATUS:\s*(.*)$")
_SEN = re.compile(r"^\s*SEN:\s*(.*)$")
_COM = re.compile(r"^\s*COM:\s*(.*)$")
_SEN_FROM = re.compile(r"^\s*SEN FROM\s*:\s*(?P<place>.*?)\s*CRT\s*#\s*(?P<number>\S+)")
_COURT_REF = re.compile(r"^\s*CRT\s*#\s*:?\s*(\S+)|^\s*CRT CASE NBR\s*(\S+)")
_TOC = re.compile(r"\s*\bTOC:\s*(?P<toc>[A-Z])\b\s*")
_WRAPPED_TOC = re.compile(r"^\s*(?P<words>[A-Z][A-Z /&:$\-.,']*?)\s+TOC:\s*(?P<toc>[A-Z])\s*$")
_FLAG = re.compile(r"^\s*\.?-\s*(ATTEMPTED|WARRANT|BENCH WARRANT|PROBATION REVO\w*)\s*$")
_SENTENCING_1170H = re.compile(r"1170\s*\(\s*H\s*\)\s*PC\s*-?\s*SENTENCING")
_SECTION = r"(?P<section>\d[0-9A-Z().,/\-]*(?:\s\([0-9A-Z]{1,3}\))*)"  # `484(A)`, `664/459`, `487 (A)`
_CHARGE = re.compile(r"^\s*[.\-]*" + _SECTION + r"[.]?\s+(?P<code>[A-Z]{2,4})\s*-\s*(?P<desc>.*)$")
_COMMENT_CHARGE = re.compile(r"^(?:CNT\s*\d+\s*)?CHRG\s*-?\s*(?P<charge>.*)$")
_COMMENT_CHARGE_BODY = re.compile("^" + _SECTION + r"\s+(?P<code>[A-Z]{2,4})\b\s*-?\s*(?P<desc>.*)$")
# Lines the format lists that hold nothing for a profile (FORMAT §1.6).
_KNOWN_OTHER = re.compile(r"^\s*(ARR BY|CITE\s*#|WARRANT|RECVD BY|ADR|NAM:|DOB:|PHOTO|SEE COMMENT FOR CHARGE|"
                          r"TRAFFIC VIOLATION)")
_DIGIT_LOOKALIKES = str.maketrans({"O": "0", "U": "0", "I": "1", "L": "1"})


@dataclass
class Charge:
    code: str | None
    section: str | None
    description: str | None
    line: Line


@dataclass
class Dispo:
    text: str  # "" for a sentence printed without a DISPO line (a custody entry)
    line: Line
    on: date | None = None  # an update's date; None: the event's own date
    conv_status: str | None = None
    conv_line: Line | None = None
    sentence: str | None = None
    sentence_line: Line | None = None

    @property
    def terms(self) -> sentences.Terms | None:
        return sentences.parse(self.sentence) if self.sentence else None


@dataclass
class Count:
    numbers: list[int]
    line: Line | None
    doc: str | None = None
    charge: Charge | None = None
    toc: str | None = None
    toc_line: Line | None = None
    sentencing_1170h: bool = False
    attempted: bool = False  # a `-ATTEMPTED` flag line
    dispositions: list[Dispo] = field(default_factory=list)
    sentence_from: str | None = None  # `SEN FROM: … CRT #X`: the committing court's case number
    court_ref: str | None = None


@dataclass
class Body:
    counts: list[Count] = field(default_factory=list)
    unread: list[Line] = field(default_factory=list)


def read_counts(lines: list[Line]) -> Body:
    reader = _Reader()
    for line in lines:
        reader.feed(line)
    return reader.body


def clean_number(text: str) -> str:
    """A case or document number without `#`, spaces and stray `.:` (inner hyphens kept)."""
    return re.sub(r"[#\s.:;']", "", text).strip("-,") or ""


def parse_date(text: str) -> date | None:
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        return None


class _Reader:
    def __init__(self) -> None:
        self.body = Body()
        self.count: Count | None = None
        self.update_on: date | None = None
        self.in_sentence = False

    def feed(self, line: Line) -> None:
        text = line.text
        handled = (self._cnt(line, text) or self._doc(text) or self._date(text) or self._dispo(line, text)
                   or self._conv(line, text) or self._sen(line, text) or self._com(line, text) or self._sen_from(text)
                   or self._court_ref(text) or self._flag(text) or self._toc(line, text) or self._charge(line, text)
                   or bool(_KNOWN_OTHER.match(text)))
        if handled:
            return
        if self.in_sentence and self._last_dispo() and not sentences.parse(text).unread:  # a wrapped sentence
            dispo = self._last_dispo()
            dispo.sentence = f"{dispo.sentence} {text.strip()}"
            return
        self.body.unread.append(line)

    def _cnt(self, line: Line, text: str) -> bool:
        match = _CNT.match(text)
        if not match:
            return False
        self.count = Count(_numbers(match["numbers"]), line, clean_number(match["doc"] or "") or None)
        self.body.counts.append(self.count)
        self.update_on, self.in_sentence = None, False
        rest = match["rest"]
        if rest and not (self._toc(line, rest) or self._charge(line, rest)):
            self.body.unread.append(line)
        return True

    def _doc(self, text: str) -> bool:
        """The `#` number on the line after `CNT:` (FORMAT §1.6)."""
        match = _DOC.match(text)
        if not match or not self.count or self.count.doc or self.count.charge:
            return False
        self.count.doc = clean_number(match[1]) or None
        return True

    def _date(self, text: str) -> bool:
        match = _DATE_ONLY.match(text)
        if match:
            self.update_on, self.in_sentence = parse_date(match[1]), False
        return bool(match)

    def _dispo(self, line: Line, text: str) -> bool:
        match = _DISPO.match(text)
        if match:
            self._current(line).dispositions.append(Dispo(match[1].strip(), line, self.update_on))
            self.in_sentence = False
        return bool(match)

    def _conv(self, line: Line, text: str) -> bool:
        match = _CONV.match(text)
        if match and self._last_dispo():
            self._last_dispo().conv_status, self._last_dispo().conv_line = match[1].strip(), line
        return bool(match)

    def _sen(self, line: Line, text: str) -> bool:
        match = _SEN.match(text)
        if match:
            self._set_sentence(line, match[1])
        return bool(match)

    def _com(self, line: Line, text: str) -> bool:
        match = _COM.match(text)
        if not match:
            return False
        comment = match[1].strip()
        if (sentence := sentences.from_comment(comment)) is not None:
            self._set_sentence(line, sentence)
        elif (charge := _COMMENT_CHARGE.match(comment)) and self._current(line).charge is None:
            self._comment_charge(line, charge["charge"])
        elif ref := re.match(r"CRT CASE NBR\s*(\S+)", comment):
            self._current(line).court_ref = clean_number(ref[1])
        self.in_sentence = False
        return True

    def _sen_from(self, text: str) -> bool:
        match = _SEN_FROM.match(text)
        if match and self.count:
            self.count.sentence_from = clean_number(match["number"])
        return bool(match)

    def _court_ref(self, text: str) -> bool:
        match = _COURT_REF.match(text)
        if match and self.count:
            self.count.court_ref = clean_number(match[1] or match[2])
        return bool(match)

    def _flag(self, text: str) -> bool:
        """`.-1170 (H) PC-SENTENCING`, and the one-per-dash flags before a charge (FORMAT §1.6)."""
        flag = _FLAG.match(text)
        if self.count is None or not (flag or _SENTENCING_1170H.search(text)):
            return False
        if flag and flag[1] == "ATTEMPTED":
            self.count.attempted = True
        elif not flag:
            self.count.sentencing_1170h = True
        return True

    def _toc(self, line: Line, text: str) -> bool:
        """`TOC:F` on a line of its own, or ending the wrapped rest of a charge's description."""
        count = self.count
        match = _TOC.fullmatch(text) or _WRAPPED_TOC.match(text)
        if not match or not count or count.toc or (match.re is _WRAPPED_TOC and not _wraps_charge(count)):
            return False
        count.toc, count.toc_line = match["toc"], line
        if match.re is _WRAPPED_TOC:
            count.charge.description = f"{count.charge.description or ''} {match['words'].strip()}".strip()
        return True

    def _charge(self, line: Line, text: str) -> bool:
        match = _CHARGE.match(text)
        if not match or (self.count and self.count.charge):
            return False
        count = self._current(line)
        desc = match["desc"]
        if toc := _TOC.search(desc):
            count.toc, count.toc_line = toc[1], line
            desc = desc[:toc.start()] + desc[toc.end():]
        count.charge = Charge(match["code"], _section(match["section"]), desc.strip() or None, line)
        return True

    def _comment_charge(self, line: Line, text: str) -> None:
        match = _COMMENT_CHARGE_BODY.match(text.strip())
        if match:
            self._current(line).charge = Charge(match["code"], _section(match["section"]),
                                                match["desc"].strip() or None, line)
        else:
            self.body.unread.append(line)

    def _set_sentence(self, line: Line, text: str) -> None:
        dispo = self._last_dispo()
        if dispo is None or dispo.sentence is not None:
            dispo = Dispo("", line, self.update_on)
            self._current(line).dispositions.append(dispo)
        dispo.sentence, dispo.sentence_line = text.strip(), line
        self.in_sentence = True

    def _current(self, line: Line) -> Count:
        """The count being read; a charge with no `CNT:` line (a later registration entry) opens one."""
        if self.count is None:
            self.count = Count([], None)
            self.body.counts.append(self.count)
        return self.count

    def _last_dispo(self) -> Dispo | None:
        return self.count.dispositions[-1] if self.count and self.count.dispositions else None


def _wraps_charge(count: Count) -> bool:
    """A line just after a charge whose TOC is still missing continues that charge."""
    return bool(count.charge) and not count.dispositions


def _numbers(text: str) -> list[int]:
    """`001`, `003-005` (counts 3, 4 and 5), OCR's `0    01`, `0U1`, `-1`."""
    bare = text.replace(" ", "").translate(_DIGIT_LOOKALIKES).strip("-")
    match = re.fullmatch(r"(\d{1,3})(?:-(\d{1,3}))?", bare)
    if not match:
        return []
    first, last = int(match[1]), int(match[2] or match[1])
    return list(range(first, last + 1)) if 0 < last - first < 60 else [first]


def _section(text: str) -> str:
    """`484(A)` → `484(a)`, `.496.` → `496`, `11350,5` → `11350.5`; combined sections kept as printed."""
    return text.strip(". ").replace(",", ".").replace(" ", "").lower()
