"""The checker against the seventh blind corpus (`expected.json`) and the PDF twins of some of its quotes
(`twins.json`).

Written after the checker had been tuned on the first six blind corpora, to measure it again on documents it has
never seen: vendor and client blocks run together on the same lines, an eight-column table whose designation wraps
over three lines, thousands written « 31.400,00 », with narrow no-break spaces or not at all (« 5400.00 € »), the
euro sign first, « Offert / Inclus / Pris en charge » in the price column, per-page « À reporter / Report » lines,
alternative options, twelve numbered articles, a barème and a DSR glossary given for information, a word-processor
paste with a two-column signature table, a cover letter, an unrelated offer after the quote, a CSV export and
record-like « ARTICLE » blocks. How a blind corpus is written, judged and kept honest: tests/corpus_blind_checks.py.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from corpus_blind_checks import blind_corpus
from corpus_twins import TwinPages

TESTS = blind_corpus(Path(__file__).parent, quotes=33, faulty=17, twins=11)
globals().update(TESTS)
make_twin = TESTS["make_twin"]


@pytest.mark.browser
def test_the_carried_over_twin_keeps_its_three_pages(twin_pages: TwinPages) -> None:
    # Quote 06 is printed as the vendor sends it: three pages under a running header « Page n/3 », the page 1
    # sub-total carried over (« À reporter » at its foot, « Report » at the top of page 2), the connector on page 3.
    pages = twin_pages("06_hop_pfi_va2_trois_pages_report_a_reporter.txt")
    assert len(pages) == 3
    assert all("NX-PFI-25-0418" in page and f"Page {n}/3" in page for n, page in enumerate(pages, 1))
    assert "À reporter" in pages[0] and "Report" in pages[1] and "36 900,00" in pages[0] + pages[1]
    assert "46 320,00" in pages[1] and "LDAP" in pages[2] and "11/09/2025" in pages[2]


@pytest.mark.browser
def test_the_two_blocks_twin_shares_its_lines(request: pytest.FixtureRequest) -> None:
    # Quote 01's vendor block (left) and client block (right) stand side by side: read by position, as a PDF
    # reader's copy gives them, each vendor line shares its line with a client line, as the text quote shows.
    from pypdf import PdfReader

    data = make_twin("01_ms_dui_va2_ssiad_blocs_emetteur_client_meme_ligne.txt", request)
    lines = PdfReader(io.BytesIO(data)).pages[0].extract_text(extraction_mode="layout").splitlines()
    for vendor, client in [
        ("DOMISOFT SANTÉ", "DS-MS-2026-1187"),
        ("12 allée des Tisserands", "04/11/2026"),
        ("35000 Rennes", "SSIAD du Pays de Redon"),
        ("Lucas Morvan", "12/11/2026"),
    ]:
        assert any(vendor in line and client in line for line in lines), (vendor, client)
