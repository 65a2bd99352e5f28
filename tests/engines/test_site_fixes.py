"""The three things only Firefox or WebKit showed, each tested in the engine that shows it (and the others):
a « next » page prefetched against the CSP, scrollable code blocks out of the tab order without hover, and an
engine too old for Pyodide told « connexion » instead of « navigateur trop ancien »."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from support.axe import axe_violations
from support.engines import ENGINES, EnginePage, Engines, OpenPage, PlaywrightPage
from support.waits import STEP_TIMEOUT_MS

pytestmark = pytest.mark.browser

SETTLE = "() => new Promise((done) => setTimeout(done, 2000))"  # Firefox prefetches once the page is idle


def recorded(page: EnginePage) -> dict[str, Any]:
    return dict(page.call("() => window.__recorded"))


@pytest.mark.parametrize("engine", ENGINES)
def test_no_page_prefetches_what_the_csp_blocks(open_page: OpenPage, recorded_url: str) -> None:
    page = open_page()
    page.goto(recorded_url + "comprendre/")  # a page with a next page (« Bénéfices… »)
    page.wait("a.md-footer__link--next")
    page.call(SETTLE)
    assert recorded(page) == {"violations": [], "errors": []}


FRAMES = "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"
OVERFLOWING_CODE = """() => [...document.querySelectorAll("pre > code")]
  .filter((code) => code.scrollWidth > code.clientWidth)
  .map((code) => ({tabindex: code.getAttribute("tabindex"), start: code.textContent.slice(0, 60)}))"""


def test_scrollable_code_blocks_are_reachable_with_the_keyboard(
    open_page: OpenPage, recorded_url: str, built_site: Path
) -> None:
    """Headless Firefox reports no hover, as phones and tablets do: there the theme leaves the blocks out."""
    page = open_page()
    pages = sorted(
        path.parent.relative_to(built_site).as_posix()
        for path in built_site.rglob("index.html")
        if "<pre" in path.read_text(encoding="utf-8")
    )
    overflowing = 0
    for path in pages:
        page.goto(recorded_url + ("" if path == "." else path + "/"))
        page.wait("body[data-md-color-scheme]")
        page.call(FRAMES)  # the theme and our script have seen the blocks' sizes
        blocks = page.call(OVERFLOWING_CODE)
        overflowing += len(blocks)
        assert [b for b in blocks if b["tabindex"] != "0"] == [], path
        assert axe_violations(page, rules=["scrollable-region-focusable"]) == [], path
    assert overflowing >= 2  # the annotated examples have wide lines: the test has something to check


# An engine that cannot parse class static blocks (Safari < 16.4): every script containing one fails to parse.
STATIC_BLOCK = re.compile(rb"\bstatic\s*\{")


def parse_like_an_old_engine(route: Any) -> None:
    response = route.fetch()
    body = response.body()
    if STATIC_BLOCK.search(body):
        body = b"class Ancien { static { }\n"  # a syntax error, as an old engine sees the real file
    route.fulfill(response=response, body=body)


def test_an_engine_too_old_for_pyodide_says_so_before_starting(started: Engines, recorded_url: str) -> None:
    """Chromium stands in for Safari 15 (no older engine here): scripts with class static blocks fail to parse."""
    page = started.opener("chromium")()
    assert isinstance(page, PlaywrightPage)
    try:
        page.context.route(re.compile(r".*\.m?js(\?.*)?$"), parse_like_an_old_engine)
        workers: list[str] = []
        page.page.on("worker", lambda worker: workers.append(worker.url))
        page.goto(recorded_url + "verifier/")
        page.wait("html[data-checker='trop-ancien']", STEP_TIMEOUT_MS)
        message = page.text("#verifier-message")
        assert "trop ancien" in message and "Safari 16.4" in message and "Firefox" in message
        assert "connexion" not in message + page.text("#verifier-etat")
        assert [url for url in workers if "search" not in url] == []  # Python was never started
        assert page.call("() => document.getElementById('verifier').disabled") is True
    finally:
        page.context.unroute_all(
            behavior="ignoreErrors"
        )  # route handlers still running must not fail the close
        page.close()
