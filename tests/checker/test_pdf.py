"""The PDF path with real PDFs: text layer, encrypted, broken, scanned, decompression bomb, too many pages."""

import io
from datetime import date

import pytest
from pypdf import PdfWriter
from support.pdf_makers import make_pdf, raw_pdf
from support.quotes import SEED_CONFORME, SEED_MAINTENANCE

from segur_devis import InputError, check_bytes, check_pdf
from segur_devis.extract import MAX_PDF_PAGES


def test_pdf_quote_gives_the_same_report_as_its_text():
    text = SEED_MAINTENANCE.read_text(encoding="utf-8")
    report = check_pdf(make_pdf(text))
    assert report.verdict == "non_conforme"
    assert {"P01", "M01"} <= set(report.codes)
    for f in report.findings:
        if f.evidence:
            assert report.text[f.evidence.start : f.evidence.end] == f.evidence.text


def test_check_bytes_recognises_a_pdf_by_its_header():
    text = SEED_CONFORME.read_text(encoding="utf-8")
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
    data = make_pdf(SEED_CONFORME.read_text(encoding="utf-8"))
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
