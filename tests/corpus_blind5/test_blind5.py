"""The checker against the fifth blind corpus (`expected.json`) and the PDF twins of some of its quotes (`twins.json`).

Written after the checker had been tuned on the first four blind corpora, to measure it again on documents it has
never seen: ERP orders with item numbers and material codes, spreadsheet exports pasted as CSV or tab-separated
values, Word tables flattened by copy-paste, amendments to earlier contracts, payment schedules, multi-establishment
(GHT) quotes with a recap table, SONS amounts beside client prices of zero, two software or two couloirs on one quote,
footnotes carrying who pays, discounts to zero, hosting and TMA lines, an e-mail around a quote and OCR text from
scans. The quotes and their expectations come from the seeds, domain-facts.md and the public rule catalogue only,
without reading the checker's code, and were committed before the checker ever ran on them (README.md). A quote the
checker is known to misjudge carries `known_failure`. A PDF twin is made in the test by a real engine and must get
the same verdict and codes as its text.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from corpus_blind_checks import blind_corpus_tests
from corpus_oracle import oracle_tests
from corpus_twins import twin_tests

HERE = Path(__file__).parent
TWIN_TESTS = twin_tests(HERE, at_least=10)  # twins well-formed, carrying the text's figures and report
globals().update(oracle_tests(HERE) | TWIN_TESTS)  # and the oracle: verdict, must, must_not, evidence, dates…
globals().update(blind_corpus_tests(HERE, quotes=26, faulty=13))  # the corpus itself, without the checker
make_twin = TWIN_TESTS["make_twin"]


# --- the PDF twins ---


@pytest.mark.browser
def test_the_ght_twin_puts_the_recap_on_page_two(request: pytest.FixtureRequest) -> None:
    # Quote 05 is printed as a GHT's vendor sends it: one line per establishment on page 1, the recap by payer and the
    # right-hand totals block on page 2, each page with the running header and footer that the pasted text repeats.
    from pypdf import PdfReader

    pages = [
        page.extract_text()
        for page in PdfReader(
            io.BytesIO(make_twin("05_hop_dpi_va2_ght_trois_finess_recapitulatif.txt", request))
        ).pages
    ]
    assert len(pages) == 2
    assert all(finess in pages[0] for finess in ("560000143", "220000368", "220000574"))
    assert "Récapitulatif" not in pages[0]
    assert "Récapitulatif" in pages[1] and "144 360,00" in pages[1]
    assert all("HSN-GHT-2025-0071" in page for page in pages)
