"""Word processor quotes (.docx, .odt): read with the standard library, tables kept as rows, bad files refused
with a French message."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from office_files import blocks_from_text, docx_bytes, odt_bytes

import segur_devis
from segur_devis.office import MAX_XML_BYTES, extract_office_text

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
QUOTE = CORPUS / "20_hop_pfi_mssante_et_serveur_dans_part_etat.txt"
MAKERS = {".docx": docx_bytes, ".odt": odt_bytes}


@pytest.mark.parametrize("suffix", MAKERS)
def test_a_quote_in_a_word_processor_gets_the_same_findings_as_its_text(suffix: str) -> None:
    text = QUOTE.read_text(encoding="utf-8")
    data = MAKERS[suffix](blocks_from_text(text))
    from_file = segur_devis.check_bytes(data, filename=f"devis{suffix}")
    from_text = segur_devis.check_text(text)
    assert from_file.verdict == from_text.verdict == "non_conforme"
    assert sorted(from_file.codes) == sorted(from_text.codes)
    assert from_file.codes.count("P06") == 2


@pytest.mark.parametrize("suffix", MAKERS)
def test_a_table_row_is_one_line_with_its_cells_in_order(suffix: str) -> None:
    blocks: list[str | list[list[str]]] = [
        "Proposition commerciale n° 42",
        [["Désignation", "Qté", "Total HT"], ["Serveur dédié", "1", "5 500,00 €"]],
        "Fin  du devis",
    ]
    text = extract_office_text(MAKERS[suffix](blocks), suffix)
    assert text.splitlines() == [
        "Proposition commerciale n° 42",
        "Désignation\tQté\tTotal HT",
        "Serveur dédié\t1\t5 500,00 €",
        "Fin  du devis",
    ]


def test_a_docx_is_recognised_by_its_content_whatever_its_name() -> None:
    data = docx_bytes(blocks_from_text(QUOTE.read_text(encoding="utf-8")))
    assert segur_devis.check_bytes(data, filename="piece-jointe").verdict == "non_conforme"


def _message(data: bytes, filename: str) -> str:
    with pytest.raises(segur_devis.InputError) as caught:
        segur_devis.check_bytes(data, filename=filename)
    return str(caught.value)


def test_an_encrypted_odt_is_refused_with_a_french_message() -> None:
    assert "mot de passe" in _message(odt_bytes(["Devis"], encrypted=True), "devis.odt")


def test_an_encrypted_or_old_word_file_is_refused_with_a_french_message() -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600
    assert "mot de passe" in _message(ole, "devis.docx")
    assert ".doc" in _message(ole, "devis.doc")


@pytest.mark.parametrize("suffix", MAKERS)
def test_a_truncated_file_is_refused_as_damaged(suffix: str) -> None:
    data = MAKERS[suffix](["Devis Ségur"])
    assert "endommagé" in _message(data[: len(data) // 2], f"devis{suffix}")


def test_a_zip_without_a_document_part_is_refused() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("autre.txt", "rien")
    assert "endommagé" in _message(out.getvalue(), "devis.docx")


def test_malformed_xml_is_refused_as_damaged() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", "<w:document><w:body>")
    assert "endommagé" in _message(out.getvalue(), "devis.docx")


def test_a_decompression_bomb_is_refused_before_it_fills_the_memory() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<a>" + b" " * (MAX_XML_BYTES + 10) + b"</a>")
    assert len(out.getvalue()) < 100_000
    assert "20 Mo" in _message(out.getvalue(), "devis.docx")


def test_a_bomb_whose_header_lies_about_its_size_is_stopped_while_reading() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<a>" + b" " * (MAX_XML_BYTES + 10) + b"</a>")
    data = bytearray(out.getvalue())
    # Patch the declared uncompressed size (local header and central directory) down to 1 000 bytes.
    for marker, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = data.find(marker)
        data[at + offset : at + offset + 4] = (1000).to_bytes(4, "little")
    message = _message(bytes(data), "devis.docx")
    assert "20 Mo" in message or "endommagé" in message
