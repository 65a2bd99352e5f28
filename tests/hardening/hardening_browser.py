"""Helpers for the hardening tests: drive the built site in Chromium and record everything it does.

A `Recorder` listens to a browser context: every request (page, workers and service worker alike), console
messages (workers included), uncaught errors and the `securitypolicyviolation` events of each page.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.sync_api import BrowserContext, ConsoleMessage, Page, Request
from support.waits import BOOT_TIMEOUT_MS, CHECK_TIMEOUT_MS, CHECKER_READY, OUTCOME

TESTS = Path(__file__).resolve().parents[1]
FIXTURES = TESTS / "fixtures"
sys.path.insert(0, str(TESTS / "corpus"))
from pdfs import make_pdf  # noqa: E402

# Recorded in every document before its own scripts run; read back with `violations()`.
VIOLATION_LISTENER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push({directive: e.violatedDirective, blocked: e.blockedURI,
    source: e.sourceFile, line: e.lineNumber, sample: e.sample});
});
"""


@dataclass
class Seen:
    url: str
    method: str
    body: bytes | None
    resource_type: str


@dataclass
class Recorder:
    context: BrowserContext
    requests: list[Seen] = field(default_factory=list)
    console: list[tuple[str, str, str]] = field(default_factory=list)  # (type, text, where)
    errors: list[str] = field(default_factory=list)
    violations: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    def attach(cls, context: BrowserContext) -> Recorder:
        recorder = cls(context)
        context.add_init_script(VIOLATION_LISTENER)
        context.on("request", recorder._request)
        context.on("console", recorder._console)
        context.on("weberror", lambda error: recorder.errors.append(str(error.error)))
        return recorder

    def _request(self, request: Request) -> None:
        try:
            body = request.post_data_buffer
        except Exception:  # some bodies (streams) cannot be read back
            body = b"<unreadable body>"
        self.requests.append(Seen(request.url, request.method, body, request.resource_type))

    def _console(self, message: ConsoleMessage) -> None:
        where = f"worker {message.worker.url}" if message.worker else message.location.get("url", "")
        self.console.append((message.type, message.text, where))

    def collect_violations(self, page: Page) -> None:
        """Moves the page's recorded violations into the recorder (call before leaving the page)."""
        found = page.evaluate("window.__cspViolations || []")
        self.violations += [{**v, "page": page.url} for v in found]
        page.evaluate("window.__cspViolations = []")

    def csp_console_messages(self) -> list[tuple[str, str, str]]:
        return [
            m for m in self.console if "Content Security Policy" in m[1] or "Content-Security-Policy" in m[1]
        ]


def wait_ready(page: Page) -> None:
    # A selector, not `wait_for_function("expression")`: Playwright evaluates expression strings with eval,
    # which the site's Content Security Policy rightly forbids.
    page.wait_for_selector(CHECKER_READY, state="attached", timeout=BOOT_TIMEOUT_MS)


def wait_outcome(page: Page) -> str:
    """A report or a message; returns the verdict, or "" when a message is shown."""
    page.wait_for_selector(OUTCOME, state="attached", timeout=CHECK_TIMEOUT_MS)
    return page.get_attribute("#rapport", "data-verdict") or ""


def set_text(page: Page, text: str) -> None:
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


def clear(page: Page) -> None:
    page.click("#effacer")


def message(page: Page) -> str:
    return page.inner_text("#verifier-message")


def fixture_text(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def quote_pdf(text: str, *, pages: int | None = None) -> bytes:
    return make_pdf(text, pages=pages)


# Everything the browser may keep for the site, searched for the quote in the page itself (a service worker's
# cache may hold megabytes of site assets: only whether each entry contains a marker comes back).
STORAGE_SNAPSHOT = """
async (markers) => {
  const has = (text) => markers.filter((m) => String(text).includes(m));
  const local = Object.fromEntries(Object.keys(localStorage).map((k) => [k, localStorage.getItem(k)]));
  const session = Object.fromEntries(Object.keys(sessionStorage).map((k) => [k, sessionStorage.getItem(k)]));
  const idb = [];
  for (const info of (await indexedDB.databases())) {
    const db = await new Promise((ok, ko) => {
      const r = indexedDB.open(info.name);
      r.onsuccess = () => ok(r.result);
      r.onerror = () => ko(r.error);
    });
    for (const store of db.objectStoreNames) {
      const all = await new Promise((ok, ko) => {
        const r = db.transaction(store).objectStore(store).getAll();
        r.onsuccess = () => ok(r.result);
        r.onerror = () => ko(r.error);
      });
      let text;
      try { text = JSON.stringify(all); } catch { text = String(all); }
      idb.push({db: info.name, store, count: all.length, markers: has(text)});
    }
    db.close();
  }
  const cached = [];
  if (self.caches) {
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) {
        const response = await cache.match(request);
        const bytes = new Uint8Array(await response.arrayBuffer());
        const text = new TextDecoder("utf-8").decode(bytes) + new TextDecoder("latin1").decode(bytes);
        cached.push({cache: name, url: request.url, markers: has(request.url).concat(has(text))});
      }
    }
  }
  return {local, session, idb, cached, cookie: document.cookie,
          markersInLocal: has(JSON.stringify(local)), markersInSession: has(JSON.stringify(session))};
}
"""
