"""A folded view of the quote for matching, with a map back to the original text.

Quotes arrive pasted from PDFs: accents may be missing ("Etat"), case varies, thousands are separated by NBSP or
narrow NBSP, words are cut at line ends ("Pres-\\ntation") and ligatures appear ("ﬁ"). Rules match against the
folded text, but evidence must point into the original so that a page can highlight it: every edit that changes
the length is recorded as a breakpoint, and offsets are mapped back with a binary search.

Folding is done with `str.translate` and a few regular expressions, so it stays linear on large inputs.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

Name = TypeVar("Name", bound=str)

# Characters folded one-to-one (the length does not change).
_SPACES = "\u00a0\u202f\u2007\u2009\u200a\u2002\u2003\u2004\u2005\u2006\u2008\u205f\u3000\t\r\x0b\x0c"
_APOSTROPHES = "\u2019\u2018\u02bc\u00b4\u0060\u2032"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_QUOTES = "\u00ab\u00bb\u201c\u201d\u201e"


def _build_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for cp in range(0x80, 0x250):
        ch = chr(cp)
        base = unicodedata.normalize("NFD", ch)[0].lower()
        if len(base) == 1 and base != ch and base.isascii():
            table[cp] = base
    for cp in range(ord("A"), ord("Z") + 1):
        table[cp] = chr(cp).lower()
    table.update({ord(c): " " for c in _SPACES})
    table.update({ord(c): "'" for c in _APOSTROPHES})
    table.update({ord(c): "-" for c in _DASHES})
    table.update({ord(c): '"' for c in _QUOTES})
    table[ord("\u00ba")] = "\u00b0"  # « nº », the ordinal indicator standing for « n° »
    table[ord("\u2028")] = "\n"
    table[ord("\u2029")] = "\n"
    table[ord("\u0085")] = "\n"
    return table


# A str indexed by code point is ~15× faster for str.translate than a dict; code points past its end raise
# IndexError, which translate treats as "leave unchanged".
_FOLD = _build_table()
_FOLD_TABLE = "".join(_FOLD.get(cp, chr(cp)) for cp in range(max(_FOLD) + 1))
# The same, keeping tabs: table cells are split on them (same length, so the same offsets).
_FOLD_TABLE_TABS = _FOLD_TABLE[:9] + "\t" + _FOLD_TABLE[10:]

# Edits that change the length: ligatures, invisible characters, words hyphenated across a line break.
_EXPANSIONS = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
    "œ": "oe",
    "Œ": "oe",
    "æ": "ae",
    "Æ": "ae",
    "\u00ad": "",
    "\u200b": "",
    "\u200c": "",
    "\u200d": "",
    "\u2060": "",
    "\ufeff": "",
}
_LENGTH_EDITS = re.compile(
    "[" + "".join(_EXPANSIONS) + "]"
    # a lower-case word cut by a hyphen at the end of a line continues in lower case on the next line (written
    # from the hyphen, its lookbehind after it, so that the engine skips ahead: twice faster, same matches)
    r"|-(?<=[a-zà-ÿ]-)[ \t]*\r?\n[ \t]*(?=[a-zà-ÿ])"
)


@dataclass(frozen=True, slots=True)
class Folded:
    """The folded text and the breakpoints that map its offsets back to the original."""

    text: str
    original: str
    _folded_at: tuple[int, ...]  # folded offsets where a length-changing edit ends
    _shift: tuple[int, ...]  # original offset minus folded offset after that point

    def to_original(self, pos: int) -> int:
        i = bisect_right(self._folded_at, pos)
        return pos + (self._shift[i - 1] if i else 0)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a folded span to the original text (end excluded)."""
        if end <= start:
            s = self.to_original(start)
            return s, s
        return self.to_original(start), self.to_original(end - 1) + 1


def fold(text: str, *, keep_tabs: bool = False) -> Folded:
    """Fold `text` for matching; with `keep_tabs`, tabs stay (column separators) and nothing else changes."""
    table = _FOLD_TABLE_TABS if keep_tabs else _FOLD_TABLE
    pieces: list[str] = []
    folded_at: list[int] = []
    shift: list[int] = []
    last = 0
    length = 0
    for m in _LENGTH_EDITS.finditer(text):
        chunk = text[last : m.start()].translate(table)
        pieces.append(chunk)
        length += len(chunk)
        replacement = _EXPANSIONS.get(m.group(), "")
        # Every character of an expansion maps to the start of what it replaces.
        for k in range(len(replacement)):
            folded_at.append(length + k)
            shift.append(m.start() - (length + k))
        pieces.append(replacement)
        length += len(replacement)
        folded_at.append(length)
        shift.append(m.end() - length)
        last = m.end()
    pieces.append(text[last:].translate(table))
    return Folded("".join(pieces), text, tuple(folded_at), tuple(shift))


# OCR of a scan reads « l » for « I » inside capitals (« DEVlS N° », « FlNESS », « DPl »), and « l » for « 1 » and
# « O » for « 0 » in numbers (« l9/10/2026 », « 59OOO », « TVA 2O % », « 80 OOO € »). Only where no word is: a
# lower-case « l » between capitals, or a token of digits, « O » and « l » alone (« CO2 », « ISO 9001 » and « l'Etat »
# stay as written).
_OCR_CONFUSIONS = re.compile(
    r"(?P<capital>l(?<=[A-Z]l)(?=[A-Z])|l(?<=[A-Z][A-Z]l)(?![^\W\d_]))"
    r"|(?P<thousands>O(?<=[0-9] O)OO(?!\w))|[0-9Ol](?<![\w][0-9Ol])[0-9Ol]*(?:[.,/][0-9Ol]+)*(?!\w)"
)
# Whether a text has any of them: two scans for a literal, quick, so that a text without OCR is left alone at once
# (the full pattern tries every digit).
_OCR_HINTS = (
    re.compile(r"O(?:(?<=[0-9]O)|(?<=[0-9] O)|(?=[0-9]))"),
    re.compile(r"l(?:(?<=[0-9]l)|(?=[0-9])|(?<=[A-Z]l)(?=[A-Z])|(?<=[A-Z][A-Z]l)(?![^\W\d_]))"),
)
_OCR_DIGITS = str.maketrans("Ol", "01")
_CODE = re.compile(r"O[0-9]+")  # « O1 », an option's code: a letter then a number, as written


def repair_ocr(text: str) -> str:
    """`text` with what OCR confuses read back (same length: every offset still maps)."""
    if not any(hint.search(text) for hint in _OCR_HINTS):
        return text
    return _OCR_CONFUSIONS.sub(_repaired, text)


def _repaired(m: re.Match[str]) -> str:
    if m.group("capital"):
        return "I"
    token: str = m.group()
    if m.group("thousands") or (
        any(c.isdigit() for c in token) and not token.isdigit() and not _CODE.fullmatch(token)
    ):
        return token.translate(_OCR_DIGITS)
    return token


def fold_phrase(phrase: str) -> str:
    """Fold a phrase from the reference data the same way as quotes, for matching."""
    return fold(phrase).text


# Short link words a phrase of the data may have between its words (« hors du périmètre de la prestation Ségur »).
_LINK_WORDS = r"(?:(?:la|le|les|l|de|du|des|d|dans|par|au|aux|a)\W+){0,3}"


def phrases_pattern(phrases: Iterable[str]) -> re.Pattern[str]:
    """The one compiler of the data's vocabularies (services, markers, the mandatory mention, funding schemes).

    Each phrase matches folded (accents, case, apostrophes), word by word: any punctuation or white space between
    its words, line breaks included, up to three short link words (« la », « de l' »…) too, and a plural « s »
    on words of three letters or more. Branches start with their first letter (see `literal_first`).
    """
    branches = []
    for phrase in sorted({fold_phrase(p) for p in phrases}, key=lambda p: (-len(p), p)):
        words = re.findall(r"[a-z0-9]+", phrase)
        if not words:
            continue
        parts = [re.escape(w) + ("s?" if len(w) >= 3 and w.isalpha() else "") for w in words]
        branches.append(r"\b" + (r"\W+" + _LINK_WORDS).join(parts) + r"\b")
    return fast("|".join(branches))


def fast(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """Compile `pattern` with each branch starting with its first letter (`literal_first`): same matches, scanned
    several times faster. For patterns run over a whole text or over every line."""
    return re.compile(literal_first(pattern), flags)


def named_patterns(pairs: Iterable[tuple[Name, str]]) -> tuple[tuple[Name, re.Pattern[str]], ...]:
    """(name, pattern) pairs compiled, in order, for `first_named`."""
    return tuple((name, re.compile(pattern)) for name, pattern in pairs)


def first_named(named: Sequence[tuple[Name, re.Pattern[str]]], text: str) -> Name | None:
    """The name of the first pattern of `named` found in `text` (the order says which wins)."""
    return next((name for name, pattern in named if pattern.search(text)), None)


def flex(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """Compile a pattern written with plain spaces so that each space also matches line breaks and runs of spaces.

    Words of a pasted PDF break across lines anywhere (« avant\\nle 30/11/2022 »). Spaces inside a character class
    or followed by a quantifier are left as written.
    """
    out = []
    in_class = escaped = False
    for i, ch in enumerate(pattern):
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == "[" and not in_class:
            in_class = True
        elif ch == "]" and in_class:
            in_class = False
        elif ch == " " and not in_class and (i + 1 == len(pattern) or pattern[i + 1] not in "*+?{"):
            out.append(r"\s+")
            continue
        out.append(ch)
    return fast("".join(out), flags)


# A branch starting with `\b` and a letter, after optional literal negative lookbehinds (`(?<!va )\bsigne…`).
_WORD_START = re.compile(r"(?P<behind>(?:\(\?<![^()|\\\[\]]*\))*)\\b(?P<first>[A-Za-z0-9])(?![*+?{])")
_LOOKBEHIND = re.compile(r"\(\?<!([^()|\\\[\]]*)\)")


def literal_first(pattern: str) -> str:
    """The same pattern, each top-level branch starting with its first letter rather than `\\b` or a lookbehind.

    `\\bdate|(?<!va )\\bsigne` becomes `d(?<!\\wd)ate|s(?<!\\ws)(?<!va s)igne`: the same matches (the boundary
    and the lookbehinds are checked just after the letter instead of just before it), but Python's regex engine
    only skips ahead to candidate positions when a pattern starts with a literal; otherwise it tries every
    position of the text, several times slower. A pattern with any other kind of branch is returned unchanged.
    """
    if "[]" in pattern or "[^]" in pattern:  # a class starting with `]`: not worth parsing here
        return pattern
    branches: list[str] = []
    depth = 0
    in_class = escaped = False
    start = 0
    for i, ch in enumerate(pattern):
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            branches.append(pattern[start:i])
            start = i + 1
    branches.append(pattern[start:])
    out = []
    for branch in branches:
        m = _WORD_START.match(branch)
        if not m:
            return pattern
        first = m.group("first")
        behind = "".join(f"(?<!{b}{first})" for b in _LOOKBEHIND.findall(m.group("behind")))
        out.append(f"{first}(?<!\\w{first}){behind}{branch[m.end() :]}")
    return "|".join(out)
