"""What the hardening tests record of the built site in Chromium (the pages are driven by tests/support/pages.py).

A `Recorder` listens to a browser context: every request (page, workers and service worker alike), console
messages (workers included), uncaught errors and the `securitypolicyviolation` events of each page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from playwright.sync_api import BrowserContext, ConsoleMessage, Page
from support.pages import RecordedRequest
from support.site import RECORDER


@dataclass
class Recorder:
    context: BrowserContext
    requests: list[RecordedRequest] = field(default_factory=list)
    console: list[tuple[str, str, str]] = field(default_factory=list)  # (type, text, where)
    errors: list[str] = field(default_factory=list)
    violations: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    def attach(cls, context: BrowserContext) -> Recorder:
        recorder = cls(context)
        context.add_init_script(RECORDER.decode())  # in every document, before its own scripts
        context.on("request", lambda request: recorder.requests.append(RecordedRequest.of(request)))
        context.on("console", recorder._console)
        context.on("weberror", lambda error: recorder.errors.append(str(error.error)))
        return recorder

    def _console(self, message: ConsoleMessage) -> None:
        where = f"worker {message.worker.url}" if message.worker else message.location.get("url", "")
        self.console.append((message.type, message.text, where))

    def collect_violations(self, page: Page) -> None:
        """Moves the page's recorded violations into the recorder (call before leaving the page)."""
        found = page.evaluate("window.__recorded ? window.__recorded.violations : []")
        self.violations += [{**v, "page": page.url} for v in found]
        page.evaluate("window.__recorded && (window.__recorded.violations = [])")

    def csp_console_messages(self) -> list[tuple[str, str, str]]:
        return [
            m for m in self.console if "Content Security Policy" in m[1] or "Content-Security-Policy" in m[1]
        ]


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
