"""Checker-page fixtures: a fresh browser context per test (cold cache), every request it makes recorded."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from checker_page import CHECK_TIMEOUT_MS, Session
from playwright.sync_api import Browser


@pytest.fixture
def session(browser: Browser, site_url: str) -> Iterator[Session]:
    context = browser.new_context(accept_downloads=True, locale="fr-FR")
    context.set_default_timeout(CHECK_TIMEOUT_MS)
    page = context.new_page()
    recorder = Session(context, page, site_url)
    context.on("request", recorder.record)
    yield recorder
    context.close()


@pytest.fixture
def ready(session: Session) -> Session:
    session.open()
    session.wait_ready()
    return session
