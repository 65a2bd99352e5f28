"""The document model on the layouts the seventh blind corpus found misread: a price given with its own TVA and
TTC in prose, a letter restating the quote's amount, a header field above the first priced line, a page's
carried-over sum, a numbered pipe table whose cells wrap below their row."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from segur_devis.document import Row
from segur_devis.quote import Quote

TODAY = date(2026, 11, 30)


def items(text: str) -> list[tuple[str | None, str | None]]:
    """Each priced item's payer and total, as written in the quote."""
    quote = Quote(text, today=TODAY)
    return [(item.payer, str(item.total.value) if item.total else None) for item in quote.items]


def spans(rows: list[Row]) -> list[tuple[int, int, int, str | None]]:
    """Each row's first line, line of numbers, last line and payer cell."""
    return [(row.first_line, row.line, row.last_line, row.payer) for row in rows]


@pytest.mark.parametrize(
    ("line", "total"),
    [
        # the price first, then its own TVA and TTC: an item, priced at its HT
        (
            "Formation à l'agenda (hors Ségur) : 2 j × 480,00 € HT = 960,00 € HT — TVA 192,00 € — TTC 1 152,00 €.",
            "960.00",
        ),
        ("Prestation Ségur (État) : 1 × 1 150,00 € HT — TVA 230,00 € — TTC 1 380,00 €", "1150.00"),
        ("Connecteur LDAP (hors Ségur) : 700,00 € HT, soit 840,00 € TTC", "700.00"),
    ],
)
def test_an_item_priced_with_its_tax_on_its_line_is_an_item_at_its_ht(line: str, total: str) -> None:
    found = items(f"Devis n° 12 — Prestation Ségur\n{line}\n")
    assert [t for _, t in found] == [total]


@pytest.mark.parametrize(
    "line",
    [
        "Total HT 960,00 € — TVA 192,00 € — TTC 1 152,00 €",
        "Base HT 5 400,00 € — TVA 20 % 1 080,00 € — TTC 6 480,00 €",
        "Montant HT : 5 400,00 € — TVA 1 080,00 € — TTC 6 480,00 €",
        "Prestation Ségur : 1 150,00 € HT — reste à charge 0,00 €",
    ],
)
def test_a_total_with_its_tax_stays_a_total(line: str) -> None:
    assert items(f"Devis n° 12 — Prestation Ségur\n{line}\n") == []


@pytest.mark.parametrize(
    "text",
    [
        # a letter's sentence before the quote, wrapped inside it
        "Madame la Directrice,\n\n"
        "Nous vous adressons notre devis pour la mise à jour Ségur. Comme convenu, le montant de 6 400 € HT est\n"
        "intégralement pris en charge par l'État.\n\n"
        "DEVIS ESS-26-0451\n"
        "Prestation Ségur MS-DUI-Va2 (droits d'utilisation, installation)      1      6 400,00 € HT\n",
        # the mandatory mention on a PDF's justified line
        "Devis MDK-26-0318\n"
        "Prestation Ségur LGC vague 2        6 400,00 € HT\n"
        "Montant  de  la  Prestation  Ségur  pris  en       …………       6 400,00 € HT\n"
        "charge par l'État au titre du Ségur\n",
    ],
)
def test_the_quotes_amount_restated_is_no_item(text: str) -> None:
    assert items(text) == [("state", "6400.00")]


def test_an_amount_said_only_in_a_sentence_is_an_item() -> None:
    text = (
        "Devis n° 7 — Prestation Ségur MS-DUI-Va2, prise en charge par l'État : 6 400,00 € HT\n\n"
        "Hors Ségur, le montant de 900 € HT de la formation complémentaire reste\n"
        "à votre charge.\n"
    )
    assert items(text)[-1] == ("client", "900.00")


def test_a_header_field_labels_no_priced_line_below_it() -> None:
    text = (
        "Devis KP-26-2093\n"
        "Vous modernisez votre cabinet (matériel acheté par ailleurs).\n"
        "Logiciel : KinéPro 5.2\n\n"
        "Prestation Ségur (droits d'utilisation, installation) : 1 × 1 150,00 € HT — TVA 230,00 € — TTC 1 380,00 €\n"
    )
    quote = Quote(text, today=TODAY)
    assert [item.label.strip() for item in quote.items] == [
        "prestation segur (droits d'utilisation, installation) : 1 ×"
    ]


def test_a_carried_over_sum_is_neither_a_row_nor_an_item() -> None:
    text = (
        "Désignation                                Qté     PU HT        Montant HT\n"
        "Droits d'utilisation (Prestation Ségur)    1       18 000,00    18 000,00\n"
        "                          Sous-total de la page       18 000,00\n"
        "                          À reporter                  18 000,00\n\n"
        "Désignation                                Qté     PU HT        Montant HT\n"
        "                          Report                      18 000,00\n"
        "Formation des référents (Prestation Ségur)  4 j      980,00      3 920,00\n"
    )
    quote = Quote(text, today=TODAY)
    assert [row.label for t in quote.tables for row in t.rows] == [
        "droits d'utilisation (prestation segur)",
        "formation des referents (prestation segur)",
    ]
    assert [(e.kind, e.amount.value) for e in quote.totals] == [("sous_total", Decimal("18000.00"))]


def test_a_numbered_pipe_row_keeps_its_wrapped_cells_and_its_financeur() -> None:
    text = (
        "Article | Libellé                                   | Financeur | Montant HT\n"
        "1       | Prestation Ségur : droits d'utilisation de | État      | 1 180,00 €\n"
        "        | MédiPlus 12.1, installation               |           |\n"
        "2       | Formation à MédiPlus 12.1                 | Cabinet   |   900,00 €\n"
        "        | (1 j × 900,00 € HT, sur site)             |           |\n"
    )
    quote = Quote(text, today=TODAY)
    assert spans([row for t in quote.tables for row in t.rows]) == [(1, 1, 2, "etat"), (3, 3, 4, "cabinet")]
    assert items(text) == [("state", "1180.00"), ("client", "900.00")]


def test_a_field_and_its_value_is_no_table_header() -> None:
    quote = Quote(
        "Devis n° 4\n  Payeur      : État (financement SONS)\n  Prix HT     : 5 800,00 €\n", today=TODAY
    )
    assert quote.tables == []


def test_a_line_whose_cells_name_their_values_is_a_row() -> None:
    text = (
        "À la charge du laboratoire — hors Ségur\n"
        "  Raccordement automates (hors DSR)\n"
        "  Qté 2   PU HT 3 150,00 €   Total HT 6 500,00 €   TVA 1 300,00 €   TTC 7 800,00 €\n"
        "  Quantité 1 — Prix unitaire HT 900,00 € — Total HT 900,00 €\n"
        # single spaces, as a PDF's text layer gives them
        "Qté 1 PU HT 300,00 € Total HT 300,00 € TVA 60,00 € TTC 360,00 €\n"
        "Total HT 7 700,00 €   TVA 1 540,00 €   TTC 9 240,00 €\n"
    )
    quote = Quote(text, today=TODAY)
    assert [[str(n.value) for n in row.values.values()] for row in quote.labelled_rows] == [
        ["2", "3150.00", "6500.00", "1300.00", "7800.00"],
        ["1", "900.00", "900.00"],
        ["1", "300.00", "300.00", "60.00", "360.00"],
    ]
    assert list(quote.labelled_rows[0].values) == [
        "quantity",
        "unit_price",
        "total_ht",
        "tva",
        "total_ttc",
    ]
    assert items(text) == [("client", "6500.00"), ("client", "900.00"), ("client", "300.00")]


def test_a_record_block_is_a_row_with_its_payer() -> None:
    text = (
        "ARTICLE 1\n"
        "  Désignation : Prestation Ségur DPI — droits d'utilisation, installation,\n"
        "                formation, documentation\n"
        "  Quantité    : 1\n"
        "  Prix HT     : 64 500,00 €\n"
        "  Payeur      : État (financement SONS)\n\n"
        "ARTICLE 2\n"
        "  Désignation : Reprise des données (hors DSR)\n"
        "  Quantité    : 1\n"
        "  Prix HT     : 5 800,00 €\n"
        "  Payeur      : établissement\n"
    )
    assert spans(Quote(text, today=TODAY).labelled_rows) == [
        (1, 4, 5, "etat (financement sons)"),
        (8, 10, 11, "etablissement"),
    ]
    assert items(text) == [("state", "64500.00"), ("client", "5800.00")]


def test_a_pipe_rows_cell_wrapped_out_of_the_pipes_stays_in_its_row() -> None:
    """A PDF's text layer gives a wrapped cell of a pipe table without its pipes, then the next row."""
    text = (
        "Article | Libellé                                   | Financeur | Montant HT\n"
        "1       | Prestation Ségur : droits d'utilisation de | État      | 1 180,00 €\n"
        "MédiPlus 12.1, installation\n\n"
        "2       | Formation à MédiPlus 12.1                 | Cabinet   |   900,00 €\n"
        "(1 j × 900,00 € HT, sur site)\n\n"
        "3       | Documentation                             | État      |  inclus\n"
        "Total à la charge du cabinet : 900,00 € HT\n"
    )
    quote = Quote(text, today=TODAY)
    assert [(row.line, row.last_line) for t in quote.tables for row in t.rows] == [(1, 2), (4, 5)]
    assert items(text) == [
        ("state", "1180.00"),
        ("client", "900.00"),
    ]


@pytest.mark.parametrize(
    ("detail", "items_read"),
    [
        # the price's make-up wrapped below it: part of the item
        ("médecins — 4 × 1 200,00 € HT", [("state", "4800.00")]),
        # a line whose product is not the total above: an item of its own
        ("Formation complémentaire — 2 × 300,00 € HT", [("state", "4800.00"), (None, "300.00")]),
    ],
)
def test_a_price_detail_under_its_item_is_the_items(
    detail: str, items_read: list[tuple[str | None, str]]
) -> None:
    text = (
        "Devis MDK-26-0318\n"
        "Prestation Ségur LGC vague 2 — 4       ………………      4 800,00 € HT\n"
        f"{detail}\n"
        "TVA 20 %                                ………………        960,00 €\n"
    )
    assert items(text) == items_read


_PART = (
    "HORS SÉGUR — À LA CHARGE DU LABORATOIRE\n"
    "Désignation                                Qté     PU HT        Montant HT\n"
    "Connecteur automate                        1       1 500,00      1 500,00\n"
)


@pytest.mark.parametrize(
    ("text", "items_read"),
    [
        # the part's sum with its tax, no « total » written: a summary of the rows above
        (
            _PART + "Paramétrage du connecteur                  1         900,00        900,00\n"
            "Prestations hors Ségur : 2 400,00 € HT — TVA 480,00 € — TTC 2 880,00 €\n",
            [("client", "1500.00"), ("client", "900.00")],
        ),
        # two options at the same price, each with its tax: two items
        (
            _PART + "Option A, au choix : 1 × 900,00 € HT — TVA 180,00 € — TTC 1 080,00 €\n"
            "Option B, au choix : 1 × 900,00 € HT — TVA 180,00 € — TTC 1 080,00 €\n",
            [("client", "1500.00"), ("client", "900.00"), ("client", "900.00")],
        ),
    ],
)
def test_a_parts_sum_with_its_tax_is_no_item(text: str, items_read: list[tuple[str, str]]) -> None:
    assert items(text) == items_read


@pytest.mark.parametrize(
    ("last", "items_read"),
    [
        # the options' prices said again: no item
        (
            "Montant de la partie 2 : selon l'option retenue (A ou B), soit 600,00 € HT ou 900,00 € HT.",
            [("client", "600.00"), ("client", "900.00")],
        ),
        # a price of its own, opening with « Montant »: an item
        (
            "Montant forfaitaire de la reprise des données : 450,00 € HT",
            [("client", "600.00"), ("client", "900.00"), ("client", "450.00")],
        ),
    ],
)
def test_a_line_opening_with_montant_restating_prices_is_no_item(
    last: str, items_read: list[tuple[str, str]]
) -> None:
    text = (
        "PARTIE 2 — OPTIONS (à la charge de la clinique)\n"
        "Option A — Hébergement : 1 × 600,00 € HT (TTC 720,00 €)\n"
        "Option B — Serveur sur site : 1 × 900,00 € HT (TTC 1 080,00 €)\n"
        f"{last}\n"
    )
    assert items(text) == items_read
