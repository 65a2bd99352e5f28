"""Cross-engine fixtures: the same tests in Firefox ESR and WebKitGTK (and Chromium where a test says so).

`engine` is a test's engine; `open_page()` opens a page with a fresh profile in it. An engine that is not installed
makes its tests skip with the reason (`make test` installs all three, tests/support/engines.py says how and
starts them: `Engines`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest
from playwright.sync_api import Playwright
from support.engines import EnginePage, Engines, OpenPage
from support.site import serve

OTHER_ENGINES = [
    "firefox",
    "webkit",
]  # Chromium has its own suites (tests/browser, tests/tools, tests/hardening)


@pytest.fixture(scope="session")
def recorded_url(built_site: Path) -> Iterator[str]:
    """The built site, with each page's CSP violations and errors recorded (support/site.py)."""
    with serve(built_site, record=True) as url:
        yield url


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
