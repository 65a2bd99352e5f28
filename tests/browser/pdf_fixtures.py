"""Real PDFs with a text layer, made with fpdf2, for the upload tests."""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")  # Debian package fonts-dejavu-core
# Core PDF fonts only know Latin-1: spell the few other characters of our quotes in it.
LATIN1_FALLBACK = str.maketrans({"’": "'", "€": "EUR", "œ": "oe", "…": "...", "\u202f": " "})


def pdf_of(text: str) -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_creator("segur-devis tests")
    pdf.add_page()
    if DEJAVU.exists():
        pdf.add_font("DejaVu", fname=str(DEJAVU))
        pdf.set_font("DejaVu", size=10)
    else:
        pdf.set_font("Helvetica", size=10)
        text = text.translate(LATIN1_FALLBACK).encode("latin-1", "replace").decode("latin-1")
    for line in text.splitlines():
        pdf.multi_cell(0, 5, line.rstrip() or " ", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
