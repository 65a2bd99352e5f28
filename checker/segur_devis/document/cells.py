"""Cells of a line: the pieces between tabs, pipes or runs of two spaces or more.

That is how a table survives a copy-paste or a PDF's layout: « Lecteur de cartes   2   120,00 » has three cells,
« Lecteur de cartes » one. Each cell keeps its offsets in the folded text and its position in the line (its
column), which tells which header it stands under.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Tabs, runs of two spaces or more, pipes, and dotted leaders (« Formation ........ 1 200,00 € »).
_SEPARATOR = re.compile(r"\t[\t ]*| {2,}[\t ]*| *\| *| *(?:\.{3,}|…+)[ .…]*")


@dataclass(frozen=True, slots=True)
class Cell:
    start: int  # folded offsets, end excluded
    end: int
    text: str  # folded
    column: int  # position in its line, in characters

    @property
    def right(self) -> int:
        return self.column + len(self.text)


def split_cells(line: str, offset: int = 0) -> list[Cell]:
    """The non-empty cells of `line`, whose first character is at folded offset `offset`."""
    cells = []
    pos = 0
    for m in _SEPARATOR.finditer(line):
        if m.start() > pos:
            cells.append(Cell(offset + pos, offset + m.start(), line[pos : m.start()], pos))
        pos = m.end()
    if pos < len(line) and line[pos:].strip():
        text = line[pos:].rstrip()
        cells.append(Cell(offset + pos, offset + pos + len(text), text, pos))
    return cells
