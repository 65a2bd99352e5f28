"""The benchmark suite (`make bench`): every figure a median over several runs, next to its baseline of the same run.

The jobs, each a module of bench/ (the browser is Debian Chromium through Playwright, the built site served by the
tests' one local server, which counts the bytes it sends and answers with GitHub Pages' `max-age=600`):
- visits.py: first and return visits on emulated links (loopback, 100 and 20 Mbit/s), beside the bare-Pyodide
  floor, and the bytes of a first visit without caching headers;
- checker_visit.py: the checker page's first visit, its checks (text and PDF), long tasks, return visit, and the
  first visit's transfer sizes (transfer.py), beside the floor; `--variant` adds other built sites;
- boot_only.py (`--boot-only`, instead of the two above): cold boots alone, for comparing variants;
- checker_cpu.py: CPython CPU-time medians (ms per text quote, quotes/s, 10-page PDF, scaling).
browser.py holds what the browser jobs share. bench/cli_jobs.py (`--jobs`) is run by `make bench` after this.

Run: `make bench`, or `PYTHONPATH=tests .venv/bin/python bench/run.py [--runs 5] [--site-dir site]
[--variant NAME=DIR ...] [--no-cpu] [--no-links] [--links-only] [--no-browser] [--boot-only]`.
Writes every sample to bench/results/run.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
from datetime import date
from pathlib import Path
from typing import Any

import boot_only
import checker_cpu
import checker_visit
import visits

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "run.json"


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
        f"{os.cpu_count() or 0} CPUs, load average {_load()}, Python {platform.python_version()}"
    )
    output: dict[str, Any] = {"date": date.today().isoformat(), "load_before": _load()}
    if not (args.no_browser or args.no_links or args.boot_only):
        output["links"] = visits.run(args.site_dir, args.runs)
    if not (args.no_browser or args.links_only):
        job = boot_only if args.boot_only else checker_visit
        output["browser"] = job.run(args.site_dir, variants, args.runs)
    if not (args.no_cpu or args.links_only):
        output["cpu"] = run_cpu()
    output["load_after"] = _load()
    print(f"\nLoad average after: {output['load_after']}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(output, indent=2) + "\n")


def _load() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


if __name__ == "__main__":
    main()
