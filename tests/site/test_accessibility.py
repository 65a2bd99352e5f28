"""Automatic accessibility checks (axe-core, run locally) on the guidance pages, in both colour schemes: WCAG 2.1
A and AA, and axe's best practices (landmark names, a named search dialog…)."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser

AXE_RULES = {"runOnly": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}

PAGES = [
    "",
    "comprendre/calendrier/",
    "comprendre/perimetre/",
    "etablissements/lire-un-devis/",
    "etablissements/medico-social/",
    "etablissements/hopital/",
    "a-propos/mentions-legales/",
    "etablissements/exemples/",
    "ressources/glossaire/",
    "regles/",
    "regles/M01/",
    "a-propos/accessibilite/",
]


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PAGES)
def test_page_has_no_axe_violation(browser: Browser, site_url: str, path: str, scheme: str) -> None:
    context = browser.new_context(color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(site_url + path)
        results = Axe().run(page, options=AXE_RULES)
        violations = results.response["violations"]
        summary = [
            f"{v['id']}: {v['help']} ({len(v['nodes'])}) e.g. {v['nodes'][0]['html'][:160]}"
            for v in violations
        ]
        assert not violations, "\n".join(summary)
    finally:
        context.close()
