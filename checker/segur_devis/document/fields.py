"""Header fields: a label and its value, wherever the quote writes them.

« Devis n° ML-2026-0412 du 14/10/2026 » on one line, « Client : EHPAD Les Tilleuls », a two-cell table row
(« Numéro unique de référencement … (délivré par l'ANS) │ RS-2026-00871 ») whose label may wrap over two lines,
or a label alone on its line with the value on the next one (text copied from a PDF viewer one cell per line:
« Référence » then « MSH-DPI-25-0633 »). The value is the first cell after the label, up to the label of another
field on the same line; a field whose value must be an identifier (a quote number, a referencing number) keeps only
a value with a digit.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from segur_devis.document.cells import split_cells
from segur_devis.normalize import fast

# an identifier holds a digit and ends with a letter or a digit (« PFI-VA2-2024-0188. » ends a sentence)
_ID = r"[a-z0-9][a-z0-9/_.-]*\d[a-z0-9/_.-]*(?<![/_.-])"
# a whole cell (« Offre ....... 20018547 »: not the « 120 » of « Offre   120,00 € »)
_WHOLE_ID = re.compile(rf"{_ID}(?=[\t\x20]|$)")
# a code, not a bare number (« Offre 1 », a choice among several) nor a date: a letter or a separator in it
# (nor a DSR, « MS-DUI-Va2 », which names the funding file)
_CODE_ID = re.compile(
    rf"(?!\d{{1,2}}/\d{{1,2}}/\d{{2,4}}\b)(?![a-z0-9/_.-]*-va\d(?![a-z0-9/_.-]))(?=[a-z0-9]*[a-z/_.-]){_ID}"
)
_SEP = re.compile(r"(?:[ \t:|.…]|n°|no\b)*")  # « : », « | », « n° », dotted leaders


@dataclass(frozen=True, slots=True)
class FieldSpec:
    key: str
    label: re.Pattern[str]
    value: re.Pattern[str] | None  # what a valid value looks like; None: any text
    line_start: bool = False  # the label opens its line or follows a dash (« MÉDIGEST — Devis MG-26 »)
    alone: bool = False  # the label fills its line (one cell per line): the value is on the next one


def _label(*branches: str) -> re.Pattern[str]:
    """Each branch starts with `\\b` and a letter (so `literal_first` makes it fast). Spaces match any run of
    white space, line breaks included (a label wrapped in its cell); « ? » after a space: optional, same line."""
    flexible = re.sub(r" (?!\?)", r"\\s+", "|".join(branches)).replace(" ?", "[\\t ]*")
    return fast(flexible, re.MULTILINE)


def _alone(*branches: str) -> re.Pattern[str]:
    """A label that fills its line (but a colon): « Référence » above « MSH-DPI-25-0633 ». The pattern starts with
    the line break, a literal the regex engine skips to (so a label on the text's very first line is not read:
    that line is the vendor's name or the title); group 1 is the label."""
    words = "|".join(branches).replace(" ", r"[\t\x20]+")
    return re.compile(rf"\n[\t\x20]*({words})(?=[\t\x20:]*$)", re.MULTILINE)


def _key_cell(*branches: str) -> re.Pattern[str]:
    """A label that fills the first cell of its line, its value in the next cell (« Numéro → OS-DV-26-1187 » in a
    two-column table or a spreadsheet export, « Offre ........ 20018547 » in an ERP header); like `_alone`, from
    the line break on, group 1 the label."""
    words = "|".join(branches).replace(" ", r"[\t\x20]+")
    return re.compile(rf"\n[\t\x20]*({words})(?=[\x20:]*\t|\x20{{2,}}|\x20*(?:\.{{3,}}|…))")


def _each(words: str, suffix: str = "", *, not_after: tuple[str, ...] = ()) -> str:
    """One branch per word: « a|b », « X » → « \\ba X|\\bb X »; a one-word branch is no match right after
    one of `not_after` (checked once the word matched: a pattern starting with a lookbehind is scanned slowly)."""
    return "|".join(
        rf"\b{word}"
        + ("" if " " in word else "".join(f"(?<!{before}{word})" for before in not_after))
        + suffix
        for word in words.split("|")
    )


_NUMERO = r"n(?:umeros?|°|o|um)\.?"
_QUOTE_WORDS = (
    "bon de commande|devis|commande|proposition commerciale|proposition|offre commerciale|offre de prix|offre|bdc"
    "|avenant|facture pro ?forma|pro ?forma|cotation|quotation|quote"
)
# « N° de la proposition », and an ERP's « N° de pièce », « Numéro de document »
_OF_A_QUOTE = (
    r"(?:du |de |de la |d'|de l')?"
    r"(?:bon de commande|devis|commande|proposition(?: commerciale)?|offre|bdc|avenant|piece|document)\b"
    # whose it is, in a public contract: « Référence de l'offre du titulaire : », « … du candidat »
    r"(?: (?:du|de l'|de la) ?(?:titulaire|candidat|soumissionnaire|fournisseur|prestataire|editeur))?"
)
_TITLES = "devis|bon de commande|proposition commerciale|proposition|offre commerciale|offre de prix"
_CLIENT_WORDS = "client|etablissement|destinataire|beneficiaire|adresse de facturation|a l'attention de|structure|pharmacie|cabinet"
# « Reste à charge de la pharmacie : 0,00 € »: a client word as a complement, not a label
_COMPLEMENT = (r"de\x20la\x20", r"de\x20l'", r"du\x20", r"au\x20")
# What may follow a referencing label: « de la solution logicielle », « (délivré par l'ANS) » with or without its
# brackets, or any short bracketed gloss (« N° REF. ANS (numero unique de reference delivre par l'ANS) »)
_REFERENCING_TAIL = (
    r"(?: (?:de la|du) (?:solution|version|logiciel)(?: logicielle)?)?"
    r"(?:\s*\(?(?:delivre|attribue)e? par l'ans\)?|\s*\([^)\n]{0,80}\))?"
)
# « TilleulSoft DUI 5.4 », « Axiome DUI 2026 R2 », « Imagis RIS 15 », « Interlink PFI - vers. 7.4 », « Xyz (version
# 4.2) »: a software's name, then its version at the end (« MediSys DPI vague 2 » names the vague, not a version)
SOFTWARE_VERSION = re.compile(
    r"(?<=\S )(?<!vague )(?<!va )(?:[-–—] |\()?(?:v|vers\.?|version|release)?[ .]?(?P<number>\d+(?:[.,]\d+)*(?: ?r\d+)?)\)?\s*$"
)

_NUMBER_NEXT = r"(?=[\t\x20:]*[a-z0-9/_.-]*\d)"
# The label of the referencing number, also when its value is missing (rule M03 says so)
REFERENCING_LABEL = _label(
    # before the shorter labels they start with (« référencé ANS », « référencement ANS »), which would win
    # « référencé ANS sous le n° … », « référencée par l'ANS sous le numéro … »
    rf"\breferencee? (?:par l'ans|ans) sous le {_NUMERO}",
    # one branch per first letter (the pattern is tried at every position of the text): « référencé Ségur sous le
    # n° », « référencé par l'ANS sous la référence », « Référencement ANS obtenu le 12/03/2026 sous le numéro »
    # (the number right after: « sous le numéro unique de référencement … » is read by its own label below),
    # « Solution référencée (n° … », « Référencement de la solution : », « Référencement (n°) : » (its value must
    # then be an identifier)
    rf"\breferenc(?:(?:ement|ee?s?)\b[^\n:()]{{0,60}}? sous (?:le|la) (?:{_NUMERO}|reference){_NUMBER_NEXT}"
    rf"|ee?s?(?: par l'ans| ans| segur)? ?\( ?{_NUMERO}{_NUMBER_NEXT}"
    r"|ement (?:de la solution|du logiciel)(?: logicielle)?(?=[\t\x20]*:)"
    rf"|ement(?=[\t\x20]*(?::|{_NUMERO}[\t\x20]*:)))",
    # « référencement délivré par l'ANS : … », « Référencement ANS de Molibio SIL 2026.3 : … »
    r"\breferencement (?:delivre|attribue) par l'ans\b",
    r"\breferencement ans de [^:\n]{1,60}(?=[\t\x20]*:)",
    rf"\b{_NUMERO} ?(?:uniques? )?(?:de |d')?(?:referencement|enregistrement)(?: ans| segur)?{_REFERENCING_TAIL}",
    # « N° réf. ANS », « Numéro unique de référence », « Numéro ANS : »
    rf"\b{_NUMERO} ?(?:ref(?:erence)?\.? ans\b|uniques? (?:de )?reference\b|ans\b(?=[\t\x20]*:)){_REFERENCING_TAIL}",
    # « Réf. ANS », « Réf. de référencement »
    rf"\bref(?:erence)?\.? (?:ans\b{_REFERENCING_TAIL}|(?:de |d')?referencement\b(?: ans| segur)?)",
    r"\bidentifiant ans\b",
    rf"\breferencement (?:ans|segur)\b(?: ?{_NUMERO})?",
    # « ID / Identifiant / Code de référencement (Ségur) »
    r"\bid(?:entifiant)? (?:de |d')?referencement\b(?: ans| segur)?",
    r"\bcode (?:de |d')?referencement\b(?: ans| segur)?",
)

SPECS: tuple[FieldSpec, ...] = (
    FieldSpec(
        "numero_referencement",
        REFERENCING_LABEL,
        # not a date (« obtenu le 12/03/2026 »), nor a DSR (« DSR HOP-DPI-Va2 », which names the file, not the software)
        re.compile(
            r"(?!\d{1,2}/\d{1,2}/\d{2,4}\b)(?![a-z0-9/_.-]*-va\d(?![a-z0-9/_.-]))[a-z0-9][a-z0-9/_.-]{3,}(?<![/_.-])"
        ),
    ),
    FieldSpec(
        "numero_devis",
        _label(
            *(
                # « Numéro de la proposition / du bon de commande : NXS-2022-0640 »
                rf"\b{first} ?{_OF_A_QUOTE}(?: ?/ ?{_OF_A_QUOTE})?"
                for first in (_NUMERO, r"ref(?:erence)?\.?")
            ),
            _each(_QUOTE_WORDS, r"(?: segur| sons)? ?(?:n°|no\b|numero|num\.?|ref\.?|reference|#)"),
        ),
        re.compile(_ID),
    ),
    FieldSpec(
        "numero_devis", _label(_each(_TITLES, rf"(?=[\t\x20]+{_ID})")), re.compile(_ID), line_start=True
    ),
    # « Hospiweb — Offre HW-PFI-2026-014, émise le … »: a bare « offre » names many things (« Offre 1 », « offre
    # de services »), so only a code right after it, where a title stands
    FieldSpec("numero_devis", _label(rf"\boffre(?=[\t\x20]+{_ID})"), _CODE_ID, line_start=True),
    # « Devis : DV-2026-0012 » opening its line; « Votre devis DV-2026-0012 du 10/10/2026 » in a letter
    FieldSpec("numero_devis", _label(_each(_TITLES, r"(?=[\t\x20]*:)")), _CODE_ID, line_start=True),
    FieldSpec(
        "numero_devis",
        _label(
            *(
                rf"\b{whose} (?:devis|offre|proposition(?: commerciale)?)(?=[\t\x20]+{_ID})"
                for whose in ("votre", "notre")
            )
        ),
        _CODE_ID,
    ),
    # « Offre pluriannuelle BLX-2026-0418 », « Devis complémentaire DV-26-12 »: the title, one or two words, then a
    # code with a letter in it (not a date, nor « Devis valable 90 jours »)
    FieldSpec(
        "numero_devis",
        _label(_each(_TITLES + "|offre", r"(?:\x20[a-z]+){1,2}(?=\x20+[a-z0-9/_.-]*[a-z][a-z0-9/_.-]*\d)")),
        _CODE_ID,
        line_start=True,
    ),
    # « CABINETPLUS — DEVIS RÉÉDITÉ », then « N° CP-VA1-2022-1184-R2 » opening the next line
    FieldSpec(
        "numero_devis",
        _label(_each(_TITLES, rf"\b[^\n]{{0,60}}\n[\t\x20]*{_NUMERO}")),
        _CODE_ID,
        line_start=True,
    ),
    # « DEVIS DRIMBOX — N° P1-DB-0062 », « PROPOSITION DE PRESTATION N° CSI/DPI/2025/0788 », « Devis Ségur vague 2 —
    # DRIMbox — réf. IMP-2026-0087 »: the quote's name, then its number further on the line
    FieldSpec(
        "numero_devis",
        _label(_each(_TITLES, r"\b[^\n]{0,80}?\b(?:n°|no\b|numeros?\b|num\b\.?|ref\b\.?|reference\b)")),
        re.compile(_ID),
    ),
    # « extrait joint à l'offre ÉQUINOXE SANTÉ n° EQX-25-0477 »: a bare « offre » names many things (« Offre 1 —
    # lot n° 2 »), so only a code
    FieldSpec(
        "numero_devis",
        _label(r"\boffre\b[^\n]{0,60}?\b(?:n°|no\b|numero\b)"),
        _CODE_ID,
    ),
    FieldSpec(  # « Référence : MSH-DPI-25-0633 », a letter's « N/Réf. : » opening its line (« Référence client : » is
        # another field)
        "numero_devis",
        _label(
            *(
                rf"\b{ref}(?=[\t\x20]*:)"
                for ref in (
                    r"reference",
                    r"ref\b\.?",
                    r"n/ ?ref\b\.?",
                    r"nos? ref(?:erences?)?\b\.?",
                    "notre reference",
                )
            )
        ),
        re.compile(_ID),
        line_start=True,
    ),
    FieldSpec(
        "numero_devis",
        _alone(r"reference", r"ref\.?"),
        re.compile(_ID),
        alone=True,
    ),
    FieldSpec("numero_devis", _key_cell(_NUMERO, r"ref(?:erence)?\.?", _QUOTE_WORDS), _WHOLE_ID, alone=True),
    # « Bon de commande valant avenant — BC-PM-2025-0266 — émis le … »: the title, a few words, a dash, the number
    FieldSpec(
        "numero_devis",
        _label(_each(_TITLES, r"(?:\x20[a-z']+){0,3}\x20-(?=\x20)")),
        re.compile(rf"(?![a-z0-9/_.-]*-va\d\b){_ID}"),
        line_start=True,
    ),
    # « DEVIS » alone on its line, « N° DV-2025-12 » on the next: an identifier, not a date nor a bare number
    FieldSpec(
        "numero_devis",
        _alone(_TITLES),
        _CODE_ID,
        alone=True,
    ),
    FieldSpec(
        "logiciel",
        _label(
            _each(
                "denomination|nom|designation",
                r"(?: et version)? (?:du|de la) (?:logiciel|solution)(?: logicielle)?(?: referencee?)?",
            ),
            _each(
                "logiciel|solution logicielle|solution|denomination",
                r"(?: et version| concernee?| referencee?| commerciale)?(?=[\t\x20.…]*:)",
            ),
        ),
        None,
    ),
    FieldSpec(
        "logiciel",
        _alone(r"(?:logiciel|solution logicielle|solution)(?: referencee?)?"),
        None,
        alone=True,
    ),
    FieldSpec(
        "version_logiciel", _label(r"\bversion(?: du logiciel| referencee| segur)?(?=[\t\x20.…]*:)"), None
    ),
    FieldSpec("version_logiciel", _alone(r"version(?: du logiciel| referencee| segur)?"), None, alone=True),
    FieldSpec("client", _label(_each(_CLIENT_WORDS, r"(?=[\t\x20.…]*:)", not_after=_COMPLEMENT)), None),
    FieldSpec("client", _label(r"\bclient(?=\t|\x20{2,})"), None, line_start=True),
    FieldSpec("client", _alone(_CLIENT_WORDS), None, alone=True),
    FieldSpec(
        "editeur",
        _label(_each("editeur|fournisseur|emetteur|prestataire|vendeur", r"(?=[\t\x20.…]*:)")),
        None,
    ),
    FieldSpec("editeur", _key_cell("editeur|fournisseur|emetteur|prestataire|vendeur"), None, alone=True),
    FieldSpec(
        "bareme",
        _label(
            r"\bbase (?:de calcul(?: du bareme)?|du bareme)(?: du montant maximal(?: paye)?)?",
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
        # « RIS : IMG-RIS-VA2-2026-0021 ; DRIMbox : … »: one value per software, each after its name
        sub = _SUB_LABEL.match(text, first.start, first.end)
        v = spec.value.match(text, sub.end(), first.end) if sub else v
    if not v or not any(ch.isdigit() for ch in v.group()):
        return None
    return v.start(), v.end()


_SUB_LABEL = re.compile(r"[a-z][a-z0-9]{1,15}[\t\x20]*:[\t\x20]*")


def _opens_line(text: str, pos: int) -> bool:
    """`pos` opens its line, or a part of it: after a dash (« INTERLINK — Devis IH-PFI-2025-061 — page 1/2 »), a
    bilingual title's slash (« Quote / Devis SN-2026-0392 »), a column's gap (« PRAXIMED    Devis PXM-26-11 »:
    the vendor's block beside the quote's), or a letter's subject (« Objet : proposition PS-PFI-2025-0918 »)."""
    raw = text[text.rfind("\n", 0, pos) + 1 : pos]
    before = raw.rstrip()
    if not before.strip("# "):  # nothing, or a Markdown heading's « # »
        return True
    return (
        before.endswith(("—", "–", " -", "|", "/"))
        or raw.endswith(("\t", "  "))
        or _SUBJECT.fullmatch(before) is not None
    )


_SUBJECT = re.compile(r"[ \t]*objet ?:")


def _cut_at_labels(found: dict[str, Field]) -> dict[str, Field]:
    """Each value ends where another field's label starts on its line (« Logiciel : Officinal 12.4 N° réf. ANS :
    PHA-LGO-VA2-2026-0057 »: the software is « Officinal 12.4 »)."""
    cut = {}
    for key, field in found.items():
        end = min(
            (f.label_start for f in found.values() if field.start < f.label_start < field.end), default=None
        )
        if end is not None:
            value = field.value[: end - field.start].rstrip(" \t:|-—–,;")
            field = Field(
                key, field.label_start, field.label_end, field.start, field.start + len(value), value
            )
        cut[key] = field
    return cut


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
                    spec.key,
                    m.start(1 if spec.alone else 0),
                    m.end(),
                    span[0],
                    span[1],
                    text[span[0] : span[1]],
                )
                break
    return _cut_at_labels(found)
