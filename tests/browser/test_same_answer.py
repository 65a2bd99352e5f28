"""Same answer everywhere: the browser (Pyodide) and CPython give the same report for every quote we have: the text
quotes and the PDF twins of every corpus folder (`tests/corpus*/`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser
from support.pages import CheckerPage
from support.pdf_makers import load_twins, twin_pdf
from support.quotes import CORPUS, SEED_ERA, TESTS
from support.reports import compare

import segur_devis

pytestmark = pytest.mark.browser

FOLDERS = sorted(path.parent for path in TESTS.glob("corpus*/expected.json"))
WITH_TWINS = [folder for folder in FOLDERS if load_twins(folder)]


def test_every_corpus_is_compared() -> None:
    assert CORPUS in FOLDERS and len(FOLDERS) >= 10 and len(WITH_TWINS) >= 8


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda folder: folder.name)
def test_browser_and_cpython_agree_on_every_quote(ready: CheckerPage, folder: Path) -> None:
    quotes = sorted(folder.glob("*.txt"))
    assert len(quotes) >= 2
    differences = []
    for path in quotes:
        # Bytes, as the CLI reads them: the corpus has CRLF, Latin-1 and other encodings on purpose.
        data = path.read_bytes()
        outcome = ready.check_file(path.name, data, mime="text/plain")
        expected = segur_devis.check_bytes(data, filename=path.name, today=SEED_ERA).to_dict()
        if outcome == "":
            differences.append((path.name, "message in the browser", ready.message()))
            continue
        differences += compare(path.name, ready.download_report(), expected)

        # The same quote pasted: a textarea holds LF line ends only, so paste what it would hold.
        pasted = segur_devis.check_bytes(data).text.replace("\r\n", "\n").replace("\r", "\n")
        ready.page.click("#effacer")  # forget the file, or "Vérifier" with a blank text would check it again
        if ready.check_text(pasted):
            differences += compare(
                f"{path.name} (collé)",
                ready.download_report(),
                segur_devis.check_text(pasted, today=SEED_ERA).to_dict(),
            )
        elif pasted.strip():  # a blank paste gets the page's own message, before any checking
            differences.append((path.name, "message in the browser", ready.message()))
    assert differences == []


@pytest.mark.parametrize("folder", WITH_TWINS, ids=lambda folder: folder.name)
def test_browser_and_cpython_agree_on_the_pdf_twins(
    ready: CheckerPage, browser: Browser, folder: Path
) -> None:
    # The corpora's PDFs printed by Chromium, reportlab and fpdf2: the page reads them as the CLI does.
    twins = load_twins(folder)
    assert len(twins) >= 8
    differences = []
    for name, spec in sorted(twins.items()):
        data = twin_pdf(folder, name, spec, browser=browser)
        pdf_name = name.removesuffix(".txt") + ".pdf"
        ready.page.click("#effacer")
        if ready.check_file(pdf_name, data) == "":
            differences.append((pdf_name, "message in the browser", ready.message()))
            continue
        differences += compare(
            pdf_name,
            ready.download_report(),
            segur_devis.check_bytes(data, filename=pdf_name, today=SEED_ERA).to_dict(),
        )
    assert differences == []
