"""What every browser job of the benchmark shares: the bare-Pyodide floor page, a fresh browser profile, the
page's performance marks and long tasks, a boot measured the same way for every job, a check timed by the page
itself, and the interleaving of the pages compared.

The tests' one site server (tests/site_server.py), browser flags and timeouts (tests/support/) are the bench's
too: `make bench` puts tests/ on PYTHONPATH.
"""

from __future__ import annotations

import shutil
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from playwright.sync_api import BrowserContext, Page, Playwright
from site_server import Entry, serve
from support.engines import CHROMIUM_ARGS
from support.waits import BOOT_TIMEOUT_MS, CHECK_TIMEOUT_MS

ROOT = Path(__file__).resolve().parent.parent
# The quote every browser job checks: two pages of text (and its 10-page PDF).
QUOTE = ROOT / "tests" / "corpus" / "25_hop_pfi_multipage_typographie.txt"
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


@contextmanager
def site_with_floor(site_dir: Path) -> Iterator[Path]:
    """A temporary copy of the built site with the floor page added (the built site itself is left as it is)."""
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp, "site")
        shutil.copytree(site_dir, site)
        add_floor(site)
        yield site


Server = tuple[str, list[Entry]]  # its URL, and the log of what it sent


@contextmanager
def served_sites(site_dir: Path, variants: dict[str, Path]) -> Iterator[tuple[Path, dict[str, Server]]]:
    """The built site with its floor page (label "checker") and each variant, each on its own local server."""
    with ExitStack() as stack:
        site = stack.enter_context(site_with_floor(site_dir))
        servers = {"checker": stack.enter_context(serve(site))}
        for name, directory in variants.items():
            servers[name] = stack.enter_context(serve(directory))
        yield site, servers


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
            context.set_default_timeout(BOOT_TIMEOUT_MS)
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
    """Waits for the checker page (`kind` "checker") or the floor page ("floor") to be ready, through the
    attribute each sets on <html>, as the tests wait (tests/support/waits.py); its ready mark, in ms."""
    attribute = "data-checker" if kind == "checker" else "data-floor"
    page.wait_for_selector(
        f"html[{attribute}='ready'], html[{attribute}='error']", state="attached", timeout=BOOT_TIMEOUT_MS
    )
    if page.get_attribute("html", attribute) != "ready":
        raise RuntimeError(f"the {kind} page failed to boot")
    return marks(page)["bench:ready" if kind == "floor" else "segur-devis:ready"]


def boot(page: Page, url: str, kind: str, log: list[Entry]) -> dict[str, float]:
    """One cold boot of the checker or the floor page in `page`: time to ready, when the worker ran and Python was
    up (the page's stage marks), the main thread's long tasks, and the bytes the server sent up to ready."""
    since = len(log)
    page.goto(url + ("verifier/" if kind == "checker" else FLOOR_DIR + "/"))
    ready = wait_ready(page, kind)
    found = marks(page)
    tasks = long_tasks(page, end=ready)
    sent, requests = served_bytes(log, since, until=wall_ms(page, ready))
    figures = {
        "ready_ms": ready,
        "boot_longtask_max_ms": max(tasks, default=0.0),
        "boot_longtask_count": len(tasks),
        "cold_bytes_to_ready": sent,
        "cold_requests_to_ready": requests,
    }
    if kind == "floor":
        return {**figures, "worker_ms": found.get("bench:worker", float("nan"))}
    return {
        **figures,
        "worker_ms": found.get("segur-devis:stage:runtime", float("nan")),  # the worker runs
        "runtime_ms": found.get("segur-devis:stage:checker", float("nan")),  # Python up, checker not yet
    }


def timed_check(page: Page, action: str, arg: object) -> tuple[float, float, float]:
    """One check through the page; returns (duration ms, start, end) from the page's `segur-devis:check`."""
    before = page.evaluate("() => performance.getEntriesByName('segur-devis:check').length")
    page.evaluate(action, arg)
    page.wait_for_function(
        f"() => performance.getEntriesByName('segur-devis:check').length > {before}", timeout=CHECK_TIMEOUT_MS
    )
    entry = page.evaluate(
        "() => { const m = performance.getEntriesByName('segur-devis:check').at(-1);"
        " return [m.duration, m.startTime, m.startTime + m.duration]; }"
    )
    return float(entry[0]), float(entry[1]), float(entry[2])


def served(log: list[Entry], since: int, until: float | None = None) -> list[Entry]:
    """What the server sent since entry `since`; with `until` (a page's wall-clock time in ms: its
    `performance.timeOrigin` plus a mark), only what it had sent by then, whatever the time Playwright took to
    notice the mark (the offline copy starts filling right after ready)."""
    entries = log[since:]
    if until is None:
        return entries
    to_wall_ms = (time.time() - time.monotonic()) * 1000  # the server logs monotonic seconds
    return [e for e in entries if e[0] * 1000 + to_wall_ms <= until]


def served_bytes(log: list[Entry], since: int, until: float | None = None) -> tuple[int, int]:
    """Bytes and requests: see `served`."""
    entries = served(log, since, until)
    return sum(e[3] for e in entries), len(entries)


def wall_ms(page: Page, mark_ms: float) -> float:
    """A time of the page's performance timeline (ms since its navigation) on the wall clock, for `served`."""
    return float(page.evaluate("() => performance.timeOrigin")) + mark_ms


# --- comparing pages ---------------------------------------------------------------------------------------------


def interleaved(
    labels: list[str], runs: int, visit: Callable[[str], dict[str, float]]
) -> dict[str, list[dict[str, float]]]:
    """`runs` rounds of one visit per label, the order reversed every other round, so that a shared machine's noise
    hits every side alike; prints each round's times to ready."""
    results: dict[str, list[dict[str, float]]] = {label: [] for label in labels}
    for i in range(runs):
        for label in labels if i % 2 == 0 else labels[::-1]:
            results[label].append(visit(label))
        times = ", ".join(f"{label} ready {results[label][-1]['ready_ms']:.0f} ms" for label in labels)
        print(f"  run {i + 1}/{runs}: {times}", flush=True)
    return results


def medians(samples: list[dict[str, float]]) -> dict[str, float]:
    return {key: statistics.median(s[key] for s in samples) for key in samples[0]}


def median_ratio(samples: list[dict[str, float]], floor: list[dict[str, float]], key: str) -> float:
    """The median of each run's ratio to the floor of the same run (not a ratio of medians)."""
    return statistics.median(s[key] / f[key] for s, f in zip(samples, floor, strict=True))


def goal(ok: bool) -> str:
    return "goal met" if ok else "GOAL NOT MET"
