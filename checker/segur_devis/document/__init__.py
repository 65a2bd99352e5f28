"""A quote read as a document: its lines split into cells, its tables (columns with roles, rows), its header
fields (label → value) and its totals block.

Built from the folded text (`normalize.fold`), so every element keeps its span in the analysed text and evidence
stays exact. A PDF arrives here as its text laid out as on the page (`extract.py`, pypdf's layout mode): columns
are runs of spaces, exactly as in text pasted from a table; tab- and pipe-separated tables read the same way.
"""

from segur_devis.document.cells import Cell, split_cells
from segur_devis.document.fields import Field, find_fields
from segur_devis.document.numbers import Number, parse_number
from segur_devis.document.tables import Column, Row, Table, find_tables
from segur_devis.document.totals import TotalEntry, find_captioned_total, find_totals, total_kind

__all__ = [
    "Cell",
    "Column",
    "Field",
    "Number",
    "Row",
    "Table",
    "TotalEntry",
    "find_captioned_total",
    "find_fields",
    "find_tables",
    "find_totals",
    "parse_number",
    "split_cells",
    "total_kind",
]
