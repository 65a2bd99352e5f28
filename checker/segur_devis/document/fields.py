"""Header fields: a label and its value, wherever the quote writes them.

« Devis n° ML-2026-0412 du 14/10/2026 » on one line, « Client : EHPAD Les Tilleuls », a two-cell table row
(« Numéro unique de référencement … (délivré par l'ANS) │ RS-2026-00871 ») whose label may wrap over two lines,
or a label alone on its line with the value on the next one. The value is the first cell after the label; a
field whose value must be an identifier (a quote number, a referencing number) keeps only a value with a digit.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from segur_devis.document.cells import split_cells

_ID = r"[a-z0-9][a-z0-9/_.-]*\d[a-z0-9/_.-]*"
_SEP = re.compile(r"[ \t]*(?:[:|]|n°|no\b|\.)*[ \t]*")


@dataclass(frozen=True, slots=True)
class FieldSpec:
    key: str
    label: re.Pattern[str]
    value: re.Pattern[str] | None  # what a valid value looks like; None: any text


def _label(pattern: str) -> re.Pattern[str]:
    """Spaces match any run of white space, line breaks included (a label wrapped in its cell); « ? » after a
    space makes it optional on the same line."""
    flexible = re.sub(r" (?!\?)", r"\\s+", pattern).replace(" ?", "[\\t ]*")
    return re.compile(flexible, re.MULTILINE)


SPECS: tuple[FieldSpec, ...] = (
    FieldSpec(
        "numero_referencement",
        _label(
            r"\b(?:numeros?|n°|no|num)\.? ?(?:uniques? )?(?:de |d')?(?:referencement|enregistrement)(?: ans)?"
            r"(?: de la (?:solution|version)(?: logicielle)?)?(?:\s*\((?:delivre|attribue) par l'ans\))?"
            r"|\breferencement ans\b|\bid(?:entifiant)? (?:de )?referencement\b"
        ),
        re.compile(r"[a-z0-9][a-z0-9/_.-]{3,}"),
    ),
    FieldSpec(
        "numero_devis",
        _label(
            r"\b(?:numero|n°|no|num|ref(?:erence)?)\.? ?(?:du |de |de la |d'|de l')?"
            r"(?:bon de commande|devis|commande|proposition(?: commerciale)?|offre|bdc)\b"
            r"|\b(?:bon de commande|devis|commande|proposition commerciale|proposition|offre commerciale|offre|bdc)"
            r"(?: segur| sons)? ?(?:n°|no\b|numero|num\.?|ref\.?|reference)"
            r"|^[ \t]*(?:devis|bon de commande|proposition commerciale|offre commerciale)(?= +" + _ID + ")"
        ),
        re.compile(_ID),
    ),
    FieldSpec(
        "logiciel",
        _label(
            r"\b(?:denomination|nom|designation)(?: et version)? (?:du|de la) (?:logiciel|solution)(?: logicielle)?"
            r"(?: referencee?)?|\b(?:logiciel|solution logicielle|solution)(?= ?:)"
        ),
        None,
    ),
    FieldSpec("version_logiciel", _label(r"\bversion(?: du logiciel| referencee| segur)?(?= ?:)"), None),
    FieldSpec(
        "client",
        _label(
            r"\b(?:client|etablissement|destinataire|beneficiaire|adresse de facturation|a l'attention de"
            r"|structure|pharmacie|cabinet)(?= ?:)|^[ \t]*client(?=[ \t]{2,}|\t)"
        ),
        None,
    ),
    FieldSpec("editeur", _label(r"\b(?:editeur|fournisseur|emetteur|prestataire|vendeur)(?= ?:)"), None),
    FieldSpec(
        "bareme",
        _label(
            r"\bbase de calcul(?: du bareme)?(?: du montant maximal(?: paye)?)?|\bbareme\b(?=[^\n]{0,40}:)"
        ),
        None,
    ),
)


@dataclass(frozen=True, slots=True)
class Field:
    key: str
    label_start: int  # folded offsets
    label_end: int
    start: int  # of the value
    end: int
    value: str  # folded


def _value_at(text: str, pos: int, end: int, spec: FieldSpec) -> tuple[int, int] | None:
    """The value's span starting at `pos` (after separators), within this line (`end`)."""
    m = _SEP.match(text, pos, end)
    start = m.end() if m else pos
    if start >= end:
        return None
    cells = split_cells(text[start:end], start)
    if not cells:
        return None
    first = cells[0]
    if spec.value is None:
        value_end = first.end
        comma = text.find(", ", first.start, first.end)
        if spec.key in ("client", "editeur") and comma > first.start:
            value_end = comma  # « EHPAD Les Tilleuls, 12 rue des Lilas »: the name
        return (first.start, value_end) if len(text[first.start : value_end].strip()) >= 2 else None
    v = spec.value.match(text, first.start, first.end)
    if not v or not any(ch.isdigit() for ch in v.group()):
        return None
    return v.start(), v.end()


def find_fields(text: str, line_starts: Sequence[int]) -> dict[str, Field]:
    """The first field of each kind with a value, in the folded `text` whose lines start at `line_starts`."""
    from bisect import bisect_right

    found: dict[str, Field] = {}
    for spec in SPECS:
        for m in spec.label.finditer(text):
            i = bisect_right(line_starts, m.end()) - 1
            line_end = text.find("\n", m.end())
            line_end = len(text) if line_end < 0 else line_end
            span = _value_at(text, m.end(), line_end, spec)
            if span is None and i + 1 < len(line_starts) and not text[m.end() : line_end].strip(" \t:|"):
                # the label ends its line: the value is on the next one
                nxt = line_starts[i + 1]
                nxt_end = text.find("\n", nxt)
                span = _value_at(text, nxt, len(text) if nxt_end < 0 else nxt_end, spec)
            if span is not None:
                found[spec.key] = Field(
                    spec.key, m.start(), m.end(), span[0], span[1], text[span[0] : span[1]]
                )
                break
    return found
