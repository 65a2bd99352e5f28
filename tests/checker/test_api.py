"""The Python API (CONTRACT.md): check_text, check_pdf and check_bytes take the same options, forwarded whole."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from support.pdf_makers import make_pdf

from segur_devis import Report, check_bytes, check_pdf, check_text

# Unsigned vague 1 médecine de ville quote: in time in 2022, late (C01) today.
QUOTE = """Devis n° 2022-114 — Cabinet du Dr Martin
Prestation Ségur DSR MDV-LGC-Va1 : logiciel Medilogic version 7.2, référencé par l’ANS sous le n° 2022-0318
Montant de la Prestation Ségur pris en charge par l’État au titre du Ségur : 2 400,00 € HT
Base de calcul : barème forfaitaire de l’arrêté du 24/12/2021
"""
THEN, NOW = date(2022, 6, 1), date(2026, 11, 30)


def by_text(**options: Any) -> Report:
    return check_text(QUOTE, **options)


def by_pdf(**options: Any) -> Report:
    return check_pdf(make_pdf(QUOTE), **options)


def by_bytes(**options: Any) -> Report:
    return check_bytes(QUOTE.encode("utf-8"), filename="devis.txt", **options)


ENTRIES = [by_text, by_pdf, by_bytes]


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda f: f.__name__)
def test_every_entry_point_judges_on_the_day_given(entry: Callable[..., Report]) -> None:
    then, now = entry(today=THEN), entry(today=NOW)
    assert "C01" not in {f.code for f in then.findings}
    assert "C01" in {f.code for f in now.findings}


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda f: f.__name__)
def test_every_entry_point_selects_and_ignores_rules(entry: Callable[..., Report]) -> None:
    assert {f.code[0] for f in entry(today=NOW, select=["C"]).findings} == {"C"}
    assert "C01" not in {f.code for f in entry(today=NOW, ignore=["C01"]).findings}


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda f: f.__name__)
def test_a_misspelt_option_is_an_error_not_ignored(entry: Callable[..., Report]) -> None:
    with pytest.raises(TypeError, match="todya"):
        entry(todya=THEN)
