"""Driving the checker page the way a user does, and reading back what it shows."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from playwright.sync_api import BrowserContext, Page, Request

FIXTURES = Path(__file__).resolve().parent / "fixtures"
BOOT_TIMEOUT_MS = 90_000  # first boot compiles ~9 MB of WebAssembly; CI machines can be slow
CHECK_TIMEOUT_MS = 30_000


@dataclass
class RecordedRequest:
    url: str
    method: str
    post_data: bytes | None


@dataclass
class Session:
    """A browser context on the checker page, with every request it made (page and worker alike)."""

    context: BrowserContext
    page: Page
    url: str
    requests: list[RecordedRequest] = field(default_factory=list)

    def record(self, request: Request) -> None:
        self.requests.append(RecordedRequest(request.url, request.method, request.post_data_buffer))

    def open(self, query: str = "") -> Page:
        self.page.goto(self.url + "verifier/" + (query or f"?aujourdhui={SEED_ERA.isoformat()}"))
        return self.page

    def wait_ready(self) -> None:
        self.page.wait_for_function(
            "() => document.documentElement.dataset.checker === 'ready'", timeout=BOOT_TIMEOUT_MS
        )

    def wait_outcome(self) -> str:
        """Waits for a report or a message; returns the verdict, or "" when a message is shown."""
        self.page.wait_for_selector(
            "#rapport[data-verdict], #verifier-message:not([hidden])", timeout=BOOT_TIMEOUT_MS
        )
        return self.page.get_attribute("#rapport", "data-verdict") or ""

    def check_text(self, text: str) -> str:
        # Setting the value in one step: `fill` types megabytes slowly and the page does not care how.
        self.page.eval_on_selector(
            "#devis-texte",
            "(area, text) => { area.value = text; area.dispatchEvent(new Event('input')); }",
            text,
        )
        self.page.click("#verifier")
        return self.wait_outcome()

    def check_file(self, name: str, data: bytes, mime: str = "application/pdf") -> str:
        self.page.set_input_files("#devis-fichier", files=[{"name": name, "mimeType": mime, "buffer": data}])
        return self.wait_outcome()

    def codes(self) -> list[str]:
        return self.page.eval_on_selector_all("#rapport [data-code]", "els => els.map(e => e.dataset.code)")

    def message(self) -> str:
        return self.page.inner_text("#verifier-message")

    def download_report(self) -> dict[str, Any]:
        """The JSON report, downloaded from « Pour les éditeurs » (opened first, as a vendor would)."""
        if not self.page.eval_on_selector("#rapport-editeurs", "d => d.open"):
            self.page.click("#rapport-editeurs summary")
        with self.page.expect_download() as info:
            self.page.click("#rapport-telecharger")
        path = info.value.path()
        return dict(json.loads(Path(path).read_text(encoding="utf-8")))


def fixture_text(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


SEED_CONFORME = "seed002_hop_pfi_conforme.txt"
# The seed's examples are unsigned vague 1 quotes, judged on the day of the check: the page (?aujourdhui=) and
# CPython judge them on a day of the seed's era, when vague 1 orders were open.
SEED_ERA = date(2022, 6, 1)
SEED_MAINTENANCE = "seed002_pack_avec_maintenance.txt"
