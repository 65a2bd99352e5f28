"""Multi-year comparison of offers: what each one costs the establishment, year by year.

Seed 002 (« Nos conseils aux établissements ») advises comparing the spending over several years, because
vendors bill differently (everything at once, yearly or monthly subscriptions, maintenance). This module is the
one implementation behind the comparison page (run by Pyodide in the browser) and its tests on CPython.

Cost model, stated on the page too: the one-off costs are paid in year 1; the yearly subscription, twelve
monthly payments and the yearly maintenance are paid every year from year 1; the part paid by the State is
deducted once, in year 1. Amounts are exact (Decimal, cents).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from segur_devis.amounts import format_euros
from segur_devis.errors import FieldErrors, InputError

MIN_OFFERS, MAX_OFFERS = 2, 4
MIN_YEARS, MAX_YEARS = 1, 6
MAX_AMOUNT = Decimal("100000000")  # 100 M€: beyond that, a typing mistake
CENT = Decimal("0.01")

# The fields of one offer on the page: name in the form → French label (for error messages).
AMOUNT_FIELDS: dict[str, str] = {
    "one_off": "coûts ponctuels",
    "yearly": "abonnement annuel",
    "monthly": "abonnement mensuel",
    "maintenance": "maintenance annuelle",
    "state": "part payée par l’État",
}


@dataclass(frozen=True, slots=True)
class Offer:
    name: str
    one_off: Decimal = Decimal(0)
    yearly: Decimal = Decimal(0)
    monthly: Decimal = Decimal(0)
    maintenance: Decimal = Decimal(0)
    state: Decimal = Decimal(0)

    def gross(self, year: int) -> Decimal:
        """What the vendor bills for `year` (1-based), before the State's part."""
        recurring = self.yearly + 12 * self.monthly + self.maintenance
        return recurring + (self.one_off if year == 1 else 0)

    def cost(self, year: int) -> Decimal:
        """What the establishment pays for `year`."""
        return (self.gross(year) - (self.state if year == 1 else 0)).quantize(CENT)


@dataclass(frozen=True, slots=True)
class Comparison:
    offers: tuple[Offer, ...]
    years: int
    per_year: tuple[tuple[Decimal, ...], ...]  # [offer][year - 1]
    cumulative: tuple[tuple[Decimal, ...], ...]

    def cheapest(self, year: int) -> list[int]:
        """Indexes of the offers with the lowest cumulative cost at the end of `year` (ties included)."""
        totals = [c[year - 1] for c in self.cumulative]
        low = min(totals)
        return [i for i, t in enumerate(totals) if t == low]

    def conclusions(self) -> list[str]:
        """French sentences: which offer is cheaper from which year, then the result over the whole horizon."""
        sentences: list[str] = []
        year = 1
        while year <= self.years:
            leaders = self.cheapest(year)
            last = year
            while last < self.years and self.cheapest(last + 1) == leaders:
                last += 1
            sentences.append(f"{_years_phrase(year, last, self.years)} : {self._leaders_phrase(leaders)}.")
            year = last + 1
        final = [c[-1] for c in self.cumulative]
        leaders = self.cheapest(self.years)
        over = f"Sur {self.years} an{'s' if self.years > 1 else ''}"
        if len(leaders) == len(self.offers):
            sentences.append(f"{over}, toutes les offres coûtent autant : {format_euros(final[0])}.")
            return sentences
        best = leaders[0]
        runner_up = min(t for i, t in enumerate(final) if i not in leaders)
        who = (
            f"l’offre « {self.offers[best].name} » est la moins chère"
            if len(leaders) == 1
            else f"les offres {_names(self.offers, leaders)} sont les moins chères, à égalité"
        )
        sentences.append(
            f"{over}, {who} : {format_euros(final[best])} au total pour l’établissement, soit "
            f"{format_euros(runner_up - final[best])} de moins que l’offre suivante."
        )
        return sentences

    def _leaders_phrase(self, leaders: list[int]) -> str:
        if len(leaders) == 1:
            return f"l’offre « {self.offers[leaders[0]].name} » coûte le moins cher en cumulé"
        return f"les offres {_names(self.offers, leaders)} coûtent le moins cher en cumulé, à égalité"

    def to_dict(self) -> dict[str, Any]:
        """For the page: exact amounts as strings, French labels, and floats for the chart's geometry."""
        return {
            "years": self.years,
            "offers": [
                {
                    "name": offer.name,
                    "per_year": [str(v) for v in self.per_year[i]],
                    "per_year_fr": [format_euros(v) for v in self.per_year[i]],
                    "cumulative": [str(v) for v in self.cumulative[i]],
                    "cumulative_fr": [format_euros(v) for v in self.cumulative[i]],
                    "cumulative_chart": [float(v) for v in self.cumulative[i]],
                }
                for i, offer in enumerate(self.offers)
            ],
            "cheapest": [self.cheapest(year) for year in range(1, self.years + 1)],
            "conclusions": self.conclusions(),
        }


def _names(offers: Sequence[Offer], indexes: list[int]) -> str:
    quoted = [f"« {offers[i].name} »" for i in indexes]
    return ", ".join(quoted[:-1]) + " et " + quoted[-1]


def _years_phrase(first: int, last: int, horizon: int) -> str:
    if first == 1 and last == horizon:
        return "Chaque année" if horizon > 1 else "La première année"
    if last == horizon:
        return f"À partir de l’année {first}"
    if first == last:
        return f"L’année {first}"
    if last == first + 1:
        return f"Les années {first} et {last}"
    return f"Les années {first} à {last}"


def compare(offers: Sequence[Offer], years: int) -> Comparison:
    if not MIN_OFFERS <= len(offers) <= MAX_OFFERS:
        raise InputError(f"Comparez de {MIN_OFFERS} à {MAX_OFFERS} offres.")
    if not MIN_YEARS <= years <= MAX_YEARS:
        raise InputError(f"Choisissez une durée de {MIN_YEARS} à {MAX_YEARS} ans.")
    per_year = tuple(tuple(o.cost(y) for y in range(1, years + 1)) for o in offers)
    cumulative = tuple(tuple(sum(row[: y + 1], Decimal(0)) for y in range(years)) for row in per_year)
    return Comparison(tuple(offers), years, per_year, cumulative)


# --- Reading the form (strings typed by people) -------------------------------------------------------------

_SPACES = re.compile(r"[\s\u00a0\u202f']+")
_CURRENCY = re.compile(r"(?:€|eur(?:os?)?)$", re.IGNORECASE)
_DOT_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def parse_amount(raw: str, label: str) -> Decimal:
    """`1 250,50`, `1250.50`, `1.250,50`, `1 250 €` → Decimal; empty → 0; French errors otherwise."""
    text = _CURRENCY.sub("", _SPACES.sub("", raw.strip().replace("\u2212", "-")))
    if not text:
        return Decimal(0).quantize(CENT)
    if "," in text and "." in text:
        # The last separator is the decimal one: 1.250,50 or 1,250.50.
        thousands = "." if text.rfind(",") > text.rfind(".") else ","
        text = text.replace(thousands, "").replace(",", ".")
    elif "," in text:
        text = text.replace(",", ".")
    elif _DOT_THOUSANDS.fullmatch(text):
        text = text.replace(".", "")  # 1.250 is one thousand two hundred and fifty
    shown = raw.strip()[:40]
    if not _NUMBER.fullmatch(text):
        raise InputError(
            f"{_capital(label)} : « {shown} » n’est pas un montant. Écrivez un nombre en euros, par exemple "
            "1 250,50."
        )
    try:
        value = Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern above only lets numbers through
        raise InputError(f"{_capital(label)} : « {shown} » n’est pas un montant.") from None
    if value < 0:
        raise InputError(f"{_capital(label)} : un montant ne peut pas être négatif (« {shown} »).")
    if value != value.quantize(CENT):
        raise InputError(
            f"{_capital(label)} : indiquez au plus deux chiffres après la virgule (« {shown} »)."
        )
    if value > MAX_AMOUNT:
        raise InputError(
            f"{_capital(label)} : « {shown} » est trop élevé pour un devis ; vérifiez le montant."
        )
    return value.quantize(CENT)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def compare_form(form: Mapping[str, Any]) -> dict[str, Any]:
    """The page's request: {"years": "5", "offers": [{"name": ..., "one_off": "1 200,00", ...}, ...]}.

    Field ids in errors are those of the page: `offre-<n>-<field>` (n from 1) and `duree`.
    """
    errors: dict[str, str] = {}
    raw_offers = list(form.get("offers") or [])
    if not MIN_OFFERS <= len(raw_offers) <= MAX_OFFERS:
        raise InputError(f"Comparez de {MIN_OFFERS} à {MAX_OFFERS} offres.")
    years = _parse_years(str(form.get("years", "")), errors)
    offers: list[Offer] = []
    seen: dict[str, int] = {}
    for n, raw in enumerate(raw_offers, start=1):
        name = " ".join(str(raw.get("name") or "").split())[:80] or f"Offre {n}"
        if name.casefold() in seen:
            errors[f"offre-{n}-name"] = (
                f"Offre {n} : le nom « {name} » est déjà celui de l’offre {seen[name.casefold()]} ; donnez un "
                "nom différent à chaque offre."
            )
        seen.setdefault(name.casefold(), n)
        amounts: dict[str, Decimal] = {}
        for field, label in AMOUNT_FIELDS.items():
            try:
                amounts[field] = parse_amount(str(raw.get(field) or ""), f"offre {n}, {label}")
            except InputError as error:
                errors[f"offre-{n}-{field}"] = str(error)
        if len(amounts) < len(AMOUNT_FIELDS):
            continue
        offer = Offer(name, **amounts)
        if offer.state > offer.gross(1):
            errors[f"offre-{n}-state"] = (
                f"Offre {n}, part payée par l’État : {format_euros(offer.state)}, c’est plus que ce que "
                f"l’offre coûte la première année ({format_euros(offer.gross(1))}). Vérifiez les montants."
            )
        offers.append(offer)
    if errors or years is None:
        raise FieldErrors(errors)
    return compare(offers, years).to_dict()


def _parse_years(raw: str, errors: dict[str, str]) -> int | None:
    text = raw.strip()
    if text.isdigit() and MIN_YEARS <= int(text) <= MAX_YEARS:
        return int(text)
    errors["duree"] = f"Durée : choisissez un nombre d’années de {MIN_YEARS} à {MAX_YEARS}."
    return None
