"""Driving the site's pages in Chromium the way a user does, and reading back what they show.

`SitePage` is a browser context (its own fresh profile) on one page, with every request it made (page, workers
and service worker alike) and one readiness wait; `CheckerPage` and `ToolPage` are the checker page and the tool
pages. The checker's steps are also plain functions of a Playwright page, for tests that drive a page of their own.
Every wait goes through a selector and the timeout policy of waits.py.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, Self

from playwright.sync_api import Browser, BrowserContext, Page, Request

from support.quotes import SEED_ERA
from support.waits import (
    BOOT_TIMEOUT_MS,
    CHECK_TIMEOUT_MS,
    CHECKER_READY,
    OUTCOME,
    STEP_TIMEOUT_MS,
    TOOL_READY,
)


@dataclass
class RecordedRequest:
    url: str
    method: str
    post_data: bytes | None
    resource_type: str

    @classmethod
    def of(cls, request: Request) -> RecordedRequest:
        try:
            body = request.post_data_buffer
        except Exception:  # some bodies (streams) cannot be read back
            body = b"<unreadable body>"
        return cls(request.url, request.method, body, request.resource_type)


@dataclass
class SitePage:
    """A browser context on one page of the site, with every request it made."""

    context: BrowserContext
    page: Page
    site_url: str
    requests: list[RecordedRequest] = field(default_factory=list)
    READY: ClassVar[str] = "body"  # the selector the page sets once it is ready

    @classmethod
    def new(cls, browser: Browser, site_url: str, **context_options: Any) -> Self:
        """A new page in a new context (French, service worker allowed unless told); call `close()` after."""
        context = browser.new_context(**{"locale": "fr-FR", **context_options})
        context.set_default_timeout(STEP_TIMEOUT_MS)
        site_page = cls(context, context.new_page(), site_url)
        context.on("request", site_page.record)
        return site_page

    def record(self, request: Request) -> None:
        self.requests.append(RecordedRequest.of(request))

    def open(self, path: str) -> Page:
        self.page.goto(self.site_url + path)
        return self.page

    def wait_ready(self, timeout_ms: int = BOOT_TIMEOUT_MS) -> None:
        self.page.wait_for_selector(self.READY, state="attached", timeout=timeout_ms)

    def close(self) -> None:
        self.context.close()


class ToolPage(SitePage):
    """A tool page (docs/outils/): the checker's engine answers the tool's questions."""

    READY = TOOL_READY


def new_tool_page(browser: Browser, site_url: str, *, service_workers: str = "block") -> ToolPage:
    """A tool page without the service worker by default: what a test sees is the page and its engine alone."""
    return ToolPage.new(browser, site_url, service_workers=service_workers)


class CheckerPage(SitePage):
    """The checker page (verifier/)."""

    READY = CHECKER_READY

    def open(self, path: str = "") -> Page:
        """The checker page with `path` as its query, by default judging on a day of the seed's era."""
        return super().open("verifier/" + (path or f"?aujourdhui={SEED_ERA.isoformat()}"))

    def wait_outcome(self, timeout_ms: int = CHECK_TIMEOUT_MS) -> str:
        return wait_outcome(self.page, timeout_ms)

    def check_text(self, text: str) -> str:
        return check_text(self.page, text)

    def check_file(self, name: str, data: bytes, mime: str = "application/pdf") -> str:
        return check_file(self.page, name, data, mime)

    def codes(self) -> list[str]:
        return self.page.eval_on_selector_all("#rapport [data-code]", "els => els.map(e => e.dataset.code)")

    def message(self) -> str:
        return message(self.page)

    def download_report(self) -> dict[str, Any]:
        """The JSON report, downloaded from « Pour les éditeurs » (opened first, as a vendor would)."""
        if not self.page.eval_on_selector("#rapport-editeurs", "d => d.open"):
            self.page.click("#rapport-editeurs summary")
        with self.page.expect_download() as info:
            self.page.click("#rapport-telecharger")
        return dict(json.loads(Path(info.value.path()).read_text(encoding="utf-8")))


def wait_checker_ready(page: Page) -> None:
    page.wait_for_selector(CHECKER_READY, state="attached", timeout=BOOT_TIMEOUT_MS)


def wait_outcome(page: Page, timeout_ms: int = CHECK_TIMEOUT_MS) -> str:
    """Waits for a report or a message; returns the verdict, or "" when a message is shown."""
    page.wait_for_selector(OUTCOME, state="attached", timeout=timeout_ms)
    return page.get_attribute("#rapport", "data-verdict") or ""


def set_text(page: Page, text: str) -> None:
    # Setting the value in one step: `fill` types megabytes slowly and the page does not care how.
    page.eval_on_selector(
        "#devis-texte", "(area, text) => { area.value = text; area.dispatchEvent(new Event('input')); }", text
    )


def check_text(page: Page, text: str) -> str:
    set_text(page, text)
    page.click("#verifier")
    return wait_outcome(page)


def check_file(page: Page, name: str, data: bytes, mime: str = "application/pdf") -> str:
    page.set_input_files("#devis-fichier", files=[{"name": name, "mimeType": mime, "buffer": data}])
    return wait_outcome(page)


def message(page: Page) -> str:
    return page.inner_text("#verifier-message")


def assert_plain_french(message: str, *expected: str) -> None:
    """A message for a reader: French prose, not a raw exception, holding each of `expected`."""
    assert message.strip(), "no message shown"
    for word in ("Traceback", "Error", "Exception", "undefined", "pypdf"):
        assert word not in message, message
    assert not re.search(r"\bnull\b", message), message
    french = re.search(r"[éèàùçêâîô’«]", message) or any(w in message for w in (" la ", " le ", " de "))
    assert french, f"not French prose: {message!r}"
    for part in expected:
        assert part in message, message
