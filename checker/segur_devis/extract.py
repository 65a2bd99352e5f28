"""From bytes to text: plain text in any usual encoding, or the text layer of a PDF (through pypdf, lazily)."""

from __future__ import annotations

import io
import logging
from typing import TYPE_CHECKING, Any

from segur_devis.errors import InputError

if TYPE_CHECKING:
    from pypdf import PdfReader

MAX_PDF_PAGES = 200
MAX_TEXT_CHARS = 20_000_000  # far above any real quote; bounds time and memory
# A hostile PDF can hide gigabytes in a few kilobytes of compressed stream: cap every decoding step well below
# pypdf's defaults (75 MB) — a real quote's page content is a few kilobytes.
PDF_LIMITS: dict[str, Any] = {
    "zlib_maximum_output_length": 10_000_000,
    "lzw_maximum_output_length": 10_000_000,
    "run_length_maximum_output_length": 10_000_000,
    "array_based_stream_maximum_output_length": 10_000_000,
    "maximum_declared_stream_length": 10_000_000,
    "stream_decoding_work_maximum_length": 50_000_000,
    "page_tree_maximum_page_entries": 10_000,
    "disable_legacy_handling": True,
}


_CP1252_C1 = {
    b: bytes([b]).decode("cp1252") for b in range(0x80, 0xA0) if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
}


def is_pdf(data: bytes) -> bool:
    # The header may follow a few bytes of junk; readers accept it within the first kilobyte.
    return b"%PDF-" in data[:1024]


def decode_text(data: bytes) -> str:
    """Decode a text file: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252 (a superset of Latin-1)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    if _looks_binary(data):
        raise InputError(
            "Ce fichier n’est ni un texte ni un PDF lisible. Déposez le devis au format PDF, ou copiez-collez son texte."
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        # Windows-1252 byte by byte: the five bytes it leaves undefined stay as their Latin-1 control characters,
        # instead of failing the whole file over to Latin-1 and losing its euro signs (0x80).
        return data.decode("latin-1").translate(_CP1252_C1)


def _looks_binary(data: bytes) -> bool:
    sample = data[:65536]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > len(sample) // 100


def extract_pdf_text(data: bytes) -> str:
    """The text layer of a PDF, page after page. Raises InputError with a French message when it cannot be read."""
    try:
        from pypdf import PdfReader, apply_configuration
        from pypdf.errors import LimitReachedError
    except ImportError as exc:  # pragma: no cover - depends on the installation
        raise InputError(
            "La lecture des PDF nécessite le module pypdf : installez « segur-devis[pdf] », "
            "ou copiez-collez le texte du devis."
        ) from exc
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # malformed PDFs are reported in French, not as logs
    with apply_configuration(None, **PDF_LIMITS):
        return _read_pdf(PdfReader, LimitReachedError, data)


def _read_pdf(reader_class: type[PdfReader], limit_error: type[Exception], data: bytes) -> str:
    """The pages' text laid out as on the page (pypdf's layout mode: columns stay apart, so a table reads as
    one), `limit_error` being pypdf's exception for a decoding limit reached (imported lazily with it)."""
    try:
        reader = reader_class(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError(
                "Ce PDF est protégé par un mot de passe. Ouvrez-le, puis copiez-collez son texte dans le vérificateur."
            )
        count = len(reader.pages)
        if count > MAX_PDF_PAGES:
            raise InputError(
                f"Ce PDF compte {count} pages : c’est trop pour un devis (au plus {MAX_PDF_PAGES}). "
                "Vérifiez que vous avez choisi le bon fichier."
            )
        pages = []
        size = 0
        for page in reader.pages:
            text = page.extract_text(extraction_mode="layout") or ""
            size += len(text)
            if size > MAX_TEXT_CHARS:
                raise InputError("Ce PDF contient beaucoup trop de texte pour être un devis.")
            pages.append(text)
    except InputError:
        raise
    except limit_error as exc:
        raise InputError(
            "Ce PDF contient des données anormalement volumineuses : il n’a pas été lu, par précaution. "
            "Copiez-collez le texte du devis."
        ) from exc
    except Exception as exc:  # pypdf raises many kinds of errors on damaged or hostile files
        raise InputError(
            "Ce PDF est endommagé ou illisible. Essayez de l’ouvrir et de copier-coller son texte."
        ) from exc
    return "\n\n".join(pages)
