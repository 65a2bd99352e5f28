"""The document model on who pays each line and what a row's numbers are, in layouts of the fifth blind corpus:
a version number ending a designation copied with single spaces, footnote calls, payer cells of pipe tables."""

from __future__ import annotations

from decimal import Decimal

from segur_devis.quote import Quote


def priced(quote: Quote) -> list[tuple[str | None, Decimal | None]]:
    return [(item.payer, item.total.value if item.total else None) for item in quote.items]


def test_a_version_number_ending_a_designation_copied_with_single_spaces_is_no_cell() -> None:
    q = Quote(
        "Désignation Qté PU HT Total HT\n"
        "Prestation Ségur HOP-DPI-Va1 - MediCore DPI 7.3\n"
        "(droits d'utilisation, installation, paramétrage, formation,\n"
        "maintenance corrective) 1 48 750,00 48 750,00\n"
        "\n"
        "Total HT 48 750,00 €\n"
    )
    assert q.tables[0].layout == "spaced"
    [row] = q.tables[0].rows
    assert {role: str(n.value) for role, n in row.values.items()} == {
        "quantity": "1",
        "unit_price": "48750.00",
        "total_ht": "48750.00",
    }
    assert row.label.startswith("prestation segur hop-dpi-va1 - medicore dpi 7.3 ")
    assert priced(q) == [("state", Decimal("48750.00"))]


def test_footnote_calls_say_who_pays_each_line() -> None:
    q = Quote(
        "  Réf.   Désignation                                            Montant HT\n"
        "  R1     Prestation Ségur MDV-LGC-Va2 — Cabinet 9.0 (1)           1 150,00 €\n"
        "  R2     Module d'imagerie 3D — licence (2)                          690,00 €\n"
        "  R3     Contrat de services annuel **                               300,00 €\n"
        "         Total HT                                                  2 140,00 €\n"
        "\n"
        "(1) Montant de la Prestation Ségur pris en charge par l'État : 1 150,00 € HT. Comprend la formation.\n"
        "    Aucun reste à charge pour le cabinet.\n"
        "(2) Hors Ségur, à la charge du cabinet : 690,00 € HT.\n"
        "**  À la charge du cabinet : 300,00 € HT par an.\n"
    )
    assert {mark: (note.first_line, note.last_line) for mark, note in q.footnotes.items()} == {
        "(1)": (6, 7),
        "(2)": (8, 8),
        "**": (9, 9),
    }
    # the notes restate amounts: they are no items of their own
    assert priced(q) == [
        ("state", Decimal("1150.00")),
        ("client", Decimal("690.00")),
        ("client", Decimal("300.00")),
    ]


def test_a_numbered_list_calling_nothing_holds_no_footnote() -> None:
    q = Quote(
        "Conditions :\n"
        "(1) Paiement à 30 jours.\n"
        "(2) Livraison sous quinze jours, à la charge du client.\n"
        "Formation complémentaire   1   600,00 €\n"
    )
    assert q.footnotes == {}
    assert priced(q) == [("client", Decimal("600.00"))]


def test_a_payer_column_of_a_pipe_table_says_who_pays_each_row() -> None:
    q = Quote(
        "| Désignation | Qté | PU HT | Total HT | Payeur |\n"
        "| Prestation Ségur MS-DUI-Va2 — Dossier 8.2 | 1 | 6 900,00 € | 6 900,00 € | État |\n"
        "| Maintenance — année 1 | 1 | offerte | 0,00 € | — |\n"
        "| Maintenance — années 2 à 5 | 4 | 980,00 € | 3 920,00 € | Établissement |\n"
    )
    assert [row.payer for table in q.tables for row in table.rows] == ["etat", "-", "etablissement"]  # folded
    assert [payer for payer, _ in priced(q)] == ["state", None, "client"]


def test_a_payment_schedule_holds_instalments_not_items() -> None:
    q = Quote(
        "Prestation Ségur MDV-LGC-Va2 — Cabinet 2026.1                1 × 1 500,00 € HT = 1 500,00 € HT\n"
        "Module de télétransmission, à la charge du cabinet                               320,00 € HT\n"
        "\n"
        "Échéancier\n"
        "  Échéance                         Montant HT     Payé par\n"
        "  Avance à la commande (30 %)        450,00 €     ASP, pour le compte de l'État\n"
        "  Solde après la VA (70 %)         1 050,00 €     ASP, pour le compte de l'État\n"
        "\n"
        "Module : acompte 30 % à la commande (96,00 € HT), solde à la livraison (224,00 € HT).\n"
    )
    # the schedule's table still reads its payer cells, but its rows price nothing new
    assert [row.payer for table in q.tables for row in table.rows] == ["asp, pour le compte de l'etat"] * 2
    assert priced(q) == [("state", Decimal("1500.00")), ("client", Decimal("320.00"))]


def test_a_box_table_row_keeps_its_wrapped_cell_lines_and_their_payer() -> None:
    q = Quote(
        "+-----------------------------------------------------+------------+\n"
        "| Prestation Ségur PHA-LGO-Va2 — Officinalis 2026      |   980,00 € |\n"
        "| (formation, maintenance) — pris en charge par l'État |            |\n"
        "+-----------------------------------------------------+------------+\n"
        "| Rattrapage de version vétuste (ligne distincte, à la | 1 150,00 € |\n"
        "| charge de la pharmacie)                              |            |\n"
        "+-----------------------------------------------------+------------+\n"
    )
    assert [[line.index for line in item.tail] for item in q.items] == [[2], [5]]
    assert priced(q) == [("state", Decimal("980.00")), ("client", Decimal("1150.00"))]


def test_a_line_whose_cells_name_their_values_is_an_item_not_a_header_nor_a_total() -> None:
    q = Quote(
        "OPTION HORS SÉGUR — À LA CHARGE DU CENTRE\n"
        "   Licence WebView 4                 Qté 1      PU HT 3 900,00      Total HT 3 900,00\n"
        "   Formation WebView 4               Qté 1      PU HT 1 200,00      Total HT 1 200,00\n"
        "\n"
        "TOTAL HT 5 100,00      TVA 20 % 1 020,00      TOTAL TTC 6 120,00\n"
    )
    assert all(table.header_line != 1 for table in q.tables)
    assert priced(q) == [("client", Decimal("3900.00")), ("client", Decimal("1200.00"))]
    assert [e.kind for e in q.totals] == ["total_ht", "tva", "total_ttc"]


def test_a_payer_header_wrapped_over_two_lines_names_a_payer_column() -> None:
    q = Quote(
        " Code      Désignation           Qté      PU HT        Total HT       Pris en charge\n"
        "                                                                      par\n"
        " SEG-SGL   Prestation            1        31500.00     31500.00       État\n"
        "           Ségur BIO-SGL-Va2\n"
        " OPT-01    Connecteur            1        1200.00      1200.00        Laboratoire\n"
    )
    [table] = q.tables
    assert table.columns[-1].role == "payer"
    assert [row.payer for row in table.rows] == ["etat", "laboratoire"]
    assert [payer for payer, _ in priced(q)] == ["state", "client"]


def test_a_recap_by_payer_under_its_heading_and_a_blank_line_restates_the_items() -> None:
    q = Quote(
        " Établissement          Désignation                          Qté     PU HT       Total HT\n"
        " CH de Pontivy          Prestation Ségur HOP-DPI-Va2           1    64 200,00    64 200,00\n"
        " CH de Loudéac          Prestation Ségur HOP-DPI-Va2           1    38 700,00    38 700,00\n"
        "\n"
        "Récapitulatif\n"
        "\n"
        " Payeur                 Établissements                                   Total HT\n"
        " État (SONS)                          2                                 102 900,00\n"
        " Établissements                       2                                       0,00\n"
        "\n"
        "Bon pour commande, le 10/12/2025\n"
    )
    assert priced(q) == [("state", Decimal("64200.00")), ("state", Decimal("38700.00"))]


def test_a_payer_cell_ending_a_row_may_carry_a_precision_in_brackets() -> None:
    """« État (SONS) » at the end of a row copied from a PDF, under a payer heading wrapped over two lines."""
    q = Quote(
        " Article       Prix HT     Qté     Total HT     Pris en\n"
        "                                                charge par\n"
        " Prestation    24 800,00   1       24 800,00    État (SONS)\n"
        " Module        1 020,00    1       1 020,00     Laboratoire\n"
        " Formation     900,00      1       900,00       voir (2)\n"
    )
    assert [payer for payer, _ in priced(q)] == ["state", "client", None]
