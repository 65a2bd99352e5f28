"""Cross-engine fixtures: the same tests in Firefox ESR and WebKitGTK (and Chromium where a test says so).

`engine` is a test's engine; `open_page()` opens a page with a fresh profile in it. An engine that is not installed
makes its tests skip with the reason (`make test` installs all three, tests/support/engines.py says how).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Playwright
from support import engines
from support.engines import EnginePage
from support.site import serve
from support.waits import BOOT_TIMEOUT_MS, CHECKER_READY

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "corpus"))  # pdfs.make_pdf

OTHER_ENGINES = [
    "firefox",
    "webkit",
]  # Chromium has its own suites (tests/browser, tests/tools, tests/hardening)

OpenPage = Callable[[], EnginePage]


@pytest.fixture(scope="session")
def recorded_url(built_site: Path) -> Iterator[str]:
    """The built site, with each page's CSP violations and errors recorded (support/site.py)."""
    with serve(built_site, record=True) as url:
        yield url


class Engines:
    """The engines started so far (each on first use) and their booted checker pages; all stopped at the end."""

    def __init__(self, playwright: Playwright, stack: ExitStack) -> None:
        self.playwright = playwright
        self.stack = stack
        self.browsers: dict[str, Any] = {}
        self.checkers: dict[str, EnginePage] = {}

    def opener(self, engine: str) -> OpenPage:
        if reason := engines.missing(engine):
            pytest.skip(reason)
        if engine not in self.browsers:
            if engine == "webkit" and engines.ENGINES_FROM == "playwright":
                self.browsers[engine] = engines.launch_playwright_webkit(self.playwright)
                self.stack.callback(self.browsers[engine].close)
            elif engine == "webkit":
                self.browsers[engine] = self.stack.enter_context(engines.xvfb_display())
            else:
                launch = engines.launch_firefox if engine == "firefox" else engines.launch_chromium
                self.browsers[engine] = launch(self.playwright)
                self.stack.callback(self.browsers[engine].close)
        started = self.browsers[engine]
        if engine == "webkit" and engines.ENGINES_FROM != "playwright":
            return lambda: engines.webkit_page(started)
        return lambda: engines.playwright_page(engine, started)

    def checker(self, engine: str, site_url: str) -> EnginePage:
        """A checker page booted once per engine (each boot compiles Pyodide again: 5 to 40 s)."""
        if engine not in self.checkers:
            page = self.opener(engine)()
            self.stack.callback(page.close)
            page.goto(site_url + "verifier/")
            page.wait(CHECKER_READY, BOOT_TIMEOUT_MS)
            self.checkers[engine] = page
        return self.checkers[engine]


@pytest.fixture(scope="session")
def started(playwright: Playwright) -> Iterator[Engines]:
    with ExitStack() as stack:
        yield Engines(playwright, stack)


@pytest.fixture(params=OTHER_ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def open_page(engine: str, started: Engines) -> Iterator[OpenPage]:
    """Opens pages, each with a fresh profile, in the test's engine; closes them after the test."""
    opener = started.opener(engine)
    opened: list[EnginePage] = []

    def open_one() -> EnginePage:
        opened.append(opener())
        return opened[-1]

    yield open_one
    for page in opened:
        page.close()


@pytest.fixture
def checker(engine: str, started: Engines, recorded_url: str) -> EnginePage:
    page = started.checker(engine, recorded_url)
    page.click("#effacer")
    return page
