"""What every browser job of the benchmark shares: the bare-Pyodide floor page, a fresh browser profile, the
page's performance marks and long tasks, and a check timed by the page itself."""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import BrowserContext, Page, Playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(
    0, str(ROOT / "tests")
)  # the tests' server and browser flags: one of each for tests and bench

from site_server import Entry  # noqa: E402
from support.engines import CHROMIUM_ARGS  # noqa: E402

TIMEOUT_MS = 180_000
LONG_TASK_MS = 50
FLOOR_DIR = "__bench__/floor"

# The floor: a bare page whose module worker boots Pyodide's core from the site's own runtime files, nothing else.
FLOOR_HTML = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Bare Pyodide boot</title>
<script type="module" src="floor.mjs"></script></head><body><p>Bare Pyodide boot (bench)</p></body></html>
"""
FLOOR_PAGE = """const worker = new Worker(new URL("floor-worker.mjs", import.meta.url), { type: "module" });
worker.onmessage = (event) => {
  if (event.data === "start") return performance.mark("bench:worker");
  performance.mark("bench:ready");
  document.documentElement.dataset.floor = event.data;
};
"""
FLOOR_WORKER = """postMessage("start");
const base = new URL("../../pyodide/", import.meta.url);
const { loadPyodide } = await import(new URL("pyodide.mjs", base).href);
try {
  await loadPyodide({ indexURL: base.href });
  postMessage("ready");
} catch (error) {
  console.error(error);
  postMessage("error");
}
"""

# Installed before any script of the page: records the main thread's long tasks.
LONG_TASKS = """(() => {
  window.__benchLongTasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__benchLongTasks.push([entry.startTime, entry.duration]);
    }).observe({ type: "longtask", buffered: true });
  } catch (error) {}
})();"""

CHECK_TEXT = """text => {
    document.getElementById('devis-texte').value = text;
    document.getElementById('devis-texte').dispatchEvent(new Event('input'));
    document.getElementById('verifier').click();
}"""
CHECK_PDF = """bytes => {
    const input = document.getElementById('devis-fichier');
    const transfer = new DataTransfer();
    transfer.items.add(new File([new Uint8Array(bytes)], 'devis.pdf', {type: 'application/pdf'}));
    input.files = transfer.files;
    input.dispatchEvent(new Event('change'));
}"""


def add_floor(site_dir: Path) -> None:
    floor = site_dir / FLOOR_DIR
    floor.mkdir(parents=True, exist_ok=True)
    (floor / "index.html").write_text(FLOOR_HTML)
    (floor / "floor.mjs").write_text(FLOOR_PAGE)
    (floor / "floor-worker.mjs").write_text(FLOOR_WORKER)


# --- one visit ---------------------------------------------------------------------------------------------------


@contextmanager
def fresh_context(playwright: Playwright, service_workers: str = "allow") -> Iterator[BrowserContext]:
    """A browser with a new, empty profile on disk: cold HTTP cache and code cache, no service worker yet.

    A profile on disk, not an incognito context: an incognito context keeps its HTTP cache in memory, where
    Chromium does not keep the 8.6 MB WebAssembly file, and has no code cache; a visitor's browser has both.
    """
    with tempfile.TemporaryDirectory(prefix="bench-profile-") as profile:
        context = playwright.chromium.launch_persistent_context(
            profile,
            executable_path="/usr/bin/chromium",
            args=CHROMIUM_ARGS,
            service_workers=service_workers,  # type: ignore[arg-type]
        )
        try:
            context.set_default_timeout(TIMEOUT_MS)
            context.add_init_script(LONG_TASKS)
            yield context
        finally:
            context.close()


def new_page(context: BrowserContext) -> Page:
    for page in context.pages:  # the blank page a persistent context opens with
        page.close()
    return context.new_page()


def marks(page: Page) -> dict[str, float]:
    return dict(
        page.evaluate(
            "() => Object.fromEntries(performance.getEntriesByType('mark').map(m => [m.name, m.startTime]))"
        )
    )


def long_tasks(page: Page, start: float = 0.0, end: float = float("inf")) -> list[float]:
    tasks = page.evaluate("() => window.__benchLongTasks || []")
    return [duration for begin, duration in tasks if start <= begin < end]


def wait_ready(page: Page, kind: str) -> float:
    if kind == "floor":
        page.wait_for_function("() => document.documentElement.dataset.floor", timeout=TIMEOUT_MS)
        if page.evaluate("() => document.documentElement.dataset.floor") != "ready":
            raise RuntimeError("the bare Pyodide page failed to boot")
        return marks(page)["bench:ready"]
    page.wait_for_function(
        "() => ['ready', 'error'].includes(document.documentElement.dataset.checker)", timeout=TIMEOUT_MS
    )
    if page.evaluate("() => document.documentElement.dataset.checker") != "ready":
        raise RuntimeError("the checker page failed to boot")
    return marks(page)["segur-devis:ready"]


def timed_check(page: Page, action: str, arg: object) -> tuple[float, float, float]:
    """One check through the page; returns (duration ms, start, end) from the page's `segur-devis:check`."""
    before = page.evaluate("() => performance.getEntriesByName('segur-devis:check').length")
    page.evaluate(action, arg)
    page.wait_for_function(
        f"() => performance.getEntriesByName('segur-devis:check').length > {before}", timeout=TIMEOUT_MS
    )
    entry = page.evaluate(
        "() => { const m = performance.getEntriesByName('segur-devis:check').at(-1);"
        " return [m.duration, m.startTime, m.startTime + m.duration]; }"
    )
    return float(entry[0]), float(entry[1]), float(entry[2])


def served_bytes(log: list[Entry], since: int) -> tuple[int, int]:
    entries = log[since:]
    return sum(e[3] for e in entries), len(entries)
