"""The checker against the blind corpus (38 quotes, `expected.json`) and the PDF twins of 19 of them (`twins.json`).

The quotes and their expectations were written from the seeds, domain-facts.md and the public rule catalogue,
without reading the checker's code, and committed before the checker was run on them (README.md). A quote the
checker is known to misjudge carries `known_failure` (the oracle then expects its checks to fail, strictly for
one of them). A PDF twin is made in the test by a real engine (Chromium print to PDF of a stored HTML page,
reportlab or fpdf2 tables) and must get the same verdict and codes as its text.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from corpus_oracle import load_expected, oracle_tests
from corpus_twins import TwinPages, twin_tests

HERE = Path(__file__).parent
EXPECTED = load_expected(HERE)
NAMES = sorted(EXPECTED)
TWIN_TESTS = twin_tests(HERE, at_least=15)  # twins well-formed, carrying the text's figures and report

globals().update(oracle_tests(HERE))  # verdict, must, must_not, evidence, determinism, dates, known failures
globals().update(TWIN_TESTS)


# --- the corpus itself (no checker) ---


def test_the_corpus_has_36_quotes_half_of_them_conforming() -> None:
    assert len(NAMES) >= 36
    assert all(re.fullmatch(r"\d\d_[a-z0-9_]+\.txt", name) for name in NAMES)
    verdicts = [EXPECTED[name]["verdict"] for name in NAMES]
    assert verdicts.count("conforme") * 2 >= len(NAMES) - 2, (
        "about half conforming, to measure false positives"
    )
    assert verdicts.count("non_reconnu") >= 3, "texts that name DSR and amounts but are not quotes"


def test_every_expected_code_is_derived_from_a_cited_source() -> None:
    for name in NAMES:
        entry = EXPECTED[name]
        if entry["must"]:
            assert re.search(r"seed 00[02]|domain-facts|CONTRACT", entry["note"]), name


# --- the PDF twins ---


@pytest.mark.browser
def test_the_chromium_twin_has_running_headers_on_each_page(twin_pages: TwinPages) -> None:
    # As quoting SaaS print: the same header and « Page n/N » footer on every page, from Chromium's templates.
    pages = twin_pages("12_hop_dpi_va2_multipage_entetes.txt")
    assert len(pages) == 2
    for number, text in enumerate(pages, start=1):
        assert f"Devis n° MSH-V2-25-0880 — Page {number}/2" in text
        assert "RCS Lille 504 111 222" in text
