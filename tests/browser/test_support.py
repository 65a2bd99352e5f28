"""The shared browser helpers can fail: the axe runner reports what axe finds, and a readiness wait that never
comes ends in a timeout (tests/support/)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from support.axe import axe_violations
from support.pages import CheckerPage, ToolPage

pytestmark = pytest.mark.browser

PAGE = '<!doctype html><html lang="fr"><head><title>Essai</title></head><body><main>{}</main></body></html>'


def test_the_axe_runner_reports_a_violation_and_only_then(browser: Browser) -> None:
    page = browser.new_page()
    try:
        page.set_content(PAGE.format('<h1>Devis</h1><img src="data:,">'))
        found = axe_violations(page)
        assert [line.split(":")[0] for line in found] == ["image-alt"], found
        assert "<img" in found[0]
        page.set_content(PAGE.format('<h1>Devis</h1><img src="data:," alt="Logo">'))
        assert axe_violations(page, best_practices=True) == []
        assert axe_violations(page, rules=["image-alt"]) == []
    finally:
        page.close()


def test_a_readiness_wait_that_never_comes_times_out(browser: Browser, site_url: str) -> None:
    # The home page never says a tool or the checker is ready: each wait must end in an error, not pass.
    for page_object in (ToolPage, CheckerPage):
        site_page = page_object.new(browser, site_url)
        try:
            site_page.page.goto(site_url)
            with pytest.raises(PlaywrightTimeoutError):
                site_page.wait_ready(timeout_ms=1_000)
        finally:
            site_page.close()
