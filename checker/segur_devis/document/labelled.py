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
from collections.abc import Sequence

from segur_devis.document.cells import split_cells
from segur_devis.document.numbers import Number, parse_number
from segur_devis.document.tables import NUMBER_ROLES, Role, Row, role_of

# « PU HT 3 150,00 € », « Quantité : 1 »: a label (no digit), then the value.
_LABELLED = re.compile(r"(?P<label>[^\d:]{1,30}?)\s*:?\s*(?P<value>-?(?:€ ?)?\d.*)")
# A cell separator besides runs of spaces: the dashes of « Quantité 1 — Prix unitaire HT … ».
_DASH = re.compile(r" [-—–] ")  # folded text writes dashes « - »
# « Désignation : … », « Payeur : … »: a record's field of text, its label before the colon.
_FIELD = re.compile(r"[ \t]*(?P<label>[a-z][a-z. ]{1,25}?)[ \t]*:[ \t]*(?P<value>\S.*)")
_PRICE_ROLES: tuple[Role, ...] = ("total_ht", "unit_price", "total_ttc")
_MAX_DESIGNATION_LINES = 4


def find_labelled_rows(lines: Sequence[tuple[int, str]]) -> list[Row]:
    """The rows of a text given as (folded offset, folded line) pairs, outside tables, in order."""
    rows: list[Row] = []
    index = 0
    while index < len(lines):
        record = _record(lines, index)
        if record is not None:
            rows.append(record)
            index = record.last_line + 1
            continue
        offset, text = lines[index]
        if (row := _labelled_line(index, offset, text)) is not None:
            rows.append(row)
        index += 1
    return rows


def _labelled_line(index: int, offset: int, text: str) -> Row | None:
    """« [designation]   Qté 2   PU HT 3 150,00 €   Total HT 6 500,00 € »: a priced item when it names a quantity
    and a price, or a unit price and a total (not « TVA 20 % : … — Total TTC : … », a totals line)."""
    if not any(c.isdigit() for c in text):
        return None
    values: dict[Role, Number] = {}
    label_end = None
    for cell in split_cells(_DASH.sub("   ", text), offset):
        m = _LABELLED.fullmatch(cell.text)
        role = role_of(m.group("label").strip()) if m else None
        number = parse_number(m.group("value"), cell.start + m.start("value")) if m else None
        if role is None or role not in NUMBER_ROLES or number is None:
            if values:
                return None  # a cell of words after the values: not a row of labelled values
            continue
        if label_end is None:
            label_end = cell.start
        values.setdefault(role, number)
    if label_end is None or not _priced(values):
        return None
    end = offset + len(text.rstrip())
    return Row(index, index, index, offset, end, text[: label_end - offset].strip(), values)


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
