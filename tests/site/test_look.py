"""The look, measured in Chromium: annotated example quotes are shown whole on a desktop (no amount cut off
behind a horizontal scroll), and the text uses the reader's system fonts (nothing downloaded)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

pytestmark = pytest.mark.browser


def test_annotated_examples_fit_on_a_desktop(browser: Browser, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    try:
        page.goto(site_url + "etablissements/exemples/")
        blocks = page.eval_on_selector_all(
            "article pre > code",
            "codes => codes.map(c => ({start: c.textContent.slice(0, 40), scroll: c.scrollWidth, width: c.clientWidth}))",
        )
        assert len(blocks) >= 2
        cut = [b for b in blocks if b["scroll"] > b["width"]]
        assert not cut, cut
    finally:
        context.close()


def test_text_uses_system_fonts(browser: Browser, site_url: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    fonts: list[str] = []
    page.on("request", lambda r: fonts.append(r.url) if r.resource_type == "font" else None)
    try:
        page.goto(site_url)
        family = page.eval_on_selector("article p", "p => getComputedStyle(p).fontFamily")
        assert family.startswith("system-ui"), family
        assert fonts == []
    finally:
        context.close()
