"""The quote's own date (the « date_devis » fact, and the day an unsigned quote dated ahead is judged on)."""

from __future__ import annotations

from datetime import date

import pytest

from segur_devis.quote import Quote

TAIL = "Prestation Ségur MS-DUI-Va2   9 800,00 € HT\n"


@pytest.mark.parametrize(
    ("head", "dated"),
    [
        # the vendor's block on the left, the quote's date in the right-hand column
        (
            "DOMISOFT SANTÉ                          DEVIS N° DS-MS-2026-1187\n"
            "12 allée des Tisserands                 Date : 04/11/2026          Validité : 60 jours\n",
            date(2026, 11, 4),
        ),
        # a bilingual quote
        ("Quote / Devis SOCIALNET-2026-0392\nIssued: 12/11/2026\n", date(2026, 11, 12)),
        # a date alone under the title, before the client's signature at the end
        ("Devis n° EVE-26-0317\nLe 21/10/2026\n", date(2026, 10, 21)),
    ],
)
def test_the_quotes_date_is_read_where_it_is_written(head: str, dated: date) -> None:
    found = Quote(head + TAIL).quote_date
    assert found is not None and found.value == dated


def test_a_date_in_a_column_needs_its_own_label() -> None:
    # « Date limite de dépôt » is not the quote's date
    head = "DOMISOFT SANTÉ                          Date limite de dépôt : 30/11/2026\n"
    assert Quote(head + TAIL).quote_date is None
