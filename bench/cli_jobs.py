"""`segur-devis check --jobs N` on a folder of 1,000 templates: quotes per second with 1 and 2 processes, and
whether the reports are identical (same bytes, same order).

Run: `.venv/bin/python bench/cli_jobs.py` (or `make bench`). Wall-clock time of the whole command, since the
point of `--jobs` is the time a CI waits; the runs alternate 1, 2, 1, 2… so that the machine's load weighs on
both alike, and each figure is a median. Beside it, the CPU time of the command and its workers: on a loaded
machine the wall clock is mostly waiting for a core, and the CPU time says what `--jobs 2` costs in extra work
(starting the workers, sending the quotes and reports between processes). Writes bench/results/cli_jobs.json.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"
RESULTS = ROOT / "bench" / "results" / "cli_jobs.json"
TODAY = "2026-11-30"


def make_templates(folder: Path, count: int) -> None:
    """`count` templates cycling through the corpus quotes (every verdict), numbered to keep their order."""
    quotes = sorted(CORPUS.glob("*.txt"))
    for i in range(count):
        source = quotes[i % len(quotes)]
        (folder / f"{i:04d}_{source.name}").write_bytes(source.read_bytes())


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(folder: Path, jobs: int) -> tuple[float, float, bytes]:
    """Wall-clock seconds, CPU seconds (the command and its workers) and the report."""
    command = [sys.executable, "-m", "segur_devis", "check", str(folder), "--format", "json"]
    command += ["--today", TODAY, "--jobs", str(jobs)]
    cpu, start = _children_cpu(), time.perf_counter()
    done = subprocess.run(command, capture_output=True, check=False)
    seconds, cpu = time.perf_counter() - start, _children_cpu() - cpu
    if done.returncode not in (0, 1):
        raise SystemExit(f"segur-devis failed ({done.returncode}): {done.stderr.decode()}")
    return seconds, cpu, done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--templates", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    samples: dict[int, list[float]] = {1: [], 2: []}
    cpu: dict[int, list[float]] = {1: [], 2: []}
    outputs: dict[int, set[bytes]] = {1: set(), 2: set()}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        make_templates(folder, args.templates)
        run(folder, 1)  # warm the file cache and the interpreter's bytecode
        for _ in range(args.runs):
            for jobs in (1, 2):
                seconds, cpu_seconds, out = run(folder, jobs)
                samples[jobs].append(seconds)
                cpu[jobs].append(cpu_seconds)
                outputs[jobs].add(out)
    identical = len(outputs[1] | outputs[2]) == 1
    medians = {jobs: statistics.median(s) for jobs, s in samples.items()}
    cpu_medians = {jobs: statistics.median(s) for jobs, s in cpu.items()}
    figures = {
        "templates": args.templates,
        "runs": args.runs,
        "cores": os.cpu_count(),
        "load_average": os.getloadavg()[0],
        **{f"jobs_{j}_seconds": round(m, 3) for j, m in medians.items()},
        **{f"jobs_{j}_quotes_per_second": round(args.templates / m) for j, m in medians.items()},
        **{f"jobs_{j}_cpu_seconds": round(m, 3) for j, m in cpu_medians.items()},
        "speedup_2_vs_1": round(medians[1] / medians[2], 2),
        "identical_reports": identical,
        "samples": samples,
        "cpu_samples": cpu,
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(figures, indent=2) + "\n")
    print(f"CLI --jobs, {args.templates} templates, medians of {args.runs} runs (wall clock, whole command):")
    for jobs, m in medians.items():
        print(
            f"  --jobs {jobs}: {m:.2f} s, {args.templates / m:.0f} quotes/s (CPU time {cpu_medians[jobs]:.2f} s)"
        )
    print(
        f"  load average: {figures['load_average']:.1f} on {os.cpu_count()} cores (other processes compete)"
    )
    print(
        f"  speed-up 2 vs 1: {medians[1] / medians[2]:.2f}×; identical reports: {'yes' if identical else 'NO'}"
    )
    if not identical:
        raise SystemExit("the reports differ between --jobs 1 and --jobs 2")


if __name__ == "__main__":
    main()
