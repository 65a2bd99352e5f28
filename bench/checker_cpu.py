"""CPython figures for the checker: quotes per second, a 10-page PDF, and how time grows with the input.

Run: `.venv/bin/python bench/checker_cpu.py` (or `make bench`); `--against REV` also measures the checker of git
revision REV, in turns with this work tree's, in one run (before/after figures). Prints medians over several
runs; these machines are noisy, so every figure is a median of CPU time (process_time: not inflated by other
processes on the machine), and the scaling rows are measured in the same run.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
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


GOAL_QUOTE_MS = 5.0
GOAL_QUOTES_PER_SECOND = 500
GOAL_PDF_MS = 300.0


def measure() -> dict[str, float]:
    text = TYPICAL.read_text(encoding="utf-8")
    check_text(text)  # warm the caches (reference data, compiled patterns)
    per_quote = median_seconds(lambda: check_text(text), runs=7, inner=50)
    figures = {"text_chars": len(text), "text_quote_ms": per_quote * 1000, "quotes_per_second": 1 / per_quote}

    pdf = make_pdf(text, pages=10)
    check_pdf(pdf)  # imports pypdf once, as the CLI does for its first PDF
    figures["pdf_kib"] = len(pdf) // 1024
    figures["pdf_10_pages_ms"] = median_seconds(lambda: check_pdf(pdf), runs=7) * 1000

    base = median_seconds(lambda: check_text(text), runs=5, inner=10)
    for factor in (1, 10, 100):
        big = text * factor
        seconds = median_seconds(lambda big=big: check_text(big), runs=5 if factor < 100 else 3)
        figures[f"scaling_{factor}x_ms"] = seconds * 1000
        figures[f"scaling_{factor}x_linear"] = seconds / base / factor
    return figures


def print_figures(f: dict[str, float]) -> None:
    def verdict(ok: bool) -> str:
        return "goal met" if ok else "GOAL NOT MET"

    print(
        f"  checker.text_quote_ms        {f['text_quote_ms']:8.2f}  (2-page text quote, {f['text_chars']:.0f} chars;"
        f" goal <= {GOAL_QUOTE_MS:.0f}: {verdict(f['text_quote_ms'] <= GOAL_QUOTE_MS)})"
    )
    print(
        f"  checker.quotes_per_second    {f['quotes_per_second']:8.0f}  (goal >= {GOAL_QUOTES_PER_SECOND}:"
        f" {verdict(f['quotes_per_second'] >= GOAL_QUOTES_PER_SECOND)})"
    )
    print(
        f"  checker.pdf_10_pages_ms      {f['pdf_10_pages_ms']:8.1f}  ({f['pdf_kib']:.0f} KiB PDF;"
        f" goal <= {GOAL_PDF_MS:.0f}: {verdict(f['pdf_10_pages_ms'] <= GOAL_PDF_MS)})"
    )
    for factor in (1, 10, 100):
        print(
            f"  checker.scaling_{factor}x_ms{' ' * (3 - len(str(factor)))}     "
            f"{f[f'scaling_{factor}x_ms']:8.1f}  ({f['text_chars'] * factor / 1000:.0f} k chars, "
            f"{f[f'scaling_{factor}x_linear']:5.2f} x linear; the 1x check of the same run = 1.00)"
        )


def against(revision: str, rounds: int = 3) -> None:
    """This work tree's checker and the one of git `revision`, measured in turns in one run (each in its own
    process, same machine load), and the median of each figure over the rounds."""
    with tempfile.TemporaryDirectory() as tmp:
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", revision, "checker"], check=True, capture_output=True
        ).stdout
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(tmp, filter="data")
        paths = {revision: str(Path(tmp) / "checker"), "work tree": str(ROOT / "checker")}
        runs: dict[str, list[dict[str, float]]] = {name: [] for name in paths}
        for _ in range(rounds):
            for name, path in paths.items():
                env = {**os.environ, "PYTHONPATH": os.pathsep.join([path, os.environ.get("PYTHONPATH", "")])}
                out = subprocess.run(
                    [sys.executable, __file__, "--json"], check=True, capture_output=True, text=True, env=env
                ).stdout
                runs[name].append(json.loads(out))
    for name, figures in runs.items():
        print(f"{name} (median of {rounds} rounds):")
        print_figures({key: statistics.median(f[key] for f in figures) for key in figures[0]})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--against", metavar="REV", help="also measure the checker of git revision REV, in turns"
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    if args.against:
        against(args.against)
    elif args.json:
        print(json.dumps(measure()))
    else:
        print_figures(measure())


if __name__ == "__main__":
    main()
