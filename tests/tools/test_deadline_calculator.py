"""The deadline calculator's Python (segur_devis.tools.deadline_calculator): the one implementation its page runs."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import segur_devis
from segur_devis.deadlines import Window, windows
from segur_devis.errors import FieldErrors, InputError
from segur_devis.reference import load
from segur_devis.tools.deadline_calculator import calculator_choices, deadline_summary, parse_user_date


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


@pytest.mark.parametrize(
    "couloir", ["officine", "biologie", "medico-social", "radiologie", "medecine-de-ville"]
)
def test_no_known_order_deadline_is_said_not_guessed(couloir: str) -> None:
    order = deadline_summary(couloir, 2, "01/03/2025")["order"]
    assert order["status"] == "unknown"
    assert order["deadline"] is None
    assert "Aucune date limite" in order["message"] and "asp-public.fr" in order["message"]


def test_an_unofficial_date_is_shown_as_unconfirmed_never_applied() -> None:
    order = deadline_summary("medecine-de-ville", 2, "20/12/2026")["order"]
    assert order["status"] == "unknown"  # after the unconfirmed 16/12/2026, yet not « late »
    assert "16/12/2026" in order["message"] and "non confirmé par un texte officiel" in order["message"]


def test_hospital_vague_2_asks_dpi_or_pfi_and_judges_each_on_its_own_date() -> None:
    with pytest.raises(FieldErrors) as caught:
        deadline_summary("hopital", 2, "01/10/2025")
    assert "choisissez" in caught.value.fields["dispositif"]
    assert deadline_summary("hopital", 2, "01/10/2025", "hopital-va2-dpi")["order"]["status"] == "in_time"
    assert deadline_summary("hopital", 2, "01/10/2025", "hopital-va2-pfi")["order"]["status"] == "late"
    assert deadline_summary("hopital", 2, "17/12/2025", "hopital-va2-dpi")["order"]["status"] == "in_time"
    assert deadline_summary("hopital", 2, "18/12/2025", "hopital-va2-dpi")["order"]["status"] == "late"
    with pytest.raises(FieldErrors):
        deadline_summary("hopital", 2, "01/10/2025", "medico-social-va1-ms1")


def test_an_ehpad_order_of_2026_is_judged_on_the_rule_for_the_whole_medico_social_sector() -> None:
    # The ANS's later page: financing stopped on 28/02/2024 for the whole sector (MS1 and MS2 alike), so the
    # calculator need not ask the type of establishment; the seed's MS1 date stays, as history.
    summary = deadline_summary("medico-social", 1, "25/11/2026")
    assert summary["order"]["status"] == "late" and summary["order"]["deadline"] == "28/02/2024"
    assert "médico-social" in summary["order"]["source"]
    assert "PDS" not in summary["order"]["message"]
    history = [d for d in summary["dates"] if not d["retained"]]
    assert "2023-12-31" in [d["date"] for d in history]
    ms1 = deadline_summary("medico-social", 1, "15/01/2024", "medico-social-va1-ms1")
    assert ms1["order"]["status"] == "in_time" and "31/12/2023" in ms1["order"]["message"]


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


def test_every_date_of_each_dispositif_is_listed() -> None:
    for w in windows():
        listed = deadline_summary(w.couloir, w.vague, "01/01/2022", w.id)["dates"]
        expected = [d for d in load()["deadlines"] if d["dispositif"] == w.id]
        assert sorted(d["date"] for d in listed) == sorted(d["date"] for d in expected)


def test_choices_come_from_the_reference_data() -> None:
    choices = calculator_choices()
    ids = [c["id"] for c in choices["couloirs"]]
    assert ids == [c["id"] for c in load()["couloirs"]]  # every couloir the data knows has a window
    assert choices["vagues"] == [1, 2]
    assert ("imagerie", 1) not in choices["pairs"] and ("imagerie", 2) in choices["pairs"]
    # Every couloir and vague of the data is offered, vague 2 of officine and médico-social included.
    assert set(choices["pairs"]) == {(d["couloir"], d["vague"]) for d in load()["dispositifs"]}
    assert {d["id"] for d in choices["dispositifs"]} == {"hopital-va2-dpi", "hopital-va2-pfi"}


WINDOWS = windows()


@settings(deadline=None)  # the first call imports the rules; speed is measured in `make bench`, not here
@given(
    window=st.sampled_from(WINDOWS),
    signed=st.dates(min_value=date(2020, 1, 1), max_value=date(2028, 12, 31)),
)
def test_calculator_and_the_checker_never_disagree(window: Window, signed: date) -> None:
    summary = deadline_summary(window.couloir, window.vague, signed, window.id)
    code = {"DB": "SONS-IMG-DB", "RIS": "RAD-RIS", "DUI": "MS-DUI"}.get(
        window.families[-1], window.families[-1]
    )
    quote = f"Devis n° 1 — Prestation Ségur {code}-Va{window.vague}   900 € HT\nSigné le {signed:%d/%m/%Y}\n"
    codes = segur_devis.check_text(quote, today=date(2029, 1, 1)).codes
    assert (summary["order"]["status"] == "late") == ("C01" in codes)
    assert (summary["order"]["status"] == "unknown") == ("C03" in codes)
    assert summary["proofs"]["date"] == (signed + timedelta(days=120)).isoformat()


def test_calculator_agrees_with_the_checker_on_a_quote() -> None:
    quote = "Devis n° 5 — Prestation Ségur MDV-LGC-Va1   2 400 € HT\nBon pour accord, signé le 15/01/2023\n"
    report = segur_devis.check_text(quote)
    assert "C01" in [f.code for f in report.findings]
    assert deadline_summary("medecine-de-ville", 1, "15/01/2023")["order"]["status"] == "late"
