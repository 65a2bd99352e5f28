"""Shared session fixtures: the site built once (strict), served on a free local port, Playwright, and one real
Chromium. The helpers behind them (server, engine launchers, pages, waits, axe, quotes) are in tests/support/."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Playwright, sync_playwright
from support.engines import launch_chromium
from support.site import Build, build_site, serve


@pytest.fixture(scope="session")
def site_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The one build of the session; tests/site/test_build.py reads its output, everything else its files."""
    return build_site(tmp_path_factory.mktemp("site"))


@pytest.fixture(scope="session")
def built_site(site_build: Build) -> Path:
    if site_build.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{site_build.output[-4000:]}")
    return site_build.site


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    """One Playwright for the session: Chromium's and Firefox's tests share it (it cannot be started twice)."""
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    chromium = launch_chromium(playwright)
    yield chromium
    chromium.close()
