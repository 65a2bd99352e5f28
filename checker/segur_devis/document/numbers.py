"""A table cell read as a number: « 1 200,00 », « 1.200,00 € », « 9800 », « 20 % », « 1,5 », « 12 400 € HT ».

Unlike `amounts.find_amounts`, which looks for money in running text and so needs a currency or cents, a cell
under a « Qté » or « PU HT » header is a number whatever its form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

_NUMBER = re.compile(
    r"(?P<sign>-)?(?:€ ?)?(?P<int>\d{1,3}(?:[ .]\d{3})+|\d+)(?:[.,](?P<dec>\d+))?"
    # a unit after the number, « (s) » as order forms write a plural: « 3,00 jour(s) », « 1,00 forfait »
    r"(?: ?(?P<unit>€|eur|euros?|%|ht|ttc|h\.t\.|u|j|h|jours?|heures?|licences?|postes?|mois|ans?|lits?"
    r"|forfaits?|unites?|sessions?|sites?|places?|utilisateurs?)(?:\(s\))?)*$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Number:
    value: Decimal
    percent: bool
    start: int  # folded offsets of the cell
    end: int


def parse_number(cell: str, start: int = 0) -> Number | None:
    """The number a whole cell holds, or None when the cell is not just a number (with its unit)."""
    text = cell.strip()
    m = _NUMBER.match(text)
    if not m:
        return None
    digits = m.group("int").replace(" ", "").replace(".", "")
    value = Decimal(f"{digits}.{m.group('dec')}" if m.group("dec") else digits)
    if m.group("sign"):
        value = -value
    return Number(value, "%" in text, start, start + len(cell))
