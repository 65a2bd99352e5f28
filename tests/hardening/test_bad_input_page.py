"""Bad input on the checker page: each gets a plain French answer, quickly, and the page stays usable.

(The checker's own answers to the same inputs are tested on CPython in tests/checker/ and test_cli_limits.py.)
"""

from __future__ import annotations

import io
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hardening_browser import Recorder
from playwright.sync_api import Browser, Page
from pypdf import PdfWriter
from support.pages import (
    assert_plain_french,
    check_file,
    check_text,
    message,
    set_text,
    wait_checker_ready,
    wait_outcome,
)
from support.pdf_makers import make_pdf, raw_pdf
from support.quotes import SEED_CONFORME, SEED_MAINTENANCE, fixture_text
from support.waits import CHECK_TIMEOUT_MS

from segur_devis.extract import MAX_PDF_PAGES, MAX_TEXT_CHARS

pytestmark = pytest.mark.browser

GOOD = fixture_text(SEED_CONFORME)
PACK = fixture_text(SEED_MAINTENANCE)


@pytest.fixture(scope="module")
def page(browser: Browser, site_url: str) -> Iterator[Page]:
    context = browser.new_context(locale="fr-FR")
    context.set_default_timeout(CHECK_TIMEOUT_MS)
    recorder = Recorder.attach(context)
    page = context.new_page()
    page.goto(
        site_url + "verifier/?aujourdhui=2022-06-01"
    )  # GOOD, the seed's unsigned vague 1 quote, in its era
    wait_checker_ready(page)
    yield page
    assert recorder.errors == []
    context.close()


@pytest.fixture
def fresh(page: Page) -> Page:
    page.click("#effacer")
    wait_checker_ready(page)
    return page


def assert_still_usable(page: Page) -> None:
    page.click("#effacer")
    assert check_text(page, GOOD) == "conforme"
    assert page.is_hidden("#verifier-message")


def encrypted_pdf() -> bytes:
    writer = PdfWriter(clone_from=io.BytesIO(make_pdf(GOOD)))
    writer.encrypt(user_password="secret", owner_password="owner")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


FILES = {
    # name: (file name, content maker, mime, what the message must say)
    "binaire": (
        "photo.png",
        lambda: b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 64,
        "image/png",
        "ni un texte",
    ),
    "faux-pdf": ("devis.pdf", lambda: b"Ceci n'est pas un PDF.\n" * 50, "application/pdf", "pas un PDF"),
    "pdf-tronque": ("devis.pdf", lambda: make_pdf(GOOD)[:700], "application/pdf", "endommagé"),
    "pdf-chiffre": ("devis.pdf", encrypted_pdf, "application/pdf", "mot de passe"),
    "pdf-bombe": (
        "devis.pdf",
        lambda: raw_pdf(b"BT /F1 12 Tf 72 720 Td (Devis Segur) Tj ET\n" + b" " * 200_000_000),
        "application/pdf",
        "anormalement volumineuses",
    ),
    "pdf-201-pages": (
        "devis.pdf",
        lambda: raw_pdf(b"BT /F1 12 Tf 72 720 Td (Devis) Tj ET\n", pages=MAX_PDF_PAGES + 1),
        "application/pdf",
        f"{MAX_PDF_PAGES + 1} pages",
    ),
    "pdf-5000-pages": (
        "devis.pdf",
        lambda: raw_pdf(b"BT /F1 12 Tf 72 720 Td (Devis) Tj ET\n", pages=5000),
        "application/pdf",
        "anormalement volumineuses",  # more page entries than pypdf is allowed to read
    ),
    "trop-gros": ("devis.pdf", lambda: b"%PDF-1.4\n" + b"0" * (21 * 1024 * 1024), "application/pdf", "20 Mo"),
}


@pytest.mark.parametrize("case", FILES)
def test_bad_file_gets_a_french_message(fresh: Page, case: str) -> None:
    name, make, mime, expected = FILES[case]
    data = make()
    started = time.monotonic()
    assert check_file(fresh, name, data, mime=mime) == ""  # a message, not a report
    assert time.monotonic() - started < 90  # generous: a loaded CI machine; the point is that it ends
    assert_plain_french(message(fresh), expected)
    assert fresh.get_attribute("#rapport", "data-verdict") is None
    assert_still_usable(fresh)


def test_scanned_pdf_is_not_recognised_and_says_why(fresh: Page) -> None:
    assert check_file(fresh, "scan.pdf", raw_pdf(b"q 100 0 0 100 0 0 cm Q\n")) == "non_reconnu"
    assert_plain_french(fresh.inner_text("#rapport .verifier-resume"), "scanné")
    assert_still_usable(fresh)


def test_a_pdf_named_txt_is_read_as_a_pdf(fresh: Page) -> None:
    # The content decides, not the name: a file that lies about its type is still read for what it is.
    assert check_file(fresh, "devis.txt", make_pdf(PACK), mime="text/plain") == "non_conforme"
    assert_still_usable(fresh)


def test_invalid_utf8_text_file_is_decoded_sensibly(fresh: Page) -> None:
    data = GOOD.encode("cp1252", errors="replace") + b"\n\x81\x8d\x8f\x90\x9d octets sans signification\n"
    assert check_file(fresh, "devis.txt", data, mime="text/plain") == "conforme"
    assert "octets sans signification" in fresh.inner_text("#texte-analyse")
    assert_still_usable(fresh)


@pytest.mark.parametrize("text", ["", "   \n\t  \u00a0"])
def test_empty_or_blank_text_asks_for_the_quote(fresh: Page, text: str) -> None:
    assert check_text(fresh, text) == ""
    assert_plain_french(message(fresh), "Collez le texte du devis")
    assert_still_usable(fresh)


def test_text_that_is_not_a_quote(fresh: Page) -> None:
    assert check_text(fresh, "Liste de courses : pain, lait, 12 œufs, café.\n") == "non_reconnu"
    assert_plain_french(fresh.inner_text("#rapport .verifier-resume"), "ne ressemble pas")
    assert_still_usable(fresh)


def test_five_megabytes_of_quotes_are_checked_or_stopped_in_time(fresh: Page) -> None:
    big = (PACK + "\n") * (5_000_000 // (len(PACK) + 1))
    set_text(fresh, big)
    started = time.monotonic()
    fresh.click("#verifier")
    outcome = wait_outcome(fresh)
    # Thousands of findings: checked, or stopped by the page's time limit (20 s) with a French message (the
    # bound below leaves room for a loaded machine: what matters is that it ends).
    assert time.monotonic() - started < 120
    if outcome:
        assert outcome == "non_conforme"
    else:
        assert_plain_french(message(fresh), "trop de temps")
    assert_still_usable(fresh)


def test_fifty_megabytes_pasted_are_refused_at_once(fresh: Page) -> None:
    assert MAX_TEXT_CHARS < 50_000_000
    fresh.context.grant_permissions(["clipboard-read", "clipboard-write"])
    fresh.evaluate("() => navigator.clipboard.writeText('Devis '.repeat(50_000_000 / 6))")  # made in the page
    fresh.focus("#devis-texte")
    started = time.monotonic()
    fresh.keyboard.press("Control+V")  # a real paste, as a user would
    fresh.wait_for_selector("#verifier-message:not([hidden])", state="attached")
    assert time.monotonic() - started < 5
    assert_plain_french(message(fresh), "trop long")
    assert fresh.input_value("#devis-texte") == ""  # never inserted: the page did not freeze on it
    assert_still_usable(fresh)


def test_fifty_megabytes_typed_in_are_refused_without_reaching_the_checker(fresh: Page) -> None:
    # However the text got into the field, the page refuses it before sending it to the worker.
    fresh.evaluate(
        """limit => {
            const area = document.getElementById("devis-texte");
            area.value = "a".repeat(limit + 1);
            area.dispatchEvent(new Event("input"));
            document.getElementById("verifier").click();
        }""",
        MAX_TEXT_CHARS,
    )
    assert wait_outcome(fresh) == ""
    assert_plain_french(message(fresh), "trop long")
    assert_still_usable(fresh)


def test_page_limit_is_the_checker_limit() -> None:
    script = (Path(__file__).resolve().parents[2] / "docs/assets/verifier/verifier.mjs").read_text(
        encoding="utf-8"
    )
    match = re.search(r"const MAX_TEXT_CHARS = ([\d_]+);", script)
    assert match and int(match.group(1).replace("_", "")) == MAX_TEXT_CHARS
