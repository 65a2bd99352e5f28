"""Browser fixtures for the tool pages, on the session's built site and Chromium (tests/conftest.py); the helpers
are in tool_page.py, the checker page's in tests/browser/checker_page.py.

The tool pages' own tests block the service worker, so that what they see is the page and its engine alone;
the offline tests (test_offline.py) allow it and drive it.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser
from tool_page import ToolPage, new_tool_page


@pytest.fixture(scope="module")
def tool_page(browser: Browser, site_url: str) -> Iterator[ToolPage]:
    """One context per test module; each module opens its page and reuses the booted engine."""
    tool = new_tool_page(browser, site_url)
    yield tool
    tool.context.close()
