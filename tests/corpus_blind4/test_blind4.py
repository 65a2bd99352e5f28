"""The checker against the fourth blind corpus (`expected.json`) and the PDF twins of some of its quotes
(`twins.json`).

Written after the checker had been tuned on `tests/corpus_blind/`, `tests/corpus_blind2/` and
`tests/corpus_blind3/`, to measure it again on documents it has never seen: text pasted from PDF viewers one cell
per line or with columns run together, totals blocks whose labels and values sit in separate columns, prices in
prose, check boxes, amounts in many spellings, two-part quotes over two pages, annual tables, running headers and
footers pasted in, general terms of sale. How a blind corpus is written, judged and kept honest:
tests/corpus_blind_checks.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus_blind_checks import blind_corpus
from corpus_twins import TwinPages

globals().update(blind_corpus(Path(__file__).parent, quotes=26, faulty=13, twins=10))


@pytest.mark.browser
def test_the_chromium_twin_puts_each_part_on_its_own_page(twin_pages: TwinPages) -> None:
    # Quote 07 is printed as vendors send it: part A (State) on page 1, part B (client) on page 2, each page with the
    # running header that the pasted text repeats.
    pages = twin_pages("07_bio_sgl_va2_partie_a_partie_b_pages.txt")
    assert len(pages) == 2
    assert "PARTIE A" in pages[0] and "PARTIE B" not in pages[0]
    assert "PARTIE B" in pages[1] and "35 400,00" in pages[1]
    assert all("LBS-2026-0388" in page for page in pages)
