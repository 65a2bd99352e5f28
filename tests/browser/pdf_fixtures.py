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


def encrypted_pdf_of(text: str) -> bytes:
    """A PDF that opens only with a password (RC4, which needs no extra library to write)."""
    pdf = FPDF()
    pdf.set_encryption(owner_password="proprietaire", user_password="secret")
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    pdf.multi_cell(0, 5, text.translate(LATIN1_FALLBACK).encode("latin-1", "replace").decode("latin-1"))
    return bytes(pdf.output())


def scanned_pdf() -> bytes:
    """A PDF with a page of drawing and no text layer, as a scanner would make."""
    pdf = FPDF()
    pdf.add_page()
    for row in range(40):
        pdf.rect(15, 20 + row * 6, 120 + (row * 37) % 60, 3, style="F")
    return bytes(pdf.output())
