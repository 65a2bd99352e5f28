"""The checker against the sixth blind corpus (`expected.json`) and the PDF twins of some of its quotes
(`twins.json`).

Written after the checker had been tuned on the first five blind corpora, to measure it again on documents it has
never seen: a quote pasted raw from a mail client (quoted-printable, « > » lines, forwarded header), a Markdown table,
a vendor portal's basket with discounts and three-decimal prices, « Investissement / Fonctionnement » sections,
options marked inline, a five-page proposal with planning and CGV, amounts in TTC only, two FINESS under one
organisme gestionnaire, an order acknowledgement and a pro-forma invoice, unusual DSR spellings, a couloir named in
words and an English-speaking vendor. How a blind corpus is written, judged and kept honest:
tests/corpus_blind_checks.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus_blind_checks import blind_corpus
from corpus_twins import TwinPages

globals().update(blind_corpus(Path(__file__).parent, quotes=30, faulty=15, twins=10))


@pytest.mark.browser
def test_the_long_twin_keeps_its_five_pages_and_running_header(twin_pages: TwinPages) -> None:
    # Quote 06 is printed as the vendor sends it: five pages, each with the running header and footer the pasted text
    # repeats; prices and the right-hand totals block on page 1, the CGV on page 4, the order on page 5.
    pages = twin_pages("06_hop_dpi_va2_long_annexes_planning_cgv.txt")
    assert len(pages) == 5
    assert all("MVS-PTF-2025-0342" in page and f"page {n}/5" in page for n, page in enumerate(pages, 1))
    assert "85 500,00" in pages[0] and "CONDITIONS GÉNÉRALES" in pages[3] and "02/12/2025" in pages[4]
