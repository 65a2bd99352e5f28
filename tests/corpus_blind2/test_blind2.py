"""The checker against the second blind corpus (`expected.json`) and the PDF twins of some of its quotes (`twins.json`).

Written after the checker had been tuned on `tests/corpus_blind/`, to measure it again on documents it has never
seen: the quotes and their expectations come from the seeds, domain-facts.md and the public rule catalogue only,
without reading the checker's code, and were committed before the checker ever ran on them (README.md). A quote the
checker is known to misjudge carries `known_failure` (the oracle then expects its checks to fail, strictly for one of
them). A PDF twin is made in the test by a real engine (Chromium print to PDF of a stored HTML page, reportlab or
fpdf2) and must get the same verdict and codes as its text.
"""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

import pytest
from corpus_oracle import SEVERITY, load_expected, oracle_tests
from corpus_twins import twin_tests

HERE = Path(__file__).parent
TWIN_TESTS = twin_tests(HERE, at_least=10)  # twins well-formed, carrying the text's figures and report
globals().update(oracle_tests(HERE) | TWIN_TESTS)  # and the oracle: verdict, must, must_not, evidence, dates…
make_twin = TWIN_TESTS["make_twin"]
EXPECTED = load_expected(HERE)
NAMES = sorted(EXPECTED)


# --- the corpus itself (no checker) ---


def test_the_corpus_has_24_quotes_half_of_them_conforming() -> None:
    assert len(NAMES) >= 24
    assert all(re.fullmatch(r"\d\d_[a-z0-9_]+\.txt", name) for name in NAMES)
    verdicts = [EXPECTED[name]["verdict"] for name in NAMES]
    assert verdicts.count("conforme") * 2 >= len(NAMES) - 1, (
        "about half conforming, to measure false positives"
    )
    assert verdicts.count("non_conforme") + verdicts.count("a_verifier") >= 12, "and half with real faults"


def test_the_newer_codes_are_measured() -> None:
    # The codes added with the document model (C03, M07, V01, K04, P09) are each expected somewhere.
    expected = {code for entry in EXPECTED.values() for code in entry["must"]}
    assert {"C03", "M07", "V01", "K04", "P09"} <= expected <= set(SEVERITY)


def test_some_quotes_are_judged_on_a_day_of_their_era() -> None:
    dated = [name for name in NAMES if "today" in EXPECTED[name]]
    assert len(dated) >= 2
    for name in dated:
        assert date.fromisoformat(EXPECTED[name]["today"]) >= date.fromisoformat(
            EXPECTED[name]["date_signature"]
        )


@pytest.mark.parametrize("name", NAMES)
def test_each_expected_code_cites_its_source(name: str) -> None:
    # No code is expected without the seed, the domain-facts note or the contract that demands it.
    entry = EXPECTED[name]
    assert not entry["must"] or re.search(r"seed 00[02]|domain-facts|CONTRACT", entry["note"])


# --- the PDF twins ---


@pytest.mark.browser
def test_the_chromium_twin_carries_the_report_line_onto_its_second_page(
    request: pytest.FixtureRequest,
) -> None:
    # A quote in two sections over two printed pages: the subtotal leaves page 1 as « Report à la page 2 » and
    # opens page 2 as « Report de la page 1 », under Chromium's « Page n/N » footer.
    from pypdf import PdfReader

    pages = PdfReader(io.BytesIO(make_twin("06_hop_pfi_va2_deux_pages_report.txt", request))).pages
    assert len(pages) == 2
    first, second = (re.sub(r"\s+", " ", page.extract_text()) for page in pages)
    assert "Report à la page 2" in first and "Page 1/2" in first
    assert "Report de la page 1" in second and "Page 2/2" in second
    assert "40 400,00" in first and "40 400,00" in second
