"""Real .docx and .odt files for the tests, written with the standard library's zip writer.

A document is a list of blocks: a string is a paragraph, a list of rows (lists of cell strings) is a table. The
files hold the parts Word and LibreOffice need to open them ([Content_Types].xml and relationships for .docx;
the uncompressed `mimetype` first and a manifest for .odt), with the markup those programs write: runs, tabs,
line breaks, `text:s` runs of spaces, spans.
"""

from __future__ import annotations

import io
import re
import zipfile
from xml.sax.saxutils import escape

Block = str | list[list[str]]

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def blocks_from_text(text: str) -> list[Block]:
    """A plain-text quote as a word processor would hold it: runs of lines whose columns are separated by two
    spaces or more become one table, the other lines paragraphs."""
    blocks: list[Block] = []
    for line in text.splitlines():
        cells = [c for c in re.split(r" {2,}|\t", line.strip()) if c]
        if len(cells) > 1:
            if blocks and isinstance(blocks[-1], list):
                blocks[-1].append(cells)
            else:
                blocks.append([cells])
        else:
            blocks.append(line)
    return blocks


def _docx_paragraph(text: str) -> str:
    runs = []
    for n, piece in enumerate(text.split("\n")):
        if n:
            runs.append("<w:r><w:br/></w:r>")
        # Word splits text into several runs (spell-check, formatting): two runs per line, as it often does.
        half = len(piece) // 2
        for part in (piece[:half], piece[half:]):
            if part:
                runs.append(
                    f'<w:r><w:rPr><w:lang w:val="fr-FR"/></w:rPr><w:t xml:space="preserve">{escape(part)}</w:t></w:r>'
                )
    return f'<w:p><w:pPr><w:pStyle w:val="Normal"/></w:pPr>{"".join(runs)}</w:p>'


def docx_bytes(blocks: list[Block]) -> bytes:
    body = []
    for block in blocks:
        if isinstance(block, str):
            body.append(_docx_paragraph(block))
        else:
            rows = "".join(
                "<w:tr>" + "".join(f"<w:tc><w:tcPr/>{_docx_paragraph(c)}</w:tc>" for c in row) + "</w:tr>"
                for row in block
            )
            body.append(f"<w:tbl><w:tblPr/>{rows}</w:tbl>")
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{_W}"><w:body>'
        f"{''.join(body)}<w:sectPr/></w:body></w:document>"
    )
    content_types = (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/'
        'document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main'
        '+xml"/></Types>'
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
        '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr("_rels/.rels", rels)
        archive.writestr("word/document.xml", document)
    return out.getvalue()


def _odt_paragraph(text: str) -> str:
    out = []
    for n, piece in enumerate(text.split("\n")):
        if n:
            out.append("<text:line-break/>")
        # LibreOffice writes a run of spaces as one space and <text:s text:c="N-1"/>.
        for m in re.finditer(r" {2,}|[^ ]+| ", piece):
            run = m.group()
            out.append(f'<text:s text:c="{len(run)}"/>' if run.startswith("  ") else escape(run))
    return f'<text:p text:style-name="Standard"><text:span text:style-name="T1">{"".join(out)}</text:span></text:p>'


_ODT_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
)


def odt_bytes(blocks: list[Block], *, encrypted: bool = False) -> bytes:
    body = []
    for block in blocks:
        if isinstance(block, str):
            body.append(_odt_paragraph(block))
        else:
            width = max(len(row) for row in block)
            rows = "".join(
                "<table:table-row>"
                + "".join(f"<table:table-cell>{_odt_paragraph(c)}</table:table-cell>" for c in row)
                + "</table:table-row>"
                for row in block
            )
            body.append(
                f'<table:table table:name="T"><table:table-column table:number-columns-repeated="{width}"/>'
                f"{rows}</table:table>"
            )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {_ODT_NS} office:version="1.3">'
        f"<office:body><office:text>{''.join(body)}</office:text></office:body></office:document-content>"
    )
    encryption = (
        '<manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="x"/>'
        if encrypted
        else ""
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:'
        'xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type='
        '"application/vnd.oasis.opendocument.text"/><manifest:file-entry manifest:full-path="content.xml" '
        f'manifest:media-type="text/xml">{encryption}</manifest:file-entry></manifest:manifest>'
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text"
        )  # stored, first
        archive.writestr("META-INF/manifest.xml", manifest)
        archive.writestr("content.xml", content)
    return out.getvalue()
