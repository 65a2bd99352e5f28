"""Real PDFs made by real engines, read as documents: Chromium printing HTML quotes with CSS tables (as quoting
tools do: header cells with a wrapped label, six-column tables without € signs, a running header and « Page 1/2 »
footers over two pages, ligatures in the text layer), fpdf2 and reportlab tables (`tests/support/pdf_makers.py`).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date
from html import escape

import pytest
from playwright.sync_api import Browser
from support.pdf_makers import chromium_pdf, fpdf_table_pdf, reportlab_pdf

from segur_devis import check_pdf
from segur_devis.extract import extract_pdf_text

TODAY = date(2026, 11, 30)
STYLE = """
body { font-family: "DejaVu Sans", sans-serif; font-size: 10pt; }
table { border-collapse: collapse; width: 100%; margin: 6pt 0; }
td, th { border: 1px solid #999; padding: 3px; }
.num { text-align: right; white-space: nowrap; }
.header td { width: 50%; }
.running { position: fixed; top: 0; right: 0; font-size: 8pt; }
.page-break { break-before: page; }
"""

HEADER_FIELDS = [
    ("Devis n°", "ML-2026-0412"),
    ("Date", "14/10/2026"),
    ("Client", "EHPAD Les Tilleuls"),
    ("Dénomination et version du logiciel", "TilleulSoft DUI 5.4"),
    ("Numéro unique de référencement de la solution logicielle (délivré par l’ANS)", "RS-2026-00871"),
    ("Base de calcul du barème du montant maximal payé", "82 lits et places"),
    ("Versions éligibles sans reste à charge", "5.0 (mise sur le marché le 01/02/2020) et suivantes"),
]
COLUMNS = ["Désignation", "Qté", "PU HT", "Total HT", "TVA", "TTC"]
SEGUR_ROWS = [
    (
        "Prestation Ségur MS-DUI-Va2 : mise à jour vers la version référencée, installation, paramétrage, "
        "formation, documentation, maintenance corrective 5 ans",
        "1",
        "9 800,00",
        "9 800,00",
        "1 960,00",
        "11 760,00",
    )
]
CLIENT_ROWS = [
    ("Lecteur de cartes CPS", "2", "120,00", "240,00", "48,00", "288,00"),
    ("Module de planiﬁcation des soins (hors Ségur)", "1", "1 200,00", "1 200,00", "240,00", "1 440,00"),
]


def table(rows: list[tuple[str, ...]]) -> str:
    head = "".join(f"<th>{escape(c)}</th>" for c in COLUMNS)
    body = "".join(
        "<tr>"
        + "".join(f"<td{' class=num' if k else ''}>{escape(v)}</td>" for k, v in enumerate(row))
        + "</tr>"
        for row in rows
    )
    return f"<table><tr>{head}</tr>{body}</table>"


def quote_html(client_rows: list[tuple[str, ...]], totals: str, *, two_pages: bool = False) -> str:
    fields = "".join(f"<tr><td>{escape(k)}</td><td>{escape(v)}</td></tr>" for k, v in HEADER_FIELDS)
    return f"""<!doctype html><html lang="fr"><head><meta charset="utf-8"><style>{STYLE}</style></head><body>
<div class="running">MédiLogic — devis ML-2026-0412</div>
<h1>DEVIS</h1><p>MédiLogic SAS — 12 rue des Lilas, 69003 Lyon</p>
<table class="header">{fields}</table>
<h2>Montant de la Prestation Ségur pris en charge par l’État au titre du Ségur</h2>
{table(SEGUR_ROWS)}
<h2{' class="page-break"' if two_pages else ""}>Prestations hors Ségur, à la charge de l’établissement
(optionnelles, vous pouvez les refuser)</h2>
{table(client_rows)}
<p>{escape(totals)}</p>
<p>Fait à Lyon, le 14 octobre 2026. Bon pour accord, signature du client.</p>
</body></html>"""


FOOTER = (
    '<div style="font-size:8pt;width:100%;text-align:center">Page '
    '<span class="pageNumber"></span>/<span class="totalPages"></span></div>'
)


def printed(browser: Browser, html: str) -> bytes:
    return chromium_pdf(browser, html, header="<span></span>", footer=FOOTER)


GOOD_TOTALS = "Total HT 11 240,00 € — TVA 2 248,00 € — Total TTC 13 488,00 €"


@pytest.fixture(scope="module")
def good_pdf(browser: Browser) -> bytes:
    return printed(browser, quote_html(CLIENT_ROWS, GOOD_TOTALS, two_pages=True))


def test_chromium_pdf_text_keeps_the_columns(good_pdf: bytes) -> None:
    from pypdf import PdfReader

    assert len(PdfReader(io.BytesIO(good_pdf)).pages) == 2
    text = extract_pdf_text(good_pdf)
    row = next(line for line in text.splitlines() if "Lecteur de cartes CPS" in line)
    assert row.split()[-5:] == ["2", "120,00", "240,00", "48,00", "288,00"]
    assert "Page 1/2" in text and "Page 2/2" in text
    assert "\ufb01" in text  # the ligature stays in the analysed text; matching folds it


def test_chromium_pdf_conforming_quote(good_pdf: bytes) -> None:
    report = check_pdf(good_pdf, today=TODAY)
    assert report.verdict in ("conforme", "a_verifier"), report.codes
    assert not {"M02", "M03", "M04", "M05", "A01", "A02", "P01", "P02"} & set(report.codes)
    assert report.facts["numero_referencement"] == "RS-2026-00871"
    assert report.facts["date_devis"] == "2026-10-14"
    assert (report.facts["total_ht"], report.facts["total_ttc"]) == ("11 240,00", "13 488,00")


def test_chromium_pdf_faulty_quote_gives_row_excerpts(browser: Browser) -> None:
    rows = [
        *CLIENT_ROWS,
        ("Maintenance corrective annuelle TilleulSoft", "1", "4 500,00", "4 500,00", "900,00", "5 400,00"),
        ("Poste de travail", "2", "850,00", "1 800,00", "360,00", "2 160,00"),
    ]
    totals = "Total HT 17 540,00 € — TVA 3 508,00 € — Total TTC 21 048,00 €"
    report = check_pdf(printed(browser, quote_html(rows, totals)), today=TODAY)
    by_code = {f.code: f for f in report.findings}
    assert report.verdict == "non_conforme"
    p01 = by_code["P01"]
    assert (
        p01.evidence is not None and "4 500,00" in p01.evidence.text and "\n" not in p01.evidence.text.strip()
    )
    a01 = by_code["A01"]
    assert a01.message == "2 × 850,00 € font 1 700,00 €, pas 1 800,00 €."
    assert a01.evidence is not None and a01.evidence.text.strip().startswith("Poste de travail")
    for f in report.findings:
        if f.evidence:
            assert report.text[f.evidence.start : f.evidence.end] == f.evidence.text


def tab_quote(rows: list[tuple[str, ...]]) -> str:
    fields = "\n".join(f"{key} : {value}" for key, value in HEADER_FIELDS)
    table = "\n".join("\t".join(row) for row in [tuple(COLUMNS), *rows])
    return (
        f"DEVIS\n{fields}\nMontant de la Prestation Ségur pris en charge par l’État au titre du Ségur\n{table}\n"
        "Reste à charge de l’établissement : 0,00 €\n"
    )


@pytest.mark.parametrize("maker", [fpdf_table_pdf, reportlab_pdf], ids=["fpdf2", "reportlab"])
def test_engine_tables_read_by_column(maker: Callable[..., bytes]) -> None:
    good = check_pdf(maker(tab_quote(SEGUR_ROWS), header="MédiLogic — devis ML-2026-0412"), today=TODAY)
    assert not {"A01", "A02", "M03", "M05"} & set(good.codes), good.codes
    wrong_ttc = [(*SEGUR_ROWS[0][:5], "11 860,00")]
    bad = check_pdf(maker(tab_quote(wrong_ttc)), today=TODAY)
    a02 = [f for f in bad.findings if f.code == "A02"]
    assert [f.message for f in a02] == [
        "9 800,00 € HT + 1 960,00 € de TVA font 11 760,00 €, pas 11 860,00 €."
    ]
