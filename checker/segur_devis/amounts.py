"""Money amounts as French quotes write them: `3 650,00 €`, `8 560 €`, `1 712€`, `12 400 € HT`, `15300.00 EUR`.

Matched on folded text (NBSP and narrow NBSP are already plain spaces). A number counts as an amount when a
currency follows it or when it has cents, so quantities, years and codes (`Va1`) are not taken for money.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

_NUMBER = r"(?P<int>\d{1,3}(?:[ .]\d{3})+|\d+)(?:[.,](?P<cents>\d{1,2}))?"
AMOUNT = re.compile(
    r"(?<![\w.,])" + _NUMBER + r"(?:[ ]?(?P<cur>€|eur\b|euros?\b)|(?=[ ]?(?:ht|ttc|h\.t\.)\b))"
    r"|(?<![\w.,])(?P<int2>\d{1,3}(?:[ .]\d{3})+|\d+),(?P<cents2>\d{2})(?![\d%]|[ ]?%)"
)


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
        if m.group("int") is not None:
            value = parse_amount(m.group("int"), m.group("cents"))
        else:
            value = parse_amount(m.group("int2"), m.group("cents2"))
        found.append(Amount(value, m.start(), m.end()))
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
