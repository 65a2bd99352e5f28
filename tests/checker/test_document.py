"""The document model on a dozen layouts: header fields, tables (columns, rows, continuation lines), totals."""

from __future__ import annotations

from decimal import Decimal

import pytest

from segur_devis.document import parse_number, split_cells
from segur_devis.quote import Quote


def values(quote: Quote) -> list[dict[str, str]]:
    return [{role: str(n.value) for role, n in row.values.items()} for t in quote.tables for row in t.rows]


def roles(quote: Quote) -> list[list[str]]:
    return [[c.role for c in t.columns] for t in quote.tables]


def test_cells_split_on_tabs_pipes_and_runs_of_spaces() -> None:
    assert [c.text for c in split_cells("Lecteur de cartes   2\t120,00 | 240,00")] == [
        "Lecteur de cartes",
        "2",
        "120,00",
        "240,00",
    ]
    cell = split_cells("ab   cd", 100)[1]
    assert (cell.start, cell.end, cell.column) == (105, 107, 5)


@pytest.mark.parametrize(
    ("cell", "value", "percent"),
    [
        ("1 200,00", "1200.00", False),
        ("1.200,00 €", "1200.00", False),
        ("1200.50", "1200.50", False),
        ("9800", "9800", False),
        ("20 %", "20", True),
        ("5,5%", "5.5", True),
        ("12 400 € HT", "12400", False),
        ("3 j", "3", False),
    ],
)
def test_a_cell_reads_as_a_number(cell: str, value: str, percent: bool) -> None:
    number = parse_number(cell)
    assert number is not None and number.value == Decimal(value) and number.percent is percent


@pytest.mark.parametrize("cell", ["Formation 2 jours", "HOP-DPI-Va1", "12/10/2026", "", "n° 12"])
def test_text_cells_are_not_numbers(cell: str) -> None:
    assert parse_number(cell) is None


def test_tab_separated_six_columns() -> None:
    q = Quote("Désignation\tQté\tPU HT\tTotal HT\tTVA\tTTC\nLecteur\t2\t120,00\t240,00\t48,00\t288,00\n")
    assert roles(q) == [["designation", "quantity", "unit_price", "total_ht", "tva", "total_ttc"]]
    assert values(q) == [
        {"quantity": "2", "unit_price": "120.00", "total_ht": "240.00", "tva": "48.00", "total_ttc": "288.00"}
    ]


def test_aligned_columns_without_euro_signs_and_a_missing_cell() -> None:
    q = Quote(
        "Désignation            Qté      PU HT    Total HT\n"
        "Lecteur de cartes        2     120,00      240,00\n"
        "Forfait" + " " * 22 + "1 500,00\n"
    )
    assert values(q) == [
        {"quantity": "2", "unit_price": "120.00", "total_ht": "240.00"},
        {"unit_price": "1500.00"},  # stands under « PU HT », not under the total
    ]


def test_pipe_table_with_euro_signs() -> None:
    q = Quote(
        "| Désignation | Qté | P.U. HT | Total HT |\n| Poste de travail | 4 | 850,00 € | 3 400,00 € |\n"
    )
    assert values(q) == [{"quantity": "4", "unit_price": "850.00", "total_ht": "3400.00"}]
    assert q.tables[0].rows[0].label == "poste de travail"


def test_header_wrapped_over_two_lines() -> None:
    q = Quote(
        "Désignation        Qté   PU HT    Total     TTC\n"
        "                                   HT\n"
        "Formation            1   600,00   600,00   720,00\n"
    )
    assert roles(q) == [["designation", "quantity", "unit_price", "total_ht", "total_ttc"]]


def test_wrapped_designation_belongs_to_its_row() -> None:
    q = Quote(
        "Désignation                              Qté   Total HT\n"
        "Prestation Ségur HOP-DPI-Va1 : licence,    1   24 000,00\n"
        "installation, paramétrage, formation\n"
        "Lecteur de cartes                          2      240,00\n"
    )
    first, second = q.tables[0].rows
    assert first.label == "prestation segur hop-dpi-va1 : licence, installation, parametrage, formation"
    assert second.label == "lecteur de cartes"
    assert q.original[slice(*q.span(first.start, first.end))].endswith("formation")


def test_label_lines_above_a_row_belong_to_it() -> None:
    q = Quote(
        "Désignation                 Qté   Total HT\nMaintenance corrective\nAnnuelle, 5 ans             1   4 500,00\n"
    )
    assert q.tables[0].rows[0].label == "maintenance corrective annuelle, 5 ans"


def test_amounts_wrapped_in_narrow_pdf_cells_are_joined() -> None:
    q = Quote(
        "Désignation                 Qté   PU HT     Total HT\n"
        "Prestation Ségur             1      9          9\n"
        "MS-DUI-Va2                        800,00     800,00\n"
    )
    assert values(q) == [{"quantity": "1", "unit_price": "9800.00", "total_ht": "9800.00"}]


def test_rate_and_payer_columns() -> None:
    q = Quote(
        "Désignation     Montant HT   Taux TVA   Pris en charge État   À la charge du client\n"
        "Licence          1 000,00      20 %           1 200,00                 0,00\n"
    )
    assert roles(q) == [["designation", "total_ht", "tva_rate", "state", "client"]]
    assert values(q)[0]["tva_rate"] == "20"


def test_a_total_ends_the_table() -> None:
    q = Quote(
        "Désignation   Qté   Total HT\nLicence         1   1 000,00\nTotal HT            1 000,00\nRemise  2   10,00\n"
    )
    assert len(q.tables[0].rows) == 1


def test_prose_is_not_a_table() -> None:
    q = Quote("La quantité et le prix unitaire figurent au bon de commande.\nTotal : 1 200,00 €\n")
    assert q.tables == []


@pytest.mark.parametrize(
    ("text", "key", "value"),
    [
        ("Devis n° ML-2026-0412 du 14/10/2026\n", "numero_devis", "ML-2026-0412"),
        ("DEVIS   ML-2026-0412\n", "numero_devis", "ML-2026-0412"),
        ("Proposition commerciale n° PC-77 — 03/03/2025\n", "numero_devis", "PC-77"),
        ("N° de commande : RIM-22-0157\n", "numero_devis", "RIM-22-0157"),
        ("Client : EHPAD Les Tilleuls, 12 rue des Lilas\n", "client", "EHPAD Les Tilleuls"),
        ("Client                     EHPAD Les Tilleuls\n", "client", "EHPAD Les Tilleuls"),
        ("Éditeur : Hélios Santé Logiciels SAS\n", "editeur", "Hélios Santé Logiciels SAS"),
        (
            "Dénomination et version du logiciel :\tHélios DPI version 11.3\n",
            "logiciel",
            "Hélios DPI version 11.3",
        ),
        (
            "Numéro unique de référencement de la solution logicielle (délivré par l’ANS) : 12abc3d45e\n",
            "numero_referencement",
            "12abc3d45e",
        ),
        (
            "Numéro unique de référencement de la solution     RS-2026-00871\nlogicielle (délivré par l’ANS)\n",
            "numero_referencement",
            "RS-2026-00871",
        ),
        (
            "Numéro unique de référencement de la solution\nlogicielle (délivré par l’ANS)     RS-2026-00871\n",
            "numero_referencement",
            "RS-2026-00871",
        ),
        ("N° de référencement ANS :\nRS-2026-00871\n", "numero_referencement", "RS-2026-00871"),
        ("Base de calcul du barème du montant maximal payé : 82 lits\n", "bareme", "82 lits"),
    ],
)
def test_header_fields(text: str, key: str, value: str) -> None:
    assert Quote(text).field_text(key) == value


@pytest.mark.parametrize(
    "text",
    [
        "Numéro unique de référencement de la solution logicielle (délivré par l’ANS) : en cours d’attribution\n",
        "Le numéro de référencement vous sera communiqué.\n",
    ],
)
def test_a_referencing_label_without_a_number_is_no_field(text: str) -> None:
    assert "numero_referencement" not in Quote(text).fields


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Devis n° ML-2026-0412 du 14/10/2026\n", "2026-10-14"),
        ("Proposition commerciale n° PC-77 — 03/03/2025\n", "2025-03-03"),
        ("Lyon, le 12 mars 2024\nDEVIS ML-2024-12\n", "2024-03-12"),
        ("Date du devis : 02/02/2026\nFait à Lyon, le 12 mars 2026\n", "2026-02-02"),
    ],
)
def test_quote_date_wherever_it_sits(text: str, expected: str) -> None:
    found = Quote(text).quote_date
    assert found is not None and found.value.isoformat() == expected


def test_fait_a_is_a_signature_not_the_quote_date() -> None:
    assert Quote("Fait à Lyon, le 12 mars 2026\n").quote_date is None


def test_totals_on_one_line_and_one_per_line() -> None:
    q = Quote(
        "Total HT 11 240,00 € — TVA 2 248,00 € — Total TTC 13 488,00 €\n"
        "TVA 20 %   1 960,00 €\nNet à payer : 500,00 €\nReste à charge de l’établissement : 0,00 €\n"
    )
    assert [(e.kind, str(e.amount.value), e.rate) for e in q.totals] == [
        ("total_ht", "11240.00", None),
        ("tva", "2248.00", None),
        ("total_ttc", "13488.00", None),
        ("tva", "1960.00", Decimal("0.2")),
        ("net_a_payer", "500.00", None),
        ("reste_a_charge", "0.00", None),
    ]


def test_header_facts_as_written() -> None:
    q = Quote(
        "MédiLogic SAS — 12 rue des Lilas, 69003 Lyon\nDevis n° ML-2026-0412\nClient : EHPAD Les Tilleuls\n"
        "Dénomination et version du logiciel : TilleulSoft DUI 5.4\nTotal HT 1 234,56 €\nTotal TTC 1 481,47 €\n"
    )
    assert q.header_facts == {
        "numero_devis": "ML-2026-0412",
        "client": "EHPAD Les Tilleuls",
        "editeur": "MédiLogic SAS",
        "logiciel": "TilleulSoft DUI",
        "version_logiciel": "5.4",
        "total_ht": "1 234,56",
        "total_ttc": "1 481,47",
    }


def test_dotted_leaders_separate_cells_and_labels() -> None:
    q = Quote(
        "CLIENT ........ : EHPAD LES LILAS\nDésignation   Qté   Total HT\nFormation ........ 2   1 200,00\n"
    )
    assert q.field_text("client") == "EHPAD LES LILAS"
    assert values(q) == [{"quantity": "2", "total_ht": "1200.00"}]


def test_markdown_table_and_its_end() -> None:
    q = Quote(
        "| Désignation | Qté | PU HT | Total HT |\n|---|---:|---:|---:|\n| Formation | 2 | 600,00 | 1 200,00 |\n"
        "Lecteur de cartes ............. 1   120 €\n"
    )
    assert values(q) == [{"quantity": "2", "unit_price": "600.00", "total_ht": "1200.00"}]


def test_rows_without_euro_signs_are_priced_items_paid_by_their_column() -> None:
    q = Quote(
        "Désignation                 Total HT   Pris en charge État   À la charge du client\n"
        "Prestation Ségur HOP-DPI-Va1   24000          24000                      0\n"
        "Maintenance annuelle            3000              0                   3000\n"
    )
    assert [(item.payer, item.total.value if item.total else None) for item in q.items] == [
        ("state", Decimal(24000)),
        ("client", Decimal(3000)),
    ]


def test_text_copied_from_a_pdf_viewer_with_single_spaces() -> None:
    q = Quote(
        "Désignation Qté PU HT Total HT TVA TTC\n"
        "Lecteur de cartes CPS 2 120,00 240,00 48,00 288,00\n"
        "Module de planning 1 1 200,00 1 200,00 240,00 1 440,00\n"
        "Forfait 12 000,00 12 000,00 2 400,00 14 400,00\n"
    )
    assert q.tables[0].layout == "spaced"
    assert values(q) == [
        {
            "quantity": "2",
            "unit_price": "120.00",
            "total_ht": "240.00",
            "tva": "48.00",
            "total_ttc": "288.00",
        },
        {
            "quantity": "1",
            "unit_price": "1200.00",
            "total_ht": "1200.00",
            "tva": "240.00",
            "total_ttc": "1440.00",
        },
        {"unit_price": "12000.00", "total_ht": "12000.00", "tva": "2400.00", "total_ttc": "14400.00"},
    ]
    assert [row.label for row in q.tables[0].rows] == [
        "lecteur de cartes cps",
        "module de planning",
        "forfait",
    ]


def test_a_sentence_naming_columns_is_no_header() -> None:
    assert Quote("Le total HT et la TVA figurent en bas de page.\nLecteur 2 120,00 240,00\n").tables == []


@pytest.mark.parametrize(
    ("header", "role"),
    [
        ("TVA 20 %", "tva"),
        ("TVA (20 %)", "tva"),
        ("TVA %", "tva_rate"),
        ("% TVA", "tva_rate"),
        ("Taux TVA", "tva_rate"),
    ],
)
def test_a_tva_column_naming_its_rate_holds_amounts(header: str, role: str) -> None:
    quote = Quote(f"Désignation\tQté\tTotal HT\t{header}\tTotal TTC\nPoste\t1\t850,00\t170,00\t1 020,00\n")
    assert roles(quote) == [["designation", "quantity", "total_ht", role, "total_ttc"]]


def test_a_two_cell_row_with_a_wrapped_label_gives_the_next_cell_as_value() -> None:
    quote = Quote(
        "Devis\tDS-V2-26-0518\n"
        "Numéro unique de référencement de la\tDUI-V2-2025-0042\n"
        "solution logicielle (délivré par l'ANS)\n"
    )
    assert quote.fields["numero_referencement"].value == "dui-v2-2025-0042"
    assert quote.fields["numero_devis"].value == "ds-v2-26-0518"


@pytest.mark.parametrize(
    ("text", "vague"),
    [
        ("Prestation Ségur vague 1 + vague 2 : aucune Prestation HOP-DPI-VA1 reçue", 2),
        ("Prestation Ségur HOP-DPI-Va1 et vague 1 seulement", 1),
        ("Prestation Ségur HOP-DPI-Va2", 2),
    ],
)
def test_the_combined_vague_1_plus_2_prestation_is_vague_2(text: str, vague: int) -> None:
    assert Quote(text).vague == vague


def test_date_et_signature_labels_the_signature_date() -> None:
    quote = Quote(
        "Proposition commerciale n° PS-22-118 — 01/02/2022\nDate et signature du client : 03/03/2022\n"
    )
    assert quote.signature_date is not None and quote.signature_date.value.isoformat() == "2022-03-03"


def test_bon_pour_commande_labels_the_signature_date() -> None:
    quote = Quote(
        "Bon de commande n° KB-26-0311 — 12/08/2026\nBon pour commande, le 26/08/2026 — Dr M. Carré\n"
    )
    assert quote.signature_date is not None and quote.signature_date.value.isoformat() == "2026-08-26"


def test_an_amount_wrapped_at_the_end_of_a_prose_line_is_read_whole() -> None:
    quote = Quote(
        "Prestation Ségur PHA-LGO-Va2, installation et formation : 1\n240,00 € HT, soit 1 488,00 € TTC.\n"
        "Quantité : 1\nDate : 14/09/2026\n"
    )
    assert [str(a.value) for line in quote.lines for a in line.amounts] == ["1240.00", "1488.00"]


def test_a_pdf_cell_wrapped_below_its_numbers_stays_in_its_row() -> None:
    quote = Quote(
        " Désignation             Qté          PU HT           Total HT\n"
        " Prestation Ségur        1            128 000,00 €    128 000,00 €\n"
        " HOP-DPI-Va2 et\n"
        " HOP-PFI-Va2\n"
        "Montant de la Prestation Ségur pris en charge par l'État au titre du Ségur : 128 000,00 € HT\n"
        "Reste à charge de l'établissement : 0,00 €\n"
    )
    (row,) = quote.tables[0].rows
    assert row.label.strip() == "prestation segur hop-dpi-va2 et hop-pfi-va2"
    (item,) = [i for i in quote.items if i.row is row]
    assert [m.code for m in item.dsr] == ["HOP-DPI-Va2", "HOP-PFI-Va2"]


def test_a_label_wrapped_in_its_cell_beside_its_value_reads_whole() -> None:
    quote = Quote(
        " Montant de la Prestation Ségur pris          18 600,00 € HT\n"
        " en charge par l'État au titre du\n"
        " Ségur\n"
    )
    from segur_devis.rules.mentions import MENTION

    assert quote.search(MENTION) is None
    span = quote.search_labels(MENTION)
    assert span is not None and quote.folded_text[span[0] : span[1]].endswith("segur")
    assert quote.folded_text[span[0] : span[0] + 7] == "montant"


def test_the_visa_of_an_order_form_dates_its_signature_before_its_date_de_la_commande() -> None:
    quote = Quote(
        "Bon de commande n° CA-26-0142\nDate de la commande : 12/10/2026\n"
        "Prestation Ségur MS-DUI-Va2\n"
        "Visa de l'adhérent, bon pour commande, le 19/10/2026 — Mme S. Klein\n"
    )
    assert quote.signature_date is not None and quote.signature_date.value.isoformat() == "2026-10-19"


def test_date_de_la_commande_alone_still_dates_the_signature() -> None:
    quote = Quote(
        "Bon de commande n° CA-26-0142\nDate de la commande : 12/10/2026\nPrestation Ségur MS-DUI-Va2\n"
    )
    assert quote.signature_date is not None and quote.signature_date.value.isoformat() == "2026-10-12"


def test_a_tax_written_for_one_line_is_no_total_but_a_monthly_total_is() -> None:
    per_line = Quote(
        "Abonnement agenda   29,00 €\nTVA 20 % : 296,00 € sur la ligne 1 ; 5,80 € par mois sur la ligne 2.\n"
    )
    assert per_line.totals == []
    monthly = Quote("Total HT 49,00 € par mois — TVA 20 % 9,80 € par mois — Total TTC 58,90 € par mois\n")
    assert [(e.kind, str(e.amount.value)) for e in monthly.totals] == [
        ("total_ht", "49.00"),
        ("tva", "9.80"),
        ("total_ttc", "58.90"),
    ]


def test_a_row_pushed_right_of_its_header_by_a_long_designation_reads_from_the_right() -> None:
    header = "N°  Libellé" + " " * 20 + "Qté  Prix HT     Total HT\n"
    long_row = (
        "01  Prestation Ségur RIS et DRIMbox (VisioRad RIS 10.2 + DRIMbox 1.3)  1  44 700,00  44 700,00\n"
    )
    short_row = "02  Formation" + " " * 18 + "2     500,00     1 000,00\n"
    q = Quote(header + long_row + short_row)
    assert values(q) == [
        {"quantity": "1", "unit_price": "44700.00", "total_ht": "44700.00"},
        {"quantity": "2", "unit_price": "500.00", "total_ht": "1000.00"},  # aligned: read by position
    ]


@pytest.mark.parametrize(
    ("line", "codes"),
    [
        ("Prestations Ségur imagerie : DSR RIS et DSR DRIMbox   44 700,00\n", ["RAD-RIS", "IMG-DB"]),
        ("Prestation Ségur RAD-RIS-Va2 — VisioRad DRIMbox 1.3   44 700,00\n", ["RAD-RIS-Va2"]),
    ],
)
def test_a_dsr_named_by_its_name_after_dsr(line: str, codes: list[str]) -> None:
    """« DSR DRIMbox » names the DSR (reference.json lists the name among its spellings); the product's own name
    alone does not."""
    assert [m.code for m in Quote(line).dsr] == codes


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Montant à régler par l'ESAT : 11 900,00 € HT\n", "reste_a_charge"),
        ("Montant à payer par l'établissement : 3 840,00 € TTC\n", "reste_a_charge"),
        ("Montant à payer par l'ASP : 6 900,00 € HT\n", "net_a_payer"),  # the State's payer, not the client
    ],
)
def test_the_amount_a_payer_is_asked_for_is_a_total_not_an_item(line: str, kind: str) -> None:
    q = Quote("Prestation Ségur MS-DUI-Va2   6 900,00 €\nModule ateliers   3 200,00 €\n" + line)
    assert [e.kind for e in q.totals] == [kind]
    assert [str(i.total.value) for i in q.items if i.total] == ["6900.00", "3200.00"]
