"""The checker against a blind holdout corpus of 25 quotes (the oracle is `expected.json`).

The quotes imitate real vendors' layouts (order forms with checkboxes, `|` tables, columns, `12.400,00 EUR`,
`EUR 13 650`, `3650 € H.T.`, repeated page headers, a CGV annex, a pasted cover email) and were written from the
seeds, contracts.md, domain-facts.md and the order deadlines of reference.json, without reading the checker's
code. More than ten of them are compliant quotes worded to trap a naive checker into false positives. A failure
here is a finding to judge against the sources, not an expectation to weaken.
"""

from __future__ import annotations

import re
from pathlib import Path

from corpus_oracle import load_expected, oracle_tests
from corpus_oracle import read_quote as corpus_read_quote

HERE = Path(__file__).parent
EXPECTED = load_expected(HERE)
NAMES = sorted(EXPECTED)

globals().update(oracle_tests(HERE))  # verdict, must, must_not, evidence, determinism, dates


def read_quote(name: str) -> str:
    return corpus_read_quote(HERE, name)


def test_the_holdout_has_25_well_named_quotes() -> None:
    assert len(NAMES) == 25
    assert all(re.fullmatch(r"\d\d_[a-z0-9_]+\.txt", name) for name in NAMES)


def test_the_mix_of_traps_and_faults() -> None:
    verdicts = [entry["verdict"] for entry in EXPECTED.values()]
    assert verdicts.count("conforme") >= 10, "at least ten compliant false-positive traps"
    assert verdicts.count("non_conforme") >= 8, "at least eight non-compliant quotes"


def test_the_vendor_styles_are_present() -> None:
    joined = "\n".join(read_quote(name) for name in NAMES)
    for needle in [
        "[x]",
        "| Désignation",
        "Désignation                                          Qté      PU HT              Montant HT",
        "12.400,00 EUR",
        "EUR 13 650",
        "3650 € H.T.",
        "Page 2/3",
        "CONDITIONS GÉNÉRALES DE VENTE",
        "Envoyé :",
        "chirurgiens-dentistes",
        "sages-femmes",
        "SONS-IMG-DB-va2",
        "HOP-DPI-Va2",
    ]:
        assert needle in joined, needle
