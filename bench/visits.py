"""First and return visits on emulated links, each beside the bare-Pyodide floor of the same run.

Links: loopback, and Chromium's network conditions (CDP `Network.emulateNetworkConditions`, set on the page
before it navigates) at 100 Mbit/s and 20 Mbit/s with 40 ms round trips. Per link and run, in a new browser
profile each: the checker page's first visit (ready, bytes the server sent before ready, bytes in all once the
offline copy is full) and its return visit (ready, how Python started, bytes from the network); the bare page's
first visit and return visit (from the HTTP cache). A last job serves the site without caching headers and
counts the first visit's bytes before ready against the unique files it needed.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path
from typing import Any

from browser import (
    CHECK_TEXT,
    FLOOR_DIR,
    QUOTE,
    fresh_context,
    goal,
    median_ratio,
    new_page,
    served,
    served_bytes,
    site_with_floor,
    timed_check,
    wait_ready,
    wall_ms,
)
from playwright.sync_api import BrowserContext, Page, Playwright, sync_playwright
from site_server import Entry, serve
from support.waits import OFFLINE_COPY_TIMEOUT_MS, OFFLINE_READY

# name -> (bits per second, round trip ms); None: loopback, no emulation.
LINKS: dict[str, tuple[float, float] | None] = {
    "loopback": None,
    "100 Mbit/s": (100e6, 40.0),
    "20 Mbit/s": (20e6, 40.0),
}
# The goals (issue 13).
GOAL_FIRST_RATIO = 1.10  # first visit ready / bare, at 20 Mbit/s
GOAL_RETURN_RATIO = 0.5  # return visit ready / bare return visit
GOAL_BYTES_RATIO = 1.05  # first visit bytes before ready / unique files


def emulate(context: BrowserContext, page: Page, link: tuple[float, float] | None) -> None:
    if link is None:
        return
    bits, rtt = link
    session = context.new_cdp_session(page)
    session.send("Network.enable")
    session.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": rtt, "downloadThroughput": bits / 8, "uploadThroughput": bits / 8},
    )


def open_page(
    context: BrowserContext, link: tuple[float, float] | None, url: str, kind: str
) -> tuple[Page, float]:
    """A new tab on `link`, navigated to `url`: the tab and its time to ready (ms)."""
    page = (
        new_page(context)
        if not context.pages or context.pages[0].url == "about:blank"
        else context.new_page()
    )
    emulate(context, page, link)
    page.goto(url)
    return page, wait_ready(page, kind)


def sent(log: list[Entry], since: int) -> int:
    return served_bytes(log, since)[0]


def unique_bytes(site: Path, entries: list[Entry]) -> int:
    """The size of each distinct file the server sent (once each), as the page needs them."""
    paths = {entry[1] for entry in entries if entry[2] == 200}
    total = 0
    for path in paths:
        file = site / path.lstrip("/")
        if file.is_dir():
            file = file / "index.html"
        total += file.stat().st_size if file.is_file() else 0
    return total


def checker_visits(
    playwright: Playwright,
    site: Path,
    url: str,
    log: list[Entry],
    link: tuple[float, float] | None,
    quote: str,
) -> dict[str, Any]:
    with fresh_context(playwright) as context:
        since = len(log)
        page, ready = open_page(context, link, url + "verifier/", "checker")
        to_ready = served(log, since, until=wall_ms(page, ready))
        before_ready, unique = sum(e[3] for e in to_ready), unique_bytes(site, to_ready)
        page.wait_for_selector(OFFLINE_READY, state="attached", timeout=OFFLINE_COPY_TIMEOUT_MS)
        page.wait_for_timeout(500)
        in_all, unique_in_all = sent(log, since), unique_bytes(site, served(log, since))
        page.close()
        since = len(log)
        page, back = open_page(context, link, url + "verifier/", "checker")
        boot = page.get_attribute("html", "data-demarrage")
        page.wait_for_timeout(300)  # requests right after ready (service worker update check)
        returned = sent(log, since)
        first_check, *_ = timed_check(page, CHECK_TEXT, quote)  # the restored interpreter's first check
        return {
            "ready_ms": ready,
            "bytes_before_ready": before_ready,
            "unique_bytes": unique,
            "bytes_in_all": in_all,
            "unique_in_all": unique_in_all,
            "return_ready_ms": back,
            "return_snapshot": float(boot == "snapshot"),
            "return_bytes": returned,
            "return_first_check_ms": first_check,
        }


def floor_visits(playwright: Playwright, url: str, link: tuple[float, float] | None) -> dict[str, Any]:
    with fresh_context(playwright) as context:
        page, ready = open_page(context, link, url + FLOOR_DIR + "/", "floor")
        page.close()
        _, back = open_page(context, link, url + FLOOR_DIR + "/", "floor")
        return {"ready_ms": ready, "return_ready_ms": back}


def run(site_dir: Path, runs: int) -> dict[str, Any]:
    """Interleaved runs on every link; prints the medians and returns every sample."""
    with site_with_floor(site_dir) as site, sync_playwright() as playwright:
        return _run(playwright, site, runs, QUOTE.read_text(encoding="utf-8"))


def _run(playwright: Playwright, site: Path, runs: int, quote: str) -> dict[str, Any]:
    samples: dict[str, dict[str, list[dict[str, Any]]]] = {
        name: {"checker": [], "bare": []} for name in LINKS
    }
    with serve(site) as (url, log):
        for n in range(runs):
            for name, link in LINKS.items():
                sides = ["checker", "bare"] if n % 2 == 0 else ["bare", "checker"]
                for side in sides:
                    if side == "checker":
                        samples[name][side].append(checker_visits(playwright, site, url, log, link, quote))
                    else:
                        samples[name][side].append(floor_visits(playwright, url, link))
            print(f"  links run {n + 1}/{runs} done at {time.strftime('%H:%M:%S')}", flush=True)
    with serve(site, cache_control=None) as (url, log):
        no_headers = [
            checker_visits(playwright, site, url, log, None, quote) for _ in range(max(1, runs // 2))
        ]
    return report(samples, no_headers)


def report(
    samples: dict[str, dict[str, list[dict[str, Any]]]], no_headers: list[dict[str, Any]]
) -> dict[str, Any]:
    print("\nVisits on emulated links (medians of interleaved runs; new browser profile per run)")
    print(f"  {'link':<11} {'first ms':>9} {'bare':>6} {'ratio':>6} {'return ms':>10} {'bare':>6} {'ratio':>6}"
          f" {'before ready':>13} {'/unique':>8} {'in all':>8} {'return B':>9} {'snapshot':>9}")  # fmt: skip
    medians: dict[str, Any] = {}
    for name, sides in samples.items():
        checker, bare = sides["checker"], sides["bare"]
        m = {k: statistics.median(s[k] for s in checker) for k in checker[0]}
        m["bare_ready_ms"] = statistics.median(s["ready_ms"] for s in bare)
        m["bare_return_ready_ms"] = statistics.median(s["return_ready_ms"] for s in bare)
        m["first_ratio"] = median_ratio(checker, bare, "ready_ms")
        m["return_ratio"] = median_ratio(checker, bare, "return_ready_ms")
        m["bytes_ratio"] = statistics.median(s["bytes_before_ready"] / s["unique_bytes"] for s in checker)
        medians[name] = m
        print(
            f"  {name:<11} {m['ready_ms']:9.0f} {m['bare_ready_ms']:6.0f} {m['first_ratio']:6.2f}"
            f" {m['return_ready_ms']:10.0f} {m['bare_return_ready_ms']:6.0f} {m['return_ratio']:6.2f}"
            f" {m['bytes_before_ready'] / 1e6:10.2f} MB {m['bytes_ratio']:8.3f} {m['bytes_in_all'] / 1e6:5.2f} MB"
            f" {m['return_bytes']:9.0f} {m['return_snapshot']:9.0%}"
        )
    first_checks = [s["return_first_check_ms"] for sides in samples.values() for s in sides["checker"]]
    print(
        f"  return visit, first check after ready: {statistics.median(first_checks):.1f} ms (median, all links)"
    )
    slow = medians["20 Mbit/s"]
    print(f"  first visit ready / bare at 20 Mbit/s: {slow['first_ratio']:.2f} "
          f"(goal <= {GOAL_FIRST_RATIO}: {goal(slow['first_ratio'] <= GOAL_FIRST_RATIO)})")  # fmt: skip
    for name in ("loopback", "20 Mbit/s"):
        m = medians[name]
        ok = m["return_ratio"] <= GOAL_RETURN_RATIO and m["return_bytes"] == 0
        print(f"  return visit ready / bare return at {name}: {m['return_ratio']:.2f}, {m['return_bytes']:.0f} B "
              f"(goal <= {GOAL_RETURN_RATIO} and 0 B: {goal(ok)})")  # fmt: skip
    bare_server = {k: statistics.median(s[k] for s in no_headers) for k in no_headers[0]}
    bare_server["bytes_ratio"] = statistics.median(
        s["bytes_before_ready"] / s["unique_bytes"] for s in no_headers
    )
    medians["no caching headers"] = bare_server
    in_all = [s["bytes_in_all"] / s["unique_in_all"] for sides in samples.values() for s in sides["checker"]]
    print(f"  first visit, all bytes / unique files (offline copy included): {statistics.median(in_all):.3f}")
    print(f"  no caching headers, loopback: before ready {bare_server['bytes_before_ready'] / 1e6:.2f} MB = "
          f"{bare_server['bytes_ratio']:.3f} x unique files (goal <= {GOAL_BYTES_RATIO}: "
          f"{goal(bare_server['bytes_ratio'] <= GOAL_BYTES_RATIO)}), in all {bare_server['bytes_in_all'] / 1e6:.2f} MB,"
          f" = {bare_server['bytes_in_all'] / bare_server['unique_in_all']:.3f} x unique,"
          f" return visit {bare_server['return_ready_ms']:.0f} ms, {bare_server['return_bytes']:.0f} B")  # fmt: skip
    return {"medians": medians, "samples": samples, "no_caching_headers": no_headers}
