"""The checker against the second blind corpus (`expected.json`) and the PDF twins of some of its quotes
(`twins.json`).

Written after the checker had been tuned on `tests/corpus_blind/`, to measure it again on documents it has never
seen. How a blind corpus is written, judged and kept honest: tests/corpus_blind_checks.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus_blind_checks import blind_corpus
from corpus_twins import TwinPages

globals().update(blind_corpus(Path(__file__).parent, quotes=24, faulty=12, twins=10))


@pytest.mark.browser
def test_the_chromium_twin_carries_the_report_line_onto_its_second_page(twin_pages: TwinPages) -> None:
    # A quote in two sections over two printed pages: the subtotal leaves page 1 as « Report à la page 2 » and
    # opens page 2 as « Report de la page 1 », under Chromium's « Page n/N » footer.
    first, second = twin_pages("06_hop_pfi_va2_deux_pages_report.txt")
    assert "Report à la page 2" in first and "Page 1/2" in first
    assert "Report de la page 1" in second and "Page 2/2" in second
    assert "40 400,00" in first and "40 400,00" in second
