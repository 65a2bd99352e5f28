"""A new deploy while a tab is open: when the new version's service worker takes control of the page, the reader is
told so calmly (docs/assets/site/nouvelle-version.mjs) and offered a reload, which brings the new version; the
first visit (the first worker taking control) says nothing; a quote pasted in the checker is never lost by surprise."""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page
from site_server import serve
from support.axe import axe_violations
from support.waits import BOOT_TIMEOUT_MS, CHECKER_READY, OFFLINE_COPY_TIMEOUT_MS
from test_offline import deploy_changed_files

pytestmark = pytest.mark.browser

NOTICE = ".sd-nouvelle-version"
RELOAD = f"{NOTICE} button:has-text('Recharger la page')"
QUOTE = "Devis n° 2026-118 — Prestation Ségur MS-DUI-Va2\nTotal HT : 9 000,00 €\n"


@pytest.fixture
def served_copy(built_site: Path, tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A copy of the built site on its own server, which the test deploys anew."""
    copy = tmp_path / "site"
    shutil.copytree(built_site, copy)
    with serve(copy) as (url, _):
        yield copy, url


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh profile, with the offline service worker allowed."""
    context = browser.new_context(locale="fr-FR", service_workers="allow")
    yield context.new_page()
    context.close()


def first_visit(page: Page) -> None:
    """Waits until the first worker controls the page (it claims open pages when it activates), which says
    nothing: no worker controlled the page before."""
    deadline = time.monotonic() + OFFLINE_COPY_TIMEOUT_MS / 1000
    while not page.evaluate("() => Boolean(navigator.serviceWorker.controller)"):
        assert time.monotonic() < deadline, "the service worker never took control of the page"
        page.wait_for_timeout(250)
    assert page.locator(NOTICE).count() == 1
    assert page.inner_text(NOTICE) == ""


def deploy_and_wait_for_the_notice(page: Page, site: Path) -> str:
    """A new deploy at the same address; the browser checks for it (as it does on a navigation); the notice."""
    deploy_changed_files(site)
    page.evaluate("async () => { await (await navigator.serviceWorker.getRegistration()).update(); }")
    page.wait_for_selector(RELOAD, timeout=OFFLINE_COPY_TIMEOUT_MS)
    return page.inner_text(NOTICE)


def test_a_new_version_taking_control_offers_a_reload_without_losing_a_pasted_quote(
    page: Page, served_copy: tuple[Path, str]
) -> None:
    site, url = served_copy
    page.goto(url + "verifier/")
    page.wait_for_selector(CHECKER_READY, state="attached", timeout=BOOT_TIMEOUT_MS)
    first_visit(page)
    assert page.get_attribute(NOTICE, "role") == "status"

    page.fill("#devis-texte", QUOTE)
    page.focus("#devis-texte")
    notice = deploy_and_wait_for_the_notice(page, site)
    assert "Une nouvelle version du site est disponible." in notice
    assert "effacera le texte collé" in notice  # the reader has a quote in the text area
    assert page.locator(f"{NOTICE} p", has_text="effacera").is_visible()
    # Nothing taken from the reader: the text, the focus and the page are as they were.
    assert page.input_value("#devis-texte") == QUOTE
    assert page.evaluate("() => document.activeElement.id") == "devis-texte"
    assert page.query_selector("html[data-deploiement='B']") is None
    assert page.locator(RELOAD).is_visible()
    assert page.eval_on_selector(RELOAD, "b => b.tabIndex") == 0  # reached with the keyboard

    for scheme in ("default", "slate"):
        page.eval_on_selector("body", "(b, s) => b.setAttribute('data-md-color-scheme', s)", scheme)
        assert axe_violations(page, best_practices=True) == [], scheme

    page.fill("#devis-texte", "")  # an empty text area: no warning left to give
    assert not page.locator(f"{NOTICE} p", has_text="effacera").is_visible()

    page.click(RELOAD)
    page.wait_for_selector("html[data-deploiement='B']", state="attached", timeout=OFFLINE_COPY_TIMEOUT_MS)
    assert page.inner_text(NOTICE) == ""  # the new version's page, controlled from the start: no notice


def test_on_a_guidance_page_the_notice_has_no_warning_and_waits_for_the_reader(
    page: Page, served_copy: tuple[Path, str]
) -> None:
    site, url = served_copy
    page.goto(url + "comprendre/")
    first_visit(page)
    notice = deploy_and_wait_for_the_notice(page, site)
    assert notice.split("\n")[0] == "Une nouvelle version du site est disponible."
    assert "effacera" not in notice  # no quote to lose here
    page.click(f"{NOTICE} button:has-text('Plus tard')")
    assert page.inner_text(NOTICE) == ""
    assert page.query_selector("html[data-deploiement='B']") is None  # not reloaded behind the reader's back
