"""The checker against the third blind corpus (`expected.json`) and the PDF twins of some of its quotes (`twins.json`).

Written after the checker had been tuned on `tests/corpus_blind/` and `tests/corpus_blind2/`, to measure it again on
documents it has never seen: the quotes and their expectations come from the seeds, domain-facts.md and the public
rule catalogue only, without reading the checker's code, and were committed before the checker ever ran on them
(README.md). A quote the checker is known to misjudge carries `known_failure` (the oracle then expects its checks to
fail, strictly for one of them). A PDF twin is made in the test by a real engine (Chromium print to PDF of a stored
HTML page, reportlab or fpdf2) and must get the same verdict and codes as its text.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from corpus_blind_checks import blind_corpus_tests
from corpus_oracle import oracle_tests
from corpus_twins import twin_tests

HERE = Path(__file__).parent
TWIN_TESTS = twin_tests(HERE, at_least=8)  # twins well-formed, carrying the text's figures and report
globals().update(oracle_tests(HERE) | TWIN_TESTS)  # and the oracle: verdict, must, must_not, evidence, dates…
globals().update(blind_corpus_tests(HERE, quotes=20, faulty=10))  # the corpus itself, without the checker
make_twin = TWIN_TESTS["make_twin"]


# --- the PDF twins ---


@pytest.mark.browser
def test_the_chromium_twin_keeps_the_numbered_sub_items(request: pytest.FixtureRequest) -> None:
    # Hierarchical numbering « 1.1 … 1.4 » under a lot: each number stays before its label in the text layer.
    from pypdf import PdfReader

    pdf = make_twin("01_hop_dpi_va2_lots_numerotes_etat.txt", request)
    text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))
    for number, label in [("1.1", "Droits d'usage"), ("1.3", "Formation"), ("2.1", "Module")]:
        assert re.search(rf"{re.escape(number)} {label}", text), number
    assert "39 000,00" in text and "54 600,00" in text
