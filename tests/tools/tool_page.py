"""Driving the tool pages (docs/outils/) in Chromium, and serving a copy of the built site, for tests/tools."""

from __future__ import annotations

import http.server
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from playwright.sync_api import Browser, BrowserContext, Page, Request
from site_server import PYODIDE_TYPES

# The checker page's helpers (Session, fixtures) live in tests/browser.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "browser"))

BOOT_TIMEOUT_MS = 120_000  # the first boot compiles ~9 MB of WebAssembly on a shared 2-core machine
ANSWER_TIMEOUT_MS = 30_000


@dataclass
class ToolPage:
    """A browser context on one tool page, with every request it made (page, workers and service worker)."""

    context: BrowserContext
    page: Page
    site_url: str
    requests: list[Request] = field(default_factory=list)

    def open(self, path: str) -> Page:
        self.page.goto(self.site_url + path)
        return self.page

    def wait_ready(self) -> None:
        self.page.wait_for_function(
            "() => document.documentElement.dataset.outil === 'ready'", timeout=BOOT_TIMEOUT_MS
        )


def new_tool_page(browser: Browser, site_url: str, *, service_workers: str = "block") -> ToolPage:
    context = browser.new_context(locale="fr-FR", service_workers=service_workers)  # type: ignore[arg-type]
    context.set_default_timeout(ANSWER_TIMEOUT_MS)
    tool = ToolPage(context, context.new_page(), site_url)
    context.on("request", lambda request: tool.requests.append(request))
    return tool


def assert_plain_french(message: str) -> None:
    assert message.strip()
    assert "Traceback" not in message and "Error" not in message
    french = any(ch in message for ch in "éèàùç’«") or any(w in message for w in (" la ", " le ", " de "))
    assert french, message


class StaticHandler(http.server.SimpleHTTPRequestHandler):
    """Static files with the types Pyodide needs (as tests/conftest.py serves the session's site)."""

    extensions_map: ClassVar[dict[str, str]] = PYODIDE_TYPES

    def log_message(self, format: str, *args: object) -> None:
        pass


class SubPathHandler(StaticHandler):
    """The site served under /sous-chemin/, as GitHub Pages serves a project site; nothing at the root."""

    PREFIX = "/sous-chemin/"

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.PREFIX):
            return str(Path(self.directory) / "absent")
        return super().translate_path("/" + path[len(self.PREFIX) :])


def axe_violations(page: Page) -> list[str]:
    """WCAG 2.1 A/AA violations axe-core finds on the page as it is now (axe runs locally, from the package)."""
    from axe_playwright_python.sync_playwright import Axe

    page.mouse.move(0, 0)  # no hover state
    results = Axe().run(page, options={"runOnly": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]})
    return [f"{v['id']}: {v['nodes'][0]['html'][:160]}" for v in results.response["violations"]]
