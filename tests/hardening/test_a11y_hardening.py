"""Accessibility beyond the checker page's own axe runs (tests/browser/test_checker_accessibility.py):
axe-core on every page layout of the built site in both colour schemes (contrast included), keyboard-only use of the
checker from the top of the page, and what screen readers are told through the live regions."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page
from support.axe import axe_violations
from support.pages import wait_checker_ready, wait_outcome
from support.quotes import SEED_MAINTENANCE, fixture_text
from support.site import REPO, html_pages

# Records every text the live regions (role=status / role=alert / aria-live) take, in order.
LIVE_RECORDER = """
window.__announced = [];
new MutationObserver(() => {
  for (const region of document.querySelectorAll("[aria-live], [role=status], [role=alert]")) {
    const text = region.textContent.trim();
    const last = window.__announced.filter((a) => a.region === region.id).pop();
    if (text && !region.hidden && (!last || last.text !== text)) window.__announced.push({region: region.id, text});
  }
}).observe(document, {subtree: true, childList: true, characterData: true, attributes: true});
"""


def distinct_layouts(paths: list[str]) -> list[str]:
    """Every page, but one rule page only: the 21 rule pages share one generated layout (keeps the run short)."""
    rules = [p for p in paths if re.fullmatch(r"regles/[A-Z]\d\d/", p)]
    return [p for p in paths if p not in rules[1:]]


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_passes_axe(browser: Browser, site_url: str, built_site: Path, scheme: str) -> None:
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    problems = []
    try:
        for path in distinct_layouts(html_pages(built_site)):
            page.goto(site_url + path)
            # WCAG 2.1 A/AA and axe's best practices (named landmarks and dialogs…): every page meets both.
            problems += [f"{path}: {v}" for v in axe_violations(page, best_practices=True)]
    finally:
        context.close()
    assert problems == []


def focused(page: Page) -> str:
    return page.evaluate("() => document.activeElement.id || document.activeElement.tagName")


def focus_is_visible(page: Page) -> bool:
    return page.evaluate(
        """() => {
            const style = getComputedStyle(document.activeElement);
            const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
            return outline || (style.boxShadow && style.boxShadow !== "none");
        }"""
    )


@pytest.mark.browser
def test_checker_by_keyboard_only(browser: Browser, site_url: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    # Playwright asks the browser to intercept file choosers when the first listener is added, without waiting for
    # the answer: added only by expect_file_chooser, a loaded machine could press Space before it holds (the CI run
    # of 74006a8 timed out so). A listener from the start has it in place long before.
    page.on("filechooser", lambda _chooser: None)
    try:
        page.goto(site_url + "verifier/")
        wait_checker_ready(page)
        # From the top of the page, Tab reaches the file picker, then the text, then the button, in that order,
        # each with a visible focus indicator.
        order = []
        for _ in range(80):
            page.keyboard.press("Tab")
            current = focused(page)
            if current in {"devis-fichier", "devis-texte", "verifier"} and current not in order:
                order.append(current)
                assert focus_is_visible(page), current
            if current == "verifier":
                break
        assert order == ["devis-fichier", "devis-texte", "verifier"]
        # The file picker opens from the keyboard.
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Shift+Tab")
        assert focused(page) == "devis-fichier"
        with page.expect_file_chooser() as chooser:
            page.keyboard.press("Space")
        assert chooser.value.element.get_attribute("id") == "devis-fichier"
        # Type the quote, then Space on the button runs the check; the focus goes to the report heading.
        page.keyboard.press("Tab")
        assert focused(page) == "devis-texte"
        page.keyboard.insert_text(fixture_text(SEED_MAINTENANCE))
        page.keyboard.press("Tab")
        assert focused(page) == "verifier"
        page.keyboard.press("Space")
        assert wait_outcome(page) == "non_conforme"
        assert focused(page) == "rapport-titre"
        # The report's tools and the rule links are reachable next, with a visible focus.
        page.keyboard.press("Tab")
        assert focused(page) == "rapport-imprimer" and focus_is_visible(page)
        for _ in range(4):
            page.keyboard.press("Tab")
            assert focus_is_visible(page), focused(page)
    finally:
        context.close()


@pytest.mark.browser
def test_live_regions_announce_progress_verdict_and_errors(browser: Browser, site_url: str) -> None:
    context = browser.new_context()
    context.add_init_script(LIVE_RECORDER)
    page = context.new_page()
    try:
        page.goto(site_url + "verifier/")
        wait_checker_ready(page)
        page.fill("#devis-texte", fixture_text(SEED_MAINTENANCE))
        page.click("#verifier")
        assert wait_outcome(page) == "non_conforme"
        page.fill("#devis-texte", "")
        page.click("#verifier")
        assert wait_outcome(page) == ""
        announced = page.evaluate("window.__announced")
    finally:
        context.close()
    status = [a["text"] for a in announced if a["region"] == "verifier-etat"]
    assert any("Préparation du vérificateur," in text for text in status), status  # progress, step by step
    assert any("prêt" in text for text in status), status
    assert any("Verdict : Non conforme" in text and "non-conformités" in text for text in status), status
    alerts = [a["text"] for a in announced if a["region"] == "verifier-message"]
    assert any("Collez le texte du devis" in text for text in alerts), alerts


def test_accessibility_statement_is_honest() -> None:
    """RGAA: without a valid audit, the only possible state is « non conforme »; the page says what is tested."""
    text = " ".join((REPO / "docs" / "a-propos" / "accessibilite.md").read_text(encoding="utf-8").split())
    assert "**non conforme**" in text and "aucun résultat d’audit en cours de validité" in text
    assert "**partiellement conforme**" not in text and "**totalement conforme**" not in text
    for tested in (
        "toutes les pages",
        "thème clair et en thème sombre",
        "entièrement au clavier",
        "lecteurs d’écran",
    ):
        assert tested in text, tested
