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
from segur_devis.normalize import fast

_ID = r"[a-z0-9][a-z0-9/_.-]*\d[a-z0-9/_.-]*"
_SEP = re.compile(r"(?:[ \t:|.…]|n°|no\b)*")  # « : », « | », « n° », dotted leaders


@dataclass(frozen=True, slots=True)
class FieldSpec:
    key: str
    label: re.Pattern[str]
    value: re.Pattern[str] | None  # what a valid value looks like; None: any text
    line_start: bool = False  # the label opens its line or follows a dash (« MÉDIGEST — Devis MG-26 »)


def _label(*branches: str) -> re.Pattern[str]:
    """Each branch starts with `\\b` and a letter (so `literal_first` makes it fast). Spaces match any run of
    white space, line breaks included (a label wrapped in its cell); « ? » after a space: optional, same line."""
    flexible = re.sub(r" (?!\?)", r"\\s+", "|".join(branches)).replace(" ?", "[\\t ]*")
    return fast(flexible, re.MULTILINE)


def _each(words: str, suffix: str = "") -> str:
    """One branch per word: « a|b », « X » → « \\ba X|\\bb X »."""
    return "|".join(rf"\b{word}{suffix}" for word in words.split("|"))


_NUMERO = r"n(?:umeros?|°|o|um)\.?"
_QUOTE_WORDS = (
    "bon de commande|devis|commande|proposition commerciale|proposition|offre commerciale|offre|bdc"
)
_TITLES = "devis|bon de commande|proposition commerciale|offre commerciale"
_CLIENT_WORDS = "client|etablissement|destinataire|beneficiaire|adresse de facturation|a l'attention de|structure|pharmacie|cabinet"

SPECS: tuple[FieldSpec, ...] = (
    FieldSpec(
        "numero_referencement",
        _label(
            rf"\b{_NUMERO} ?(?:uniques? )?(?:de |d')?(?:referencement|enregistrement)(?: ans)?"
            r"(?: de la (?:solution|version)(?: logicielle)?)?(?:\s*\((?:delivre|attribue) par l'ans\))?",
            r"\breferencement ans\b",
            r"\bid(?:entifiant)? (?:de )?referencement\b",
        ),
        re.compile(r"[a-z0-9][a-z0-9/_.-]{3,}"),
    ),
    FieldSpec(
        "numero_devis",
        _label(
            *(
                rf"\b{first} ?(?:du |de |de la |d'|de l')?(?:bon de commande|devis|commande|proposition"
                r"(?: commerciale)?|offre|bdc)\b"
                for first in (_NUMERO, r"ref(?:erence)?\.?")
            ),
            _each(_QUOTE_WORDS, r"(?: segur| sons)? ?(?:n°|no\b|numero|num\.?|ref\.?|reference)"),
        ),
        re.compile(_ID),
    ),
    FieldSpec(
        "numero_devis", _label(_each(_TITLES, rf"(?=[\t\x20]+{_ID})")), re.compile(_ID), line_start=True
    ),
    FieldSpec(
        "logiciel",
        _label(
            _each(
                "denomination|nom|designation",
                r"(?: et version)? (?:du|de la) (?:logiciel|solution)(?: logicielle)?(?: referencee?)?",
            ),
            _each("logiciel|solution logicielle|solution", r"(?=[\t\x20.…]*:)"),
        ),
        None,
    ),
    FieldSpec(
        "version_logiciel", _label(r"\bversion(?: du logiciel| referencee| segur)?(?=[\t\x20.…]*:)"), None
    ),
    FieldSpec("client", _label(_each(_CLIENT_WORDS, r"(?=[\t\x20.…]*:)")), None),
    FieldSpec("client", _label(r"\bclient(?=\t|\x20{2,})"), None, line_start=True),
    FieldSpec(
        "editeur",
        _label(_each("editeur|fournisseur|emetteur|prestataire|vendeur", r"(?=[\t\x20.…]*:)")),
        None,
    ),
    FieldSpec(
        "bareme",
        _label(
            r"\bbase de calcul(?: du bareme)?(?: du montant maximal(?: paye)?)?",
            r"\bbareme\b(?=[^\n]{0,40}:)",
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
    if len(cells) > 1 and not any(ch.isdigit() for ch in first.text):
        # « Numéro unique de référencement de la │ DUI-V2-2025-0042 »: the label wraps in its cell, and the rest
        # of its first line (« de la ») stands before the value's cell
        first = cells[1] if not spec.value.match(text, first.start, first.end) else first
    v = spec.value.match(text, first.start, first.end)
    if not v or not any(ch.isdigit() for ch in v.group()):
        return None
    return v.start(), v.end()


def _opens_line(text: str, pos: int) -> bool:
    """`pos` opens its line, or a part of it after a dash (« INTERLINK — Devis IH-PFI-2025-061 — page 1/2 »)."""
    before = text[text.rfind("\n", 0, pos) + 1 : pos].rstrip()
    return not before or before.endswith(("—", "–", " -", "|"))


def find_fields(text: str, line_starts: Sequence[int]) -> dict[str, Field]:
    """The first field of each kind with a value, in the folded `text` whose lines start at `line_starts`."""
    from bisect import bisect_right

    found: dict[str, Field] = {}
    for spec in SPECS:
        if spec.key in found:
            continue
        for m in spec.label.finditer(text):
            if spec.line_start and not _opens_line(text, m.start()):
                continue
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
