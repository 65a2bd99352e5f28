"""Render a quote's text as a real PDF, for tests of the PDF path of the checker.

`make_pdf(text)` lays the text out line by line (long lines wrap) with as many pages as it needs;
`make_pdf(text, pages=n)` spreads the lines evenly over exactly `n` pages, like a vendor's multi-page quote.
The font is DejaVu Sans when installed (Debian package `fonts-dejavu-core`), so accents, typographic
apostrophes, NBSP, narrow NBSP and the "ﬁ" ligature are embedded as they are; without it, the text falls back
to the PDF core font Helvetica and is reduced to Latin-1.
"""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF

FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))
FONT_SIZE = 8
LINE_HEIGHT = 4.2

# Characters outside Latin-1 that the quotes use, for the core-font fallback only.
_LATIN1_FALLBACK = {
    "\u2019": "'",
    "\u2018": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u2013": "-",
    "\u2014": "-",
    "\u2026": "...",
    "\u2022": "-",
    "\u202f": "\u00a0",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\u0153": "oe",
    "\u0152": "OE",
}


def dejavu_font() -> Path | None:
    """The DejaVu Sans TTF file when installed, else None."""
    for directory in FONT_DIRS:
        candidate = directory / "DejaVuSans.ttf"
        if candidate.is_file():
            return candidate
    return None


def _to_latin1(text: str) -> str:
    for char, replacement in _LATIN1_FALLBACK.items():
        text = text.replace(char, replacement)
    return text.encode("latin-1", "replace").decode("latin-1")


def _chunks(lines: list[str], pages: int) -> list[list[str]]:
    """Split `lines` into `pages` consecutive chunks whose sizes differ by at most one."""
    size, extra = divmod(len(lines), pages)
    out, start = [], 0
    for index in range(pages):
        end = start + size + (1 if index < extra else 0)
        out.append(lines[start:end])
        start = end
    return out


def make_pdf(text: str, *, pages: int | None = None) -> bytes:
    """Return the bytes of a PDF showing `text`; with `pages`, exactly that many pages."""
    if pages is not None and pages < 1:
        raise ValueError("pages must be at least 1")
    pdf = FPDF(format="A4")
    pdf.set_margins(12, 12, 12)
    font = dejavu_font()
    if font is not None:
        pdf.add_font("DejaVu", "", str(font))
        pdf.set_font("DejaVu", size=FONT_SIZE)
    else:
        pdf.set_font("Helvetica", size=FONT_SIZE)
        text = _to_latin1(text)
    # A tab has no glyph: lay it out as spaces, the way a PDF generator would align columns.
    lines = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ").split("\n")

    def write(chunk: list[str]) -> None:
        for line in chunk:
            if line.strip():
                pdf.multi_cell(0, LINE_HEIGHT, line, align="L", new_x="LMARGIN", new_y="NEXT")
            else:
                pdf.ln(LINE_HEIGHT)

    if pages is None:
        pdf.set_auto_page_break(True, margin=12)
        pdf.add_page()
        write(lines)
    else:
        # Fixed page count: no automatic break (each chunk is short enough for a page).
        pdf.set_auto_page_break(False)
        for chunk in _chunks(lines, pages):
            pdf.add_page()
            write(chunk)
    return bytes(pdf.output())
