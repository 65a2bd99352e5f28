"""Dates as French quotes write them: 04/01/2022, 4-1-22, 4 janvier 2022, 1er mars 2023."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_MONTHS = {
    "janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12,
}  # fmt: skip
DATE = re.compile(
    r"(?<![\d/.-])(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4}|\d{2})(?![\d/])"
    r"|\b(?P<d2>1er|\d{1,2}) (?P<month>" + "|".join(_MONTHS) + r") (?P<y2>\d{4})\b"
)


@dataclass(frozen=True, slots=True)
class FoundDate:
    value: date
    start: int  # offsets in the folded text
    end: int


def find_dates(folded: str, start: int = 0, end: int | None = None) -> list[FoundDate]:
    found = []
    for m in DATE.finditer(folded, start, len(folded) if end is None else end):
        if m.group("d"):
            day, month, year = int(m.group("d")), int(m.group("m")), int(m.group("y"))
            if year < 100:
                year += 2000
        else:
            day = 1 if m.group("d2") == "1er" else int(m.group("d2"))
            month, year = _MONTHS[m.group("month")], int(m.group("y2"))
        try:
            found.append(FoundDate(date(year, month, day), m.start(), m.end()))
        except ValueError:
            continue  # 31/02/2023 and the like are not dates
    return found


def format_date(value: date) -> str:
    return value.strftime("%d/%m/%Y")
