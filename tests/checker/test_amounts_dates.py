from datetime import date
from decimal import Decimal

import pytest

from segur_devis.amounts import find_amounts, find_declared_amounts, format_euros
from segur_devis.dates import find_dates
from segur_devis.normalize import fold


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("3 650,00 €", ["3650.00"]),
        ("8 560 €", ["8560.00"]),
        ("1 712€", ["1712.00"]),
        ("12 400 € HT", ["12400.00"]),
        (
            "1 3 650,00€ 3 650,00€",
            ["3650.00", "3650.00"],
        ),  # quantity 1 then two amounts, as pasted from a PDF
        ("Prestation Ségur HOP-PFI-Va1 8 560 € 1 712€ 10 272€", ["8560.00", "1712.00", "10272.00"]),
        ("15300.00 EUR", ["15300.00"]),
        ("3\u202f650,00\u00a0€", ["3650.00"]),
        ("Total TTC (TVA 20,00%) 4 380,00€", ["4380.00"]),
        ("Version 2024 du 04/01/2022, 3 sites", []),
    ],
)
def test_amounts(text, values):
    assert [str(a.value) for a in find_amounts(fold(text).text)] == values


def test_format_euros():
    assert format_euros(Decimal("1234567.5")) == "1 234 567,50 €"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("signé le 04/01/2022", date(2022, 1, 4)),
        ("le 4 janvier 2022", date(2022, 1, 4)),
        ("le 1er mars 2023", date(2023, 3, 1)),
        ("le 15.10.22", date(2022, 10, 15)),
    ],
)
def test_dates(text, expected):
    assert [d.value for d in find_dates(fold(text).text)] == [expected]


def test_impossible_dates_are_ignored():
    assert find_dates("31/02/2023") == []


def test_a_montants_en_euros_line_makes_the_bare_cells_of_its_block_amounts() -> None:
    text = fold(
        "SSIAD des Coteaux — FINESS 370012345\n"
        "Montants en € HT\n"
        "Prestation Ségur MS-DUI-Va2   1   5 900   5 900\n"
        "TVA 20 %                              980\n"
        "\n"
        "Forfait hors bloc                     3 000\n"
    ).text
    # the quantity « 1 », the FINESS and the block after the blank line are not amounts
    assert [str(a.value) for a in find_declared_amounts(text)] == ["5900.00", "5900.00", "980.00"]
    assert find_declared_amounts(fold("Prestation Ségur   5 900   5 900").text) == []
