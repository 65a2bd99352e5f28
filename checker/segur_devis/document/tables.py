"""Tables: a header row naming the columns, then rows whose numbers stand under those columns.

A header row is a line of cells without numbers, two or more of which name a column (Désignation, Qté, PU HT,
Total HT, TVA, TTC…); a header wrapped over two lines (« Total » above « HT ») is joined back. Each number of a
row goes to the column it stands under: in order when the row has as many numbers as the header has number
columns, else by position (laid-out text), else from the right (tab-separated text, or a row a long designation
pushed right of the whole header: there positions mean nothing).
Lines without numbers inside a table continue a row's designation: below it when they start in lower case (a
wrapped cell), else above the next row.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from segur_devis.document.cells import Cell, split_cells
from segur_devis.document.numbers import Number, parse_number
from segur_devis.document.totals import CARRIED_FORWARD, TTC_WORD
from segur_devis.normalize import fast, first_named, named_patterns

Role = Literal[
    "designation",
    "quantity",
    "unit_price",
    "total_ht",
    "tva_rate",
    "tva",
    "total_ttc",
    "state",
    "client",
    "payer",
    "other",
]
NUMBER_ROLES: tuple[Role, ...] = (
    "quantity", "unit_price", "total_ht", "tva_rate", "tva", "total_ttc", "state", "client", "other"
)  # fmt: skip

DESIGNATION_WORD = re.compile(
    r"\b(?:designation|description|libelle|prestations?|articles?|produits?|objet|intitule|detail|elements?|texte)\b"
)
# Header words, first match wins (order matters: « Total TTC » is TTC, not a total HT; « Taux TVA » a rate).
_ROLES: tuple[tuple[Role, re.Pattern[str]], ...] = named_patterns(
    [
        # « TVA % », « % TVA », « Taux TVA »: a rate; « TVA 20 % » names its rate and holds the TVA amounts.
        ("tva_rate", r"\btaux\b|\btva\b\D*%|%\D*\btva\b|^%$"),
        ("total_ttc", TTC_WORD),
        ("tva", r"\b(?:tva|taxes?)\b"),
        # « Prise en charge » / « Financement »: a column whose cells name who pays (« État », « Établissement »)
        (
            "payer",
            r"^(?:prise en(?: charge)?|prise? en charge par|financement|financeurs?|payeurs?|paye par)$",
        ),
        (
            "client",
            r"\bclient\b|charge (?:de l'|du |de la )|\breste a charge\b|\bvotre (?:charge|participation)\b",
        ),
        ("state", r"\betat\b|\bsons\b|\bfinance\w* par\b|\bpris en charge\b"),
        ("quantity", r"\b(?:qte|qt|qty|quantite|quant|nb|nbre|nombre)\b"),
        ("unit_price", r"\bp\.? ?u\b|\bunitaire\b|\bprix\b(?!.*\b(?:total|montant)\b)"),
        (
            "total_ht",
            r"\b(?:total|montant|sous-total)\b|\bval(?:\.|eur) (?:brute|nette)\b",
        ),  # ERP « Val. nette »
        ("designation", DESIGNATION_WORD.pattern),
        ("other", r"\b(?:remise|reference|ref|code|unite|duree|periodicite|frequence|ligne|n°)(?!\w)"),
    ]
)
RULE_LINE = re.compile(r"[\s|:+=_-]*[-=_][\s|:+=_-]*")  # « |---|:---:| », « +----+ », « ----- »
# A header names at least one column of numbers: one quick scan before reading every cell's role.
_NUMBER_COLUMN_WORD = fast(
    r"\bqt|\bquant|\bnb|\bnombre|\bprix|\bp\.? ?u\b|\bunitaire|\btotal|\bmontant|\bttc|\btva|\btaux"
    r"|\bht\b|\btaxe|\bclient|\betat\b|\bsons\b|\bcharge|\bremise|\bsous-total|\bfinance"
)
_CELL_MONEY = re.compile(r"\d,\d{2}(?! ?%)")
WRAPPED_HEADER_WORD = re.compile(r"(?:ht|ttc|h\.t\.|hors taxes?|unitaire|\(€\)|€|en €|%|tva|par)")
# A total or a summary ends a table's rows (it belongs to the totals block).
_TOTAL = re.compile(
    r"\b(?:sous-total|totale?|net a payer|montant (?:total|net)|reste a charge|valeur (?:nette|brute|ttc))\b"
)
# A total's label opens its cell (« Total HT », « Dont reste à charge », « Valeur nette totale HT »); « Prise en
# charge : État — reste à charge 0,00 » under a row's designation is that row's note.
_TOTAL_CELL = re.compile(
    r"\W*(?:[a-z.]+ ){0,2}(?:sous-total|totale?|net a payer|montant (?:total|net)|reste a charge|valeur (?:nette|brute|ttc))\b"
)


@dataclass(frozen=True, slots=True)
class Column:
    role: Role
    label: str  # folded
    left: int  # position in the line, in characters
    right: int


@dataclass(slots=True)
class Row:
    line: int  # index of the line holding the numbers
    first_line: int  # index of its first designation line
    last_line: int  # and of its last
    start: int  # folded span of the whole row, designation lines included
    end: int
    label: str  # folded designation, lines joined
    values: dict[Role, Number] = field(default_factory=dict)
    stacked: bool = False  # one cell per line: pasted so (`stacked.py`), or a record block (`labelled.py`)
    payer: str | None = (
        None  # folded text of its cell under a payer column (« Établissement », « ASP, pour l'État »)
    )
    discount: Decimal | None = None  # percent off its unit price (« Remise % » right of « PU HT »)

    def get(self, role: Role) -> Number | None:
        return self.values.get(role)


@dataclass(slots=True)
class Table:
    header_line: int
    header_start: int  # folded offsets of the header row
    header_end: int
    columns: list[Column]
    # « aligned »: columns by runs of spaces, positions tell them apart; « separated »: by tabs or pipes;
    # « spaced »: one space between everything (text copied from a PDF viewer), numbers read from the line's end;
    # « stacked »: one cell per line (`stacked.py`)
    layout: Literal["aligned", "separated", "spaced", "stacked"]
    rows: list[Row] = field(default_factory=list)

    def has(self, role: Role) -> bool:
        return any(c.role == role for c in self.columns)


def role_of(label: str) -> Role | None:
    return first_named(_ROLES, label)


def _header(cells: Sequence[Cell]) -> list[Column] | None:
    if len(cells) < 2 or any(parse_number(c.text) for c in cells):
        return None
    if any(c.text.startswith(":") for c in cells):
        return None  # « Payeur      : État (financement SONS) »: a field and its value, not column names
    roles = [role_of(c.text) for c in cells]
    named = [r for r in roles if r is not None]
    if len(named) < 2 or not any(r in NUMBER_ROLES for r in named):
        return None
    if any(len(c.text) > 40 for c in cells):
        return None  # sentences, not column names
    if any(_CELL_MONEY.search(c.text) for c in cells):
        return None  # « Qté 1 │ PU HT 3 900,00 │ Total HT 3 900,00 »: a row whose cells name their values
    return _before_discount(
        [Column(r or "other", c.text, c.column, c.right) for r, c in zip(roles, cells, strict=True)]
    )


_DISCOUNT = re.compile(r"\bremise\b")


def _before_discount(columns: list[Column]) -> list[Column]:
    """« Prix public HT | Remise % | Prix remisé HT »: a price left of a discount column is not the unit price the
    total is made of (the discounted one, right of it, is). Without a discounted price, the row's discount is
    applied to its unit price (`Row.discount`)."""
    discount = next(
        (k for k, c in enumerate(columns) if c.role == "other" and _DISCOUNT.search(c.label)), None
    )
    if discount is None or not any(c.role == "unit_price" for c in columns[discount + 1 :]):
        return columns
    return [
        Column("other", c.label, c.left, c.right) if k < discount and c.role == "unit_price" else c
        for k, c in enumerate(columns)
    ]


def _join_wrapped_header(columns: list[Column], cells: Sequence[Cell]) -> list[Column] | None:
    """« Total » above « HT »: the second line's short words, each under a column, complete those labels. Under a
    cell merged across two columns (« Prix » above « unitaire HT   total HT »), a word beside the column names a
    column of its own."""
    if not cells or not all(_wrapped_header_cell(c.text.strip()) for c in cells):
        return None
    joined = list(columns)
    for cell in cells:
        k = _under(columns, cell)
        if k is None:
            return None
        if min(columns[k].right, cell.right) <= max(columns[k].left, cell.column):
            role = role_of(cell.text)
            if role not in NUMBER_ROLES:
                return None
            joined.append(Column(role or "other", cell.text, cell.column, cell.right))
            continue
        label = f"{columns[k].label} {cell.text}"
        joined[k] = Column(
            role_of(label) or columns[k].role, label, columns[k].left, max(columns[k].right, cell.right)
        )
    return sorted(joined, key=lambda c: c.left)


def _wrapped_header_cell(text: str) -> bool:
    """« HT », « unitaire HT », « total HT »: short words ending a column's name, or naming a column of numbers."""
    return len(text) <= 25 and (
        all(WRAPPED_HEADER_WORD.fullmatch(w) for w in text.split()) or role_of(text) in NUMBER_ROLES
    )


def _join_tab_header(top: str, bottom: str) -> list[Column] | None:
    """« Désignation→Quantité→Prix→→Prise en charge » above « →→unitaire HT→total HT→ »: a spreadsheet's header
    over two lines, a cell merged across two columns (« Prix ») left empty on its right. Tab by tab, each column
    is its top word (or that of the merged cell on its left) and the word under it."""
    tops, bottoms = top.split("\t"), bottom.split("\t")
    if len(bottoms) > len(tops) or not any(b.strip() for b in bottoms):
        return None
    words = [b.strip() for b in bottoms if b.strip()]
    if any(
        len(w) > 25 or not (WRAPPED_HEADER_WORD.fullmatch(w) or role_of(w) in NUMBER_ROLES) for w in words
    ):
        return None  # a row's designation (« Prestation Ségur »), not the header's words
    cells, merged, pos = [], "", 0
    for k, word in enumerate(tops):
        merged = word.strip() or (merged if k < len(bottoms) and bottoms[k].strip() else "")
        label = f"{merged} {bottoms[k].strip() if k < len(bottoms) else ''}".strip()
        if label:
            cells.append(Cell(pos, pos + len(word), label, pos))
        pos += len(word) + 1
    return _header(cells)


def _under(columns: Sequence[Column], cell: Cell) -> int | None:
    """The column a cell stands under: the most overlap, else the nearest by centre."""
    best, best_overlap = None, 0
    for k, col in enumerate(columns):
        overlap = min(col.right, cell.right) - max(col.left, cell.column)
        if overlap > best_overlap:
            best, best_overlap = k, overlap
    if best is not None:
        return best
    centre = (cell.column + cell.right) / 2
    return min(range(len(columns)), key=lambda k: abs((columns[k].left + columns[k].right) / 2 - centre))


def _assign(
    columns: list[Column], numbers: list[tuple[Cell, Number]], tabbed: bool
) -> list[tuple[Column, Number]]:
    """Each number of a row with the column it stands under."""
    number_columns = [c for c in columns if c.role in NUMBER_ROLES]
    # a long designation pushed the row's numbers right of the whole header: their positions mean nothing
    overflow = bool(numbers) and numbers[-1][0].column >= columns[-1].right
    if len(numbers) == len(number_columns) or ((tabbed or overflow) and len(numbers) < len(number_columns)):
        under = number_columns[len(number_columns) - len(numbers) :]
        return [(col, number) for col, (_, number) in zip(under, numbers, strict=True)]
    pairs: list[tuple[Column, Number]] = []
    taken: set[int] = set()
    for cell, number in numbers:
        k = _under(number_columns, cell)
        if k is not None and k not in taken:
            taken.add(k)
            pairs.append((number_columns[k], number))
    return pairs


def _discount(columns: list[Column], pairs: list[tuple[Column, Number]]) -> Decimal | None:
    """The percent off a row's unit price, from a « Remise % » column right of the unit price column."""
    unit = next((k for k, c in enumerate(columns) if c.role == "unit_price"), None)
    for col, number in pairs:
        if _DISCOUNT.search(col.label) and (number.percent or "%" in col.label) and 0 <= number.value < 100:
            return number.value if unit is not None and columns.index(col) > unit else None
    return None


_WRAPPED_DIGITS = re.compile(r"\d{3}(?:[.,]\d{1,2})?")


def _wrapped_numbers(row: Row, columns: list[Column], numbers: list[tuple[Cell, Number]]) -> bool:
    """« 9 » above « 800,00 » in each column: amounts wrapped in narrow cells of a PDF. Joined back into the row."""
    number_columns = [c for c in columns if c.role in NUMBER_ROLES]
    if not numbers or not number_columns:
        return False
    joined: dict[Role, Number] = {}
    for cell, number in numbers:
        k = _under(number_columns, cell)
        role = number_columns[k].role if k is not None else None
        above = row.values.get(role) if role else None
        if role is None or above is None or above.value != above.value.to_integral() or above.value >= 1000:
            return False
        if not _WRAPPED_DIGITS.fullmatch(cell.text.strip()):
            return False
        joined[role] = Number(above.value * 1000 + number.value, number.percent, above.start, number.end)
    row.values.update(joined)
    return True


# Column names as a header copied with single spaces writes them, longest first.
_SPACED_LABEL = re.compile(
    r"(?:designation|description|libelle|prestations?|articles?|qte|quantite|qty|nb|"
    r"prix unitaire(?: ht)?|p\.? ?u\.?(?: ht)?|prix ht|total ht|montant ht|total ttc|montant ttc|taux(?: de)? tva"
    r"|tva(?: \(?%\)?)?|ttc|total|montant|remise|ref\.?|reference|prise en(?: charge)?|financement)(?=\s|$)"
)
_SPACED_SEPARATOR = re.compile(r"[\s|:€()]*")


def _spaced_header(text: str) -> list[Column] | None:
    """« Désignation Qté PU HT Total HT TVA TTC » with single spaces: the line must be column names only."""
    columns: list[Column] = []
    pos = _SPACED_SEPARATOR.match(text).end()  # type: ignore[union-attr]
    while pos < len(text):
        m = _SPACED_LABEL.match(text, pos)
        if m is None:
            return None
        role = role_of(m.group())
        columns.append(Column(role or "other", m.group(), m.start(), m.end()))
        pos = _SPACED_SEPARATOR.match(text, m.end()).end()  # type: ignore[union-attr]
    number_roles = [c for c in columns if c.role in NUMBER_ROLES]
    return columns if len(columns) >= 3 and len(number_roles) >= 2 else None


# Money written with cents ends at « ,dd »; a percentage at « % »: the chunks of a line's numbers.
_CHUNK = re.compile(r"(?:\d[\d ]*,\d{1,2}|\d+(?:,\d+)? ?%|\d+)(?: ?€| ?eur\b)?")
_MONEY = re.compile(r"(?:0|[1-9]\d{0,2}(?: \d{3})*|[1-9]\d*),\d{1,2}(?: ?€| ?eur)?")


# The second line of a header copied with single spaces (« Prix unitaire Montant Prise en » above « HT HT charge »).
_SPACED_WRAPPED_HEADER = re.compile(r"(?:(?:ht|ttc|h\.t\.|unitaire|charge|\(?€\)?|%)(?: |$))+")
# What a payer column's cells say (« État », « Établissement », « Client »…), folded.
PAYER_WORDS = r"(?:(?P<state>etat)|(?P<client>client|etablissement|structure|cabinet|pharmacie|officine|laboratoire|adherent|praticien|medecin))\b"
# The last cell of a row whose table ends with a payer column (« … 8 900,00 Établissement »).
_LAST_WORD = re.compile(r" +" + PAYER_WORDS + r"$")


def _spaced_cells(text: str, offset: int, columns: list[Column]) -> list[Cell]:
    """A line with single spaces: its label, then one cell per number at its end (« Lecteur 2 120,00 240,00 »).
    A chunk ending in cents may start with the quantity (« 2 120,00 » is 2 × 120,00 when a quantity is due)."""
    chunks = list(_CHUNK.finditer(text))
    end = len(text.rstrip())
    if columns[-1].role == "payer" and (word := _LAST_WORD.search(text, 0, end)):
        end = word.start()
    tail: list[tuple[int, int]] = []
    for m in reversed(chunks):
        if m.end() < end and text[m.end() : end].strip():
            break
        start = m.start()
        if start > 0 and text[start - 1] != " ":
            # « MediCore DPI 7.3 » ending a designation: a version, whose « 3 » is no cell of its own (in
            # « DPI 12.2 1 62 400,00 », the digit groups after the version's are still the row's)
            glued = text.find(" ", start, m.end())
            if glued < 0:
                break
            tail.insert(0, (glued + 1, m.end()))
            break
        tail.insert(0, (start, m.end()))
        end = start
    if not tail:
        return [Cell(offset, offset + len(text.rstrip()), text.rstrip(), 0)] if text.strip() else []
    wanted = sum(1 for c in columns if c.role in NUMBER_ROLES)
    start, stop = tail[0]
    first = text[start:stop]
    if "," in first and " " in first:
        # the money is the longest run of digit groups before the cents that reads as one amount; the group before
        # it is the quantity when one is due, the groups before that end the label (« … DPI 12.2 1 62 400,00 »)
        tokens = [(start + m.start(), start + m.end()) for m in re.finditer(r"\S+", first)]
        qty_due = len(tail) < wanted
        k = next(
            (k for k in range(int(qty_due), len(tokens)) if _MONEY.fullmatch(text[tokens[k][0] : stop])), None
        )
        if k is not None and k > 0:
            tail[0:1] = [tokens[k - 1], (tokens[k][0], stop)] if qty_due else [(tokens[k][0], stop)]
    label = text[: tail[0][0]].rstrip()
    cells = [Cell(offset, offset + len(label), label, 0)] if label.strip() else []
    return cells + [Cell(offset + a, offset + b, text[a:b], a) for a, b in tail]


def _payer_text(columns: list[Column], cells: Sequence[Cell], tabbed: bool) -> str | None:
    """The text of a row's cell under the payer column: by rank when cells are separated (the last column when
    empty cells were dropped), else by position."""
    k = next((k for k, c in enumerate(columns) if c.role == "payer"), None)
    if k is None:
        return None
    if not tabbed:
        cell = next((c for c in cells if _under(columns, c) == k), None)
    elif len(cells) == len(columns) or k == len(columns) - 1:
        cell = cells[k - len(columns)]
    else:
        cell = None
    return cell.text if cell is not None and parse_number(cell.text) is None else None


def _line_number(table: Table, cells: Sequence[Cell], cell: Cell) -> bool:
    """A row's number (« 1 », « 2 ») in a « Ligne » / « N° » column left of the designation column, with the
    designation after it: it numbers the row, it is not one of its values."""
    designation = next((c for c in table.columns if c.role == "designation"), None)
    return (
        designation is not None
        and cells[0] is cell
        and len(cells) > 1
        and cell.right <= designation.left
        and parse_number(cells[1].text) is None
        and _LINE_NUMBER.fullmatch(cell.text) is not None
    )


_LINE_NUMBER = re.compile(r"\d{1,3}\.?")
_NUMBERED = re.compile(
    r"[ \t]*\d{1,3}\.?(?:[ \t]*[|\t]|  )"
)  # a line opening with its row's number in a cell


def _table_resumes(lines: Sequence[tuple[int, str]], index: int) -> bool:
    """The next non-blank line after `index`, within two, has a tab or pipe table's separators again."""
    after = [text for _, text in lines[index + 1 : index + 4] if text.strip()][:1]
    return bool(after) and ("|" in after[0] or "\t" in after[0])


def _under_numbered_row(
    row: Row, index: int, lines: Sequence[tuple[int, str]], cells: Sequence[Cell], numbers: Sequence[object]
) -> bool:
    """A line right under a row that opens with its number (« 2 | Formation … »), with nothing under that number
    and no number of its own in the table's columns: the row's designation wrapped in its cell, whatever its case
    (« | (1 j × 900,00 € HT, sur site) »)."""
    if numbers or not cells or index != row.last_line + 1 or not _NUMBERED.match(lines[row.line][1]):
        return False
    opening = split_cells(lines[row.line][1])
    return (
        len(opening) > 1
        and _LINE_NUMBER.fullmatch(opening[0].text) is not None
        and cells[0].column >= opening[1].column - 2
    )


def _continues(cell: Cell, starts_lower: Callable[[int], bool]) -> bool:
    """A designation line that goes on from the row above: it starts in lower case, or is a bracketed remark
    starting in lower case (« (prise en charge par l'État : droits d'usage, …) »)."""
    bracket = 1 if cell.text.startswith("(") else 0
    return starts_lower(cell.start + bracket)


def _close(table: Table | None, pending: list[int], lines: Sequence[tuple[int, str]]) -> None:
    """At the end of a table, lines left waiting for a row that never came, right under the last row and within
    its designation column, are that cell wrapped below its numbers (« Prestation Ségur │ 1 │ 128 000,00 € »
    then « HOP-DPI-Va2 et », « HOP-PFI-Va2 » in a PDF's narrow cell)."""
    if table is None or not table.rows or not pending or table.layout != "aligned":
        return
    row = table.rows[-1]
    first_number = min((c.left for c in table.columns if c.role in NUMBER_ROLES), default=0)
    for index in pending:
        offset, text = lines[index]
        if index != row.last_line + 1 or len(text.rstrip()) >= first_number:
            return
        row.last_line = index
        row.end = offset + len(text.rstrip())
        row.label = f"{row.label} {text.strip()}"


def find_tables(lines: Sequence[tuple[int, str]], starts_lower: Callable[[int], bool]) -> list[Table]:
    """The tables of a text given as (folded offset, folded line) pairs, in order; `starts_lower(offset)` tells
    whether the original text has a lower-case letter there (the folded text is all lower case)."""
    tables: list[Table] = []
    table: Table | None = None
    pending: list[int] = []  # designation lines waiting for their row
    blanks = 0
    for index, (offset, text) in enumerate(lines):
        blanks_before = blanks
        if not text.strip():
            blanks += 1
            if blanks >= 3:
                _close(table, pending, lines)
                table, pending = None, []
            continue
        blanks = 0
        if RULE_LINE.fullmatch(text):
            continue  # « |---|:---:| » under a header, « ------ » between parts
        one_cell = "  " not in text and "\t" not in text and "|" not in text
        if table is None and one_cell:
            if _NUMBER_COLUMN_WORD.search(text) and (columns := _spaced_header(text)) is not None:
                table = Table(index, offset, offset + len(text), columns, "spaced")
                tables.append(table)
                pending = []
            continue  # a line of one cell is no aligned header: no other table starts here
        spaced = table is not None and table.layout == "spaced" and one_cell
        cells = _spaced_cells(text, offset, table.columns) if spaced and table else split_cells(text, offset)
        if (
            table is not None
            and not table.rows
            and not pending
            # right under the header, or after one blank line (a PDF's extraction spaces a header's lines)
            and (index == table.header_line + 1 or (index == table.header_line + 2 and blanks_before == 1))
        ):
            if spaced and _SPACED_WRAPPED_HEADER.fullmatch(text.strip()):
                continue  # « HT HT charge »: the header's words wrapped, its columns are already known
            header_text = lines[table.header_line][1]
            joined = (
                _join_tab_header(header_text, text) if "\t" in text and "\t" in header_text else None
            ) or _join_wrapped_header(table.columns, cells)
            if joined is not None:
                table.columns = joined
                continue
        if _NUMBER_COLUMN_WORD.search(text) and (columns := _header(cells)) is not None:
            _close(table, pending, lines)
            table = Table(
                index,
                offset,
                offset + len(text),
                columns,
                "separated" if "\t" in text or "|" in text else "aligned",
            )
            tables.append(table)
            pending = []
            continue
        if table is None:
            continue
        if table.layout == "separated" and "\t" not in text and "|" not in text:
            row = table.rows[-1] if table.rows else None
            if (
                row is not None
                and index == row.last_line + 1
                and not pending
                and _table_resumes(lines, index)
            ):
                # a PDF's cell wrapped below its row, out of the table's separators, the next row after it
                row.last_line, row.end = index, offset + len(text.rstrip())
                row.label = f"{row.label} {text.strip()}"
                continue
            table, pending = None, []  # a tab or pipe table ends at the first line without its separators
            continue
        # A number under the designation column is text of the designation (« 5 ans » wrapped in its cell).
        tabbed = "\t" in text or "|" in text or spaced
        numbers = [
            (c, n)
            for k, c in enumerate(cells)
            if (n := parse_number(c.text, c.start)) is not None
            and (k > 0 if tabbed else table.columns[_under(table.columns, c) or 0].role != "designation")
        ]
        in_numbers = {id(c) for c, _ in numbers}
        label_cells = [c for c in cells if id(c) not in in_numbers]
        if numbers and _line_number(table, cells, numbers[0][0]):
            numbers = numbers[1:]  # « 1   Prestation Ségur …   1 480,00 »: the row's number, not a value
        if "report" in text and CARRIED_FORWARD.search(text):
            continue  # the sum carried from one page to the next: the rows go on
        if _TOTAL.search(text) and any(_TOTAL_CELL.match(c.text) for c in cells):
            _close(table, pending, lines)
            table, pending = None, []  # the totals block: the rows are over
            continue
        previous = table.rows[-1] if table.rows else None
        if (
            previous is not None
            and not pending
            and _under_numbered_row(previous, index, lines, cells, numbers)
        ):
            previous.last_line = (
                index  # « 1 | Prestation … » then « | MédiPlus 12.1, … »: the row's cell wrapped
            )
            previous.end = offset + len(text.rstrip())
            previous.label = f"{previous.label} {' '.join(c.text for c in label_cells)}"
            continue
        lower = bool(label_cells) and _continues(label_cells[0], starts_lower)
        if (
            previous is not None
            and index == previous.line + 1
            and _wrapped_numbers(previous, table.columns, numbers)
        ):
            numbers = []
        if not numbers:
            if previous is not None and not pending and lower and index - previous.last_line <= 2:
                previous.last_line = index
                previous.end = offset + len(text)
                previous.label = f"{previous.label} {text.strip()}"
            elif len(pending) < 8:
                pending.append(index)
            else:
                _close(table, pending, lines)
                table, pending = None, []  # prose: the table is over
            continue
        # Numbers inside the designation (« Formation 2 jours ») stay in it: only cells right of the label count.
        first_number = numbers[0][0].column
        label = " ".join(
            [lines[i][1].strip() for i in pending] + [c.text for c in label_cells if c.column < first_number]
        )
        start = lines[pending[0]][0] if pending else offset
        pairs = _assign(table.columns, numbers, tabbed)
        values: dict[Role, Number] = {}
        for col, number in pairs:
            values.setdefault(col.role, number)
        first_line = pending[0] if pending else index
        payer = _payer_text(table.columns, cells, tabbed)
        table.rows.append(
            Row(
                index,
                first_line,
                index,
                start,
                offset + len(text),
                label,
                values,
                payer=payer,
                discount=_discount(table.columns, pairs),
            )
        )
        pending = []
    _close(table, pending, lines)
    return tables
