"""The main browser job: the checker page's first visit and its checks, beside the bare-Pyodide floor.

Per run, in a new browser profile each (cold caches), interleaved with the floor and any `--variant` site:
- first visit: navigation -> `data-checker="ready"` against the floor page, which only boots Pyodide's core from
  the very same files in a module Web Worker; the bytes sent up to ready, and once the offline copy is full;
- one check of a 2-page text quote and of a 10-page PDF (the page's own `segur-devis:check` measure: click to
  report shown), the first of each apart (the first PDF loads pypdf);
- main-thread long tasks (> 50 ms) during the boot and during the checks;
- a return visit in the same profile (the offline copy): time to ready, long tasks, bytes from the network.
Then the first visit's transfer size, raw, gzip (what GitHub Pages serves) and brotli, from the files the page
fetched.
"""

from __future__ import annotations

import statistics
from pathlib import Path
from typing import Any

from browser import (
    CHECK_PDF,
    CHECK_TEXT,
    FLOOR_DIR,
    LONG_TASK_MS,
    QUOTE,
    boot,
    fresh_context,
    goal,
    interleaved,
    long_tasks,
    median_ratio,
    medians,
    new_page,
    served_bytes,
    served_sites,
    timed_check,
    wait_ready,
)
from playwright.sync_api import Playwright, sync_playwright
from site_server import Entry
from support.pdf_makers import make_pdf
from support.waits import OFFLINE_COPY_TIMEOUT_MS, OFFLINE_READY
from transfer import transfer_sizes

# The goals (README « Performance »).
GOAL_READY_RATIO = 1.15
GOAL_CHECK_MS = 50
GOAL_WARM_READY_MS = 1000


def visit_floor(playwright: Playwright, url: str, log: list[Entry]) -> dict[str, float]:
    """The floor's first visit, then its return visit from the HTTP cache."""
    with fresh_context(playwright) as context:
        figures = boot(new_page(context), url, "floor", log)
        since = len(log)
        page = context.new_page()
        page.goto(url + FLOOR_DIR + "/")
        warm_ready = wait_ready(page, "floor")
        warm_bytes, warm_requests = served_bytes(log, since)
        return {
            **figures,
            "warm_ready_ms": warm_ready,
            "warm_bytes": warm_bytes,
            "warm_requests": warm_requests,
        }


def visit_checker(
    playwright: Playwright, url: str, log: list[Entry], text: str, pdf: list[int]
) -> dict[str, float]:
    with fresh_context(playwright) as context:
        since = len(log)
        page = new_page(context)
        figures = boot(page, url, "checker", log)
        # The offline copy: the service worker keeps the runtime once the engine is ready.
        try:
            page.wait_for_selector(OFFLINE_READY, state="attached", timeout=OFFLINE_COPY_TIMEOUT_MS)
            offline = True
        except Exception:
            offline = False
        first_bytes, first_requests = served_bytes(log, since)
        checks = checks_in(page, text, pdf)
        page.close()

        since = len(log)
        page = context.new_page()
        page.goto(url + "verifier/")
        warm = wait_ready(page, "checker")
        warm_tasks = long_tasks(page, end=warm)
        page.wait_for_timeout(500)  # requests right after ready (service worker update check, search index)
        warm_bytes, warm_requests = served_bytes(log, since)
        return {
            **figures,
            "first_visit_bytes": first_bytes,
            "first_visit_requests": first_requests,
            "offline_ready": float(offline),
            **checks,
            "warm_ready_ms": warm,
            "warm_longtask_max_ms": max(warm_tasks, default=0.0),
            "warm_bytes": warm_bytes,
            "warm_requests": warm_requests,
        }


def checks_in(page: Any, text: str, pdf: list[int]) -> dict[str, float]:
    """The text quote checked 6 times, then the PDF 4 times; the first of each apart; long tasks during them."""
    windows = []

    def check(action: str, arg: object) -> float:
        duration, *window = timed_check(page, action, arg)
        windows.append(window)
        return duration

    first = check(CHECK_TEXT, text)
    warm_checks = [check(CHECK_TEXT, text) for _ in range(5)]
    first_pdf = check(CHECK_PDF, pdf)  # includes loading pypdf
    pdf_checks = [check(CHECK_PDF, pdf) for _ in range(3)]
    tasks = page.evaluate("() => window.__benchLongTasks || []")
    check_tasks = [d for begin, d in tasks if any(s - 1 <= begin < e + 1 for s, e in windows)]
    return {
        "first_check_ms": first,
        "check_ms": statistics.median(warm_checks),
        "first_pdf_check_ms": first_pdf,
        "pdf_check_ms": statistics.median(pdf_checks),
        "check_longtask_max_ms": max(check_tasks, default=0.0),
        "check_longtask_count": len(check_tasks),
    }


def page_files(playwright: Playwright, url: str, log: list[Entry]) -> list[str]:
    """The files the checker page itself fetches up to ready (service workers blocked: no offline copy)."""
    with fresh_context(playwright, service_workers="block") as context:
        since = len(log)
        page = new_page(context)
        page.goto(url + "verifier/")
        wait_ready(page, "checker")
        page.wait_for_timeout(500)
        return sorted({path for _, path, status, _ in log[since:] if status == 200})


def run(site_dir: Path, variants: dict[str, Path], runs: int) -> dict[str, Any]:
    """Interleaved runs of the floor, the checker page and each variant's; prints the medians, returns every
    sample."""
    text = QUOTE.read_text(encoding="utf-8")
    pdf = list(make_pdf(text, pages=10))
    with served_sites(site_dir, variants) as (site, servers), sync_playwright() as playwright:
        url, log = servers["checker"]
        # One unmeasured visit first: Chromium's own first-start costs belong to no side.
        visit_checker(playwright, url, log, text, pdf)

        def visit(label: str) -> dict[str, float]:
            if label == "bare":
                return visit_floor(playwright, url, log)  # the floor page is in the checker's site
            return visit_checker(playwright, *servers[label], text, pdf)

        results = interleaved(["bare", *servers], runs, visit)
        fetched = page_files(playwright, url, log)
        sizes = transfer_sizes(site, fetched)
    return {"medians": report(results, sizes), "samples": results, "page_files": fetched}


def row(name: str, value: str, baseline: str = "", note: str = "") -> None:
    print(f"  {name:<38} {value:>12}  {baseline:>26}  {note}")


def report(results: dict[str, list[dict[str, float]]], sizes: dict[str, Any]) -> dict[str, Any]:
    floor = results["bare"]
    print(
        f"\nBrowser: Chromium, medians of {len(floor)} interleaved runs, each in a new browser profile (cold caches)"
    )
    row("metric", "value", "baseline (same runs)", "")
    summary: dict[str, Any] = {"bare": medians(floor)}
    bare = summary["bare"]
    for label, samples in results.items():
        if label == "bare":
            continue
        m = summary[label] = medians(samples)
        ratio = m["ready_ratio"] = median_ratio(samples, floor, "ready_ms")
        print(f"[{label}]")
        row(
            "cold: navigation -> ready (ms)",
            f"{m['ready_ms']:.0f}",
            f"bare Pyodide {bare['ready_ms']:.0f}",
            "",
        )
        row(
            "cold: ready / bare Pyodide",
            f"{ratio:.2f}",
            f"goal <= {GOAL_READY_RATIO}",
            goal(ratio <= GOAL_READY_RATIO),
        )
        row("cold: Pyodide up in the checker (ms)", f"{m['runtime_ms']:.0f}", "", "stage mark before wheel")
        row(
            "cold: bytes sent up to ready",
            f"{m['cold_bytes_to_ready'] / 1e6:.2f} MB",
            f"{m['cold_requests_to_ready']:.0f} requests",
            "page and its worker",
        )
        row(
            "first visit: bytes, offline copy full",
            f"{m['first_visit_bytes'] / 1e6:.2f} MB",
            f"{m['first_visit_requests']:.0f} requests",
            "offline copy ready" if m["offline_ready"] else "offline copy NOT ready",
        )
        row(
            "warm: navigation -> ready (ms)",
            f"{m['warm_ready_ms']:.0f}",
            f"bare, HTTP cache {bare['warm_ready_ms']:.0f}",
            f"goal <= {GOAL_WARM_READY_MS}: {goal(m['warm_ready_ms'] <= GOAL_WARM_READY_MS)}",
        )
        row(
            "warm: bytes from the network",
            f"{m['warm_bytes']:.0f} B",
            f"{m['warm_requests']:.0f} requests",
            goal(m["warm_bytes"] == 0),
        )
        row("check, 2-page text, first (ms)", f"{m['first_check_ms']:.1f}", "", "right after ready")
        row(
            "check, 2-page text (ms)",
            f"{m['check_ms']:.1f}",
            f"goal <= {GOAL_CHECK_MS}",
            goal(m["check_ms"] <= GOAL_CHECK_MS),
        )
        row("check, 10-page PDF, first (ms)", f"{m['first_pdf_check_ms']:.0f}", "", "includes loading pypdf")
        row("check, 10-page PDF (ms)", f"{m['pdf_check_ms']:.0f}", "", "")
        for phase, key in (("boot", "boot"), ("checks", "check"), ("warm boot", "warm")):
            base = f"bare {bare['boot_longtask_max_ms']:.0f} ms" if key == "boot" else ""
            worst = m[f"{key}_longtask_max_ms"]
            row(
                f"long tasks > {LONG_TASK_MS} ms, {phase}: max (ms)",
                f"{worst:.0f}",
                base,
                goal(worst <= LONG_TASK_MS),
            )
    print("\nFirst visit transfer (files the checker page fetches up to ready; service worker blocked)")
    for group, sizes_row in sorted(
        sizes.items(), key=lambda item: ("page", "runtime", "total").index(item[0])
    ):
        brotli = f", brotli {sizes_row['brotli'] / 1e6:.2f} MB" if "brotli" in sizes_row else ""
        print(
            f"  {group:<8} {sizes_row['files']:3d} files: raw {sizes_row['raw'] / 1e6:.2f} MB, "
            f"gzip-6 {sizes_row['gzip'] / 1e6:.2f} MB{brotli}"
        )
    summary["transfer"] = sizes
    return summary
