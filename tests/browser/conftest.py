"""Checker-page fixtures. `session`: a fresh browser context (cold cache), for tests about loading and the
network. `ready`: one booted checker page shared by a module's tests and reset between them, to keep the suite
fast (each boot compiles Pyodide again)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser
from support.pages import CheckerPage


@pytest.fixture
def session(browser: Browser, site_url: str) -> Iterator[CheckerPage]:
    checker = CheckerPage.new(browser, site_url, accept_downloads=True)
    yield checker
    checker.close()


@pytest.fixture(scope="module")
def booted(browser: Browser, site_url: str) -> Iterator[CheckerPage]:
    checker = CheckerPage.new(browser, site_url, accept_downloads=True)
    checker.open()
    checker.wait_ready()
    yield checker
    checker.close()


@pytest.fixture
def ready(booted: CheckerPage) -> CheckerPage:
    booted.page.emulate_media(media="screen")
    booted.page.click("#effacer")  # empties the text, the file choice, the message and the report
    booted.wait_ready()
    booted.requests.clear()
    return booted
