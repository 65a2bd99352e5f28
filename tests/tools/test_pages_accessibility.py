"""The tools' pages as they first appear, in both colour schemes: no axe-core violation (WCAG 2.1 A/AA)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser
from support.axe import axe_violations
from support.pages import new_tool_page

pytestmark = pytest.mark.browser

PAGES = [
    "outils/",
    "outils/echeances/",
    "outils/comparer/",
    "outils/signalement/",
    "outils/hors-connexion/",
    "editeurs/integration-continue/",
]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PAGES)
def test_page_has_no_axe_violation(browser: Browser, site_url: str, path: str, scheme: str) -> None:
    tool = new_tool_page(browser, site_url, service_workers="allow")
    try:
        page = tool.open(path)
        page.emulate_media(color_scheme=scheme)
        assert axe_violations(page) == []
    finally:
        tool.close()
