"""The PDF path with real PDFs: text layer, encrypted, broken, scanned, decompression bomb, too many pages."""

import io
import sys
import zlib
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfWriter

from segur_devis import InputError, check_bytes, check_pdf
from segur_devis.extract import MAX_PDF_PAGES

sys.path.insert(0, str(Path(__file__).parent.parent / "corpus"))
from pdfs import make_pdf

FIXTURES = Path(__file__).parent.parent / "fixtures"


def raw_pdf(content: bytes, *, pages: int = 1) -> bytes:
    """A minimal hand-written PDF whose pages all share one Flate-compressed content stream."""
    comp = zlib.compress(content, 9)
    kids = " ".join(f"{6 + i} 0 R" for i in range(pages))
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode(),
        b"",  # unused slot, keeps object numbers simple
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(comp) + comp + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    objs[2] = b"null"
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


def test_pdf_quote_gives_the_same_report_as_its_text():
    text = (FIXTURES / "seed_non_conforme_pack.txt").read_text(encoding="utf-8")
    report = check_pdf(make_pdf(text))
    assert report.verdict == "non_conforme"
    assert {"P01", "M01"} <= set(report.codes)
    for f in report.findings:
        if f.evidence:
            assert report.text[f.evidence.start : f.evidence.end] == f.evidence.text


def test_check_bytes_recognises_a_pdf_by_its_header():
    text = (FIXTURES / "seed_conforme_hop_pfi.txt").read_text(encoding="utf-8")
    # The seed's unsigned vague 1 example, judged on a day of its era (vague 1 hospital orders open).
    assert check_bytes(make_pdf(text), filename="devis.bin", today=date(2022, 6, 1)).verdict == "conforme"


def test_encrypted_pdf_asks_for_the_text():
    writer = PdfWriter(clone_from=io.BytesIO(make_pdf("Devis Ségur")))
    writer.encrypt(user_password="secret", owner_password="owner")
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(InputError, match="mot de passe"):
        check_pdf(buffer.getvalue())


def test_truncated_pdf_is_reported_as_damaged():
    data = make_pdf((FIXTURES / "seed_conforme_hop_pfi.txt").read_text(encoding="utf-8"))
    with pytest.raises(InputError, match="endommagé ou illisible"):
        check_pdf(data[: len(data) // 3])


def test_scanned_pdf_without_text_layer_is_not_recognised():
    report = check_pdf(raw_pdf(b"q 100 0 0 100 0 0 cm Q\n"))  # a page that only draws, no text
    assert report.verdict == "non_reconnu"
    assert "scanné" in report.summary


def test_decompression_bomb_is_refused_quickly():
    bomb = raw_pdf(b"BT /F1 12 Tf 72 720 Td (Devis Segur) Tj ET\n" + b" " * 200_000_000)
    assert len(bomb) < 400_000  # a small file…
    with pytest.raises(InputError, match="anormalement volumineuses"):
        check_pdf(bomb)  # …that would inflate to 200 MB


def test_too_many_pages_are_refused():
    many = raw_pdf(b"BT /F1 12 Tf 72 720 Td (Devis) Tj ET\n", pages=MAX_PDF_PAGES + 1)
    with pytest.raises(InputError, match=f"{MAX_PDF_PAGES + 1} pages"):
        check_pdf(many)
