"""The tool pages in an engine too old for Pyodide (Safari < 16.4, Firefox < 93, Chrome < 94): a plain French
sentence saying what to use instead and a disabled form, never a dead form, and Python never started — as the
checker page does (tests/engines/test_site_fixes.py). Chromium stands in for the old engine: every script holding
a class static block fails to parse, as it does there."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Route
from support.pages import new_tool_page

pytestmark = pytest.mark.browser

STATIC_BLOCK = re.compile(rb"\bstatic\s*\{")  # the syntax those engines lack (Pyodide's runtime uses it)


def as_an_old_engine_reads_it(route: Route) -> None:
    response = route.fetch()
    body = response.body()
    route.fulfill(
        response=response, body=b"class Ancien { static { }\n" if STATIC_BLOCK.search(body) else body
    )


@pytest.mark.parametrize("path", ["outils/echeances/", "outils/comparer/", "outils/signalement/"])
def test_a_tool_page_says_the_browser_is_too_old(browser: Browser, site_url: str, path: str) -> None:
    tool = new_tool_page(browser, site_url)
    try:
        tool.context.route(re.compile(r".*\.m?js(\?.*)?$"), as_an_old_engine_reads_it)
        workers: list[str] = []
        tool.page.on("worker", lambda worker: workers.append(worker.url))
        page = tool.open(path)
        page.wait_for_selector("html[data-outil='trop-ancien']", state="attached")
        message = page.inner_text("#outil-message")
        assert "trop ancien pour faire fonctionner cet outil" in message, message
        assert "Safari 16.4" in message and "Rien n’a été envoyé" in message
        assert page.inner_text("#outil-etat") == "Outil indisponible dans ce navigateur."
        form = "form:has(#outil-etat)"  # the tool's own form, not the site's search
        controls = page.locator(f"{form} button, {form} input, {form} select")
        assert controls.count() >= 1
        assert all(controls.nth(i).is_disabled() for i in range(controls.count()))
        assert [url for url in workers if "search" not in url] == []  # Python was never started
    finally:
        tool.context.unroute_all(
            behavior="ignoreErrors"
        )  # route handlers still running must not fail the close
        tool.context.close()
