"""A signature table set in two columns, the vendor's and the client's side by side (a word processor's table
pasted with tabs, or a PDF's columns of spaces):

    Pour le prestataire          Pour le client
    Date : 10/11/2026            Date : 17/11/2026

The client signs in the column that is not the vendor's: its date is the signature date, the other one is the
vendor's.
"""

from __future__ import annotations

import re

from segur_devis.dates import FoundDate, find_dates
from segur_devis.document.cells import Cell, split_cells

# The heading row: the vendor's side named (« Pour le prestataire », « Pour l'éditeur »), the client's beside it
_VENDOR_SIDE = re.compile(
    r"pour (?:le |la |l')?(?:prestataire|editeur|fournisseur|vendeur|titulaire|societe|emetteur)\b"
)
_SIDE = re.compile(r"pour (?:le |la |l')")
_ROWS_BELOW = 10  # a signature block: name, title, date, signature, stamp (a PDF adds blank lines)


def column_signature_date(text: str) -> FoundDate | None:
    """The date in the client's column of a two-column signature table of `text` (folded, tabs kept), if any."""
    found = None
    for m in _VENDOR_SIDE.finditer(text):
        start = text.rfind("\n", 0, m.start()) + 1
        end = _line_end(text, start)
        header = split_cells(text[start:end], start)
        sides = [cell for cell in header if _SIDE.match(cell.text)]
        client = [cell for cell in sides if not _VENDOR_SIDE.match(cell.text)]
        if len(header) != 2 or len(sides) != 2 or len(client) != 1:
            continue  # a heading row of the two sides alone (not a table of who does what, by task)
        tabs = "\t" in text[start:end]
        client_at = _position(text, start, client[0], tabs)
        vendor_at = _position(text, start, next(c for c in sides if c is not client[0]), tabs)
        line = end + 1
        for _ in range(_ROWS_BELOW):
            if line >= len(text):
                break
            line_end = _line_end(text, line)
            for cell in split_cells(text[line:line_end], line):
                at = _position(text, line, cell, tabs)
                if abs(at - client_at) < abs(at - vendor_at):
                    for date_found in find_dates(text, cell.start, cell.end)[:1]:
                        if found is None or date_found.value > found.value:
                            found = date_found
            line = line_end + 1
    return found


def _line_end(text: str, start: int) -> int:
    end = text.find("\n", start)
    return len(text) if end < 0 else end


def _position(text: str, line_start: int, cell: Cell, tabs: bool) -> int:
    """Where a cell stands in its row: after how many tabs in a tabbed table (cells of any width), else at which
    character (columns of spaces)."""
    return text.count("\t", line_start, cell.start) if tabs else cell.column
