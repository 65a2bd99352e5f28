"""A rules: the sums of the quote add up (quantity × unit price, HT + TVA = TTC)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from segur_devis.amounts import format_euros
from segur_devis.quote import Line, Quote
from segur_devis.rules.base import Hit, rule

_CENT = Decimal("0.01")
_TOLERANCE = Decimal("0.05")  # rounding of cents line by line
_QUANTITY_BEFORE = re.compile(
    r"(?:^|\s)(?P<qty>\d{1,4}(?:,\d+)?)\s*(?:x|u|unites?|j|jours?|h|heures?|licences?|postes?|sites?|mois)?\s*$"
)
_RATE = re.compile(r"\btva\b[^\n%]{0,20}?(?P<rate>\d{1,2}(?:[.,]\d{1,2})?) ?%")
_TTC = re.compile(r"\bttc\b")
_HT = re.compile(r"\bht\b|\bh\.t\.")
_TVA = re.compile(r"\btva\b")
_TOTAL_HT = re.compile(r"\b(?:total|montant|sous-total)\b[^\n]{0,20}\bht\b")


def _rate(text: str) -> Decimal | None:
    m = _RATE.search(text)
    return Decimal(m.group("rate").replace(",", ".")) / 100 if m else None


@rule(
    "A01",
    "warning",
    "Total de ligne différent de quantité × prix unitaire",
    fix="Demandez à l’éditeur de corriger le calcul de la ligne (quantité × prix unitaire = total).",
    source="seed-002",
    locator="Exemples de devis (colonnes Qté, Prix unitaire HT, Total HT)",
    bad="""
        Devis n° 8 — Prestation Ségur HOP-PFI-Va1
        Formation hors Ségur (option)   3   450,00 €   1 450,00 €
    """,
    good="""
        Devis n° 8 — Prestation Ségur HOP-PFI-Va1
        Formation hors Ségur (option)   3   450,00 €   1 350,00 €
    """,
)
def line_total(quote: Quote) -> Iterator[Hit]:
    """
    Une erreur de calcul sur une ligne change ce que vous paierez ou ce que l’État paiera. Elle est souvent
    involontaire, mais elle doit être corrigée avant la signature.
    """
    for line in quote.lines:
        if len(line.amounts) < 2 or line.is_total:
            continue
        unit, total = line.amounts[-2], line.amounts[-1]
        m = _QUANTITY_BEFORE.search(line.text, 0, unit.start - line.start)
        if not m:
            continue
        qty = Decimal(m.group("qty").replace(",", "."))
        expected = (qty * unit.value).quantize(_CENT)
        if qty > 0 and abs(expected - total.value) > _TOLERANCE:
            yield Hit(
                f"{m.group('qty')} × {format_euros(unit.value)} font {format_euros(expected)}, "
                f"pas {format_euros(total.value)}.",
                (line.start + m.start("qty"), total.end),
            )


@rule(
    "A02",
    "warning",
    "Montant TTC différent du HT augmenté de la TVA",
    fix="Demandez à l’éditeur de corriger les totaux : TTC = HT + TVA, et TVA = HT × taux.",
    source="seed-002",
    locator="Exemples de devis (Total HT, TVA, Total TTC)",
    bad="""
        Devis n° 8 — Prestation Ségur HOP-PFI-Va1   8 560 € HT
        Total TTC (TVA 20,00%)   10 372,00 €
    """,
    good="""
        Devis n° 8 — Prestation Ségur HOP-PFI-Va1   8 560 € HT
        Total TTC (TVA 20,00%)   10 272,00 €
    """,
)
def tax_totals(quote: Quote) -> Iterator[Hit]:
    """
    Le montant TTC est celui qui est réellement facturé. S’il ne correspond pas au HT augmenté de la TVA, le devis
    est faux quelque part, et vous ne savez pas quel montant fait foi.
    """
    header_has_tax_columns = False
    running_ht = Decimal(0)
    for line in quote.lines:
        text = line.text
        if not line.amounts:
            if _TVA.search(text) and _TTC.search(text):
                header_has_tax_columns = True
            continue
        if len(line.amounts) == 3 and (header_has_tax_columns or (_TVA.search(text) and _TTC.search(text))):
            yield from _check_triplet(line)
            continue
        if line.is_total and _TTC.search(text) and len(line.amounts) == 1:
            rate = _rate(text)
            ttc = line.amounts[0]
            if rate is not None and running_ht > 0:
                expected = (running_ht * (1 + rate)).quantize(_CENT)
                if abs(expected - ttc.value) > _TOLERANCE:
                    yield Hit(
                        f"{format_euros(running_ht)} HT avec une TVA de {_percent(rate)} font "
                        f"{format_euros(expected)} TTC, pas {format_euros(ttc.value)}.",
                        (line.start, line.end),
                    )
            running_ht = Decimal(0)
            continue
        if line.is_total:
            if _TOTAL_HT.search(text) and not _TTC.search(text):
                running_ht = line.amounts[-1].value
            continue
        if _HT.search(text) or len(line.amounts) <= 2:
            running_ht += line.amounts[-1].value


def _check_triplet(line: Line) -> Iterator[Hit]:
    ht, tva, ttc = (a.value for a in line.amounts)
    if abs(ht + tva - ttc) > _TOLERANCE:
        yield Hit(
            f"{format_euros(ht)} HT + {format_euros(tva)} de TVA font {format_euros(ht + tva)}, pas {format_euros(ttc)}.",
            (line.amounts[0].start, line.amounts[2].end),
        )


def _percent(rate: Decimal) -> str:
    return f"{(rate * 100).normalize():f}".replace(".", ",") + " %"
