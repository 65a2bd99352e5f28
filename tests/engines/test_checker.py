"""The checker in Firefox ESR and WebKitGTK: it starts, and gives the CLI's verdict and findings for every corpus
quote, pasted, and for PDFs chosen or dropped."""

from __future__ import annotations

from pathlib import Path

import pytest
from engine_checker import choose, drop, paste
from support.engines import EnginePage
from support.pdf_makers import make_pdf

import segur_devis

pytestmark = pytest.mark.browser

CORPUS = sorted((Path(__file__).resolve().parents[1] / "corpus").glob("*.txt"))


def cli_answer(report: segur_devis.Report) -> tuple[str, list[str]]:
    return report.verdict, sorted({finding.code for finding in report.findings})  # the page groups by rule


def test_every_corpus_quote_pasted_gets_the_cli_answer(checker: EnginePage) -> None:
    assert len(CORPUS) >= 30
    differences = []
    for path in CORPUS:
        # What a textarea holds once pasted: LF line ends.
        text = segur_devis.check_bytes(path.read_bytes()).text.replace("\r\n", "\n").replace("\r", "\n")
        if not text.strip():
            continue  # a blank paste gets the page's own message, before any checking (tests/browser)
        expected = cli_answer(segur_devis.check_text(text))
        shown = paste(checker, text)
        if shown != expected:
            differences.append((path.name, shown, expected))
    assert differences == []


@pytest.mark.parametrize("how", ["choose", "drop"])
def test_pdf_quotes_chosen_or_dropped_get_the_cli_answer(
    checker: EnginePage, how: str, tmp_path: Path
) -> None:
    differences = []
    for path in CORPUS[:3] + CORPUS[-7:-5]:
        data = make_pdf(path.read_text(encoding="utf-8", errors="replace"), pages=2)
        expected = cli_answer(segur_devis.check_pdf(data))
        if how == "choose":
            (tmp_path / f"{path.stem}.pdf").write_bytes(data)
            shown = choose(checker, tmp_path / f"{path.stem}.pdf")
        else:
            shown = drop(checker, f"{path.stem}.pdf", data)
        if shown != expected:
            differences.append((path.name, shown, expected))
    assert differences == []
