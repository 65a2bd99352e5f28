"""The checker against the fifth blind corpus (`expected.json`) and the PDF twins of some of its quotes
(`twins.json`).

Written after the checker had been tuned on the first four blind corpora, to measure it again on documents it has
never seen: ERP orders with item numbers and material codes, spreadsheet exports pasted as CSV or tab-separated
values, Word tables flattened by copy-paste, amendments to earlier contracts, payment schedules, multi-establishment
(GHT) quotes with a recap table, SONS amounts beside client prices of zero, two software or two couloirs on one
quote, footnotes carrying who pays, discounts to zero, hosting and TMA lines, an e-mail around a quote and OCR text
from scans. How a blind corpus is written, judged and kept honest: tests/corpus_blind_checks.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus_blind_checks import blind_corpus
from corpus_twins import TwinPages

globals().update(blind_corpus(Path(__file__).parent, quotes=26, faulty=13, twins=10))


@pytest.mark.browser
def test_the_ght_twin_puts_the_recap_on_page_two(twin_pages: TwinPages) -> None:
    # Quote 05 is printed as a GHT's vendor sends it: one line per establishment on page 1, the recap by payer and the
    # right-hand totals block on page 2, each page with the running header and footer that the pasted text repeats.
    pages = twin_pages("05_hop_dpi_va2_ght_trois_finess_recapitulatif.txt")
    assert len(pages) == 2
    assert all(finess in pages[0] for finess in ("560000143", "220000368", "220000574"))
    assert "Récapitulatif" not in pages[0]
    assert "Récapitulatif" in pages[1] and "144 360,00" in pages[1]
    assert all("HSN-GHT-2025-0071" in page for page in pages)
