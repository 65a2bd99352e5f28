"""The checker against the third blind corpus (`expected.json`) and the PDF twins of some of its quotes
(`twins.json`).

Written after the checker had been tuned on `tests/corpus_blind/` and `tests/corpus_blind2/`, to measure it again on
documents it has never seen. How a blind corpus is written, judged and kept honest: tests/corpus_blind_checks.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from corpus_blind_checks import blind_corpus
from corpus_twins import TwinPages

globals().update(blind_corpus(Path(__file__).parent, quotes=20, faulty=10, twins=8))


@pytest.mark.browser
def test_the_chromium_twin_keeps_the_numbered_sub_items(twin_pages: TwinPages) -> None:
    # Hierarchical numbering « 1.1 … 1.4 » under a lot: each number stays before its label in the text layer.
    text = " ".join(twin_pages("01_hop_dpi_va2_lots_numerotes_etat.txt"))
    for number, label in [("1.1", "Droits d'usage"), ("1.3", "Formation"), ("2.1", "Module")]:
        assert re.search(rf"{re.escape(number)} {label}", text), number
    assert "39 000,00" in text and "54 600,00" in text
