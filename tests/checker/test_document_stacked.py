"""Tables pasted one cell per line, as Firefox's (pdf.js) and Chrome's PDF viewers copy a table: the header's
names one a line, then each row's cells one a line. Written here as those viewers give them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from playwright.sync_api import Browser
from support.pdf_makers import chromium_pdf

from segur_devis import check_text
from segur_devis.amounts import find_amounts
from segur_devis.document import parse_number
from segur_devis.normalize import fold
from segur_devis.quote import Quote

TODAY = date(2026, 11, 30)
HEAD = """Devis n° ST-2026-014 du 02/11/2026
Client : EHPAD Les Mimosas
Logiciel : TilleulSoft DUI 5.4
"""


def lines(*cells: str) -> str:
    return HEAD + "\n" + "\n".join(cells) + "\n"


def rows(text: str) -> list[tuple[str, dict[str, str]]]:
    quote = Quote(text, today=TODAY)
    return [
        (row.label, {role: str(n.value) for role, n in row.values.items()})
        for table in quote.tables
        if table.layout == "stacked"
        for row in table.rows
    ]


FOUR = ("Désignation", "Qté", "PU HT", "Total HT")
CARD_READER = ("Lecteur de cartes", "2", "120,00", "240,00")
CARD_READER_ROW = ("lecteur de cartes", {"quantity": "2", "unit_price": "120.00", "total_ht": "240.00"})


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        pytest.param(
            (*FOUR, "Prestation Ségur MS-DUI-Va2", "1", "9 800,00 €", "9 800,00 €", *CARD_READER),
            [("prestation segur ms-dui-va2", {"quantity": "1", "unit_price": "9800.00", "total_ht": "9800.00"}),
             CARD_READER_ROW],
            id="four columns",
        ),
        pytest.param(
            ("Désignation", "Quantité", "Prix unitaire HT", "TVA %", "Montant HT",
             "Prestation Ségur MS-DUI-Va2 — TilleulSoft DUI 5.4,", "installation et formation",
             "1", "9 800,00", "20 %", "9 800,00"),
            [("prestation segur ms-dui-va2 - tilleulsoft dui 5.4, installation et formation",
              {"quantity": "1", "unit_price": "9800.00", "tva_rate": "20", "total_ht": "9800.00"})],
            id="five columns, a wrapped designation",
        ),
        pytest.param(
            ("Désignation", "Qté", "PU HT", "Total HT", "TVA", "Total TTC",
             "Contrat de maintenance", "1", "2 400,00", "2 400,00", "480,00", "2 880,00"),
            [("contrat de maintenance", {"quantity": "1", "unit_price": "2400.00", "total_ht": "2400.00",
                                         "tva": "480.00", "total_ttc": "2880.00"})],
            id="six columns up to TTC",
        ),
        pytest.param(
            (*FOUR, "Forfait de reprise des données", "1 200,00", "1 200,00", *CARD_READER),
            [("forfait de reprise des donnees", {"unit_price": "1200.00", "total_ht": "1200.00"}), CARD_READER_ROW],
            id="an empty cell dropped by the viewer leaves the right-most columns",
        ),
        pytest.param(
            (*FOUR, "Paramétrage", "1", "0,00", "0,00", "Remise commerciale", "1", "-1 200,00", "-1 200,00"),
            [("parametrage", {"quantity": "1", "unit_price": "0.00", "total_ht": "0.00"}),
             ("remise commerciale", {"quantity": "1", "unit_price": "-1200.00", "total_ht": "-1200.00"})],
            id="zero and a credit line keep their values",
        ),
        pytest.param(
            ("Désignation", "Périodicité", "Qté", "Montant HT",
             "Abonnement agenda en ligne", "par mois", "12", "348,00",
             "Prestation Ségur MDV-LGC-Va2", "une fois", "1", "1 480,00"),
            [("abonnement agenda en ligne", {"quantity": "12", "total_ht": "348.00"}),
             ("prestation segur mdv-lgc-va2", {"quantity": "1", "total_ht": "1480.00"})],
            id="a text column after the designation",
        ),
    ],
)  # fmt: skip
def test_layouts(cells: tuple[str, ...], expected: list[tuple[str, dict[str, str]]]) -> None:
    assert rows(lines(*cells)) == expected


@pytest.mark.parametrize("word", ["Inclus", "Offert", "Gratuit", "N/A", "—"])
def test_a_word_in_a_price_cell_is_no_amount_and_no_designation(word: str) -> None:
    text = lines(*FOUR, "Formation sur site", "1", word, word, *CARD_READER)
    assert rows(text) == [("formation sur site", {"quantity": "1"}), CARD_READER_ROW]


def test_a_total_ends_the_table_and_is_read_over_two_lines() -> None:
    text = lines(
        "Désignation", "Qté", "PU HT", "Total HT",
        "Lecteur de cartes", "2", "120,00 €", "240,00 €",
        "Total HT", "240,00 €", "TVA 20 %", "48,00 €", "Total TTC", "288,00 €",
        "Conditions de paiement : 30 jours fin de mois.",
    )  # fmt: skip
    quote = Quote(text, today=TODAY)
    assert len(rows(text)) == 1
    assert [(e.kind, str(e.amount.value), e.rate) for e in quote.totals] == [
        ("total_ht", "240.00", None),
        ("tva", "48.00", Decimal("0.2")),
        ("total_ttc", "288.00", None),
    ]
    assert [str(item.total.value) for item in quote.items if item.total] == ["240.00"]


def test_prose_in_short_lines_is_no_table() -> None:
    text = lines("Désignation", "Montant", "Prix", "Nous restons à votre disposition.", "Cordialement,")
    assert rows(text) == []
    assert not Quote(text, today=TODAY).tables


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("1.250,00", "1250.00"),
        ("1250.00 EUR", "1250.00"),
        ("€ 1 250,00", "1250.00"),
        ("1 250,00 € HT", "1250.00"),
        ("-1 200,00", "-1200.00"),
        ("0,00", "0.00"),
    ],
)
def test_amount_forms_in_a_cell_and_in_running_text(written: str, value: str) -> None:
    number = parse_number(fold(written).text)
    assert number is not None and str(number.value) == value
    line = Quote(f"Lecteur de cartes   {written}", today=TODAY).lines[0]
    assert [str(a.value) for a in line.amounts] == [value]


@pytest.mark.parametrize("word", ["Gratuit", "Offert", "Inclus", "N/A"])
def test_a_price_word_is_no_amount_in_running_text(word: str) -> None:
    assert parse_number(fold(word).text) is None
    assert find_amounts(fold(f"Formation sur site   {word}").text) == []


def test_rules_read_a_stacked_table() -> None:
    """A01 on a wrong row, P02 on Ségur and client rows sharing the table and total, evidence the whole row."""
    text = lines(
        "Désignation", "Qté", "PU HT", "Total HT",
        "Prestation Ségur MS-DUI-Va2 — TilleulSoft DUI 5.4", "1", "9 800,00 €", "9 800,00 €",
        "Contrat de maintenance annuel", "3", "1 200,00 €", "3 800,00 €",
        "Total HT", "13 600,00 €",
    )  # fmt: skip
    report = check_text(text, today=TODAY)
    by_code = {f.code: f for f in report.findings}
    assert "A01" in by_code and "P02" in by_code
    assert by_code["A01"].message == "3 × 1 200,00 € font 3 600,00 €, pas 3 800,00 €."
    assert by_code["P02"].evidence is not None
    assert by_code["P02"].evidence.text.splitlines() == [
        "Contrat de maintenance annuel",
        "3",
        "1 200,00 €",
        "3 800,00 €",
    ]


PDF_QUOTE = """<html><head><meta charset="utf-8"><style>
body {{ font-family: "DejaVu Sans", sans-serif; font-size: 10pt; }}
table {{ border-collapse: collapse; }} td, th {{ border: 1px solid #999; padding: 3px; }}
.num {{ text-align: right; width: 4.2em; }}
</style></head><body>
<p>Devis n° PV-2026-0881 du 09/11/2026</p><p>Logiciel : PharmaVista 12.4</p>
<table><tr>{header}</tr>{rows}</table>
<p>Montant de la Prestation Ségur pris en charge par l’État au titre du Ségur : 2 950,00 € HT</p>
</body></html>"""


def viewer_copy(pdf: bytes) -> str:
    """The text a PDF viewer copies when each text item of the page becomes a line (pdf.js's copy of a table):
    the page's text-showing operations, in content order, one a line."""
    import io

    from pypdf import PdfReader

    items: list[str] = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        page.extract_text(visitor_text=lambda text, *_: items.append(text.strip()) if text.strip() else None)
    return "\n".join(items)


def test_a_chromium_pdf_copied_one_cell_per_line(browser: Browser) -> None:
    """A real PDF printed by Chromium from an HTML table, copied one text item per line: the narrow amount cells
    wrap « € » under the number, the designation over two lines. A01 reads the wrong row."""
    cells = [
        ("Prestation Ségur PHA-LGO-Va2 — PharmaVista 12.4 : installation, paramétrage et formation sur site, "
         "prise en charge par l’État", "1", "2 950,00 €", "2 950,00 €"),
        ("Lecteur de cartes Vitale, option à la charge de la pharmacie", "3", "120,00 €", "380,00 €"),
    ]  # fmt: skip
    html = PDF_QUOTE.format(
        header="".join(f"<th>{h}</th>" for h in ("Désignation", "Qté", "PU HT", "Total HT")),
        rows="".join(
            "<tr>"
            + "".join(f'<td class="{"num" if k else ""}">{c}</td>' for k, c in enumerate(row))
            + "</tr>"
            for row in cells
        ),
    )
    text = viewer_copy(chromium_pdf(browser, html))
    assert "\n€\n" in text  # the viewer's copy really splits an amount from its currency
    assert rows(text) == [
        (
            "prestation segur pha-lgo-va2 - pharmavista 12.4 : installation, parametrage et formation sur site, "
            "prise en charge par l'etat",
            {"quantity": "1", "unit_price": "2950.00", "total_ht": "2950.00"},
        ),
        (
            "lecteur de cartes vitale, option a la charge de la pharmacie",
            {"quantity": "3", "unit_price": "120.00", "total_ht": "380.00"},
        ),
    ]
    findings = {f.code: f for f in check_text(text, today=TODAY).findings}
    assert findings["A01"].message == "3 × 120,00 € font 360,00 €, pas 380,00 €."


CELL_PIECES = [
    "Désignation", "Qté", "PU HT", "Total HT", "TVA", "Total TTC", "N°", "Périodicité", "Total", "HT", "€", "Inclus",
    "N/A", "1", "2", "950,00", "1 200,00 €", "-1 200,00", "20 %", "Prestation Ségur MS-DUI-Va2", "par mois", "",
    "Lecteur de cartes", "Sous-total", "Prise en charge État",
]  # fmt: skip


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(CELL_PIECES), max_size=30))
def test_any_run_of_cells_reads_without_error(cells: list[str]) -> None:
    """Whatever a viewer pastes one cell per line, the checker reads it: rows inside the text, no exception."""
    text = lines(*cells)
    quote = Quote(text, today=TODAY)
    for table in quote.tables:
        for row in table.rows:
            assert 0 <= row.start <= row.end <= len(quote.folded_text)
            assert table.header_line < row.first_line <= row.line <= row.last_line
    check_text(text, today=TODAY)
