"""The deadline calculator page in Chromium: Python's deadline_summary run by the checker's worker."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page
from support.axe import axe_violations
from support.pages import ToolPage, assert_plain_french

from segur_devis.deadlines import Window, windows
from segur_devis.tools.deadline_calculator import deadline_summary, needs_dispositif

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def page(tool_page: ToolPage) -> Page:
    tool_page.open("outils/echeances/")
    tool_page.wait_ready()
    return tool_page.page


def calculate(page: Page, couloir: str, vague: str, signed: str, dispositif: str | None = None) -> None:
    page.select_option("#echeances-couloir", couloir)
    page.select_option("#echeances-vague", vague)
    if dispositif:
        page.select_option("#echeances-dispositif", dispositif)
    page.fill("#echeances-date", signed)
    page.evaluate("() => { const r = document.getElementById('echeances-resultat'); r.hidden = true; }")
    page.click("#echeances-calculer")
    page.wait_for_selector("#echeances-resultat:not([hidden]), #echeances-date-erreur:not([hidden])")


def test_seed_worked_example(page: Page) -> None:
    calculate(page, "hopital", "1", "04/01/2022")
    assert page.get_attribute("#echeances-preuves", "data-date") == "2022-05-04"
    proofs = page.inner_text("#echeances-preuves")
    assert "04/05/2022" in proofs and "120 jours" in proofs
    assert "Source : Agence du numérique en santé (ANS)" in proofs
    assert page.get_attribute("#echeances-commande", "data-statut") == "in_time"
    assert "Dans les délais" in page.inner_text("#echeances-commande")  # said in words, not only in colour
    assert page.evaluate("() => document.activeElement.id") == "echeances-resultat-titre"


def test_retained_and_non_retained_dates_with_their_sources(page: Page) -> None:
    calculate(page, "hopital", "1", "04/01/2022")
    rows = page.eval_on_selector_all(
        "#echeances-dates tbody tr", "rows => rows.map(r => [...r.cells].map(c => c.innerText))"
    )
    expected = deadline_summary("hopital", 1, "04/01/2022")["dates"]
    assert [r[1] for r in rows] == [d["date_fr"] for d in expected]
    assert [r[3] for r in rows] == ["Retenue" if d["retained"] else "Non retenue" for d in expected]
    assert [rows[0][1], rows[0][3]] == ["15/07/2022", "Non retenue"]  # the seed's date, postponed later
    assert all(r[5] for r in rows)  # every date has its source
    assert page.locator("#echeances-dates caption").inner_text().startswith("Toutes les dates connues")


@pytest.mark.parametrize("w", windows(), ids=lambda w: w.id)
def test_same_answer_as_python_on_cpython(page: Page, w: Window) -> None:
    asked = w.id if needs_dispositif(w.couloir, w.vague) else None
    calculate(page, w.couloir, str(w.vague), "20/11/2022", asked)
    # The type of software is asked only where the dates depend on it.
    assert page.is_visible("#echeances-dispositif") == (asked is not None)
    expected = deadline_summary(w.couloir, w.vague, "20/11/2022", asked)
    assert page.get_attribute("#echeances-commande", "data-statut") == expected["order"]["status"]
    assert expected["order"]["message"] in page.inner_text("#echeances-commande")
    assert page.get_attribute("#echeances-preuves", "data-date") == expected["proofs"]["date"]


def test_late_order(page: Page) -> None:
    calculate(page, "medecine-de-ville", "1", "15/01/2023")
    assert page.get_attribute("#echeances-commande", "data-statut") == "late"
    assert "Hors délai" in page.inner_text("#echeances-commande")


def test_only_existing_vagues_can_be_chosen(page: Page) -> None:
    page.select_option("#echeances-couloir", "imagerie")
    assert page.input_value("#echeances-vague") == "2"
    assert page.eval_on_selector("#echeances-vague option[value='1']", "o => o.disabled")
    page.select_option("#echeances-couloir", "hopital")
    assert not page.eval_on_selector("#echeances-vague option[value='1']", "o => o.disabled")


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("31/02/2022", "n’existe pas"),
        ("demain", "n’est pas une date"),
        ("", "Indiquez la date"),
        ("-1", "n’est pas une date"),
    ],
)
def test_a_date_that_is_not_a_date_is_explained_next_to_the_field(
    page: Page, written: str, expected: str
) -> None:
    calculate(page, "hopital", "1", written)
    error = page.inner_text("#echeances-date-erreur")
    assert expected in error
    assert_plain_french(error)
    assert page.is_hidden("#echeances-resultat")
    assert page.get_attribute("#echeances-date", "aria-invalid") == "true"
    assert "echeances-date-erreur" in (page.get_attribute("#echeances-date", "aria-describedby") or "")
    assert page.evaluate("() => document.activeElement.id") == "echeances-date"
    # Corrected, the error goes away.
    calculate(page, "hopital", "1", "04/01/2022")
    assert page.is_hidden("#echeances-date-erreur")
    assert page.get_attribute("#echeances-date", "aria-invalid") is None


def test_keyboard_only(page: Page) -> None:
    page.focus("#echeances-couloir")
    page.keyboard.press("End")  # the last couloir of the list
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") == "echeances-vague"
    page.keyboard.press("Tab")  # no type of software to choose for the DRIMbox: straight to the date
    assert page.evaluate("() => document.activeElement.id") == "echeances-date"
    page.keyboard.press("Control+A")
    page.keyboard.type("10/11/2026")
    page.keyboard.press("Enter")  # submits the form
    page.wait_for_selector("#echeances-commande")
    assert page.input_value("#echeances-couloir") == "imagerie"
    assert page.get_attribute("#echeances-commande", "data-statut") == "in_time"


def test_nothing_typed_leaves_the_browser(tool_page: ToolPage, page: Page) -> None:
    seen = len(tool_page.requests)
    calculate(page, "officine", "1", "17/12/2022")
    page.wait_for_timeout(300)
    assert tool_page.requests[seen:] == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_form_error_and_result_have_no_axe_violation(page: Page, scheme: str) -> None:
    page.emulate_media(color_scheme=scheme)
    calculate(page, "hopital", "1", "31/02/2022")
    assert axe_violations(page) == []  # with a field error shown
    calculate(page, "medico-social", "1", "15/01/2024")
    assert axe_violations(page) == []  # with the result and its table


def test_hospital_vague_2_asks_dpi_or_pfi(page: Page) -> None:
    calculate(page, "hopital", "2", "01/10/2025", "hopital-va2-pfi")
    assert page.get_attribute("#echeances-commande", "data-statut") == "late"
    calculate(page, "hopital", "2", "01/10/2025", "hopital-va2-dpi")
    assert page.get_attribute("#echeances-commande", "data-statut") == "in_time"
    assert "17/12/2025" in page.inner_text("#echeances-commande")
    page.select_option("#echeances-couloir", "medico-social")
    assert page.is_hidden("#echeances-dispositif-champ")  # MS1 and MS2 closed on the same day: not asked
