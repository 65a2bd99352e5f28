"""Real PDFs made by real engines, for every test and bench that needs one (one maker module for all).

Vendors' quotes come out of a few kinds of engine, and each lays text out its own way in the PDF's text layer:

- `make_pdf(text, pages=None)` — fpdf2, the text line by line (long lines wrap), as many pages as it needs or
  exactly `pages` (lines spread evenly), like a word processor's export;
- `pdf_of(text)` — fpdf2 at 10 pt, one line per text line (the checker page's upload tests);
- `fpdf_table_pdf(text, header=...)` — fpdf2 with real tables: tab- or pipe-separated lines become table cells
  with borders, the other lines paragraphs; a running header and « Page n/N » footer on every page;
- `reportlab_pdf(text, header=...)` — reportlab's Platypus, the same blocks as `Table` and `Paragraph` flowables
  (how many ERPs and Python back-offices print), running header and « Page n/N » footer;
- `chromium_pdf(browser, html, header=..., footer=...)` — Chromium's print to PDF of an HTML page with CSS tables
  (how quoting SaaS print), through Playwright and Debian Chromium; header and footer templates may use
  `<span class="pageNumber">` / `<span class="totalPages">`. `chromium()` opens a browser outside pytest;
- `encrypted_pdf_of(text)`, `scanned_pdf()` — a password-protected PDF and a PDF without a text layer;
- `raw_pdf(content, pages=1)` — a hand-written PDF around one content stream (decompression bombs, page counts);
- `twin_pdf(folder, name, spec)` — the PDF twin of a corpus quote as its folder's `twins.json` describes it.

The fpdf2 and reportlab makers use DejaVu Sans (Debian package `fonts-dejavu-core`) when installed, so accents,
typographic apostrophes, NBSP, narrow NBSP, « € » and the ﬁ/ﬂ ligatures are embedded as they are; without it they
fall back to a core font and the text is reduced to Latin-1.
"""

from __future__ import annotations

import io
import json
import re
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fpdf import FPDF

from support.engines import launch_chromium

FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))
FONT_SIZE = 8
LINE_HEIGHT = 4.2

# Characters outside Latin-1 that quotes use, for the core-font fallback only.
LATIN1_FALLBACK = str.maketrans(
    {
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
        "\u20ac": "EUR",
    }
)


def dejavu_font(style: str = "") -> Path | None:
    """The DejaVu Sans TTF file (`style` "B" for bold) when installed, else None."""
    name = "DejaVuSans-Bold.ttf" if style == "B" else "DejaVuSans.ttf"
    for directory in FONT_DIRS:
        candidate = directory / name
        if candidate.is_file():
            return candidate
    return None


def to_latin1(text: str) -> str:
    return text.translate(LATIN1_FALLBACK).encode("latin-1", "replace").decode("latin-1")


def _lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _chunks(lines: list[str], pages: int) -> list[list[str]]:
    """Split `lines` into `pages` consecutive chunks whose sizes differ by at most one."""
    size, extra = divmod(len(lines), pages)
    out, start = [], 0
    for index in range(pages):
        end = start + size + (1 if index < extra else 0)
        out.append(lines[start:end])
        start = end
    return out


def _fpdf(size: float) -> tuple[FPDF, bool]:
    """An A4 fpdf2 document with DejaVu Sans (regular and bold) when installed; True when it is."""
    pdf = FPDF(format="A4")
    pdf.set_creator("segur-devis tests")
    regular, bold = dejavu_font(), dejavu_font("B")
    if regular is None:
        pdf.set_font("Helvetica", size=size)
        return pdf, False
    pdf.add_font("DejaVu", "", str(regular))
    pdf.add_font("DejaVu", "B", str(bold or regular))
    pdf.set_font("DejaVu", size=size)
    return pdf, True


# --- fpdf2, line by line -------------------------------------------------------------------------------------


def make_pdf(text: str, *, pages: int | None = None) -> bytes:
    """Return the bytes of a PDF showing `text` line by line; with `pages`, exactly that many pages."""
    if pages is not None and pages < 1:
        raise ValueError("pages must be at least 1")
    pdf, unicode_font = _fpdf(FONT_SIZE)
    pdf.set_margins(12, 12, 12)
    if not unicode_font:
        text = to_latin1(text)
    # A tab has no glyph: lay it out as spaces, the way a PDF generator would align columns.
    lines = _lines(text.replace("\t", "    "))

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


def pdf_of(text: str) -> bytes:
    """A one-column PDF at 10 pt, one text line per line (blank lines kept)."""
    pdf, unicode_font = _fpdf(10)
    pdf.add_page()
    if not unicode_font:
        text = to_latin1(text)
    for line in text.splitlines():
        pdf.multi_cell(0, 5, line.rstrip() or " ", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def encrypted_pdf_of(text: str) -> bytes:
    """A PDF that opens only with a password (RC4, which needs no extra library to write)."""
    pdf = FPDF()
    pdf.set_encryption(owner_password="proprietaire", user_password="secret")
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    pdf.multi_cell(0, 5, to_latin1(text))
    return bytes(pdf.output())


def raw_pdf(content: bytes, *, pages: int = 1) -> bytes:
    """A minimal hand-written PDF whose pages all share one Flate-compressed content stream."""
    comp = zlib.compress(content, 9)
    kids = " ".join(f"{6 + i} 0 R" for i in range(pages))
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode(),
        b"null",  # unused slot, keeps object numbers simple
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(comp) + comp + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    objs += [
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>"
    ] * pages
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return out


def scanned_pdf() -> bytes:
    """A PDF with a page of drawing and no text layer, as a scanner would make."""
    pdf = FPDF()
    pdf.add_page()
    for row in range(40):
        pdf.rect(15, 20 + row * 6, 120 + (row * 37) % 60, 3, style="F")
    return bytes(pdf.output())


# --- the blocks of a quote: paragraphs and tables -------------------------------------------------------------


@dataclass
class Block:
    """A run of paragraph lines, or a table (rows of cells) when `rows` is set."""

    lines: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)


def _cells(line: str) -> list[str] | None:
    """The cells of a table line (tab- or pipe-separated), or None for a paragraph line."""
    stripped = line.strip()
    if "\t" in line:
        return [cell.strip() for cell in line.strip("\n").split("\t")]
    if stripped.startswith("|") and stripped.count("|") >= 2:
        cells = [cell.strip() for cell in stripped.strip("|").split("|")]
        # A Markdown rule line (|---|:--:|) draws the border: the PDF draws its own.
        return None if all(re.fullmatch(r":?-{2,}:?", cell) for cell in cells) else cells
    return None


def blocks(text: str) -> list[Block]:
    """Split a quote's text into paragraph blocks and table blocks (rows padded to the table's width)."""
    out: list[Block] = []
    for line in _lines(text):
        stripped = line.strip()
        if stripped.startswith("|") and _cells(line) is None:
            continue  # a Markdown rule line
        cells = _cells(line)
        if cells is not None:
            if not out or not out[-1].rows:
                out.append(Block())
            out[-1].rows.append(cells)
        else:
            if not out or out[-1].rows:
                out.append(Block())
            out[-1].lines.append(line.rstrip())
    for block in out:
        width = max((len(row) for row in block.rows), default=0)
        block.rows = [row + [""] * (width - len(row)) for row in block.rows]
    return out


# --- fpdf2 tables ---------------------------------------------------------------------------------------------


def fpdf_table_pdf(text: str, *, header: str = "", font_size: float = 8) -> bytes:
    """fpdf2 with bordered tables for tab/pipe lines, a running `header` and a « Page n/N » footer."""
    unicode_font = dejavu_font() is not None
    if not unicode_font:
        text, header = to_latin1(text), to_latin1(header)
    family = "DejaVu" if unicode_font else "Helvetica"

    class QuotePDF(FPDF):
        def header(self) -> None:
            if header:
                self.set_font(family, size=7)
                self.cell(0, 5, header, new_x="LMARGIN", new_y="NEXT", align="R")
                self.ln(2)
                self.set_font(family, size=font_size)

        def footer(self) -> None:
            self.set_y(-12)
            self.set_font(family, size=7)
            self.cell(0, 5, f"Page {self.page_no()}/{{nb}}", align="C")
            self.set_font(family, size=font_size)

    pdf = QuotePDF(format="A4")
    pdf.set_creator("segur-devis tests")
    if unicode_font:
        pdf.add_font("DejaVu", "", str(dejavu_font()))
        pdf.add_font("DejaVu", "B", str(dejavu_font("B") or dejavu_font()))
    pdf.set_font(family, size=font_size)
    pdf.set_margins(14, 14, 14)
    pdf.set_auto_page_break(True, margin=16)
    pdf.add_page()
    for block in blocks(text):
        if block.rows:
            with pdf.table(first_row_as_headings=False, line_height=font_size * 0.55, padding=1) as table:
                for row in block.rows:
                    table_row = table.row()
                    for cell in row:
                        table_row.cell(cell)
            pdf.ln(2)
        else:
            for line in block.lines:
                if line.strip():
                    pdf.multi_cell(0, font_size * 0.5, line, new_x="LMARGIN", new_y="NEXT")
                else:
                    pdf.ln(font_size * 0.5)
    return bytes(pdf.output())


# --- reportlab ------------------------------------------------------------------------------------------------


def _reportlab_fonts() -> tuple[str, str]:
    """Register DejaVu Sans with reportlab when installed; the (regular, bold) font names to use."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    regular, bold = dejavu_font(), dejavu_font("B")
    if regular is None:
        return "Helvetica", "Helvetica-Bold"
    if "DejaVuSans" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVuSans", str(regular)))
        pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", str(bold or regular)))
    return "DejaVuSans", "DejaVuSans-Bold"


def reportlab_pdf(text: str, *, header: str = "", font_size: float = 8) -> bytes:
    """reportlab Platypus: `Table` flowables for tab/pipe lines, `Paragraph`s for the rest, a running `header`
    and a « Page n/N » footer on every page (the page count comes from a second pass, as reportlab users do)."""
    from xml.sax.saxutils import escape

    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    regular, bold = _reportlab_fonts()
    if regular == "Helvetica":
        text, header = to_latin1(text), to_latin1(header)
    style = ParagraphStyle("quote", fontName=regular, fontSize=font_size, leading=font_size * 1.3)
    cell_style = ParagraphStyle("cell", parent=style)

    class NumberedCanvas(Canvas):
        """Keeps each page's state, then draws the header and « Page n/N » once the total is known."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # reportlab calls it at the end of each page
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self.setFont(regular, 7)
                if header:
                    self.drawRightString(A4[0] - 15 * mm, A4[1] - 10 * mm, header)
                self.drawCentredString(A4[0] / 2, 8 * mm, f"Page {self._pageNumber}/{total}")
                super().showPage()
            super().save()

    story: list[Any] = []
    for block in blocks(text):
        if block.rows:
            data = [[Paragraph(escape(cell), cell_style) for cell in row] for row in block.rows]
            table = Table(data, repeatRows=0, hAlign="LEFT")
            table.setStyle(
                TableStyle(
                    [
                        ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                        ("FONTNAME", (0, 0), (-1, 0), bold),
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ]
                )
            )
            story += [table, Spacer(1, 3 * mm)]
        else:
            for line in block.lines:
                story.append(Paragraph(escape(line) if line.strip() else "&nbsp;", style))
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, topMargin=16 * mm, bottomMargin=16 * mm, title="Devis")
    doc.build(story, canvasmaker=NumberedCanvas)
    return out.getvalue()


# --- Chromium print to PDF ------------------------------------------------------------------------------------


@contextmanager
def chromium() -> Iterator[Any]:
    """A headless Debian Chromium (Playwright) for code outside pytest; tests use the session's `browser`."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            yield browser
        finally:
            browser.close()


def chromium_pdf(browser: Any, html: str, *, header: str = "", footer: str = "") -> bytes:
    """Print `html` to an A4 PDF with Chromium; `header`/`footer` are Chromium's page templates (HTML)."""
    page = browser.new_page()
    try:
        page.set_content(html, wait_until="load")
        templates = bool(header or footer)
        return bytes(
            page.pdf(
                format="A4",
                print_background=True,
                display_header_footer=templates,
                header_template=header or "<span></span>",
                footer_template=footer or "<span></span>",
                margin={"top": "18mm", "bottom": "18mm", "left": "14mm", "right": "14mm"}
                if templates
                else None,
            )
        )
    finally:
        page.close()


# --- PDF twins of a corpus ------------------------------------------------------------------------------------

TWINS_FILE = "twins.json"  # in a corpus folder: quote file name → how its PDF twin is made
ENGINES = ("chromium", "reportlab", "fpdf_table", "fpdf")


def with_ligatures(text: str) -> str:
    """`text` with the ﬁ and ﬂ ligature characters a typesetter puts in the text layer (« qualiﬁcation »)."""
    return text.replace("fi", "\ufb01").replace("fl", "\ufb02")


def load_twins(folder: Path) -> dict[str, dict[str, Any]]:
    """The PDF twins declared in `folder` (none when it has no twins file)."""
    path = folder / TWINS_FILE
    if not path.is_file():
        return {}
    twins: dict[str, dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    return twins


def twin_pdf(folder: Path, name: str, spec: dict[str, Any], *, browser: Any = None) -> bytes:
    """The PDF twin of the quote `name` of `folder`, made by the engine `spec` names from the stored input:
    Chromium prints `spec["html"]` (header/footer templates optional); the other engines lay out the quote's text,
    with the ﬁ/ﬂ ligatures in it when `spec["ligatures"]` is true."""
    engine = spec["engine"]
    if engine == "chromium":
        if browser is None:
            raise ValueError("a Chromium twin needs a browser")
        html = (folder / spec["html"]).read_text(encoding="utf-8")
        return chromium_pdf(browser, html, header=spec.get("header", ""), footer=spec.get("footer", ""))
    text = (folder / name).read_bytes().decode("utf-8")
    if spec.get("ligatures"):
        text = with_ligatures(text)
    if engine == "reportlab":
        return reportlab_pdf(text, header=spec.get("header", ""))
    if engine == "fpdf_table":
        return fpdf_table_pdf(text, header=spec.get("header", ""))
    if engine == "fpdf":
        return make_pdf(text, pages=spec.get("pages"))
    raise ValueError(f"unknown PDF engine {engine!r} (known: {', '.join(ENGINES)})")
