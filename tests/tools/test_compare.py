"""The multi-year comparison (segur_devis.tools.compare): the one implementation its page runs in the browser."""

from __future__ import annotations

from decimal import Decimal
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from segur_devis.errors import FieldErrors, InputError
from segur_devis.tools.compare import Offer, compare, compare_form, parse_amount


def form(years: str = "5", *offers: dict[str, str]) -> dict[str, object]:
    return {"years": years, "offers": list(offers)}


ALL_IN = {"name": "Tout compris", "one_off": "12 000", "maintenance": "300", "state": "8 000"}
SUBSCRIPTION = {"name": "Abonnement", "one_off": "1 000", "monthly": "150", "state": "1 000"}


def test_costs_per_year_and_cumulative() -> None:
    result = compare_form(form("5", ALL_IN, SUBSCRIPTION))
    all_in, subscription = result["offers"]
    # Year 1: 12 000 + 300 − 8 000; then the maintenance only.
    assert all_in["per_year"] == ["4300.00", "300.00", "300.00", "300.00", "300.00"]
    assert all_in["cumulative"] == ["4300.00", "4600.00", "4900.00", "5200.00", "5500.00"]
    # Year 1: 1 000 + 12 × 150 − 1 000; then 1 800 a year.
    assert subscription["per_year"] == ["1800.00"] * 5
    assert subscription["cumulative_fr"][-1] == "9 000,00 €"
    assert subscription["cumulative_chart"] == [1800.0, 3600.0, 5400.0, 7200.0, 9000.0]


def test_which_offer_is_cheaper_from_which_year() -> None:
    result = compare_form(form("5", ALL_IN, SUBSCRIPTION))
    assert result["cheapest"] == [[1], [1], [0], [0], [0]]
    assert result["conclusions"] == [
        "Les années 1 et 2 : l’offre « Abonnement » coûte le moins cher en cumulé.",
        "À partir de l’année 3 : l’offre « Tout compris » coûte le moins cher en cumulé.",
        "Sur 5 ans, l’offre « Tout compris » est la moins chère : 5 500,00 € au total pour l’établissement, "
        "soit 3 500,00 € de moins que l’offre suivante.",
    ]


def test_one_offer_cheaper_every_year() -> None:
    cheap = {"name": "A", "yearly": "100"}
    dear = {"name": "B", "yearly": "200"}
    result = compare_form(form("3", cheap, dear))
    assert result["conclusions"][0] == "Chaque année : l’offre « A » coûte le moins cher en cumulé."


def test_ties_are_said() -> None:
    result = compare_form(
        form(
            "2",
            {"name": "A", "yearly": "100"},
            {"name": "B", "monthly": "8,33"},
            {"name": "C", "yearly": "99.96"},
        )
    )
    assert result["cheapest"] == [[1, 2], [1, 2]]
    assert "« B » et « C »" in result["conclusions"][0] and "à égalité" in result["conclusions"][0]
    same = compare_form(form("1", {"name": "A", "yearly": "5"}, {"name": "B", "yearly": "5"}))
    assert same["conclusions"][-1] == "Sur 1 an, toutes les offres coûtent autant : 5,00 €."


def test_four_offers_and_a_six_year_horizon() -> None:
    offers = [{"name": f"O{n}", "one_off": str(1000 * n), "yearly": str(600 - 100 * n)} for n in range(1, 5)]
    result = compare_form(form("6", *offers))
    assert len(result["offers"]) == 4 and len(result["cheapest"]) == 6


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("1 250,50", "1250.50"),
        ("1250.50", "1250.50"),
        ("1.250,50", "1250.50"),
        ("1,250.50", "1250.50"),
        ("1.250", "1250.00"),
        ("1\u202f250 €", "1250.00"),
        ("12,5 EUR", "12.50"),
        ("", "0.00"),
        ("0", "0.00"),
    ],
)
def test_amounts_as_people_write_them(written: str, value: str) -> None:
    assert str(parse_amount(written, "coûts ponctuels")) == value


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("-5", "ne peut pas être négatif"),
        ("−5", "ne peut pas être négatif"),
        ("abc", "n’est pas un montant"),
        ("1e5", "n’est pas un montant"),
        ("12,345", "deux chiffres après la virgule"),
        ("999999999", "trop élevé"),
    ],
)
def test_bad_amounts_get_french_messages(written: str, expected: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_amount(written, "maintenance annuelle")
    assert expected in str(caught.value)
    assert str(caught.value).startswith("Maintenance annuelle")


def test_form_errors_name_each_faulty_field() -> None:
    with pytest.raises(FieldErrors) as caught:
        compare_form(
            form(
                "9",
                {"name": "A", "one_off": "-100", "monthly": "abc"},
                {"name": "a", "one_off": "100", "state": "500"},
            )
        )
    fields = caught.value.fields
    assert set(fields) == {"duree", "offre-1-one_off", "offre-1-monthly", "offre-2-name", "offre-2-state"}
    assert "négatif" in fields["offre-1-one_off"]
    assert "même nom" in fields["offre-2-name"] or "déjà celui" in fields["offre-2-name"]
    assert "plus que ce que l’offre coûte la première année" in fields["offre-2-state"]
    assert all(any(ch in m for ch in "éèàù’") for m in fields.values())


def test_number_of_offers_is_two_to_four() -> None:
    with pytest.raises(InputError, match="de 2 à 4 offres"):
        compare_form(form("5", ALL_IN))
    with pytest.raises(InputError, match="de 2 à 4 offres"):
        compare_form(form("5", *[{"name": str(n)} for n in range(5)]))


def test_unnamed_offers_get_a_name() -> None:
    result = compare_form(form("1", {}, {"yearly": "1"}))
    assert [o["name"] for o in result["offers"]] == ["Offre 1", "Offre 2"]


amounts = st.decimals(min_value=0, max_value=100_000, places=2)


@given(
    offers=st.lists(
        st.builds(Offer, st.just("x"), amounts, amounts, amounts, amounts, st.just(Decimal(0))),
        min_size=2,
        max_size=4,
    ),
    years=st.integers(min_value=1, max_value=6),
)
def test_cumulative_costs_add_up_and_the_cheapest_is_the_minimum(offers: list[Offer], years: int) -> None:
    result = compare(offers, years)
    for offer, per_year, cumulative in zip(result.offers, result.per_year, result.cumulative, strict=True):
        assert cumulative[-1] == sum(per_year)
        assert per_year[0] == offer.one_off + offer.yearly + 12 * offer.monthly + offer.maintenance
        assert all(b >= a for a, b in pairwise(cumulative))
    for year in range(1, years + 1):
        lows = result.cheapest(year)
        assert {result.cumulative[i][year - 1] for i in lows} == {min(c[year - 1] for c in result.cumulative)}
    assert len(result.conclusions()) >= 2
