"""The deadline calculator's Python (segur_devis.deadlines.deadline_summary): the one implementation its page runs."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

import segur_devis
from segur_devis.deadlines import calculator_choices, deadline_summary, parse_user_date, signed_too_late
from segur_devis.errors import FieldErrors, InputError
from segur_devis.reference import load


def test_seed_worked_example_signed_04_01_2022_proofs_by_04_05_2022() -> None:
    summary = deadline_summary("hopital", 1, "04/01/2022")
    assert summary["proofs"]["date"] == "2022-05-04"
    assert summary["proofs"]["date_fr"] == "04/05/2022"
    assert summary["proofs"]["days"] == 120
    assert "04/05/2022" in summary["proofs"]["message"]
    # The example is the one reference.json records from seed 002.
    order = load()["conditional_order"]
    assert (
        deadline_summary("radiologie", 1, order["example_signed"])["proofs"]["date"] == order["example_due"]
    )
    assert summary["proofs"]["source"].startswith("Agence du numérique en santé (ANS)")
    assert summary["proofs"]["locator"] == order["locator"]


@pytest.mark.parametrize("written", ["04/01/2022", "4/1/2022", "04-01-2022", "04.01.2022", " 2022-01-04 "])
def test_dates_as_people_write_them(written: str) -> None:
    assert parse_user_date(written) == date(2022, 1, 4)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("", "Indiquez la date de signature"),
        ("demain", "n’est pas une date"),
        ("04/01/22", "n’est pas une date"),
        ("31/02/2022", "n’existe pas dans le calendrier"),
        ("2022-13-01", "n’existe pas dans le calendrier"),
        ("01/01/1999", "entre 2000 et 2100"),
        ("<script>", "n’est pas une date"),
    ],
)
def test_a_date_that_is_not_a_date_gets_a_french_message(written: str, expected: str) -> None:
    with pytest.raises(FieldErrors) as caught:
        deadline_summary("hopital", 1, written)
    assert expected in caught.value.fields["signed"]
    assert isinstance(caught.value, InputError)  # the worker's glue answers InputErrors in French


def test_unknown_couloir_or_vague_is_refused_in_french() -> None:
    with pytest.raises(InputError, match="Choisissez un couloir"):
        deadline_summary("nulle-part", 1, "04/01/2022")
    with pytest.raises(InputError, match="Choisissez une vague"):
        deadline_summary("hopital", 9, "04/01/2022")


def test_order_in_time_late_and_on_the_deadline_day() -> None:
    assert deadline_summary("medecine-de-ville", 1, "15/10/2022")["order"]["status"] == "in_time"
    on_the_day = deadline_summary("medecine-de-ville", 1, "30/11/2022")["order"]
    assert on_the_day["status"] == "in_time"  # signed on the deadline: still in time (same as rule C01)
    late = deadline_summary("medecine-de-ville", 1, "01/12/2022")["order"]
    assert late["status"] == "late"
    assert late["message"].startswith("Hors délai")
    assert late["deadline"] == "30/11/2022"
    assert "Sénat" in late["source"]  # the retained date's own source


def test_no_known_order_deadline_is_said_not_guessed() -> None:
    order = deadline_summary("hopital", 2, "01/03/2025")["order"]
    assert order["status"] == "unknown"
    assert order["deadline"] is None
    assert "Aucune date limite" in order["message"]


def test_non_retained_dates_are_shown_as_such_with_their_source() -> None:
    dates = deadline_summary("officine", 1, "01/12/2022")["dates"]
    press = [d for d in dates if not d["retained"]]
    assert [d["date"] for d in press] == ["2023-03-15"]
    assert press[0]["official"] is False
    assert "Presse" in press[0]["source"]
    retained = [d for d in dates if d["kind"] == "commandes" and d["retained"]]
    assert [d["date"] for d in retained] == ["2022-12-18"]
    assert all(d["source"] and d["kind_label"] for d in dates)
    assert [d["date"] for d in dates] == sorted(d["date"] for d in dates)


def test_every_date_of_the_couloir_and_vague_is_listed() -> None:
    for couloir, vague in calculator_choices()["pairs"]:
        listed = deadline_summary(couloir, vague, "01/01/2022")["dates"]
        expected = [d for d in load()["deadlines"] if d["couloir"] == couloir and d["vague"] == vague]
        assert sorted(d["date"] for d in listed) == sorted(d["date"] for d in expected)


def test_several_retained_scopes_warn_about_the_earlier_one() -> None:
    # Médico-social: MS1 orders closed 31/12/2023, MS2 PDS 28/02/2024; the latest is retained (no false alarm).
    summary = deadline_summary("medico-social", 1, "15/01/2024")
    assert summary["order"]["status"] == "in_time"
    assert "Attention" in summary["order"]["message"] and "31/12/2023" in summary["order"]["message"]
    by_scope = {d["scope"]: d["signed_in_time"] for d in summary["dates"] if d["kind"] == "commandes"}
    assert by_scope == {
        "MS1 (personnes âgées, personnes handicapées, domicile)": False,
        "MS2 PDS (personnes en difficultés spécifiques)": True,
    }


def test_choices_come_from_the_reference_data() -> None:
    choices = calculator_choices()
    ids = [c["id"] for c in choices["couloirs"]]
    assert ids == [
        c["id"] for c in load()["couloirs"] if any(d["couloir"] == c["id"] for d in load()["deadlines"])
    ]
    assert choices["vagues"] == [1, 2]
    assert ("imagerie", 1) not in choices["pairs"] and ("imagerie", 2) in choices["pairs"]


PAIRS = calculator_choices()["pairs"]


@given(
    pair=st.sampled_from(PAIRS),
    signed=st.dates(min_value=date(2020, 1, 1), max_value=date(2028, 12, 31)),
)
def test_calculator_and_rule_c01_never_disagree(pair: tuple[str, int], signed: date) -> None:
    couloir, vague = pair
    summary = deadline_summary(couloir, vague, signed)
    assert (summary["order"]["status"] == "late") == (signed_too_late(couloir, vague, signed) is not None)
    assert summary["proofs"]["date"] == (signed + timedelta(days=120)).isoformat()


def test_calculator_agrees_with_the_checker_on_a_quote() -> None:
    quote = "Devis n° 5 — Prestation Ségur MDV-LGC-Va1   2 400 € HT\nBon pour accord, signé le 15/01/2023\n"
    report = segur_devis.check_text(quote)
    assert "C01" in [f.code for f in report.findings]
    assert deadline_summary("medecine-de-ville", 1, "15/01/2023")["order"]["status"] == "late"
