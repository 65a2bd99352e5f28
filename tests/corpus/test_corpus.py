"""The checker against an independent corpus of whole quotes (the oracle is `expected.json`).

The quotes and their expected results were written from the seeds and contracts.md, without reading the
checker's code. Each quote must get its expected verdict, report every `must` code and none of the `must_not`
codes; evidence offsets must point into the text; the report must be deterministic; a PDF of a quote must get
the same verdict as its text.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from corpus_oracle import SEVERITY, VERDICTS, api, describe, load_expected, oracle_tests
from corpus_oracle import read_quote as corpus_read_quote
from support.pdf_makers import make_pdf

HERE = Path(__file__).parent
EXPECTED = load_expected(HERE)
NAMES = sorted(EXPECTED)

globals().update(oracle_tests(HERE))  # verdict, must, must_not, evidence, determinism, dates

# Quotes rendered as PDFs (one per verdict), and the quote used for the 10-page PDF.
PDF_QUOTES = [
    "03_hop_dpi_conforme_tabulations.txt",
    "02_seed002_devis_non_conforme_bio_sgl.txt",
    "06_bio_sgl_clauses_du_seed.txt",
    "33_non_devis_plomberie.txt",
]
TEN_PAGE_QUOTE = "25_hop_pfi_multipage_typographie.txt"


def read_quote(name: str) -> str:
    return corpus_read_quote(HERE, name)


def test_every_rule_fails_and_passes_somewhere() -> None:
    # Across the corpora, each catalogue code is demanded by at least one quote and forbidden by another.
    entries = [e for folder in sorted(HERE.parent.glob("corpus*/")) for e in load_expected(folder).values()]
    demanded = {code for entry in entries for code in entry["must"]}
    forbidden = {code for entry in entries for code in entry["must_not"]}
    assert set(SEVERITY) - demanded == set()
    assert set(SEVERITY) - forbidden == set()


def test_every_couloir_and_layout_is_covered() -> None:
    texts = {name: read_quote(name) for name in NAMES}
    joined = "\n".join(texts.values())
    for family in ["DPI", "PFI", "RI", "RIS", "SGL", "LGC", "LGO", "DUI"]:
        assert re.search(rf"\b{family}\b", joined), family
    assert any("\t" in t for t in texts.values()), "tabs"
    assert any("\r\n" in t for t in texts.values()), "CRLF"
    assert "\u00a0" in joined and "\u202f" in joined, "NBSP and narrow NBSP"
    assert "\ufb01" in joined and "Pres-\ntation" in joined, "ligature and hyphenation"
    assert "’" in joined and "'" in joined, "both apostrophes"
    assert "Page 1/3" in joined
    verdicts = {entry["verdict"] for entry in EXPECTED.values()}
    assert verdicts == VERDICTS


# --- PDFs of corpus quotes ---


@pytest.mark.parametrize("name", PDF_QUOTES)
def test_pdf_gets_the_same_verdict_as_the_text(name: str) -> None:
    segur_devis = api()
    text = read_quote(name)
    from_text = segur_devis.check_text(text)
    from_pdf = segur_devis.check_pdf(make_pdf(text), source=name.replace(".txt", ".pdf"))
    message = f"{name}: pdf {describe(from_pdf)} / text {describe(from_text)}"
    assert from_pdf.verdict == from_text.verdict, message


def test_ten_page_pdf_gets_the_same_verdict_as_the_text() -> None:
    from pypdf import PdfReader

    segur_devis = api()
    text = read_quote(TEN_PAGE_QUOTE)
    data = make_pdf(text, pages=10)
    assert len(PdfReader(io.BytesIO(data)).pages) == 10
    from_pdf = segur_devis.check_pdf(data, source="dix-pages.pdf")
    assert from_pdf.verdict == segur_devis.check_text(text).verdict == EXPECTED[TEN_PAGE_QUOTE]["verdict"]


def test_make_pdf_keeps_the_text_extractable() -> None:
    # The helper itself: accents, typographic apostrophes and NBSP survive a round trip through pypdf.
    from pypdf import PdfReader

    text = read_quote("10_pha_lgo_liste_versions_conforme.txt")
    data = make_pdf(text)
    assert data.startswith(b"%PDF-")
    extracted = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    for needle in ["Dénomination et version du logiciel", "l’État au titre du Ségur", "mise sur le marché"]:
        assert needle in extracted
    assert len(PdfReader(io.BytesIO(make_pdf(text, pages=3))).pages) == 3
