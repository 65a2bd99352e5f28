"""axe-core (run locally) on the checker page: before a check, with a report shown, and with an error message."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from checker_page import SEED_MAINTENANCE, Session, fixture_text
from playwright.sync_api import Browser

pytestmark = pytest.mark.browser

WCAG = {"runOnly": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("state", ["empty", "report", "message"])
def test_checker_page_has_no_axe_violation(browser: Browser, site_url: str, scheme: str, state: str) -> None:
    context = browser.new_context(color_scheme=scheme)
    try:
        session = Session(context, context.new_page(), site_url)
        session.open()
        session.wait_ready()
        if state == "report":
            assert session.check_text(fixture_text(SEED_MAINTENANCE)) == "non_conforme"
        elif state == "message":
            assert session.check_text("") == ""
        violations = Axe().run(session.page, options=WCAG).response["violations"]
        summary = [
            f"{v['id']}: {v['help']} ({len(v['nodes'])}) e.g. {v['nodes'][0]['html'][:160]}"
            for v in violations
        ]
        assert not violations, "\n".join(summary)
    finally:
        context.close()
