"""The document model on who pays each line and what a row's numbers are, in layouts of the fifth blind corpus:
a version number ending a designation copied with single spaces, footnote calls, payer cells of pipe tables."""

from __future__ import annotations

from decimal import Decimal

from segur_devis.quote import Quote


def priced(quote: Quote) -> list[tuple[str | None, Decimal | None]]:
    return [(item.payer, item.total.value if item.total else None) for item in quote.items]


def test_a_version_number_ending_a_designation_copied_with_single_spaces_is_no_cell() -> None:
    q = Quote(
        "Désignation Qté PU HT Total HT\n"
        "Prestation Ségur HOP-DPI-Va1 - MediCore DPI 7.3\n"
        "(droits d'utilisation, installation, paramétrage, formation,\n"
        "maintenance corrective) 1 48 750,00 48 750,00\n"
        "\n"
        "Total HT 48 750,00 €\n"
    )
    assert q.tables[0].layout == "spaced"
    [row] = q.tables[0].rows
    assert {role: str(n.value) for role, n in row.values.items()} == {
        "quantity": "1",
        "unit_price": "48750.00",
        "total_ht": "48750.00",
    }
    assert row.label.startswith("prestation segur hop-dpi-va1 - medicore dpi 7.3 ")
    assert priced(q) == [("state", Decimal("48750.00"))]
