"""Screenshots of the built site for the README (`make screenshots`): the home page, and the checker showing a
report, on a desktop (1366×900) and on a phone (390×844), in Debian Chromium. Taken from `site/` as built, so
they never go stale: re-run after a change of look.

Usage: python tools/screenshots.py [SITE_DIR] [OUT_DIR]   (defaults: site/ and screenshots/)
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image
from playwright.sync_api import Browser, Page, sync_playwright

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))
from support.engines import launch_chromium  # noqa: E402
from support.pages import check_text, wait_checker_ready  # noqa: E402
from support.quotes import SEED_MAINTENANCE, fixture_text  # noqa: E402
from support.site import serve  # noqa: E402

VIEWPORTS = {"ordinateur": (1366, 900), "telephone": (390, 844)}
QUOTE = SEED_MAINTENANCE  # the seed's non-conforming pack


def show_report(page: Page, url: str) -> None:
    """The checker as a reader sees it after pasting a quote and clicking « Vérifier »."""
    page.goto(url + "verifier/")
    wait_checker_ready(page)
    check_text(page, fixture_text(QUOTE))


def shrink(path: Path) -> None:
    """A 256-colour palette: the same picture of text and flat colours, a few times smaller in the repository."""
    with Image.open(path) as image:
        image.convert("RGB").quantize(colors=256).save(path, optimize=True)


def take(browser: Browser, url: str, out: Path) -> list[Path]:
    written = []
    for device, (width, height) in VIEWPORTS.items():
        context = browser.new_context(
            viewport={"width": width, "height": height}, locale="fr-FR", color_scheme="light"
        )
        page = context.new_page()
        try:
            page.goto(url)
            written.append(out / f"accueil-{device}.png")
            page.screenshot(path=written[-1])
            show_report(page, url)
            written.append(out / f"verificateur-{device}.png")
            page.screenshot(path=written[-1])  # what is in view after the check, as the reader sees it
        finally:
            context.close()
    return written


def main(site: Path, out: Path) -> None:
    if not (site / "index.html").is_file():
        sys.exit(f"{site}/index.html is missing: build the site first (make build).")
    out.mkdir(parents=True, exist_ok=True)
    with serve(site) as url, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            for path in take(browser, url, out):
                shrink(path)
                print(
                    f"{path.relative_to(REPO) if path.is_relative_to(REPO) else path}: {path.stat().st_size} bytes"
                )
        finally:
            browser.close()


if __name__ == "__main__":
    args = sys.argv[1:]
    main(Path(args[0]) if args else REPO / "site", Path(args[1]) if len(args) > 1 else REPO / "screenshots")
