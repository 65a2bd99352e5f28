"""The totals block: « Total HT », « TVA 20 % », « Total TTC », « Net à payer », « Reste à charge », sub-totals.

Each amount of a total line is paired with the label written just before it, so that « Total HT 11 240,00 € —
TVA 2 248,00 € — Total TTC 13 488,00 € » gives three entries, and « Total TTC (TVA 20 %) 10 272,00 € » a TTC with
its rate.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from segur_devis.amounts import Amount
from segur_devis.normalize import fast, first_named, named_patterns

# « TTC » names a tax-included amount, in a column's header as in a total's label.
TTC_WORD = r"\bttc\b"

TotalKind = Literal[
    "sous_total", "total_ht", "tva", "total_ttc", "net_a_payer", "reste_a_charge", "state_total"
]

# Label words, first match wins (order matters: « Reste à charge TTC » is what the client pays, not a TTC).
_KINDS: tuple[tuple[TotalKind, re.Pattern[str]], ...] = named_patterns(
    [
        # « Montant à régler par l'ESAT »: what a payer other than the State is asked for
        (
            "reste_a_charge",
            r"\breste a (?:votre )?charge\b|\ba la charge (?:du client|de l')|\ba (?:regler|payer) par (?!l'etat\b|l'asp\b)",
        ),
        ("state_total", r"\bpris en charge par l'etat\b|\bfinance\w* par l'etat\b|\bmontant sons\b"),
        ("net_a_payer", r"\bnet a payer\b|\bmontant a payer\b|\btotal a payer\b"),
        ("total_ttc", TTC_WORD),
        ("tva", r"\btva\b"),
        ("sous_total", r"\bsous-total\b"),
        # « Valeur nette totale HT », an ERP's « Valeur nette HT » too
        ("total_ht", r"\b(?:totale?|montant total|montant|valeur nette|valeur brute|valeur ht)\b"),
    ]
)
# « 12 000 € HT soit 14 400 € TTC »: the unit after the amount says what it is.
_UNIT = re.compile(r" ?(ht|ttc)\b")
_UNIT_AFTER: dict[str, TotalKind] = {"ht": "total_ht", "ttc": "total_ttc"}
# « TVA 20 % : 296,00 € sur la ligne 1 ; 5,80 € par mois sur la ligne 2 »: the tax of one line is no total of the
# quote (a monthly total « Total TTC 58,80 € par mois » still is one).
_OF_ONE_LINE = re.compile(r" ?(?:ht |ttc )?(?:(?:sur|pour|de) la ligne\b|\(ligne\b)")
_RATE = re.compile(r"(?P<rate>\d{1,2}(?:[.,]\d{1,2})?) ?%")
# « Total Section 1 HT », « Sous-total lot 2 »: the number right after the word names a part of the quote, it is
# not an amount (« Sous-total de la page      36 900,00 »: an amount in the next cell is one).
_PART_NUMBER = re.compile(r"\b(?:section|partie|lot|page|tranche|phase|annexe)(?:\W?| ?[:n°-]{1,2} ?)$")
# « Total par année   3 000,00   2 400,00   2 400,00   7 800,00 », « Total annuel … »: a row of sums of a table by
# year or month (several amounts), not the quote's total (« Total HT 49,00 € par mois » is one: its period follows
# its amount; « Total annuel HT : 1 200 € » too: one amount).
_PER_PERIOD = re.compile(r"\btotal (?:(?:par|/) ?(?:an|annee|mois|trimestre)|annuel|mensuel|trimestriel)\b")
# « Report à la page 2 : 40 400,00 » / « Report de la page 1 » / « À reporter » on a quote over several pages, or
# « Report » alone as the label of the amount opening the next page: the sum of the lines above carried over,
# neither a billed item nor a total of the quote.
CARRIED_FORWARD = fast(
    r"\breport(?:s? (?:a|de|sur|en) (?:la )?page|er|e)\b|^[ \t|]*reports?\b[ \t:|]*(?=[0-9-])"
)


@dataclass(frozen=True, slots=True)
class TotalEntry:
    kind: TotalKind
    amount: Amount
    rate: Decimal | None  # a TVA rate written in the label (0.2 for « 20 % »)
    line: int  # index of its line
    start: int  # folded span of its label and amount
    end: int


def find_totals(line: int, offset: int, text: str, amounts: Sequence[Amount]) -> list[TotalEntry]:
    """The entries of one total line (`amounts` are its amounts, in folded offsets)."""
    entries = []
    label_start = 0
    several = len(amounts) >= 3
    amounts = _summed_row(text, offset, amounts)
    for amount in amounts:
        label = text[label_start : amount.start - offset]
        if _PART_NUMBER.search(label):
            continue  # the part's number stays in the label of the amount after it
        if several and _PER_PERIOD.search(label):
            label_start = amount.end - offset
            continue  # « Total par année   3 000,00   2 400,00 … » of a table by year: not a total of the quote
        after = text[amount.end - offset : amount.end - offset + 14]
        if _OF_ONE_LINE.match(after):
            label_start = amount.end - offset
            continue
        entries += _entry(label, after, amount, line, offset + label_start)
        label_start = amount.end - offset
    return entries


_TAX = re.compile(r"\b(?:tva|ttc|taxes?)\b")


def _summed_row(text: str, offset: int, amounts: Sequence[Amount]) -> Sequence[Amount]:
    """« Total HT   33 900,00   2 400,00   2 400,00   38 700,00 » under columns « Année 1 | Année 2 | Année 3 |
    Total »: bare amounts after one label, the last of which sums the three or more others, are the total of the
    row's parts; the label names that last one (the parts are dropped). Not two parts, nor on a line naming a tax:
    « Total   1 000,00   200,00   1 200,00 » is HT, TVA and TTC."""
    if _TAX.search(text):
        return amounts
    run = 1
    while run < len(amounts) and not text[amounts[run - 1].end - offset : amounts[run].start - offset].strip(
        " €|\t"
    ):
        run += 1
    if run < 4 or sum(a.value for a in amounts[: run - 1]) != amounts[run - 1].value:
        return amounts
    return [amounts[run - 1], *amounts[run:]]


def total_kind(label: str) -> TotalKind | None:
    """What a total's label says it is (« Total HT », « Dont pris en charge par l'État », « Net à payer »…)."""
    return first_named(_KINDS, label)


def find_captioned_total(
    line: int, caption_start: int, caption: str, offset: int, text: str, amount: Amount
) -> list[TotalEntry]:
    """A total written over two lines: its label `caption` (the line at folded offset `caption_start`) above the
    line `text` (at `offset`) that holds only its amount."""
    after = text[amount.end - offset : amount.end - offset + 14]
    return _entry(caption, after, amount, line, caption_start)


def _entry(label: str, after: str, amount: Amount, line: int, start: int) -> list[TotalEntry]:
    """The entry of `amount` from its label, or from the unit right after it (« 12 000 € HT »): none if neither
    says what it is."""
    kind = total_kind(label) or _UNIT_AFTER.get(m.group(1) if (m := _UNIT.match(after)) else "")
    if kind is None:
        return []
    found = _RATE.search(label) or _RATE.search(after)
    rate = Decimal(found.group("rate").replace(",", ".")) / 100 if found else None
    return [TotalEntry(kind, amount, rate, line, start, amount.end)]
