"""Browser fixtures for the tool pages, on the session's built site and Chromium (tests/conftest.py); the page
objects are in tests/support/pages.py.

The tool pages' own tests block the service worker, so that what they see is the page and its engine alone;
the offline tests (test_offline.py) allow it and drive it.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser
from support.pages import ToolPage, new_tool_page


@pytest.fixture(scope="module")
def tool_page(browser: Browser, site_url: str) -> Iterator[ToolPage]:
    """One context per test module; each module opens its page and reuses the booted engine."""
    tool = new_tool_page(browser, site_url)
    yield tool
    tool.close()
