"""Kept for bench/checker_cpu.py, which puts `tests/corpus` on `sys.path`: the PDF makers live in
`tests/support/pdf_makers.py` (import them from there; this file goes when nothing imports it)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(
    0, str(Path(__file__).resolve().parents[1])
)  # tests/, for `support` (benches import this too)
from support.pdf_makers import dejavu_font, make_pdf

__all__ = ["dejavu_font", "make_pdf"]
