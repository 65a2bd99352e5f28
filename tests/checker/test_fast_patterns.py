"""Patterns rewritten for speed only: on any text, the same matches as the plain forms they replace.

`literal_first` (patterns starting with `\\b`) and the money amount pattern, which starts with its first digit.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Iterable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import segur_devis
from segur_devis.amounts import find_amounts, parse_amount
from segur_devis.dsr import DSR, _dsr_matches
from segur_devis.normalize import flex, fold, literal_first

CORPUS = sorted(Path(__file__).resolve().parents[1].glob("corpus*/*.txt"))
# Folded quotes are lower case: letters, digits, spaces, line breaks, apostrophes and punctuation.
ALPHABET = "abcdefgilmnoprstuv0123 '\n.,-°é"


def matches(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in pattern.finditer(text)]


def package_patterns() -> list[re.Pattern[str]]:
    """Every compiled pattern at module level in the checker (alone or in a tuple)."""
    found: dict[str, re.Pattern[str]] = {}
    for info in pkgutil.walk_packages(segur_devis.__path__, "segur_devis."):
        if info.name.endswith("__main__"):
            continue
        for value in vars(importlib.import_module(info.name)).values():
            for item in value if isinstance(value, tuple) else (value,):
                if isinstance(item, re.Pattern) and isinstance(item.pattern, str):
                    found[item.pattern] = item
    return list(found.values())


PATTERNS = package_patterns()
# The original form of each rewritten pattern: undo the rewrite `x(?<!\wx)` -> `\bx`, lookbehinds included.
UNDO = re.compile(
    r"(?:^|(?<=\|))(?P<first>[A-Za-z0-9])\(\?<!\\w(?P=first)\)(?P<behind>(?:\(\?<![^()|\\\[\]]*\))*)"
)


def original(pattern: str) -> str:
    def undo(m: re.Match[str]) -> str:
        first = m.group("first")
        behinds = re.findall(r"\(\?<!([^()|\\\[\]]*)\)", m.group("behind"))
        return "".join(f"(?<!{b[:-1]})" for b in behinds) + "\\b" + first

    return UNDO.sub(undo, pattern)


REWRITTEN = [p for p in PATTERNS if original(p.pattern) != p.pattern]


def test_the_hot_patterns_are_rewritten() -> None:
    assert len(REWRITTEN) >= 10


def test_rewrite_examples() -> None:
    assert literal_first(r"\bva\b|\bproces verbal") == r"v(?<!\wv)a\b|p(?<!\wp)roces verbal"
    assert literal_first(r"(?<!va )\bsignee?") == r"s(?<!\ws)(?<!va s)ignee?"
    for unchanged in (r"\b(?:a|b)", r"\ba|c", r"\bs?ur", r"(?<=a)\bb", r"[]a]|\bb", r"(?<!a|b)\bc"):
        assert literal_first(unchanged) == unchanged
    assert flex(r"\bbon pour accord\b").pattern == r"b(?<!\wb)on\s+pour\s+accord\b"


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_same_matches_on_the_corpus(path: Path) -> None:
    text = fold(path.read_text(encoding="utf-8")).text
    for pattern in REWRITTEN:
        before = re.compile(original(pattern.pattern), pattern.flags)
        assert matches(pattern, text) == matches(before, text), pattern.pattern


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=200), st.data())
def test_same_matches_on_any_text(text: str, data: st.DataObject) -> None:
    # Seed the text with the words the patterns look for, so that matches (and near misses) are frequent.
    words = data.draw(st.lists(st.sampled_from(WORDS), max_size=6))
    text = " ".join([text, *words, text[::-1]])
    for pattern in REWRITTEN:
        before = re.compile(original(pattern.pattern), pattern.flags)
        assert matches(pattern, text) == matches(before, text), pattern.pattern


WORDS = [
    "date de signature",
    "date  de la\ncommande",
    "fait a lyon, le",
    "va signee le",
    "aptitude signee le",
    "xsignee le",
    "signes en date du",
    "bon pour accord",
    "montant de la prestation segur",
    "au capital de",
    "rcs",
    "siret",
    "iban",
    "va",
    "nova",
    "bareme",
    "base de calcul",
    "prestation segur",
    "pack segur",
    "referencement",
    "mise sur le marche",
    "tva 20 %",
    "total ht",
    "ttc",
]


# The amount pattern as first written: two branches, each starting with a lookbehind.
PLAIN_AMOUNT = re.compile(
    r"(?<![\w.,])(?P<int>\d{1,3}(?:[ .]\d{3})+|\d+)(?:[.,](?P<cents>\d{1,2}))?"
    r"(?:[ ]?(?P<cur>€|eur\b|euros?\b)|(?=[ ]?(?:ht|ttc|h\.t\.)\b))"
    r"|(?<![\w.,])(?P<int2>\d{1,3}(?:[ .]\d{3})+|\d+),(?P<cents2>\d{2})(?![\d%]|[ ]?%)"
)
AMOUNT_PIECES = ["1", "12", "123", "1234", "00", "000", " ", ".", ",", "€", "eur", "euros", "ht", "ttc", "h.t.", "%",
                 "a", "x", "-", "\n"]  # fmt: skip


def plain_amounts(text: str) -> list[tuple[object, int, int]]:
    found = []
    for m in PLAIN_AMOUNT.finditer(text):
        if m.group("int") is not None:
            value = parse_amount(m.group("int"), m.group("cents"))
        else:
            value = parse_amount(m.group("int2"), m.group("cents2"))
        found.append((value, m.start(), m.end()))
    return found


def amounts(text: str) -> list[tuple[object, int, int]]:
    return [(a.value, a.start, a.end) for a in find_amounts(text)]


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_amounts_as_the_plain_pattern_on_the_corpus(path: Path) -> None:
    text = fold(path.read_text(encoding="utf-8")).text
    assert amounts(text) == plain_amounts(text)


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(AMOUNT_PIECES), max_size=16))
def test_amounts_as_the_plain_pattern_on_any_text(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert amounts(text) == plain_amounts(text)


DSR_PIECES = ["dsr", "sons", "hop", "mdv", "rad", "bio", "pha", "ms1", "ms2", "ms", "img", "pfi", "dpi", "ri", "lgc",
              "ris", "sgl", "lgo", "dui", "db", "pde", "pds", "va", "va1", "-va2", "1", "2", "0", "-", " ", "x", "a",
              "\n"]  # fmt: skip


def dsr_spans(found: Iterable[re.Match[str]]) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in found]


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_dsr_as_the_plain_pattern_on_the_corpus(path: Path) -> None:
    text = fold(path.read_text(encoding="utf-8")).text
    assert dsr_spans(_dsr_matches(text)) == dsr_spans(DSR.finditer(text))


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(DSR_PIECES), max_size=12))
def test_dsr_as_the_plain_pattern_on_any_text(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert dsr_spans(_dsr_matches(text)) == dsr_spans(DSR.finditer(text))
