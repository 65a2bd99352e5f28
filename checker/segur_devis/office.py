"""Word processor quotes: the text of a .docx (Office Open XML) or .odt (OpenDocument) file, standard library only.

Both are zip archives holding XML. Paragraphs become lines; a table row becomes one line with its cells separated
by tabs, so that a priced line (label, quantity, unit price, total) stays one line for the parser, as in a PDF.
Sizes are bounded before and while reading, so a decompression bomb or an archive of a million entries is refused
with a French message instead of filling the memory; an encrypted or damaged file gets its own clear message.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from xml.etree import ElementTree

from segur_devis.errors import InputError

MAX_ENTRIES = 2_000
MAX_XML_BYTES = 20 * 1024 * 1024  # the document's XML once decompressed; a long quote is well under 1 MB
MAX_RATIO = 200  # decompressed / compressed size of the document part: text XML compresses 5 to 20 times

ZIP_SIGNATURE = b"PK\x03\x04"
# Word and LibreOffice write an encrypted document as an OLE compound file, not a zip: its signature.
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"

DAMAGED = (
    "Ce fichier {kind} est endommagé ou incomplet et n’a pas pu être lu. Ouvrez-le dans votre traitement de texte "
    "pour vérifier qu’il s’agit bien du devis, ou copiez son texte dans la zone de texte."
)
ENCRYPTED = (
    "Ce fichier {kind} est protégé par un mot de passe : le vérificateur ne peut pas le lire. Demandez à l’éditeur "
    "une version sans mot de passe (ou en PDF), ou copiez le texte du devis dans la zone de texte."
)
TOO_BIG = (
    "Ce fichier {kind} contient beaucoup plus de données qu’un devis (plus de 20 Mo une fois décompressé) : "
    "il n’a pas été lu. Vérifiez le fichier choisi."
)
OLD_WORD = (
    "Ce fichier est au format Word ancien (.doc) ou protégé par un mot de passe : le vérificateur ne le lit pas. "
    "Enregistrez-le au format .docx ou PDF, ou copiez son texte dans la zone de texte."
)

SUFFIXES = {".docx": "Word (.docx)", ".odt": "OpenDocument (.odt)"}


def office_kind(data: bytes, filename: str) -> str | None:
    """ ".docx" or ".odt" when the bytes are (or the name says they should be) such a document, else None."""
    name = filename.lower()
    suffix = next((s for s in SUFFIXES if name.endswith(s)), None)
    if data.startswith(ZIP_SIGNATURE):
        if suffix:
            return suffix
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist()[:MAX_ENTRIES])
        except (zipfile.BadZipFile, OSError, ValueError):
            return None
        if "word/document.xml" in names:
            return ".docx"
        if "content.xml" in names and "mimetype" in names:
            return ".odt"
        return None
    if data.startswith(OLE_SIGNATURE) and (suffix or name.endswith(".doc")):
        raise InputError(OLD_WORD)
    return suffix


def extract_office_text(data: bytes, kind: str) -> str:
    """The text of a .docx or .odt document. Raises InputError (French) when it cannot be read."""
    label = SUFFIXES[kind]
    if data.startswith(OLE_SIGNATURE):
        raise InputError(ENCRYPTED.format(kind=label))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_ENTRIES:
                raise InputError(TOO_BIG.format(kind=label))
            names = {info.filename: info for info in infos}
            if kind == ".odt" and _odt_encrypted(archive, names):
                raise InputError(ENCRYPTED.format(kind=label))
            part = names.get("word/document.xml" if kind == ".docx" else "content.xml")
            if part is None:
                raise InputError(DAMAGED.format(kind=label))
            xml = _read_bounded(archive, part, label)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, NotImplementedError, RuntimeError):
        raise InputError(DAMAGED.format(kind=label)) from None
    try:
        root = ElementTree.fromstring(xml)
    except ElementTree.ParseError:
        raise InputError(DAMAGED.format(kind=label)) from None
    lines = _docx_lines(root) if kind == ".docx" else _odt_lines(root)
    return "\n".join(lines).strip("\n") + "\n"


def _read_bounded(archive: zipfile.ZipFile, info: zipfile.ZipInfo, label: str) -> bytes:
    """The part's bytes, refusing more than MAX_XML_BYTES whatever its header claims (headers can lie)."""
    if info.file_size > MAX_XML_BYTES or info.file_size > max(info.compress_size, 1) * MAX_RATIO + 65_536:
        raise InputError(TOO_BIG.format(kind=label))
    with archive.open(info) as stream:
        chunks, total = [], 0
        while chunk := stream.read(1 << 16):
            total += len(chunk)
            if total > MAX_XML_BYTES:
                raise InputError(TOO_BIG.format(kind=label))
            chunks.append(chunk)
    return b"".join(chunks)


def _odt_encrypted(archive: zipfile.ZipFile, names: dict[str, zipfile.ZipInfo]) -> bool:
    manifest = names.get("META-INF/manifest.xml")
    if manifest is None or manifest.file_size > 1_000_000:
        return False
    return b"encryption-data" in archive.read(manifest)


# --- .docx: w:body holds w:p (paragraphs) and w:tbl (tables of w:tr rows of w:tc cells) ---


def _docx_lines(root: ElementTree.Element) -> Iterator[str]:
    body = root.find(f"{W}body")
    for block in body if body is not None else ():
        yield from _docx_block(block)


def _docx_block(block: ElementTree.Element) -> Iterator[str]:
    if block.tag == f"{W}p":
        yield from _docx_paragraph(block).split("\n")
    elif block.tag == f"{W}tbl":
        for row in block.iter(f"{W}tr"):
            cells = [
                " ".join(_docx_paragraph(p) for p in cell.iter(f"{W}p")).strip()
                for cell in row.findall(f"{W}tc")
            ]
            yield "\t".join(cells).rstrip()
    elif block.tag == f"{W}sdt":  # content controls wrap ordinary paragraphs and tables
        content = block.find(f"{W}sdtContent")
        for inner in content if content is not None else ():
            yield from _docx_block(inner)


def _docx_paragraph(paragraph: ElementTree.Element) -> str:
    parts = []
    for node in paragraph.iter():
        if node.tag == f"{W}t" and node.text:
            parts.append(node.text)
        elif node.tag == f"{W}tab":
            parts.append("\t")
        elif node.tag in (f"{W}br", f"{W}cr"):
            parts.append("\n")
    return "".join(parts)


# --- .odt: office:text holds text:p, text:h, text:list and table:table (rows of cells) ---


def _odt_lines(root: ElementTree.Element) -> Iterator[str]:
    text = root.find(f"{OFFICE}body/{OFFICE}text")
    for block in text if text is not None else ():
        yield from _odt_block(block)


def _odt_block(block: ElementTree.Element) -> Iterator[str]:
    if block.tag in (f"{TEXT}p", f"{TEXT}h"):
        yield from _odt_paragraph(block).split("\n")
    elif block.tag == f"{TABLE}table":
        for row in block.iter(f"{TABLE}table-row"):
            cells = [
                " ".join(_odt_paragraph(p) for p in cell.iter() if p.tag in (f"{TEXT}p", f"{TEXT}h")).strip()
                for cell in row
                if cell.tag == f"{TABLE}table-cell"
            ]
            yield "\t".join(cells).rstrip()
    else:  # lists, sections: their paragraphs and tables, in order
        for inner in block:
            yield from _odt_block(inner)


def _odt_paragraph(paragraph: ElementTree.Element) -> str:
    parts: list[str] = []

    def walk(node: ElementTree.Element) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            if child.tag == f"{TEXT}s":
                count = child.get(f"{TEXT}c", "1")
                parts.append(" " * min(int(count) if count.isdigit() else 1, 100))
            elif child.tag == f"{TEXT}tab":
                parts.append("\t")
            elif child.tag == f"{TEXT}line-break":
                parts.append("\n")
            elif child.tag not in (f"{TEXT}note", f"{OFFICE}annotation"):
                walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(paragraph)
    return "".join(parts)
