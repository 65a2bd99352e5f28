"""Every test of a blind corpus (`tests/corpus_blind2/` and after): one call, `blind_corpus(folder, …)`.

A blind corpus is written after the checker was tuned on the earlier ones, to measure it on documents it has never
seen: its quotes and their expectations (`expected.json`) come from the seeds, domain-facts.md and the public rule
catalogue only, without reading the checker's code, and are committed before the checker ever runs on them (each
corpus' README.md). A quote the checker is known to misjudge carries `known_failure` (the oracle then expects its
checks to fail, strictly for one of them). A PDF twin (`twins.json`) is made in the test by a real engine (Chromium
print to PDF of a stored HTML page, reportlab or fpdf2) and must get the same verdict and codes as its text.

The oracle's checks (corpus_oracle.py), its PDF twins' (corpus_twins.py), and the checks of the corpus itself,
without the checker: a blind corpus measures false positives and misses, so about half of it conforms and half has
real faults; the newer catalogue codes are each expected somewhere; some quotes are judged on a day of their era;
and no code is expected without the source that demands it. A test module is:

    globals().update(blind_corpus(Path(__file__).parent, quotes=24, faulty=12, twins=10))

and, for checks of its own on a twin's pages, the fixture `twin_pages` (corpus_twins.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from corpus_oracle import SEVERITY, load_expected, oracle_tests
from corpus_twins import twin_tests


def blind_corpus(folder: Path, *, quotes: int, faulty: int, twins: int) -> dict[str, Callable[..., Any]]:
    """The tests of the blind corpus in `folder` (at least `quotes` quotes, `faulty` of them with real faults, and
    `twins` PDF twins), with the twins' helper `make_twin` and fixture `twin_pages`."""
    return (
        oracle_tests(folder)  # verdict, must, must_not, evidence, dates…
        | twin_tests(folder, at_least=twins)  # twins well-formed, carrying the text's figures and report
        | blind_corpus_tests(folder, quotes=quotes, faulty=faulty)  # the corpus itself, without the checker
    )


def blind_corpus_tests(folder: Path, *, quotes: int, faulty: int) -> dict[str, Callable[..., None]]:
    """The tests of the corpus in `folder`: at least `quotes` quotes, `faulty` of them with real faults."""
    EXPECTED = load_expected(folder)
    NAMES = sorted(EXPECTED)

    def test_the_corpus_is_big_enough_and_half_of_it_conforms() -> None:
        assert len(NAMES) >= quotes
        assert all(re.fullmatch(r"\d\d_[a-z0-9_]+\.txt", name) for name in NAMES)
        verdicts = [EXPECTED[name]["verdict"] for name in NAMES]
        assert verdicts.count("conforme") * 2 >= len(NAMES) - 1, (
            "about half conforming, to measure false positives"
        )
        assert verdicts.count("non_conforme") + verdicts.count("a_verifier") >= faulty, (
            "and half with real faults"
        )

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

    return {name: fn for name, fn in locals().items() if name.startswith("test_")}
