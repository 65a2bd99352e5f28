"""Footnotes: a call after a designation (« … licence (2) », « … mises à jour ** ») and its note under the table
(« (2) Hors Ségur, à la charge du cabinet. »), which is where some quotes say who pays each line.

A note is a line starting with its mark, and the indented lines under it; it counts only when the same mark is
called earlier in the text (a numbered list « (1) … (2) … » calls nothing).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

# A mark: « (1) », « * » to « *** », « ¹ » to « ³ » (folding keeps them).
_MARK = r"\(\d\)|\*{1,3}|[¹²³]"
_NOTE = re.compile(r"[ \t]{0,4}(" + _MARK + r")[ \t]+\S")
# A call is a mark inside a line (at its start, the mark opens a note), never part of a longer run of stars.
_CALL = re.compile(r"(?<!\*)(" + _MARK + r")(?!\*)")


@dataclass(frozen=True, slots=True)
class Footnote:
    mark: str
    first_line: int  # indexes of its lines
    last_line: int
    start: int  # folded span of its text, mark included
    end: int


def find_footnotes(lines: Sequence[tuple[int, str]]) -> dict[str, Footnote]:
    """The notes of a text given as (folded offset, folded line) pairs, by mark, each called above it."""
    called: set[str] = set()
    notes: dict[str, Footnote] = {}
    index = 0
    while index < len(lines):
        offset, text = lines[index]
        note = _NOTE.match(text)
        if note is None or note.group(1) not in called:
            called.update(calls(text))
            index += 1
            continue
        last = index
        while last + 1 < len(lines) and _continues(lines[last + 1][1]):
            last += 1
        end_offset, end_text = lines[last]
        notes.setdefault(
            note.group(1),
            Footnote(note.group(1), index, last, offset + note.start(1), end_offset + len(end_text)),
        )
        index = last + 1
    return notes


def calls(text: str) -> list[str]:
    """The footnote marks called in `text`, in order."""
    first = len(text) - len(text.lstrip())
    return [m.group(1) for m in _CALL.finditer(text) if m.start() > first]


def _continues(text: str) -> bool:
    """An indented line, not the start of the next note: the note goes on."""
    return text[:1] in " \t" and bool(text.strip()) and _NOTE.match(text) is None
