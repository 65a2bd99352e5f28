"""The document model on the layouts the eighth blind corpus found misread: a total row across year columns, a
spreadsheet header merged over two lines (tabs, or a PDF's aligned columns with a blank line between), a payer's
share restating lines priced above, an ERP's « Montant net HT »."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from segur_devis.quote import Quote

TODAY = date(2026, 11, 30)


def totals(text: str) -> list[tuple[str, Decimal]]:
    return [(e.kind, e.amount.value) for e in Quote(text, today=TODAY).totals]


def items(text: str) -> list[tuple[str | None, Decimal | None]]:
    quote = Quote(text, today=TODAY)
    return [(item.payer, item.total.value if item.total else None) for item in quote.items]


def rows(text: str) -> list[dict[str, Decimal]]:
    quote = Quote(text, today=TODAY)
    return [{role: n.value for role, n in row.values.items()} for t in quote.tables for row in t.rows]


YEARS = """\
Poste                                An 1         An 2         An 3         Total
Prestation Ségur (État)              9 000,00     —            —            9 000,00
Hébergement (à la charge du client)    500,00       500,00       500,00     1 500,00
{label}                              9 500,00       500,00       500,00    {total}
"""


def test_a_total_row_across_year_columns_is_its_last_summing_amount() -> None:
    assert totals(YEARS.format(label="Total HT", total="10 500,00")) == [("total_ht", Decimal("10500.00"))]


def test_a_total_row_whose_last_amount_sums_nothing_keeps_its_first() -> None:
    assert totals(YEARS.format(label="Total HT", total="10 400,00"))[0] == ("total_ht", Decimal("9500.00"))


@pytest.mark.parametrize(
    ("line", "first"),
    [
        ("Total   1 000,00   200,00   1 200,00", ("total_ht", Decimal("1000.00"))),  # HT, TVA, TTC
        ("Total TTC   500,00   300,00   200,00   1 000,00", ("total_ttc", Decimal("500.00"))),
    ],
)
def test_two_parts_or_a_tax_are_not_a_row_of_parts(line: str, first: tuple[str, Decimal]) -> None:
    assert totals(line)[0] == first


TAB_HEADER = (
    "Désignation\tQuantité\tPrix\t\tPrise en charge\n"
    "\t\tunitaire HT\ttotal HT\t\n"
    "Prestation Ségur DUI\t1\t6 700,00\t6 700,00\tÉtat\n"
    "Tablette (hors Ségur)\t4\t389,00\t1 556,00\tFoyer\n"
)


def test_a_tab_header_merged_over_two_lines_is_joined_tab_by_tab() -> None:
    assert rows(TAB_HEADER) == [
        {"quantity": 1, "unit_price": Decimal("6700.00"), "total_ht": Decimal("6700.00")},
        {"quantity": 4, "unit_price": Decimal("389.00"), "total_ht": Decimal("1556.00")},
    ]


def test_a_tab_row_without_numbers_under_the_header_is_no_header_word() -> None:
    text = TAB_HEADER.replace("\t\tunitaire HT\ttotal HT\t\n", "Prestation Ségur\t\t\t\t\n")
    assert all("total_ht" not in row for row in rows(text))


ALIGNED_HEADER = """\
Désignation          Quantité        Prix                          Prise en charge

                                     unitaire HT     total HT
Prestation Ségur     1               6 700,00        6 700,00      État
Tablette             4               389,00          1 556,00      Foyer
"""


def test_an_aligned_header_merged_over_two_lines_a_blank_between_names_each_column() -> None:
    assert rows(ALIGNED_HEADER)[1] == {
        "quantity": 4,
        "unit_price": Decimal("389.00"),
        "total_ht": Decimal("1556.00"),
    }


SHARE = """\
Ligne | Désignation | Qté | PU HT | Total HT | Payeur
1 | Prestation Ségur LGO vague 2 | 1 | 790,00 | 790,00 | État
2 | Module ordonnancier (hors Ségur) | 1 | 240,00 | 240,00 | Officine
3 | Avoir sur facture | 1 | -95,00 | -95,00 | Officine

Total HT : 935,00 €
{share}
"""


def test_a_payers_share_summing_priced_lines_is_no_item() -> None:
    assert len(items(SHARE.format(share="Part officine : 145,00 € HT (lignes 2 et 3)"))) == 3


def test_a_share_that_sums_no_lines_stays_an_item() -> None:
    assert len(items(SHARE.format(share="Part officine : 160,00 € HT"))) == 4


def test_an_erps_montant_net_closes_the_table_as_a_total() -> None:
    text = """\
Pos.   Qté   Unité   PU HT        Montant HT
10     1     forf.   2 900,00     2 900,00
20     3     pce     129,00       387,00

Montant net HT                         3 287,00 EUR
"""
    assert len(items(text)) == 2
    assert ("total_ht", Decimal("3287.00")) in totals(text)
