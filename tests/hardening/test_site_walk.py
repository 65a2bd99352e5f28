"""Privacy and Content Security Policy, proven on the built site in Chromium.

One walk visits every HTML file of the build (`site/**/*.html`), uses the search and the theme switch, then
runs the checker the way a user does: a pasted quote, the report's tools (copy, JSON download, print), and a
PDF upload. Everything the browser did is recorded, and each test below reads one aspect of it.
"""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, unquote_plus, urlsplit

import pytest
from hardening_browser import STORAGE_SNAPSHOT, Recorder
from playwright.sync_api import Browser
from support.pages import check_file, check_text, wait_checker_ready
from support.pdf_makers import make_pdf
from support.quotes import SEED_CONFORME, SEED_MAINTENANCE, fixture_text
from support.site import html_pages
from support.waits import CHECK_TIMEOUT_MS

pytestmark = pytest.mark.browser

PRIVACY_PAGE = Path(__file__).resolve().parents[2] / "docs" / "a-propos" / "confidentialite.md"

# Made-up details a real quote would carry: none of them may leave the page or stay in the browser.
TEXT_MARKERS = ("CANARI-7Q2ZX", "Clinique des Tilleuls Zéphyr", "tresorier.zephyr@example.invalid")
PDF_MARKERS = ("CANARI-PDF-4K8W", "Pharmacie du Vieux Lavoir")
QUOTE = (
    fixture_text(SEED_MAINTENANCE)
    + "\nRéférence client : CANARI-7Q2ZX\nÉtablissement : Clinique des Tilleuls Zéphyr\n"
    + "Contact : tresorier.zephyr@example.invalid\n"
)
PDF_QUOTE = (
    fixture_text(SEED_CONFORME)
    + "\nRéférence client : CANARI-PDF-4K8W\nÉtablissement : Pharmacie du Vieux Lavoir\n"
)
# Passages of the quotes themselves, not only the markers (requests only: the site's annotated examples quote
# them too, so the offline copy of the site's pages holds them).
QUOTE_PASSAGES = ("facturé directement au client final", "Gestion de la nomenclature LOINC")
ALL_MARKERS = TEXT_MARKERS + PDF_MARKERS + QUOTE_PASSAGES
UNIQUE_MARKERS = TEXT_MARKERS + PDF_MARKERS


@dataclass
class Walk:
    site_url: str
    pages: list[str]
    statuses: dict[str, int] = field(default_factory=dict)
    recorder: Recorder | None = None
    storage: dict[str, Any] = field(default_factory=dict)
    cookies: list[Any] = field(default_factory=list)
    verdicts: dict[str, str] = field(default_factory=dict)
    search_results: int = 0
    downloaded: str = ""
    copied: str = ""


@pytest.fixture(scope="module")
def walk(browser: Browser, site_url: str, built_site: Path) -> Iterator[Walk]:
    result = Walk(site_url, html_pages(built_site))
    context = browser.new_context(locale="fr-FR", accept_downloads=True)
    context.set_default_timeout(CHECK_TIMEOUT_MS)
    origin = site_url.rstrip("/")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin)
    recorder = result.recorder = Recorder.attach(context)
    page = context.new_page()
    try:
        for path in result.pages:
            response = page.goto(site_url + path, wait_until="networkidle")
            result.statuses[path] = response.status if response else 0
            recorder.collect_violations(page)

        # The guidance site's own interactive parts: search (a worker and a fetched index) and the theme switch.
        page.goto(site_url, wait_until="networkidle")
        page.keyboard.press("/")
        page.keyboard.type("devis")
        page.wait_for_selector(".md-search-result__item", state="attached")
        result.search_results = page.locator(".md-search-result__item").count()
        page.keyboard.press("Escape")
        page.locator("form[data-md-component='palette'] label:visible").first.click()
        recorder.collect_violations(page)

        # The checker: pasted text, the report's tools, then a PDF.
        page.goto(
            site_url + "verifier/?aujourdhui=2022-06-01"
        )  # the seed's unsigned vague 1 quote, in its era
        wait_checker_ready(page)
        result.verdicts["text"] = check_text(page, QUOTE)
        page.click("#rapport-copier")
        page.wait_for_selector("#rapport-outils-etat:has-text('copié')")
        result.copied = page.evaluate("navigator.clipboard.readText()")
        page.click("#rapport-editeurs summary")  # the JSON is « pour les éditeurs »
        with page.expect_download() as download:
            page.click("#rapport-telecharger")
        result.downloaded = Path(download.value.path()).read_text(encoding="utf-8")
        page.emulate_media(media="print")
        page.wait_for_timeout(200)
        page.emulate_media(media="screen")
        result.verdicts["pdf"] = check_file(page, "devis-pharmacie.pdf", make_pdf(PDF_QUOTE))
        page.wait_for_timeout(1000)  # anything sent after the report would be seen
        recorder.collect_violations(page)
        result.storage = page.evaluate(STORAGE_SNAPSHOT, list(UNIQUE_MARKERS))
        result.cookies = context.cookies()
        yield result
    finally:
        context.close()


def test_the_walk_reached_every_page_and_ran_the_checker(walk: Walk) -> None:
    assert len(walk.pages) >= 40  # every page of the guide, the rules, the checker, the 404 page
    assert "verifier/" in walk.pages and "404.html" in walk.pages
    assert {path for path, status in walk.statuses.items() if status != 200} == set()
    assert walk.search_results > 0
    # The quotes were really checked, and the exports really hold them: so the privacy checks below can fail.
    assert walk.verdicts == {"text": "non_conforme", "pdf": "conforme"}
    assert "Document : texte" in walk.copied
    assert json.loads(walk.downloaded)["verdict"] == "non_conforme"


def test_no_request_leaves_the_site(walk: Walk) -> None:
    assert walk.recorder
    requests = walk.recorder.requests
    assert len(requests) > len(walk.pages)  # pages, assets, search index, Pyodide, wheels
    origin = urlsplit(walk.site_url)
    foreign = [
        r.url
        for r in requests
        if urlsplit(r.url).scheme not in {"blob", "data"}
        and (urlsplit(r.url).scheme, urlsplit(r.url).netloc) != (origin.scheme, origin.netloc)
    ]
    assert foreign == []
    # Worker requests are recorded too (the runtime and the wheels are fetched by the checker's worker).
    fetched = " ".join(r.url for r in requests)
    for needed in ("pyodide.asm.wasm", "python_stdlib.zip", "segur_devis-", "pypdf-", "search_index.json"):
        assert needed in fetched, needed


def test_no_request_carries_the_quote(walk: Walk) -> None:
    assert walk.recorder
    leaks = []
    for request in walk.recorder.requests:
        url_forms = {request.url, unquote(request.url), unquote_plus(request.url)}
        body = request.post_data or b""
        for marker in ALL_MARKERS:
            if any(marker in form for form in url_forms) or marker.encode() in body:
                leaks.append((request.method, request.url[:200], marker))
    assert leaks == []
    assert {r.method for r in walk.recorder.requests} == {"GET"}  # nothing is ever posted


def test_no_cookie_is_set(walk: Walk) -> None:
    assert walk.cookies == []
    assert walk.storage["cookie"] == ""


def test_browser_storage_never_holds_the_quote(walk: Walk) -> None:
    storage = walk.storage
    assert storage["markersInLocal"] == [] and storage["markersInSession"] == []
    assert [entry for entry in storage["idb"] if entry["markers"]] == []
    # The seed passages are also in public pages (annotated examples, rule pages, search index): a cached copy of
    # such a page is that page, not the quote. A marker counts only if the public file at that address lacks it.
    leaked = [
        entry
        for entry in storage["cached"]
        if [m for m in entry["markers"] if m not in public_text(entry["url"])]
    ]
    assert leaked == []


def public_text(url: str) -> str:
    with urllib.request.urlopen(url) as response:
        return str(response.read().decode("utf-8", "replace"))


def test_browser_storage_holds_only_what_the_privacy_page_says(walk: Walk, built_site: Path) -> None:
    """The theme's preference (key ending in `.__palette`, in localStorage) and, for offline use, a copy of the
    site's own public files in the Cache Storage: see confidentialite.md."""
    storage = walk.storage
    assert {key.rsplit(".", 1)[-1] for key in storage["local"]} <= {"__palette"}
    assert storage["session"] == {}
    assert storage["idb"] == []
    origin = walk.site_url.rstrip("/")
    for entry in storage["cached"]:
        assert entry["url"].startswith(origin + "/"), entry["url"]
        path = urlsplit(entry["url"]).path.lstrip("/")
        assert not urlsplit(entry["url"]).query, entry["url"]
        file = built_site / path / "index.html" if path.endswith("/") or not path else built_site / path
        assert file.is_file(), f"cached, but not a file of the site: {entry['url']}"
    privacy = PRIVACY_PAGE.read_text(encoding="utf-8")
    assert ("hors connexion" in privacy) == bool(storage["cached"])
    assert "`__palette`" in privacy


def test_no_content_security_policy_violation(walk: Walk) -> None:
    assert walk.recorder
    assert walk.recorder.violations == []
    assert walk.recorder.csp_console_messages() == []


def test_no_uncaught_error_on_any_page(walk: Walk) -> None:
    assert walk.recorder
    assert walk.recorder.errors == []
    errors = [m for m in walk.recorder.console if m[0] == "error"]
    assert errors == []
