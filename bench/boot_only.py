"""The boot-only job (`--boot-only`): cold boots alone, of the floor, the checker page and each `--variant` site,
to compare a change to the boot against today's page without the checks and return visits."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from browser import boot, fresh_context, interleaved, median_ratio, medians, new_page, served_sites
from playwright.sync_api import sync_playwright


def run(site_dir: Path, variants: dict[str, Path], runs: int) -> dict[str, Any]:
    with served_sites(site_dir, variants) as (_, servers), sync_playwright() as playwright:

        def visit(label: str) -> dict[str, float]:
            url, log = servers[
                "checker" if label == "bare" else label
            ]  # the floor page is in the checker's site
            with fresh_context(playwright) as context:
                return boot(new_page(context), url, "floor" if label == "bare" else "checker", log)

        visit("checker")  # unmeasured: Chromium's own first-start costs belong to no side
        results = interleaved(["bare", *servers], runs, visit)
    return {"medians": report(results), "samples": results}


def report(results: dict[str, list[dict[str, float]]]) -> dict[str, Any]:
    floor = results["bare"]
    print(f"\nBrowser, cold boot only: medians of {len(floor)} interleaved runs (new browser profile each)")
    print(
        f"  {'page':<16} {'ready ms':>9} {'/ bare':>7} {'worker runs':>12} {'Pyodide up':>11} {'long task max':>14}"
    )
    summary = {}
    for label, samples in results.items():
        m = summary[label] = medians(samples)
        m["ready_ratio"] = median_ratio(samples, floor, "ready_ms")
        print(
            f"  {label:<16} {m['ready_ms']:9.0f} {m['ready_ratio']:7.2f} {m['worker_ms']:12.0f}"
            f" {m.get('runtime_ms', float('nan')):11.0f} {m['boot_longtask_max_ms']:14.0f}"
        )
    return summary
