"""Checker-page fixtures. `session`: a fresh browser context (cold cache), for tests about loading and the
network. `ready`: one booted checker page shared by a module's tests and reset between them, to keep the suite
fast (each boot compiles Pyodide again)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from checker_page import CHECK_TIMEOUT_MS, Session
from playwright.sync_api import Browser


def new_session(browser: Browser, site_url: str) -> Session:
    context = browser.new_context(accept_downloads=True, locale="fr-FR")
    context.set_default_timeout(CHECK_TIMEOUT_MS)
    recorder = Session(context, context.new_page(), site_url)
    context.on("request", recorder.record)
    return recorder


@pytest.fixture
def session(browser: Browser, site_url: str) -> Iterator[Session]:
    recorder = new_session(browser, site_url)
    yield recorder
    recorder.context.close()


@pytest.fixture(scope="module")
def booted(browser: Browser, site_url: str) -> Iterator[Session]:
    recorder = new_session(browser, site_url)
    recorder.open()
    recorder.wait_ready()
    yield recorder
    recorder.context.close()


@pytest.fixture
def ready(booted: Session) -> Session:
    page = booted.page
    page.emulate_media(media="screen")
    page.click("#effacer")  # empties the text, the file choice, the message and the report
    page.wait_for_function("() => document.documentElement.dataset.checker === 'ready'", timeout=90_000)
    booted.requests.clear()
    return booted
