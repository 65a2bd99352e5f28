"""Rows whose cells name their values, outside any table: a priced line « Qté 2   PU HT 3 150,00 €   Total HT
6 500,00 €   TVA 1 300,00 €   TTC 7 800,00 € », or a record block, one field a line:

    ARTICLE 2
      Désignation : Reprise des données (hors DSR)
      Quantité    : 1
      Prix HT     : 5 800,00 €
      Payeur      : établissement

Each value goes to the role its label names (`tables.role_of`), as under a table's header, so the rules read them
as they read a table's row: quantity × unit price = total (A01), HT + TVA = TTC (A02), who pays (P rules).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence, Set

from segur_devis.document.numbers import Number, parse_number
from segur_devis.document.tables import NUMBER_ROLES, Role, Row, role_of
from segur_devis.normalize import fast

# « PU HT 3 150,00 € », « Quantité : 1 », « TTC 7 800,00 € »: a column's name, then its value.
_PAIR = re.compile(
    r"(?<![\w.])(?P<label>(?:qte|quantite|qty|p\.? ?u\.?|prix unitaire|prix|total|montant|tva|ttc)(?: (?:ht|ttc))?)"
    r"\.? ?:? ?(?P<value>-?(?:\d{1,3}(?:[ .]\d{3})+|\d+)(?:,\d{1,2})?(?![\d,.])(?: ?(?:€|eur\b|%))?"
    r"(?: ?(?:ht|ttc)\b(?! ?:? ?\d))?(?: ?(?:j|h|u|jours?|heures?)\b)?)"  # « … € TTC 7 800 »: TTC names the next
)
# What may stand between two pairs: spaces, tabs, pipes, dashes (folded text writes « — » as « - »), commas.
_BETWEEN = " \t|-—–,;/"
# « Désignation : … », « Payeur : … »: a record's field of text, its label before the colon.
_FIELD = re.compile(r"[ \t]*(?P<label>[a-z][a-z. ]{1,25}?)[ \t]*:[ \t]*(?P<value>\S.*)")
# Either row names a quantity or a price, a record its designation first.
_ROW_WORD = fast(r"\bq(?:te|uantite|ty)\b|\bp\.? ?u\b|\bprix\b|\bdesignation\b")
_ROW_LITERALS = ("qt", "quantite", "pu", "p.u", "p. u", "prix", "designation")  # each word of it holds one
_PRICE_ROLES: tuple[Role, ...] = ("total_ht", "unit_price", "total_ttc")
_MAX_DESIGNATION_LINES = 4


def find_labelled_rows(text: str, lines: Sequence[tuple[int, str]], in_tables: Set[int]) -> list[Row]:
    """The rows of `text` (folded), given also as its (offset, line) pairs, outside the lines of its tables, in
    order."""
    rows: list[Row] = []
    done = -1  # the last line read: a record spans several
    for index in _candidate_lines(text, lines):
        if index <= done or index in in_tables or not _ROW_WORD.search(lines[index][1]):
            continue
        done = index
        if (record := _record(lines, index)) is not None:
            if not any(i in in_tables for i in range(index, record.last_line + 1)):
                rows.append(record)
            done = record.last_line
        elif (row := _labelled_line(index, *lines[index])) is not None:
            rows.append(row)
    return rows


def _candidate_lines(text: str, lines: Sequence[tuple[int, str]]) -> list[int]:
    """The lines holding a word of `_ROW_WORD`, found by plain substring search (most lines hold none, and the
    text is scanned several times faster so than by the pattern)."""
    starts = [offset for offset, _ in lines]
    found: set[int] = set()
    for word in _ROW_LITERALS:
        pos = text.find(word)
        while pos >= 0:
            index = bisect_right(starts, pos) - 1
            found.add(index)
            pos = text.find(word, lines[index][0] + len(lines[index][1]))  # the next line
    return sorted(found)


def _labelled_line(index: int, offset: int, text: str) -> Row | None:
    """« [designation]   Qté 2   PU HT 3 150,00 €   Total HT 6 500,00 € » (or with single spaces, as a PDF's text
    layer gives it): a priced item when it names a quantity and a price, or a unit price and a total (not « TVA
    20 % : … — Total TTC : … », a totals line). The pairs follow each other to the line's end."""
    first = _PAIR.search(text)
    if first is None:
        return None
    values: dict[Role, Number] = {}
    pos = first.start()
    for m in _PAIR.finditer(text, first.start()):
        if text[pos : m.start()].strip(_BETWEEN):
            return None  # words between the values: not a row of labelled values
        role = role_of(m.group("label"))
        number = parse_number(m.group("value"), offset + m.start("value"))
        if role is None or role not in NUMBER_ROLES or number is None:
            return None
        values.setdefault(role, number)
        pos = m.end()
    if text[pos:].strip(_BETWEEN) or not _priced(values):
        return None
    end = offset + len(text.rstrip())
    return Row(index, index, index, offset, end, text[: first.start()].strip(), values)


def _record(lines: Sequence[tuple[int, str]], index: int) -> Row | None:
    """A block of « label : value » lines opened by its designation, with a price among its fields."""
    first = _FIELD.fullmatch(lines[index][1])
    if first is None or role_of(first.group("label")) != "designation":
        return None
    label = [first.group("value").strip()]
    values: dict[Role, Number] = {}
    payer: str | None = None
    line, last = None, index
    for k in range(index + 1, len(lines)):
        offset, text = lines[k]
        m = _FIELD.fullmatch(text)
        role = role_of(m.group("label")) if m else None
        if m is None or role is None:
            if values or not text.strip() or k - index >= _MAX_DESIGNATION_LINES or m is not None:
                break
            label.append(text.strip())  # the designation wrapped under its value
            last = k
            continue
        if role == "payer":
            payer = m.group("value").strip()
        elif role in NUMBER_ROLES:
            number = parse_number(m.group("value"), offset + m.start("value"))
            if number is None:
                break
            values.setdefault(role, number)
            if line is None and role in _PRICE_ROLES:
                line = k
        else:
            break
        last = k
    if line is None or not _priced(values, record=True):
        return None
    start = lines[index][0]
    end = lines[last][0] + len(lines[last][1].rstrip())
    return Row(line, index, last, start, end, " ".join(label), values, stacked=True, payer=payer)


def _priced(values: dict[Role, Number], record: bool = False) -> bool:
    """A quantity and a price, or a unit price and a total; a record's price alone (its designation says what)."""
    price = any(role in values for role in _PRICE_ROLES)
    return (
        ("quantity" in values and price)
        or ("unit_price" in values and "total_ht" in values)
        or (record and price)
    )
