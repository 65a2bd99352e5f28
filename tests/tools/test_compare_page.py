"""The multi-year comparison page in Chromium: compare.py run by the checker's worker, shown as sentences, an
accessible SVG chart and tables."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page
from support.axe import axe_violations
from support.pages import ToolPage, assert_plain_french

from segur_devis.tools.compare import compare_form

pytestmark = pytest.mark.browser

FIELDS = ("name", "one_off", "yearly", "monthly", "maintenance", "state")
ALL_IN = {"name": "Tout compris", "one_off": "12 000", "maintenance": "300", "state": "8 000"}
SUBSCRIPTION = {"name": "Abonnement", "one_off": "1 000", "monthly": "150", "state": "1 000"}


@pytest.fixture(scope="module")
def page(tool_page: ToolPage) -> Page:
    tool_page.open("outils/comparer/")
    tool_page.wait_ready()
    return tool_page.page


@pytest.fixture
def fresh(page: Page) -> Page:
    """The form back to two empty offers and no result."""
    page.evaluate(
        """() => {
            for (const n of [4, 3]) {
                const offer = document.getElementById(`offre-${n}`);
                if (!offer.hidden) offer.querySelector('.outils-retirer').click();
            }
            document.getElementById('comparer-formulaire').querySelectorAll('input').forEach(i => i.value = '');
            document.getElementById('comparer-resultat').hidden = true;
        }"""
    )
    page.select_option("#duree", "5")
    return page


def fill(page: Page, n: int, offer: dict[str, str]) -> None:
    for field in FIELDS:
        page.fill(f"#offre-{n}-{field}", offer.get(field, ""))


def submit(page: Page) -> None:
    page.click("#comparer-calculer")
    page.wait_for_selector("#comparer-resultat:not([hidden]), #outil-message:not([hidden])")


def test_same_result_as_python_on_cpython(fresh: Page) -> None:
    fill(fresh, 1, ALL_IN)
    fill(fresh, 2, SUBSCRIPTION)
    submit(fresh)
    expected = compare_form({"years": "5", "offers": [ALL_IN, SUBSCRIPTION]})
    shown = fresh.eval_on_selector_all("#comparer-conclusions li", "els => els.map(e => e.textContent)")
    assert shown == expected["conclusions"]
    assert shown[1] == "À partir de l’année 3 : l’offre « Tout compris » coûte le moins cher en cumulé."
    cumul = fresh.eval_on_selector_all(
        "#comparer-cumul tbody tr", "rows => rows.map(r => [...r.cells].slice(1).map(c => c.dataset.valeur))"
    )
    assert cumul == [list(v) for v in zip(*(o["cumulative"] for o in expected["offers"]), strict=True)]
    yearly = fresh.eval_on_selector_all(
        "#comparer-annuel tbody tr", "rows => rows.map(r => [...r.cells].slice(1).map(c => c.dataset.valeur))"
    )
    assert yearly == [list(v) for v in zip(*(o["per_year"] for o in expected["offers"]), strict=True)]
    # The cheapest offer of each year is said in words in the table.
    marked = fresh.eval_on_selector_all(
        "#comparer-cumul tbody tr",
        "rows => rows.map(r => [...r.cells].findIndex(c => c.textContent.includes('la moins chère')) - 1)",
    )
    assert marked == [c[0] for c in expected["cheapest"]]
    assert fresh.evaluate("() => document.activeElement.id") == "comparer-resultat-titre"


def test_chart_is_an_accessible_inline_svg(fresh: Page) -> None:
    fill(fresh, 1, ALL_IN)
    fill(fresh, 2, SUBSCRIPTION)
    fresh.select_option("#duree", "4")
    submit(fresh)
    chart = fresh.locator("#comparer-resultat svg#comparer-graphique")
    assert chart.get_attribute("role") == "img"
    title_id = chart.get_attribute("aria-labelledby")
    assert (
        title_id
        and fresh.locator(f"svg title#{title_id}").text_content()
        == "Coût cumulé pour l’établissement, sur 4 ans"
    )
    desc = fresh.locator(f"svg desc#{chart.get_attribute('aria-describedby')}").text_content() or ""
    assert "tableau « Coût cumulé »" in desc and "À partir de l’année 3" in desc
    assert fresh.locator("#comparer-cumul caption").inner_text().startswith("Coût cumulé")
    # One line per offer, one marker per year; built with DOM APIs (no HTML string), nothing inline-styled.
    assert chart.locator("path.outils-serie").count() == 2
    assert chart.locator(".outils-point").count() == 2 * 4
    assert fresh.locator("#comparer-resultat [style]").count() == 0
    box = chart.bounding_box()
    assert box and box["width"] > 300  # drawn at a readable size


def test_up_to_four_offers_and_removing_one_moves_the_others_up(fresh: Page) -> None:
    for n in (3, 4):
        fresh.click("#comparer-ajouter")
        assert fresh.evaluate("() => document.activeElement.id") == f"offre-{n}-name"
    assert fresh.is_hidden("#comparer-ajouter")  # four at most
    fill(fresh, 1, {"name": "A", "yearly": "400"})
    fill(fresh, 2, {"name": "B", "yearly": "300"})
    fill(fresh, 3, {"name": "C", "yearly": "200"})
    fill(fresh, 4, {"name": "D", "yearly": "100"})
    fresh.click("#offre-3 .outils-retirer")
    assert fresh.is_hidden("#offre-4") and fresh.is_visible("#comparer-ajouter")
    assert fresh.input_value("#offre-3-name") == "D"
    assert fresh.evaluate("() => document.activeElement.id") == "comparer-ajouter"
    submit(fresh)
    assert fresh.eval_on_selector_all("#comparer-cumul thead th", "els => els.map(e => e.textContent)") == [
        "Année",
        "A",
        "B",
        "D",
    ]
    assert "« D »" in fresh.inner_text("#comparer-conclusions")


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("monthly", "-150", "ne peut pas être négatif"),
        ("one_off", "douze mille", "n’est pas un montant"),
        ("state", "99 999", "plus que ce que l’offre coûte la première année"),
    ],
)
def test_bad_amounts_are_explained_next_to_the_field(
    fresh: Page, field: str, value: str, expected: str
) -> None:
    fill(fresh, 1, ALL_IN)
    fill(fresh, 2, {**SUBSCRIPTION, field: value})
    submit(fresh)
    error = fresh.inner_text(f"#offre-2-{field}-erreur")
    assert expected in error
    assert_plain_french(error)
    assert fresh.get_attribute(f"#offre-2-{field}", "aria-invalid") == "true"
    assert f"offre-2-{field}-erreur" in (fresh.get_attribute(f"#offre-2-{field}", "aria-describedby") or "")
    assert fresh.evaluate("() => document.activeElement.id") == f"offre-2-{field}"
    assert "Un champ est à corriger" in fresh.inner_text("#outil-message")
    assert fresh.is_hidden("#comparer-resultat")


def test_offer_names_are_text_never_html(fresh: Page) -> None:
    fill(fresh, 1, {"name": "<img src=x onerror=\"document.title='pwned'\">", "yearly": "1"})
    fill(fresh, 2, {"name": "<b>gras</b>", "yearly": "2"})
    submit(fresh)
    assert fresh.locator("#comparer-resultat img, #comparer-resultat b").count() == 0
    assert "<b>gras</b>" in fresh.inner_text("#comparer-cumul")
    assert fresh.title() != "pwned"


def test_keyboard_only(fresh: Page) -> None:
    fresh.focus("#duree")
    fresh.keyboard.press("Tab")
    assert fresh.evaluate("() => document.activeElement.id") == "offre-1-name"
    fresh.keyboard.type("Clavier")
    for field in ("one_off", "yearly"):
        fresh.keyboard.press("Tab")
        assert fresh.evaluate("() => document.activeElement.id") == f"offre-1-{field}"
    fresh.keyboard.type("100")
    fresh.focus("#offre-2-yearly")
    fresh.keyboard.type("50")
    fresh.keyboard.press("Enter")
    fresh.wait_for_selector("#comparer-resultat:not([hidden])")
    assert "« Offre 2 »" in fresh.inner_text("#comparer-conclusions")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_form_and_result_have_no_axe_violation(fresh: Page, scheme: str) -> None:
    fresh.emulate_media(color_scheme=scheme)
    fill(fresh, 1, ALL_IN)
    fill(fresh, 2, {**SUBSCRIPTION, "monthly": "-1"})
    submit(fresh)  # field errors shown
    fill(fresh, 2, SUBSCRIPTION)
    fresh.click("#comparer-ajouter")
    submit(fresh)
    fresh.wait_for_selector("#comparer-resultat:not([hidden])")
    assert axe_violations(fresh) == []
