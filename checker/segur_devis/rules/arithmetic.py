"""A rules: the sums of the quote add up (quantity × unit price, HT + TVA = TTC)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from segur_devis.amounts import format_euros
from segur_devis.quote import LEGAL_LINE, SUMMARY_LINE, Line, Quote
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
    tax_columns = False  # a table header announcing HT / TVA / TTC columns
    items_ht = Decimal(0)  # sum of the item totals since the last TTC total
    total_ht: Decimal | None = None
    tva: Decimal | None = None
    rate: Decimal | None = None
    for line in quote.lines:
        text = line.text
        if not line.amounts:
            tax_columns = tax_columns or bool(_TVA.search(text) and _TTC.search(text))
            continue
        if len(line.amounts) == 3 and not line.is_total:
            yield from _check_triplet(line, tax_columns)
            continue
        if SUMMARY_LINE.search(text) or LEGAL_LINE.search(text):
            continue
        if _TTC.search(text) and line.is_total:
            ttc = line.amounts[-1].value
            ht = total_ht if total_ht is not None else items_ht
            rate = _rate(text) or rate
            expected = ht + tva if tva is not None else (ht * (1 + rate) if rate is not None else None)
            if ht > 0 and expected is not None and abs(expected.quantize(_CENT) - ttc) > _TOLERANCE:
                yield Hit(
                    f"{format_euros(ht)} HT plus la TVA font {format_euros(expected.quantize(_CENT))} TTC, "
                    f"pas {format_euros(ttc)}.",
                    (line.start, line.end),
                )
            items_ht, total_ht, tva, rate = Decimal(0), None, None, None
        elif _TVA.search(text) and line.is_total:
            tva, rate = line.amounts[-1].value, _rate(text)
            ht = total_ht if total_ht is not None else items_ht
            if rate is not None and ht > 0 and abs((ht * rate).quantize(_CENT) - tva) > _TOLERANCE:
                yield Hit(
                    f"La TVA à {_percent(rate)} sur {format_euros(ht)} HT fait "
                    f"{format_euros((ht * rate).quantize(_CENT))}, pas {format_euros(tva)}.",
                    (line.start, line.end),
                )
        elif line.is_total:
            if _TOTAL_HT.search(text):
                total_ht = line.amounts[-1].value
        else:
            items_ht += line.amounts[-1].value


_USUAL_RATES = (Decimal("0.2"), Decimal("0.1"), Decimal("0.055"), Decimal("0.021"))


def _check_triplet(line: Line, tax_columns: bool) -> Iterator[Hit]:
    """HT, TVA, TTC on one line. Without a header naming those columns, three amounts may also be quantity,
    unit price and total: only a TVA that fits a usual rate of the HT tells them apart."""
    ht, tva, ttc = (a.value for a in line.amounts)
    looks_like_tax = tax_columns or any(
        abs((ht * r).quantize(_CENT) - tva) <= _TOLERANCE for r in _USUAL_RATES
    )
    if looks_like_tax and abs(ht + tva - ttc) > _TOLERANCE:
        yield Hit(
            f"{format_euros(ht)} HT + {format_euros(tva)} de TVA font {format_euros(ht + tva)}, pas {format_euros(ttc)}.",
            (line.amounts[0].start, line.amounts[2].end),
        )


def _percent(rate: Decimal) -> str:
    return f"{(rate * 100).normalize():f}".replace(".", ",") + " %"
