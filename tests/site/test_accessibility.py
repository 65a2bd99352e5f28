"""Automatic accessibility checks (axe-core, run locally) on the guidance pages, in both colour schemes: WCAG 2.1
A and AA, and axe's best practices (landmark names, a named search dialog…)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser
from support.axe import axe_violations

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
        assert axe_violations(page, best_practices=True) == []
    finally:
        context.close()
