"""Browser figures for the checker page: cold boot to `data-checker="ready"`, and the time of one check.

Run: `.venv/bin/python bench/browser_boot.py [--runs 5] [--site-dir site]` (without --site-dir the site is built
into a temporary directory). Each run opens the page in a new browser context, so the HTTP cache is cold; the
times are read from the page's own performance marks (navigation start -> engine ready; click -> report shown).
Prints medians and writes every sample to bench/results/browser_boot.json.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import statistics
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Browser, Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "browser"))
sys.path.insert(0, str(ROOT / "tests"))  # first: `conftest` is tests/conftest.py (server, browser flags)

from conftest import CHROMIUM_ARGS, SiteHandler  # noqa: E402
from pdf_fixtures import pdf_of  # noqa: E402

QUOTE = ROOT / "tests" / "browser" / "fixtures" / "seed002_hop_pfi_conforme.txt"
RESULTS = ROOT / "bench" / "results" / "browser_boot.json"
TIMEOUT_MS = 120_000


@contextmanager
def served(site_dir: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(SiteHandler, directory=str(site_dir))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def timed_check(page: Page, action: str, *args: object) -> float:
    """Runs one check (a page-side action) and returns the page's own measure of it, in ms."""
    before = page.evaluate("performance.getEntriesByName('segur-devis:check').length")
    page.evaluate(action, *args)
    page.wait_for_function(
        f"() => performance.getEntriesByName('segur-devis:check').length > {before}", timeout=TIMEOUT_MS
    )
    return float(page.evaluate("performance.getEntriesByName('segur-devis:check').at(-1).duration"))


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


def one_run(browser: Browser, url: str, text: str, pdf: list[int]) -> dict[str, float]:
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(url + "verifier/")
        page.wait_for_function(
            "() => document.documentElement.dataset.checker === 'ready'", timeout=TIMEOUT_MS
        )
        marks = page.evaluate(
            "() => Object.fromEntries(performance.getEntriesByType('mark').map(m => [m.name, m.startTime]))"
        )
        ready = marks["segur-devis:ready"]
        pyodide_loaded = marks.get("segur-devis:stage:checker", float("nan"))  # Python up, checker not yet
        first = timed_check(page, CHECK_TEXT, text)
        warm = statistics.median(timed_check(page, CHECK_TEXT, text) for _ in range(5))
        first_pdf = timed_check(page, CHECK_PDF, pdf)  # includes loading pypdf
        return {
            "pyodide_loaded_ms": pyodide_loaded,
            "ready_ms": ready,
            "first_check_ms": first,
            "warm_check_ms": warm,
            "first_pdf_check_ms": first_pdf,
        }
    finally:
        context.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--site-dir", type=Path, help="an already built site (default: build one)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        site_dir = args.site_dir or Path(tmp)
        if not args.site_dir:
            subprocess.run(
                [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(site_dir)],
                cwd=ROOT,
                check=True,
            )
        text = QUOTE.read_text(encoding="utf-8")
        pdf = list(pdf_of(text))
        with served(site_dir) as url, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            samples = [one_run(browser, url, text, pdf) for _ in range(args.runs)]
            browser.close()

    medians = {key: statistics.median(s[key] for s in samples) for key in samples[0]}
    for key, value in medians.items():
        print(f"browser.{key:<22} {value:9.1f}  (median of {len(samples)} cold runs)")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({"medians": medians, "samples": samples}, indent=2) + "\n")


if __name__ == "__main__":
    main()
