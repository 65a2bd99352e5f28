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
from segur_devis.document.tables import NUMBER_ROLES, Column, Role, Row, Table, role_of

# A cell that holds no amount but stands in a number column: included, free, not applicable, a dash.
NO_AMOUNT = re.compile(r"(?:inclus\w*|compris\w*|offert\w*|gratuit\w*|n/a|n\.a\.|neant|sans objet|[-—–/])")
_TOTAL = re.compile(r"\b(?:sous-total|total|net a payer|montant total|reste a charge)\b")
_MAX_HEADER_CELL = 25
_MAX_DESIGNATION_LINES = 3
_MAX_OTHER_CELL = 20  # « forfait », « par mois », « une fois » under a « Unité » or « Périodicité » column


def find_stacked_tables(lines: Sequence[tuple[int, str]]) -> list[Table]:
    """The tables written one cell per line in a text given as (folded offset, folded line) pairs."""
    cells = [
        Cell(offset + len(text) - len(text.lstrip()), offset + len(text.rstrip()), text.strip(), index)
        for index, (offset, text) in enumerate(lines)
        if text.strip()
    ]  # one cell per non-blank line; `column` holds the line's index
    tables: list[Table] = []
    k = 0
    while k < len(cells):
        columns = _header(cells, k)
        if columns is None:
            k += 1
            continue
        first, last = cells[k], cells[k + len(columns) - 1]
        table = Table(last.column, first.start, last.end, columns, "stacked")
        k = _read_rows(table, cells, k + len(columns))
        if table.rows:
            tables.append(table)
    return tables


def _header(cells: Sequence[Cell], k: int) -> list[Column] | None:
    """The columns named by the run of cells from `k`: short, without digits, each a column name, none twice
    (but « other »); a designation and two number columns at least."""
    columns: list[Column] = []
    for cell in cells[k:]:
        if len(cell.text) > _MAX_HEADER_CELL or any(ch.isdigit() for ch in cell.text) or "  " in cell.text:
            break
        role = role_of(cell.text)
        if role is None or (role != "other" and any(c.role == role for c in columns)):
            break
        if columns and cell.column - cells[k + len(columns) - 1].column > 2:
            break  # more than a blank line between two names: not one header
        columns.append(Column(role, cell.text, 0, 0))
    numbers = sum(c.role in NUMBER_ROLES and c.role != "other" for c in columns)
    if len(columns) < 3 or numbers < 2 or not any(c.role == "designation" for c in columns):
        return None
    return columns


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
        values: list[Cell] = []
        remaining = after[len(others) :]
        while (
            k < len(cells)
            and len(values) < len(remaining)
            and cells[k].column - (values[-1] if values else texts[-1]).column <= 2
        ):
            cell = cells[k]
            column = remaining[len(values)]
            if not _is_value(cell.text) and not (
                column.role == "other" and len(cell.text) <= _MAX_OTHER_CELL
            ):
                break
            if not _is_value(cell.text) and not _value_follows(cells, k):
                break  # a short line, then text: the next row's designation, not this row's cell
            values.append(cell)
            k += 1
        if not values:
            return start  # text that fits no row: the table is over
        # A viewer drops empty cells: the cells read fill the right-most columns.
        row_cells += list(zip(remaining[len(remaining) - len(values) :], values, strict=True))
        table.rows.append(_row(label, row_cells, values))
    return k


def _value_follows(cells: Sequence[Cell], k: int) -> bool:
    return k + 1 >= len(cells) or _is_value(cells[k + 1].text)


def _row(label: Sequence[Cell], row_cells: Sequence[tuple[Column, Cell]], values: Sequence[Cell]) -> Row:
    numbers: dict[Role, Number] = {}
    for column, cell in row_cells:
        number = parse_number(cell.text, cell.start)
        if number is not None and column.role in NUMBER_ROLES:
            numbers.setdefault(column.role, number)
    first = min([label[0], *(c for _, c in row_cells)], key=lambda c: c.start)
    last = max([label[-1], *values], key=lambda c: c.start)
    return Row(
        values[0].column,
        first.column,
        last.column,
        first.start,
        last.end,
        " ".join(c.text for c in label),
        numbers,
        stacked=True,
    )
