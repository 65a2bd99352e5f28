"""axe-core (run locally) on the checker page: before a check, with a report shown, and with an error message."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser
from support.axe import axe_violations
from support.pages import CheckerPage
from support.quotes import SEED_MAINTENANCE, fixture_text

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("state", ["empty", "report", "message"])
def test_checker_page_has_no_axe_violation(browser: Browser, site_url: str, scheme: str, state: str) -> None:
    session = CheckerPage.new(browser, site_url, color_scheme=scheme)
    try:
        session.open()
        session.wait_ready()
        if state == "report":
            assert session.check_text(fixture_text(SEED_MAINTENANCE)) == "non_conforme"
        elif state == "message":
            assert session.check_text("") == ""
        assert axe_violations(session.page) == []
    finally:
        session.close()
