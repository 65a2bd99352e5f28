"""A rules: the sums of the quote add up (quantity × unit price, HT + TVA = TTC)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal

from segur_devis.amounts import Amount, format_euros
from segur_devis.document import Row, TotalEntry
from segur_devis.quote import LEGAL_LINE, SUMMARY_LINE, Line, Quote, payer_of
from segur_devis.rules.base import Hit, rule

_CENT = Decimal("0.01")
_TOLERANCE = Decimal("0.05")  # rounding of cents line by line
_QUANTITY_BEFORE = re.compile(
    r"(?:^|[\s|])(?P<qty>\d{1,4}(?:,\d+)?)\s*(?:x|u|unites?|j|jours?|h|heures?|licences?|postes?|sites?|mois)?[\s|]*$"
)
# « Qté 3   PU 2 100,00   Total 7 300,00 »: labelled fields on one line; the word « Total » makes the line look
# like a total, the labels say it is a priced item.
_LABELLED_QUANTITY = re.compile(
    r"\bq(?:te|uantite)\s*:?\s*(?P<qty>\d{1,4}(?:,\d+)?)\s+(?:p\.?\s?u\.?|prix unitaire)(?: ht)?\s*:?\s*$"
)
_TTC = re.compile(r"\bttc\b")
_TVA = re.compile(r"\btva\b")


@rule(
    "A01",
    "warning",
    "Total de ligne différent de quantité × prix unitaire",
    fix="Demandez à l’éditeur de corriger le calcul de la ligne (quantité × prix unitaire = total).",
    source="seed-002",
    locator="Exemples de devis (colonnes Qté, Prix unitaire HT, Total HT)",
    bad="""
        Devis n° 8 — Prestation Ségur HOP-PFI-Va1
        Formation hors Ségur (option)   3   450,00 €   1 450,00 €
    """,
    good="""
        Devis n° 8 — Prestation Ségur HOP-PFI-Va1
        Formation hors Ségur (option)   3   450,00 €   1 350,00 €
    """,
)
def line_total(quote: Quote) -> Iterator[Hit]:
    """
    Une erreur de calcul sur une ligne change ce que vous paierez ou ce que l’État paiera. Elle est souvent
    involontaire, mais elle doit être corrigée avant la signature.
    """
    rows = quote.rows_by_line
    for line in quote.lines:
        row = rows.get(line.index)
        if row is not None:
            yield from _row_total(quote, row)
        elif len(line.amounts) == 2 and (not line.is_total or _labelled_quantity(line)):
            yield from _priced_line_total(line)


def _row_total(quote: Quote, row: Row) -> Iterator[Hit]:
    """Quantity × unit price = total HT, read from the columns of a table row."""
    qty, unit, total = row.get("quantity"), row.get("unit_price"), row.get("total_ht")
    if qty is None or unit is None or total is None or qty.percent or unit.percent or qty.value <= 0:
        return
    price = unit.value if row.discount is None else unit.value * (100 - row.discount) / 100
    expected = (qty.value * price).quantize(_CENT)
    if abs(expected - total.value) > _TOLERANCE:
        written = quote.original[slice(*quote.span(qty.start, qty.end))].strip()
        yield Hit(
            f"{written} × {format_euros(unit.value)}{_less(row.discount)} font {format_euros(expected)}, "
            f"pas {format_euros(total.value)}.",
            (row.start, row.end) if row.end - row.start <= 400 else (qty.start, total.end),
        )


def _less(discount: Decimal | None) -> str:
    """« moins 10 % », the row's discount as its column says it."""
    return f" moins {str(discount).replace('.', ',')} %" if discount else ""


def _priced_line_total(line: Line) -> Iterator[Hit]:
    """Outside a table: « 3   450,00 €   1 450,00 € », a quantity then exactly a unit price and a total."""
    unit, total = line.amounts
    m = _QUANTITY_BEFORE.search(line.text, 0, unit.start - line.start) or _labelled_quantity(line)
    if not m:
        return
    qty = Decimal(m.group("qty").replace(",", "."))
    expected = (qty * unit.value).quantize(_CENT)
    if qty > 0 and abs(expected - total.value) > _TOLERANCE:
        yield Hit(
            f"{m.group('qty')} × {format_euros(unit.value)} font {format_euros(expected)}, "
            f"pas {format_euros(total.value)}.",
            (line.start + m.start("qty"), total.end),
        )


def _labelled_quantity(line: Line) -> re.Match[str] | None:
    return _LABELLED_QUANTITY.search(line.text, 0, line.amounts[0].start - line.start)


@rule(
    "A02",
    "warning",
    "Montant TTC différent du HT augmenté de la TVA",
    fix="Demandez à l’éditeur de corriger les totaux : TTC = HT + TVA, et TVA = HT × taux.",
    source="seed-002",
    locator="Exemples de devis (Total HT, TVA, Total TTC)",
    bad="""
        Devis n° 8 — Prestation Ségur HOP-PFI-Va1   8 560 € HT
        Total TTC (TVA 20,00%)   10 372,00 €
    """,
    good="""
        Devis n° 8 — Prestation Ségur HOP-PFI-Va1   8 560 € HT
        Total TTC (TVA 20,00%)   10 272,00 €
    """,
)
def tax_totals(quote: Quote) -> Iterator[Hit]:
    """
    Le montant TTC est celui qui est réellement facturé. S’il ne correspond pas au HT augmenté de la TVA, le devis
    est faux quelque part, et vous ne savez pas quel montant fait foi.
    """
    tax_columns = False  # a table header announcing HT / TVA / TTC columns
    # The items' HT since the last TTC total, in parts: a table or a statement of the State's amount starts a new
    # part, and a total TTC may cover only the last parts (« Total TTC hors Ségur » after the State's part).
    parts = [Decimal(0)]
    total_ht: Decimal | None = None
    tva: Decimal | None = None
    rate: Decimal | None = None
    rows = quote.rows_by_line
    headers = {table.header_line for table in quote.tables}
    entries: dict[int, list[TotalEntry]] = {}
    for entry in quote.totals:
        entries.setdefault(entry.line, []).append(entry)
    wrapped = {i for row in rows.values() for i in range(row.first_line, row.last_line + 1) if i != row.line}
    wrapped |= {tail.index for item in quote.items for tail in item.tail} | quote.restated_lines
    yield from _table_sums(quote)
    for line in quote.lines:
        text = line.text
        if line.index in headers and parts[-1]:
            parts.append(Decimal(0))
        if line.index in wrapped:
            continue  # « (1 j × 900,00 € HT) » in a row's designation: the row's total counts, not its words
        row = rows.get(line.index)
        if row is not None:
            yield from _row_tax(row)
            ht_value = row.get("total_ht")
            if ht_value is not None and not line.is_unticked:  # an unticked option is not ordered
                parts[-1] += ht_value.value
            continue
        if not line.amounts:
            tax_columns = tax_columns or bool(_TVA.search(text) and _TTC.search(text))
            continue
        if (price := line.taxed_price) is not None:
            # « Formation … : 960,00 € HT — TVA 192,00 € — TTC 1 152,00 € »: an item (or a part's summary) and its tax
            if len(taxes := line.amounts[price:]) == 2:  # TVA and TTC in either order: the TTC is the larger
                its_tva, its_ttc = sorted(taxes, key=lambda a: a.value)
                yield from _check_triplet(line.amounts[price - 1], its_tva, its_ttc, tax_columns=True)
            if line.index not in quote.part_summaries:
                parts[-1] += line.amounts[price - 1].value
            continue
        if len(line.amounts) == 3 and not line.is_total:
            yield from _check_triplet(*line.amounts, tax_columns=tax_columns)
            continue
        if SUMMARY_LINE.search(text):
            parts.append(Decimal(0))
            continue
        if LEGAL_LINE.search(text):
            continue
        if not line.is_total:
            if not line.is_unticked:
                parts[-1] += line.amounts[-1].value
            continue
        for entry in _with_part_totals(entries.get(line.index, [])):
            value = entry.amount.value
            bases = [total_ht] if total_ht is not None else _suffix_sums(parts)
            ht = bases[0]
            if entry.kind == "total_ttc":
                rate = entry.rate or rate
                if tva is not None:
                    expected = [b + tva for b in bases]
                elif rate is not None:
                    expected = [b * (1 + rate) for b in bases]
                else:
                    expected = []
                if ht > 0 and expected and all(abs(e.quantize(_CENT) - value) > _TOLERANCE for e in expected):
                    yield Hit(
                        f"{format_euros(ht)} HT plus la TVA font {format_euros(expected[0].quantize(_CENT))} TTC, "
                        f"pas {format_euros(value)}.",
                        line.extent,
                    )
                parts, total_ht, tva, rate = [Decimal(0)], None, None, None
            elif entry.kind == "tva":
                tva, rate = value, entry.rate
                if (
                    rate is not None
                    and ht > 0
                    and all(abs((b * rate).quantize(_CENT) - tva) > _TOLERANCE for b in bases)
                ):
                    yield Hit(
                        f"La TVA à {_percent(rate)} sur {format_euros(ht)} HT fait "
                        f"{format_euros((ht * rate).quantize(_CENT))}, pas {format_euros(tva)}.",
                        line.extent,
                    )
            elif entry.kind == "total_ht":
                total_ht = value


def _with_part_totals(entries: list[TotalEntry]) -> list[TotalEntry]:
    """« Total financé par l'État : 1 180,00 € HT (TVA 20 % 236,00 € — TTC 1 416,00 €) »: a payer's part stated
    with its own TVA and TTC on its line is the HT those are made of."""
    if not any(e.kind in ("tva", "total_ttc") for e in entries):
        return entries
    return [
        replace(e, kind="total_ht") if e.kind == "state_total" and e is entries[0] else e for e in entries
    ]


def _suffix_sums(parts: list[Decimal]) -> list[Decimal]:
    """The sums of the last parts, all of them first: the HT a total may cover."""
    return [sum(parts[k:], Decimal(0)) for k in range(len(parts)) if parts[k] or k == 0]


def _row_tax(row: Row) -> Iterator[Hit]:
    """HT + TVA = TTC and TVA = HT × rate, read from the columns of a table row."""
    ht, tva, ttc = row.get("total_ht"), row.get("tva"), row.get("total_ttc")
    rate_cell = row.get("tva_rate") or (tva if tva is not None and tva.percent else None)
    if tva is not None and tva.percent:
        tva = None
    if (
        tva is not None
        and ht is not None
        and ttc is not None
        and _written_rate(ht.value, tva.value, ttc.value)
    ):
        rate_cell, tva = tva, None  # « 20 » under « TVA »: the rate, written without its « % »
    rate = rate_cell.value / 100 if rate_cell is not None else None
    span = (row.start, row.end) if row.end - row.start <= 400 else None
    if ht is None:
        return
    if tva is not None and ttc is not None and abs(ht.value + tva.value - ttc.value) > _TOLERANCE:
        yield Hit(
            f"{format_euros(ht.value)} HT + {format_euros(tva.value)} de TVA font "
            f"{format_euros(ht.value + tva.value)}, pas {format_euros(ttc.value)}.",
            span or (ht.start, ttc.end),
        )
    elif (
        rate is not None
        and tva is not None
        and abs((ht.value * rate).quantize(_CENT) - tva.value) > _TOLERANCE
    ):
        yield Hit(
            f"La TVA à {_percent(rate)} sur {format_euros(ht.value)} HT fait "
            f"{format_euros((ht.value * rate).quantize(_CENT))}, pas {format_euros(tva.value)}.",
            span or (ht.start, tva.end),
        )
    elif rate is not None and tva is None and ttc is not None:
        expected = (ht.value * (1 + rate)).quantize(_CENT)
        if abs(expected - ttc.value) > _TOLERANCE:
            yield Hit(
                f"{format_euros(ht.value)} HT avec une TVA à {_percent(rate)} font {format_euros(expected)} TTC, "
                f"pas {format_euros(ttc.value)}.",
                span or (ht.start, ttc.end),
            )


def _written_rate(ht: Decimal, tva: Decimal, ttc: Decimal) -> bool:
    """Whether a TVA cell holds a usual rate in percent (« 20 », « 5,5 ») rather than an amount: HT + TVA is not
    the TTC, and the cell is far below what any TVA on that HT would be."""
    return abs(ht + tva - ttc) > _TOLERANCE and tva / 100 in _USUAL_RATES and tva * 4 < ht


def _table_sums(quote: Quote) -> Iterator[Hit]:
    """The rows of the tables above a total HT (or sub-total) add up to it. Tables of options are often left out
    of the total, and so are the unticked rows of an order form: any choice of whole tables, unticked rows, runs of
    priced lines between the tables and sub-totals that adds up is accepted. A sub-total then stands for what it
    adds up, so that « Total HT (A + B) » is the sum of the sub-total of part A and of the rows of part B."""
    # What may add up to the next total since the last total HT, each with whether it is an unticked row.
    groups: list[tuple[Decimal, bool]] = []
    rows: list[Decimal] = []  # the ticked rows and lines of those groups, one by one
    tabled = False  # a table is among them: lines outside tables alone are `tax_totals`' matter
    loose = False  # the last group is a run of priced lines outside tables, which the next such line extends
    for piece in _sum_pieces(quote):
        if isinstance(piece, Decimal):
            groups[-1:] = [(groups[-1][0] + piece, False)] if loose else [*groups[-1:], (piece, False)]
            rows.append(piece)
            loose = True
            continue
        loose = False
        if isinstance(piece, tuple):
            ticked, unticked, values = piece
            groups += [(ticked, False), *((value, True) for value in unticked)]
            rows += values
            tabled = True
            continue
        if not tabled or not groups:
            groups, rows, tabled = [], [], False
            continue
        value = piece.amount.value
        sums = {Decimal(0)}
        for group, _ in groups[-6:]:
            sums |= {s + group for s in sums}
        # « Sous-total État », « Total à la charge du cabinet »: some rows across the table, by payer
        by_payer = piece.kind == "sous_total" or payer_of(quote.folded_text[piece.start : piece.amount.start])
        if all(abs(s - value) > _TOLERANCE for s in sums):
            if by_payer and _some_rows_add_up(rows, value):
                continue
            ordered = sum((group for group, unticked in groups if not unticked), Decimal(0))
            yield Hit(
                f"Les lignes au-dessus font {format_euros(ordered)} HT, mais le total indiqué est "
                f"{format_euros(value)}.",
                (piece.start, piece.amount.end),
            )
            if piece.kind == "sous_total":
                continue  # a wrong sub-total stands for nothing: the total is still checked against the rows
        if piece.kind == "total_ht":
            groups, rows, tabled = [], [], False
            continue
        # the sub-total stands for the last groups it adds up (for all of them if none does)
        cut = next(
            (
                k
                for k in range(len(groups) - 1, -1, -1)
                if abs(sum(g for g, _ in groups[k:]) - value) <= _TOLERANCE
            ),
            0,
        )
        groups = [*groups[:cut], (value, False)]


_MAX_ROWS_SUMMED = 16  # subsets of more rows than that are not tried (a sub-total by payer sums a few)


def _some_rows_add_up(rows: list[Decimal], value: Decimal) -> bool:
    """Whether several of `rows`, not only a run of them, add up to `value`."""
    if len(rows) > _MAX_ROWS_SUMMED:
        return False
    sums = {Decimal(0)}
    for row in rows:
        sums |= {s + row for s in sums}
    return value > 0 and any(abs(s - value) <= _TOLERANCE for s in sums)


_Piece = Decimal | tuple[Decimal, list[Decimal], list[Decimal]] | TotalEntry


def _sum_pieces(quote: Quote) -> list[_Piece]:
    """In line order: each table whose rows all have a total HT (the sum of its ticked rows, its unticked rows,
    its ticked rows one by one), the total of each priced line outside tables, each total HT and sub-total."""
    pieces: list[tuple[int, _Piece]] = []
    lines = quote.lines
    for table in quote.tables:
        values = [_row_ht(row) for row in table.rows]
        if not table.rows or any(v is None for v in values):
            continue
        ticked: list[Decimal] = []
        unticked: list[Decimal] = []
        for row, value in zip(table.rows, values, strict=True):
            if value is None:
                continue
            if lines[row.first_line].is_unticked or lines[row.line].is_unticked:
                unticked.append(value)
            else:
                ticked.append(value)
        pieces.append((table.rows[-1].last_line, (sum(ticked, Decimal(0)), unticked, ticked)))
    outside_tables = {id(row) for row in quote.labelled_rows}  # « Qté 2   PU HT …   Total HT … »
    for item in quote.items:
        loose = item.row is None or id(item.row) in outside_tables
        if loose and item.total is not None and not item.priced.is_unticked:
            pieces.append((item.priced.index, item.total.value))
    for entry in quote.totals:
        if entry.kind in ("total_ht", "sous_total"):
            pieces.append((entry.line, entry))
    pieces.sort(key=lambda piece: piece[0])
    return [piece for _, piece in pieces]


def _row_ht(row: Row) -> Decimal | None:
    """A row's total HT; nothing for a row priced in no column (« Documentation   1   Inclus »: it adds nothing),
    None for a row priced elsewhere than in its total HT (its sum is not known)."""
    total = row.get("total_ht")
    if total is not None:
        return total.value
    priced = any(row.get(role) is not None for role in ("unit_price", "tva", "total_ttc", "state", "client"))
    return None if priced else Decimal(0)


_USUAL_RATES = (Decimal("0.2"), Decimal("0.1"), Decimal("0.055"), Decimal("0.021"))


def _check_triplet(
    ht_amount: Amount, tva_amount: Amount, ttc_amount: Amount, *, tax_columns: bool
) -> Iterator[Hit]:
    """HT, TVA, TTC on one line. Without a header or labels naming them, three amounts may also be quantity,
    unit price and total: only a TVA that fits a usual rate of the HT tells them apart."""
    ht, tva, ttc = ht_amount.value, tva_amount.value, ttc_amount.value
    looks_like_tax = tax_columns or any(
        abs((ht * r).quantize(_CENT) - tva) <= _TOLERANCE for r in _USUAL_RATES
    )
    if looks_like_tax and abs(ht + tva - ttc) > _TOLERANCE:
        yield Hit(
            f"{format_euros(ht)} HT + {format_euros(tva)} de TVA font {format_euros(ht + tva)}, pas {format_euros(ttc)}.",
            (ht_amount.start, ttc_amount.end),
        )


def _percent(rate: Decimal) -> str:
    return f"{(rate * 100).normalize():f}".replace(".", ",") + " %"
