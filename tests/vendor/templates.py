"""Quote templates for the vendors' toolchain tests: a conforming one, a non-conforming one, and PDFs of them."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "browser" / "fixtures"
GOOD = FIXTURES / "seed002_hop_pfi_conforme.txt"
BAD = FIXTURES / "seed002_pack_avec_maintenance.txt"
TODAY = "2026-11-30"
TODAY_DATE = date.fromisoformat(TODAY)

sys.path.insert(0, str(REPO / "tests" / "corpus"))
from pdfs import make_pdf  # noqa: E402  (the tests' one PDF maker, fpdf2)


def pdf_of(template: Path) -> bytes:
    return make_pdf(template.read_text(encoding="utf-8"))


if __name__ == "__main__":  # the release workflow's PDF template: templates.py TEMPLATE.txt OUT.pdf
    Path(sys.argv[2]).write_bytes(pdf_of(Path(sys.argv[1])))
