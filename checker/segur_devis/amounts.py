"""Money amounts as French quotes write them: `3 650,00 €`, `8 560 €`, `1 712€`, `12 400 € HT`, `15300.00 EUR`.

Matched on folded text (NBSP and narrow NBSP are already plain spaces). A number counts as an amount when a
currency follows it or when it has cents, so quantities, years and codes (`Va1`) are not taken for money.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

# The integer part (`3 650`, `8.560`, `1712`), not preceded by a word character, a dot or a comma; then either a
# currency (cents optional) or, without a currency, exactly two cents not followed by a percent sign. Written to
# start with the digit itself (its lookbehind just after it), written `[0-9]` (a class the engine can skip ahead
# to, which `\d` is not), so that it skips ahead to digits instead of trying every position: several times
# faster, same matches (tests/checker/test_amounts_dates.py, tests/checker/test_fast_patterns.py).
AMOUNT = re.compile(
    r"(?P<int>[0-9](?<![\w.,][0-9])(?:\d{0,2}(?:[ .]\d{3})+|\d*))"
    r"(?:(?:[.,](?P<cents>\d{1,2}))?(?:[ ]?(?P<cur>€|eur\b|euros?\b)|(?=[ ]?(?:ht|ttc|h\.t\.)\b))"
    r"|,(?P<cents2>\d{2})(?![\d%]|[ ]?%))"
)


# « Montants en € HT » / « (montants en euros TTC) »: the currency is said once for the block of lines below.
AMOUNTS_DECLARED = re.compile(r"m(?<!\wm)ontants? (?:exprimes? )?en (?:€|eur\b|euros?\b)")
# In such a block, a whole cell of three digits or more (« 6 400 », « 980 »: not a quantity « 1 ») is an amount.
_BARE_CELL = re.compile(r"(?:(?<=\t)|(?<=  )|^)(\d{1,3}(?: \d{3})+|\d{3,})(?=[ \t]*$|\t|  )", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Amount:
    value: Decimal
    start: int  # offsets in the folded text
    end: int


def parse_amount(int_part: str, cents: str | None) -> Decimal:
    digits = int_part.replace(" ", "").replace(".", "")
    return Decimal(f"{digits}.{(cents or '0').ljust(2, '0')}")


def find_amounts(folded: str, start: int = 0, end: int | None = None) -> list[Amount]:
    found = []
    for m in AMOUNT.finditer(folded, start, len(folded) if end is None else end):
        cents = m.group("cents2") if m.group("cents2") is not None else m.group("cents")
        found.append(Amount(parse_amount(m.group("int"), cents), m.start(), m.end()))
    return found


def with_signs(folded: str, amounts: list[Amount]) -> list[Amount]:
    """The amounts, negative where a minus sign is stuck to them (« Remise -1 200,00 € », a credit line) after a
    space or at a line's start (not « ABC-1 200,00 », a code's end)."""
    return [
        Amount(-a.value, a.start, a.end)
        if a.start and folded[a.start - 1] == "-" and (a.start == 1 or folded[a.start - 2] in " \t\n(:")
        else a
        for a in amounts
    ]


def find_declared_amounts(folded: str) -> list[Amount]:
    """The bare cells of each block of lines (up to a blank line) that a « montants en € » line opens."""
    found = []
    for declared in AMOUNTS_DECLARED.finditer(folded):
        start = folded.find("\n", declared.end()) + 1
        end = folded.find("\n\n", start)
        if start == 0:
            continue
        for m in _BARE_CELL.finditer(folded, start, len(folded) if end < 0 else end):
            found.append(Amount(parse_amount(m.group(1), None), m.start(1), m.end(1)))
    return found


def format_euros(value: Decimal) -> str:
    """French formatting for messages: 3 650,00 €."""
    whole, _, cents = f"{value:.2f}".partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return f"{' '.join(groups)},{cents} €"
