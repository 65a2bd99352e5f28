"""A spreadsheet export pasted as delimited values, read as the tab-separated table it is.

« "Désignation";"Qté";"PU HT" » (a semicolon-separated export, every cell in double quotes), « Désignation;Qté;PU HT »
(bare cells) or « "DEVIS","PLK-26" » (comma-separated, quoted): the quotes and delimiters that frame the cells are
turned into tabs, one character for one, so the cells split as a pasted table's do (`cells.split_cells`) and every
offset still points into the original text. A text is read so only when most of its lines are such records: prose
with a few semicolons or quoted words is left as it is.
"""

from __future__ import annotations

import re

# A record: quoted cells (« "" » escapes a quote inside one) or bare cells, separated by one delimiter.
_QUOTED = r'"(?:[^"\n]|"")*"'
_RECORD = {
    delimiter: re.compile(
        rf'(?:{_QUOTED}|[^"{delimiter}\n]*)(?:{delimiter}(?:{_QUOTED}|[^"{delimiter}\n]*))*'
    )
    for delimiter in ";,"
}
_CELL = {delimiter: re.compile(rf'{_QUOTED}|[^"{delimiter}\n]+') for delimiter in ";,"}
# « Qté;PU HT;Total HT », as a French spreadsheet exports without quotes: a semicolon glued to a cell, unlike the
# spaced « ; » of prose (starts with the literal: a quick scan)
_GLUED = re.compile(r";(?:(?<=[^\s;];)|(?=[^\s;]))")
_MIN_RECORDS = 3


def delimited_as_tabs(text: str) -> str:
    """`text` with the cells of a delimited export separated by tabs (same length), or `text` unchanged."""
    if '"' not in text and len(_GLUED.findall(text)) < _MIN_RECORDS:
        return text
    lines = text.split("\n")
    filled = [line.rstrip("\r") for line in lines if line.strip()]
    delimiter = next((d for d in ";," if _is_export(filled, d)), None)
    if delimiter is None:
        return text
    return "\n".join(_as_tabs(line, delimiter) for line in lines)


def _is_record(line: str, delimiter: str) -> bool:
    """Quoted cells (a bare cell never holds the delimiter, so prose rarely passes), or bare cells glued to
    semicolons."""
    if not _RECORD[delimiter].fullmatch(line):
        return False
    return line.startswith('"') or (delimiter == ";" and _GLUED.search(line) is not None)


def _is_export(lines: list[str], delimiter: str) -> bool:
    """Most lines are records, at least three of them of several cells."""
    records = [line for line in lines if _is_record(line, delimiter)]
    with_cells = [
        line
        for line in records
        if f'"{delimiter}' in line or f'{delimiter}"' in line or not line.startswith('"')
    ]
    return len(with_cells) >= _MIN_RECORDS and 2 * len(records) > len(lines)


def _as_tabs(line: str, delimiter: str) -> str:
    body = line.rstrip("\r")
    if not _is_record(body, delimiter):
        return line
    out = []
    pos = 0
    for m in _CELL[delimiter].finditer(body):
        out.append("\t" * (m.start() - pos))  # delimiters between cells
        cell = m.group()
        out.append(f"\t{cell[1:-1]}\t" if cell.startswith('"') else cell)
        pos = m.end()
    out.append("\t" * (len(body) - pos) + line[len(body) :])
    return "".join(out)
