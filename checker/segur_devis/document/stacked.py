"""Tables pasted one cell per line, as Firefox's and Chrome's PDF viewers often copy them: « Désignation »,
« Qté », « PU HT », « Total HT » each on its own line, then each row's cells, one a line.

The header is a run of short lines that each name a column. A row is then its designation (one to three lines: a
wrapped cell), then one line per column after it: a number, or a word that stands for no amount (« Inclus »,
« Offert », « N/A »). A viewer drops empty cells, so a row with fewer cells than columns fills the right-most
ones (a missing quantity is the usual case). A total, or a line that fits no row, ends the table.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from segur_devis.document.cells import Cell
from segur_devis.document.numbers import Number, parse_number
from segur_devis.document.tables import (
    DESIGNATION_WORD,
    NUMBER_ROLES,
    WRAPPED_HEADER_WORD,
    Column,
    Role,
    Row,
    Table,
    role_of,
)

# A cell that holds no amount but stands in a number column: included, free, not applicable, a dash.
NO_AMOUNT = re.compile(r"(?:inclus\w*|compris\w*|offert\w*|gratuit\w*|n/a|n\.a\.|neant|sans objet|[-—–/])")
_UNIT_ONLY = re.compile(r"(?:€|eur|euros)(?: ?(?:ht|ttc))?|ht|ttc")
_TOTAL = re.compile(r"\b(?:sous-total|total|net a payer|montant total|reste a charge)\b")
_MAX_HEADER_CELL = 25
_MAX_DESIGNATION_LINES = 3
_MAX_OTHER_CELL = 20  # « forfait », « par mois », « une fois » under a « Unité » or « Périodicité » column


def find_stacked_tables(lines: Sequence[tuple[int, str]]) -> list[Table]:
    """The tables written one cell per line in a text given as (folded offset, folded line) pairs."""
    # A header has a short line naming the designation column, first or after a « N° » or « Réf » or two: only
    # there can one start (one quick pass, most texts have none).
    named = [
        i
        for i, (_, text) in enumerate(lines)
        if len(text) <= 2 * _MAX_HEADER_CELL
        and len(text.strip()) <= _MAX_HEADER_CELL
        and DESIGNATION_WORD.search(text)
    ]
    if not named:
        return []
    starts = {i - before for i in named for before in range(3)}
    from_line = max(0, min(starts))
    cells = [
        Cell(offset + len(text) - len(text.lstrip()), offset + len(text.rstrip()), text.strip(), index)
        for index, (offset, text) in enumerate(lines[from_line:], from_line)
        if text.strip()
    ]  # one cell per non-blank line; `column` holds the line's index
    tables: list[Table] = []
    k = 0
    while k < len(cells):
        header = _header(cells, k) if cells[k].column in starts else None
        if header is None:
            k += 1
            continue
        columns, count = header
        first, last = cells[k], cells[k + count - 1]
        table = Table(last.column, first.start, last.end, columns, "stacked")
        k = _read_rows(table, cells, k + count)
        if table.rows:
            tables.append(table)
    return tables


def _header(cells: Sequence[Cell], k: int) -> tuple[list[Column], int] | None:
    """The columns named by the run of cells from `k`, and how many cells they take: short, without digits, each
    a column name, none twice (but « other »), a word such as « HT » completing the name above it; a designation
    and two number columns at least."""
    columns: list[Column] = []
    end = k
    for cell in cells[k:]:
        if len(cell.text) > _MAX_HEADER_CELL or any(ch.isdigit() for ch in cell.text) or "  " in cell.text:
            break
        if end > k and cell.column - cells[end - 1].column > 2:
            break  # more than a blank line between two names: not one header
        if (
            columns
            and WRAPPED_HEADER_WORD.fullmatch(cell.text)
            and role_of(cell.text) in (None, columns[-1].role)  # « TVA » after « Total HT » is a column
        ):
            label = f"{columns[-1].label} {cell.text}"  # « Total » above « HT »
            columns[-1] = Column(role_of(label) or columns[-1].role, label, 0, 0)
        else:
            role = role_of(cell.text)
            if role is None or (role != "other" and any(c.role == role for c in columns)):
                break
            columns.append(Column(role, cell.text, 0, 0))
        end += 1
    designation = next((i for i, c in enumerate(columns) if c.role == "designation"), None)
    if designation is None:
        return None
    numbers = sum(c.role in NUMBER_ROLES and c.role != "other" for c in columns[designation + 1 :])
    if len(columns) < 3 or numbers < 2:
        return None  # the amounts stand after the designation, as in every quote
    return columns, end - k


def _is_value(text: str) -> bool:
    return parse_number(text) is not None or NO_AMOUNT.fullmatch(text) is not None


def _read_rows(table: Table, cells: Sequence[Cell], k: int) -> int:
    """Rows from cell `k` on, appended to `table`; returns the index of the first cell after the table."""
    columns = table.columns
    designation = next(i for i, c in enumerate(columns) if c.role == "designation")
    before, after = columns[:designation], columns[designation + 1 :]
    # « Périodicité » right after the designation: its text cells come before the first number
    lead_text = next((i for i, c in enumerate(after) if c.role != "other"), len(after))
    while k < len(cells):
        start = k
        row_cells: list[tuple[Column, Cell]] = []
        for column in before:  # « N° » / « Réf » before the designation
            if k < len(cells) and _is_value(cells[k].text):
                row_cells.append((column, cells[k]))
                k += 1
        texts: list[Cell] = []
        while (
            k < len(cells)
            and len(texts) < _MAX_DESIGNATION_LINES + lead_text
            and not _is_value(cells[k].text)
            and not _TOTAL.search(cells[k].text)
            and (not texts or cells[k].column - texts[-1].column <= 2)
        ):
            texts.append(cells[k])
            k += 1
        if not texts:
            return start
        wrapped = max(1, len(texts) - lead_text)
        label, others = texts[:wrapped], texts[wrapped:]
        row_cells += list(zip(after, others, strict=False))
        remaining = after[len(others) :]
        values, ends = _values(cells, k, texts[-1].column, remaining)
        if not values:
            return start  # text that fits no row: the table is over
        values, ends = _wrapped_thousands(values, ends, len(remaining))
        del values[len(remaining) :]
        if not values:
            return start
        k = ends[len(values) - 1]
        # A viewer drops empty cells: the cells read fill the right-most columns.
        row_cells += list(zip(remaining[len(remaining) - len(values) :], values, strict=True))
        table.rows.append(_row(label, row_cells, values, cells[k - 1].column))
    return k


def _values(
    cells: Sequence[Cell], k: int, line: int, columns: Sequence[Column]
) -> tuple[list[Cell], list[int]]:
    """The value cells of a row from cell `k` (its designation ending on `line`), each with the index of the cell
    after it: numbers and words standing for no amount, a unit wrapped below its amount joined to it, a short text
    under an « other » column."""
    values: list[Cell] = []
    ends: list[int] = []
    while k < len(cells) and cells[k].column - line <= 2:
        cell = cells[k]
        if values and _UNIT_ONLY.fullmatch(cell.text):
            values[-1] = _joined(values[-1], cell)  # « 2 950,00 » above « € »: wrapped in its narrow cell
        elif _is_value(cell.text) or (
            len(values) < len(columns)
            and columns[len(values)].role == "other"
            and len(cell.text) <= _MAX_OTHER_CELL
            and _value_follows(cells, k)
        ):
            values.append(cell)
        else:
            break
        line = cell.column
        k += 1
        ends[len(values) - 1 :] = [k]
    return values, ends


_THOUSANDS = re.compile(r"-?\d{1,3}")
_GROUP = re.compile(r"\d{3}(?:[.,]\d{1,2})?")


def _wrapped_thousands(values: list[Cell], ends: list[int], wanted: int) -> tuple[list[Cell], list[int]]:
    """« 2 » above « 950,00 »: an amount wrapped at its thousands in a narrow cell, when the row has more cells
    than columns. Joined from the right, where the totals stand."""
    values, ends = list(values), list(ends)
    i = len(values) - 2
    while len(values) > wanted and i >= 0:
        high, low = values[i], values[i + 1]
        if _THOUSANDS.fullmatch(high.text) and _GROUP.fullmatch(low.text):
            values[i : i + 2] = [Cell(high.start, low.end, f"{high.text} {low.text}", high.column)]
            del ends[i]
        i -= 1
    return values, ends


def _joined(value: Cell, unit: Cell) -> Cell:
    """A value and the unit wrapped below it: the value's text and line, spanning both lines."""
    return Cell(value.start, unit.end, value.text, value.column)


def _value_follows(cells: Sequence[Cell], k: int) -> bool:
    return k + 1 >= len(cells) or _is_value(cells[k + 1].text)


def _row(
    label: Sequence[Cell], row_cells: Sequence[tuple[Column, Cell]], values: Sequence[Cell], last_line: int
) -> Row:
    numbers: dict[Role, Number] = {}
    for column, cell in row_cells:
        number = parse_number(cell.text, cell.start)
        if number is not None and column.role in NUMBER_ROLES:
            numbers.setdefault(column.role, number)
    first = min([label[0], *(c for _, c in row_cells)], key=lambda c: c.start)
    end = max(c.end for c in [label[-1], *values])
    return Row(
        values[0].column,
        first.column,
        last_line,
        first.start,
        end,
        " ".join(c.text for c in label),
        numbers,
        stacked=True,
    )
