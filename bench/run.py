"""The benchmark suite (`make bench`): every figure a median over several runs, next to its baseline of the same run.

Browser (Debian Chromium through Playwright, the built site served by a local server that counts the bytes it
sends and answers with GitHub Pages' `Cache-Control: max-age=600`):
- cold cache: navigation -> `data-checker="ready"`, against a bare page that only boots Pyodide's core from the
  very same files in a module Web Worker (the floor, generated into a temporary copy of the site);
- warm: a second visit in the same browser profile (the offline service worker filled): time to ready, and the
  bytes the server sent for it (every request counted, the service worker's and the Web Worker's included);
- one check of a 2-page text quote and of a 10-page PDF (the page's own `segur-devis:check` measure: click to
  report shown);
- main-thread long tasks (> 50 ms, PerformanceObserver installed before the page's own scripts) during the boot
  and during the checks;
- the first visit's transfer size, raw, gzip (what GitHub Pages serves) and brotli, from the files the page
  fetched.
The runs interleave the pages (order alternating), so that the noise of a shared machine hits both sides alike.

CPython: bench/checker_cpu.py (CPU-time medians: ms per text quote, quotes/s, 10-page PDF, scaling).

Run: `.venv/bin/python bench/run.py [--runs 5] [--site-dir site] [--variant NAME=DIR ...] [--no-cpu]`.
`--variant` adds another built site's checker page to the same interleaved runs (to measure an optimisation
against the current page). Writes every sample to bench/results/run.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
from contextlib import ExitStack
from datetime import date
from pathlib import Path
from typing import Any

from playwright.sync_api import Playwright, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "corpus"))

import checker_cpu  # noqa: E402
import visits  # noqa: E402
from browser import (  # noqa: E402
    CHECK_PDF,
    CHECK_TEXT,
    FLOOR_DIR,
    LONG_TASK_MS,
    add_floor,
    fresh_context,
    long_tasks,
    marks,
    new_page,
    served_bytes,
    timed_check,
    wait_ready,
)
from pdfs import make_pdf  # noqa: E402
from site_server import serve  # noqa: E402
from transfer import transfer_sizes  # noqa: E402

QUOTE = ROOT / "tests" / "corpus" / "25_hop_pfi_multipage_typographie.txt"
RESULTS = ROOT / "bench" / "results" / "run.json"

# The goals (README « Performance »).
GOAL_READY_RATIO = 1.15
GOAL_CHECK_MS = 50
GOAL_WARM_READY_MS = 1000


def visit_floor(
    playwright: Playwright, url: str, log: list[Any], boot_only: bool = False
) -> dict[str, float]:
    with fresh_context(playwright) as context:
        page = new_page(context)
        page.goto(url + FLOOR_DIR + "/")
        ready = wait_ready(page, "floor")
        worker = marks(page).get("bench:worker", float("nan"))
        boot_tasks = long_tasks(page, end=ready)
        if boot_only:
            return {
                "ready_ms": ready,
                "worker_ms": worker,
                "boot_longtask_max_ms": max(boot_tasks, default=0.0),
                "boot_longtask_count": len(boot_tasks),
            }
        page.close()
        since = len(log)
        page = context.new_page()
        page.goto(url + FLOOR_DIR + "/")
        warm = wait_ready(page, "floor")
        warm_bytes, warm_requests = served_bytes(log, since)
        return {
            "ready_ms": ready,
            "worker_ms": worker,
            "boot_longtask_max_ms": max(boot_tasks, default=0.0),
            "boot_longtask_count": len(boot_tasks),
            "warm_ready_ms": warm,
            "warm_bytes": warm_bytes,
            "warm_requests": warm_requests,
        }


def visit_checker(
    playwright: Playwright, url: str, log: list[Any], text: str, pdf: list[int], boot_only: bool = False
) -> dict[str, float]:
    with fresh_context(playwright) as context:
        since = len(log)
        page = new_page(context)
        page.goto(url + "verifier/")
        ready = wait_ready(page, "checker")
        found = marks(page)
        boot_tasks = long_tasks(page, end=ready)
        cold_bytes, cold_requests = served_bytes(log, since)
        if boot_only:
            return {
                "ready_ms": ready,
                "worker_ms": found.get("segur-devis:stage:runtime", float("nan")),
                "runtime_ms": found.get("segur-devis:stage:checker", float("nan")),
                "boot_longtask_max_ms": max(boot_tasks, default=0.0),
                "boot_longtask_count": len(boot_tasks),
                "cold_bytes_to_ready": cold_bytes,
                "cold_requests_to_ready": cold_requests,
            }
        # The offline copy: the service worker keeps the runtime once the engine is ready.
        offline = True
        try:
            page.wait_for_function(
                "() => document.documentElement.dataset.horsLigne === 'ready'", timeout=60_000
            )
        except Exception:
            offline = False
        first_bytes, first_requests = served_bytes(log, since)

        windows = []
        first, *window = timed_check(page, CHECK_TEXT, text)
        windows.append(window)
        warm_checks = []
        for _ in range(5):
            duration, *window = timed_check(page, CHECK_TEXT, text)
            warm_checks.append(duration)
            windows.append(window)
        first_pdf, *window = timed_check(page, CHECK_PDF, pdf)  # includes loading pypdf
        windows.append(window)
        pdf_checks = []
        for _ in range(3):
            duration, *window = timed_check(page, CHECK_PDF, pdf)
            pdf_checks.append(duration)
            windows.append(window)
        tasks = page.evaluate("() => window.__benchLongTasks || []")
        check_tasks = [d for begin, d in tasks if any(s - 1 <= begin < e + 1 for s, e in windows)]
        page.close()

        since = len(log)
        page = context.new_page()
        page.goto(url + "verifier/")
        warm = wait_ready(page, "checker")
        warm_tasks = long_tasks(page, end=warm)
        page.wait_for_timeout(500)  # requests right after ready (service worker update check, search index)
        warm_bytes, warm_requests = served_bytes(log, since)
        return {
            "ready_ms": ready,
            "worker_ms": found.get("segur-devis:stage:runtime", float("nan")),  # the worker runs
            "runtime_ms": found.get("segur-devis:stage:checker", float("nan")),  # Python up, checker not yet
            "boot_longtask_max_ms": max(boot_tasks, default=0.0),
            "boot_longtask_count": len(boot_tasks),
            "cold_bytes_to_ready": cold_bytes,
            "cold_requests_to_ready": cold_requests,
            "first_visit_bytes": first_bytes,
            "first_visit_requests": first_requests,
            "offline_ready": float(offline),
            "first_check_ms": first,
            "check_ms": statistics.median(warm_checks),
            "first_pdf_check_ms": first_pdf,
            "pdf_check_ms": statistics.median(pdf_checks),
            "check_longtask_max_ms": max(check_tasks, default=0.0),
            "check_longtask_count": len(check_tasks),
            "warm_ready_ms": warm,
            "warm_longtask_max_ms": max(warm_tasks, default=0.0),
            "warm_bytes": warm_bytes,
            "warm_requests": warm_requests,
        }


def page_files(playwright: Playwright, url: str, log: list[Any]) -> list[str]:
    """The files the checker page itself fetches up to ready (service workers blocked: no offline copy)."""
    with fresh_context(playwright, service_workers="block") as context:
        since = len(log)
        page = new_page(context)
        page.goto(url + "verifier/")
        wait_ready(page, "checker")
        page.wait_for_timeout(500)
        return sorted({path for _, path, status, _ in log[since:] if status == 200})


# --- report ------------------------------------------------------------------------------------------------------


def median(samples: list[dict[str, float]], key: str) -> float:
    return statistics.median(s[key] for s in samples)


def row(name: str, value: str, baseline: str = "", note: str = "") -> None:
    print(f"  {name:<38} {value:>12}  {baseline:>26}  {note}")


def goal(ok: bool) -> str:
    return "goal met" if ok else "GOAL NOT MET"


def report_browser(results: dict[str, list[dict[str, float]]], sizes: dict[str, Any]) -> dict[str, Any]:
    floor = results["bare"]
    runs = len(floor)
    print(
        f"\nBrowser: Chromium, medians of {runs} interleaved runs, each in a new browser profile (cold caches)"
    )
    row("metric", "value", "baseline (same runs)", "")
    bare_ready = median(floor, "ready_ms")
    summary: dict[str, Any] = {"bare": {k: median(floor, k) for k in floor[0]}}
    for label, samples in results.items():
        if label == "bare":
            continue
        m = {k: median(samples, k) for k in samples[0]}
        summary[label] = m
        ratios = [s["ready_ms"] / f["ready_ms"] for s, f in zip(samples, floor, strict=True)]
        ratio = statistics.median(ratios)
        m["ready_ratio"] = ratio
        print(f"[{label}]")
        row("cold: navigation -> ready (ms)", f"{m['ready_ms']:.0f}", f"bare Pyodide {bare_ready:.0f}", "")
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
            f"bare, HTTP cache {summary['bare']['warm_ready_ms']:.0f}",
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
            base = f"bare {summary['bare']['boot_longtask_max_ms']:.0f} ms" if key == "boot" else ""
            row(
                f"long tasks > {LONG_TASK_MS} ms, {phase}: max (ms)",
                f"{m[f'{key}_longtask_max_ms']:.0f}",
                base,
                goal(m[f"{key}_longtask_max_ms"] <= LONG_TASK_MS),
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


def report_boot_only(results: dict[str, list[dict[str, float]]]) -> dict[str, Any]:
    floor = results["bare"]
    print(f"\nBrowser, cold boot only: medians of {len(floor)} interleaved runs (new browser profile each)")
    print(
        f"  {'page':<16} {'ready ms':>9} {'/ bare':>7} {'worker runs':>12} {'Pyodide up':>11} {'long task max':>14}"
    )
    summary = {}
    for label, samples in results.items():
        m = {k: median(samples, k) for k in samples[0]}
        m["ready_ratio"] = statistics.median(
            s["ready_ms"] / f["ready_ms"] for s, f in zip(samples, floor, strict=True)
        )
        summary[label] = m
        print(
            f"  {label:<16} {m['ready_ms']:9.0f} {m['ready_ratio']:7.2f} {m['worker_ms']:12.0f}"
            f" {m.get('runtime_ms', float('nan')):11.0f}"
            f" {m['boot_longtask_max_ms']:14.0f}"
        )
    return summary


def run_browser(
    site_dir: Path, variants: dict[str, Path], runs: int, boot_only: bool = False
) -> dict[str, Any]:
    text = QUOTE.read_text(encoding="utf-8")
    pdf = list(make_pdf(text, pages=10))
    with tempfile.TemporaryDirectory() as tmp:
        sites = {"checker": Path(tmp, "site")}
        shutil.copytree(site_dir, sites["checker"])
        add_floor(sites["checker"])
        for name, directory in variants.items():
            sites[name] = Path(tmp, f"variant-{len(sites)}")
            shutil.copytree(directory, sites[name])
        with ExitStack() as stack:
            servers = {name: stack.enter_context(serve(path)) for name, path in sites.items()}
            with sync_playwright() as playwright:
                url, log = servers["checker"]
                # One unmeasured visit first: Chromium's own first-start costs belong to no side.
                visit_checker(playwright, url, log, text, pdf, boot_only)
                labels = ["bare", *sites]
                results: dict[str, list[dict[str, float]]] = {label: [] for label in labels}
                for i in range(runs):
                    order = labels if i % 2 == 0 else labels[::-1]
                    for label in order:
                        if label == "bare":
                            results[label].append(visit_floor(playwright, url, log, boot_only))
                        else:
                            site_url, site_log = servers[label]
                            results[label].append(
                                visit_checker(playwright, site_url, site_log, text, pdf, boot_only)
                            )
                    print(
                        f"  run {i + 1}/{runs}: "
                        + ", ".join(
                            f"{label} ready {results[label][-1]['ready_ms']:.0f} ms" for label in labels
                        ),
                        flush=True,
                    )
                if boot_only:
                    return {"medians": report_boot_only(results), "samples": results}
                fetched = page_files(playwright, url, log)
        sizes = transfer_sizes(sites["checker"], fetched)
    summary = report_browser(results, sizes)
    return {"medians": summary, "samples": results, "page_files": fetched}


def run_links(site_dir: Path, runs: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp, "site")
        shutil.copytree(site_dir, site)
        add_floor(site)
        with sync_playwright() as playwright:
            return visits.run(playwright, site, runs, QUOTE.read_text(encoding="utf-8"))


def run_cpu() -> dict[str, float]:
    print("\nCPython (bench/checker_cpu.py, CPU-time medians)")
    figures = checker_cpu.measure()
    checker_cpu.print_figures(figures)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--site-dir", type=Path, default=ROOT / "site", help="the built site (make build)")
    parser.add_argument(
        "--variant", action="append", default=[], metavar="NAME=DIR", help="another built site to compare"
    )
    parser.add_argument("--no-cpu", action="store_true", help="skip the CPython figures")
    parser.add_argument("--no-links", action="store_true", help="skip the visits on emulated links")
    parser.add_argument("--links-only", action="store_true", help="only the visits on emulated links")
    parser.add_argument("--no-browser", action="store_true", help="skip the browser figures")
    parser.add_argument(
        "--boot-only", action="store_true", help="browser: cold boot times only (for variants)"
    )
    args = parser.parse_args()
    if not (args.site_dir / "verifier" / "index.html").exists():
        sys.exit(f"{args.site_dir} holds no built site: run `make build` first")
    variants = {name: Path(path) for name, path in (v.split("=", 1) for v in args.variant)}

    print(
        f"Ségur Devis benchmark, {date.today().isoformat()}, {platform.node()}: {platform.processor() or '?'}, "
        f"{_cpus()} CPUs, load average {_load()}, Python {platform.python_version()}"
    )
    output: dict[str, Any] = {"date": date.today().isoformat(), "load_before": _load()}
    if not (args.no_browser or args.no_links or args.boot_only):
        output["links"] = run_links(args.site_dir, args.runs)
    if not (args.no_browser or args.links_only):
        output["browser"] = run_browser(args.site_dir, variants, args.runs, args.boot_only)
    if not (args.no_cpu or args.links_only):
        output["cpu"] = run_cpu()
    output["load_after"] = _load()
    print(f"\nLoad average after: {output['load_after']}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(output, indent=2) + "\n")


def _cpus() -> int:
    return os.cpu_count() or 0


def _load() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


if __name__ == "__main__":
    main()
