"""A walk of every page of the built site in Firefox ESR and WebKitGTK: no Content Security Policy violation, no
uncaught error, no request to anyone but the site (the engine's own resource timing, read in each page).
Idle-time prefetches are test_site_fixes.py's."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from support.engines import OpenPage

pytestmark = pytest.mark.browser

# What each page did: its recorded violations and errors (support/site.py), and every URL it fetched.
REPORT = """() => ({...window.__recorded,
  fetched: performance.getEntriesByType("resource").map((entry) => entry.name)})"""


def test_every_page_stays_on_the_site_without_violation(
    open_page: OpenPage, recorded_url: str, built_site: Path
) -> None:
    pages = sorted(p.parent.relative_to(built_site).as_posix() for p in built_site.rglob("index.html"))
    assert len(pages) >= 40
    page = open_page()
    origin = urlsplit(recorded_url).netloc
    problems = []
    fetched = 0
    for path in pages:
        page.goto(recorded_url + ("" if path == "." else path + "/"))
        page.wait("body[data-md-color-scheme]")
        seen = page.call(REPORT)
        fetched += len(seen["fetched"])
        elsewhere = [
            url for url in seen["fetched"] if urlsplit(url).netloc != origin and not url.startswith("data:")
        ]
        if seen["violations"] or seen["errors"] or elsewhere:
            problems.append((path, seen["violations"], seen["errors"], elsewhere))
    assert fetched > len(pages)  # the timing entries were read: the walk saw the requests
    assert problems == []
