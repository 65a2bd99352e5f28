"""CPython figures for the checker: quotes per second, a 10-page PDF, and how time grows with the input.

Run: `.venv/bin/python bench/checker_cpu.py` (or `make bench`). Prints medians over several runs; these machines
are noisy, so every figure is a median of CPU time (process_time: not inflated by other processes on the
machine), and the scaling rows are measured in the same run.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "corpus"))

from pdfs import make_pdf  # noqa: E402

from segur_devis import check_pdf, check_text  # noqa: E402

TYPICAL = ROOT / "tests" / "corpus" / "25_hop_pfi_multipage_typographie.txt"  # a 2-page quote


def median_seconds(fn: Callable[[], object], runs: int, inner: int = 1) -> float:
    samples = []
    for _ in range(runs):
        start = time.process_time()
        for _ in range(inner):
            fn()
        samples.append((time.process_time() - start) / inner)
    return statistics.median(samples)


def main() -> None:
    text = TYPICAL.read_text(encoding="utf-8")
    check_text(text)  # warm the caches (reference data, compiled patterns)
    per_quote = median_seconds(lambda: check_text(text), runs=7, inner=50)
    print(f"checker.text_quote_ms        {per_quote * 1000:8.2f}  (2-page text quote, {len(text)} chars)")
    print(f"checker.quotes_per_second    {1 / per_quote:8.0f}")

    pdf = make_pdf(text, pages=10)
    check_pdf(pdf)  # imports pypdf once, as the CLI does for its first PDF
    pdf_seconds = median_seconds(lambda: check_pdf(pdf), runs=7)
    print(f"checker.pdf_10_pages_ms      {pdf_seconds * 1000:8.1f}  ({len(pdf) // 1024} KiB PDF)")

    base = median_seconds(lambda: check_text(text), runs=5, inner=10)
    for factor in (1, 10, 100):
        big = text * factor
        seconds = median_seconds(lambda big=big: check_text(big), runs=5 if factor < 100 else 3)
        print(
            f"checker.scaling_{factor}x_ms      {seconds * 1000:8.1f}  ({len(big) // 1000} k chars, "
            f"{seconds / base / factor:5.2f} × linear)"
        )


if __name__ == "__main__":
    main()
