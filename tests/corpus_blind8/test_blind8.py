"""The checker against the eighth blind corpus (`expected.json`) and the PDF twins of some of its quotes
(`twins.json`).

Written after the checker had been tuned on the first six blind corpora (the seventh being tuned meanwhile), to
measure it again on documents it has never seen: public procurement papers (a BPU with numbered prices, a DQE, an
acte d'engagement, orders through UGAP, RESAH and CAIH with the buyer's number beside the vendor's), a GHT table with
one column per établissement, year columns, ERP positions « 10 / 10.1 / 20 », spreadsheets pasted with spaces or
tabs, amounts before designations, per-line VAT rates, « TVA non applicable, art. 293 B du CGI », options « sur
devis », an « avoir » line, Yousign and DocuSign audit trails, legal footers repeated in the text and conditions in
two columns. How a blind corpus is written, judged and kept honest: tests/corpus_blind_checks.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus_blind_checks import blind_corpus
from corpus_twins import TwinPages

globals().update(blind_corpus(Path(__file__).parent, quotes=37, faulty=18, twins=13))


@pytest.mark.browser
def test_the_three_page_twin_repeats_its_legal_footer_and_prints_two_columns(twin_pages: TwinPages) -> None:
    # Quote 11 is printed as the vendor sends it: three pages, each with the running header and the legal footer the
    # pasted text repeats (« Page n sur 3 »); the price table and totals on page 2, the conditions in two columns
    # and the order on page 3.
    pages = twin_pages("11_hop_dpi_va2_pieds_de_page_repetes_deux_colonnes.txt")
    assert len(pages) == 3
    assert all("CS-DPI-2025-0612" in page and f"Page {n} sur 3" in page for n, page in enumerate(pages, 1))
    assert all("SIRET 512 345 678 00024" in page for page in pages)
    assert "54 750,00" in pages[1] and "Article 6" in pages[2] and "15/10/2025" in pages[2]
