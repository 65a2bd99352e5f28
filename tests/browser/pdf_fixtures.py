"""Kept for the upload tests: the PDF makers live in `tests/support/pdf_makers.py`."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/, for `support`
from support.pdf_makers import encrypted_pdf_of, pdf_of, scanned_pdf

__all__ = ["encrypted_pdf_of", "pdf_of", "scanned_pdf"]
