"""A quote is text, never code: hostile quotes and file names are shown literally everywhere the page shows
them (evidence, summary, source, highlighted quote, copied report, JSON download, print) and nothing runs."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from hardening_browser import Recorder
from playwright.sync_api import Browser, Page
from support.pages import check_file, check_text, wait_checker_ready
from support.quotes import SEED_CONFORME, SEED_MAINTENANCE, fixture_text
from support.waits import CHECK_TIMEOUT_MS

import segur_devis

pytestmark = pytest.mark.browser

# Each payload, if it ever ran, would set window.__pwned (or open a dialog, or load something).
PAYLOADS = [
    "<script>window.__pwned = 'script'; alert(1)</script>",
    "<img src=x onerror=\"window.__pwned = 'img'; alert(2)\">",
    "<a href=\"javascript:window.__pwned = 'lien'\">cliquez ici</a>",
    '<svg onload="window.__pwned = \'svg\'"><circle r="1"/></svg>',
    "{{constructor.constructor('window.__pwned = \"template\"')()}}",
    "${window.__pwned = 'gabarit'}",
    "<iframe srcdoc=\"<script>parent.__pwned = 'iframe'</script>\"></iframe>",
    "\"><script>window.__pwned = 'attribut'</script>",
    "<details open ontoggle=\"window.__pwned = 'details'\">x</details>",
    "<math><mtext><table><mglyph><style><img src=x onerror=\"window.__pwned = 'mxss'\">",
    '<style>@import "//evil.invalid/x.css";</style><link rel=stylesheet href=//evil.invalid/y.css>',
    "&lt;b&gt;entité&lt;/b&gt; &amp; &#x3C;script&#x3E;",
]
HOSTILE_NAME = "<img src=x onerror=\"window.__pwned='nom'\">devis.txt"


def hostile_quote() -> str:
    """The pack quote plus one line billed to the client per payload: each payload is quoted as evidence."""
    lines = [f"Formation des utilisateurs {p} à la charge du client : 1 200,00 €" for p in PAYLOADS]
    return fixture_text(SEED_MAINTENANCE) + "\n" + "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def hostile(browser: Browser, site_url: str) -> Iterator[tuple[Page, Recorder, list[str]]]:
    context = browser.new_context(accept_downloads=True)
    context.set_default_timeout(CHECK_TIMEOUT_MS)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    recorder = Recorder.attach(context)
    dialogs: list[str] = []
    page = context.new_page()
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(site_url + "verifier/?aujourdhui=2022-06-01")  # the seed's unsigned vague 1 example, in its era
    wait_checker_ready(page)
    yield page, recorder, dialogs
    context.close()


def assert_nothing_ran(page: Page, recorder: Recorder, dialogs: list[str]) -> None:
    page.wait_for_timeout(300)  # an onerror / onload would have fired by now
    assert page.evaluate("window.__pwned") is None
    assert dialogs == []
    recorder.collect_violations(page)
    # Not even blocked by the Content Security Policy: the payloads were never parsed as HTML at all.
    assert recorder.violations == []
    assert not any("evil.invalid" in r.url or r.url.endswith("/x") for r in recorder.requests)
    injected = "#rapport script, #rapport img, #rapport svg, #rapport iframe, #rapport style, #rapport link, "
    injected += "#rapport details:not(#rapport-editeurs), #rapport math, #rapport [onerror], #rapport [onload], #rapport a[href^='javascript']"
    assert page.locator(injected).count() == 0


def test_hostile_quote_is_shown_as_text_everywhere(hostile: tuple[Page, Recorder, list[str]]) -> None:
    page, recorder, dialogs = hostile
    quote = hostile_quote()
    expected = segur_devis.check_text(quote, today=date(2022, 6, 1))
    assert check_text(page, quote) == expected.verdict == "non_conforme"
    assert_nothing_ran(page, recorder, dialogs)

    # The highlighted quote holds every payload, character for character.
    analysed = page.inner_text("#texte-analyse")
    for payload in PAYLOADS:
        assert payload in analysed, payload
    # Each payload is the evidence of a finding, and the report shows that evidence literally.
    for payload in PAYLOADS:
        assert any(f.evidence and payload in f.evidence.text for f in expected.findings), payload
    shown = page.inner_text("#rapport .verifier-groupe--error")
    for payload in PAYLOADS:
        assert f"Formation des utilisateurs {payload}" in shown, payload
    summary = page.inner_text("#rapport .verifier-resume")
    assert summary == expected.summary

    # The copied report and the JSON download carry the text, still as text.
    page.click("#rapport-copier")
    page.wait_for_selector("#rapport-outils-etat:has-text('copié')")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert PAYLOADS[1] in copied and PAYLOADS[4] in copied
    page.click("#rapport-editeurs summary")  # the JSON is « pour les éditeurs »
    with page.expect_download() as download:
        page.click("#rapport-telecharger")
    report = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    evidence = " ".join(f["evidence"]["text"] for f in report["findings"] if f["evidence"])
    assert all(payload in evidence for payload in PAYLOADS)

    # Printing re-lays the report out: still nothing runs.
    page.emulate_media(media="print")
    assert page.is_visible("#rapport")
    assert_nothing_ran(page, recorder, dialogs)
    page.emulate_media(media="screen")

    # The highlighted passage is reachable by its link, and following it runs nothing either.
    page.locator("#rapport a[href^='#extrait-']").first.click()
    assert_nothing_ran(page, recorder, dialogs)


def test_hostile_file_name_is_shown_as_text(hostile: tuple[Page, Recorder, list[str]]) -> None:
    page, recorder, dialogs = hostile
    page.click("#effacer")
    data = fixture_text(SEED_CONFORME).encode("utf-8")
    assert check_file(page, HOSTILE_NAME, data, mime="text/plain") == "conforme"
    assert HOSTILE_NAME in page.inner_text("#rapport .verifier-entete")
    assert HOSTILE_NAME in page.inner_text("#fichier-choisi")
    page.click("#rapport-editeurs summary")  # the JSON is « pour les éditeurs »
    with page.expect_download() as download:
        page.click("#rapport-telecharger")
    assert download.value.suggested_filename.endswith(".json")
    assert "<" not in download.value.suggested_filename and "/" not in download.value.suggested_filename
    assert json.loads(Path(download.value.path()).read_text(encoding="utf-8"))["source"] == HOSTILE_NAME
    assert_nothing_ran(page, recorder, dialogs)


def test_payload_only_text_is_not_a_quote_and_runs_nothing(hostile: tuple[Page, Recorder, list[str]]) -> None:
    page, recorder, dialogs = hostile
    page.click("#effacer")
    text = "\n".join(PAYLOADS)
    assert check_text(page, text) == "non_reconnu"
    assert page.inner_text("#texte-analyse").strip() == text
    assert_nothing_ran(page, recorder, dialogs)
