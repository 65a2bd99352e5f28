"""« Où en est-on aujourd'hui ? » on the home page of a phone (390 px): a summary, the latest vague of each couloir,
with the full table folded below it and a link to the calendar; computed in the browser on the reader's day. On a
computer, and on the calendar page, the full table as before."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from playwright.sync_api import Browser, Page
from support.axe import axe_violations

from segur_devis.deadlines import status_on, today_table, windows

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 768}
COMPONENT = "[data-aujourdhui][data-etat='pret']"
SUMMARY = "[data-aujourdhui] ul.aujourdhui-resume"
FOLDED = "[data-aujourdhui] details.aujourdhui-complet"
CALENDAR_LINK = "[data-aujourdhui] a:has-text('Voir tout le calendrier')"


@pytest.fixture(scope="module")
def phone(browser: Browser) -> Iterator[Page]:
    """A phone's page (the component needs no engine nor service worker)."""
    context = browser.new_context(locale="fr-FR", service_workers="block")
    yield context.new_page()
    context.close()


@pytest.fixture
def page(phone: Page) -> Page:
    phone.set_viewport_size(PHONE)
    phone.emulate_media(color_scheme="light")
    return phone


def open_on(page: Page, url: str, day: date) -> None:
    page.goto(f"{url}?aujourdhui={day.isoformat()}")
    page.wait_for_selector(COMPONENT, state="attached")


def latest_statuses(day: date) -> dict[str, list[tuple[str, str]]]:
    """Couloir → (window ids, status) of its latest vague on `day`, as Python judges them."""
    by_id = {w.id: w for w in windows()}
    latest: dict[str, dict[str, Any]] = {}
    for row in today_table()["rows"]:  # each couloir's rows in vague order: the last one stays
        latest[row["couloir"]] = row
    return {
        couloir: [(" ".join(w["ids"]), status_on(by_id[w["ids"][0]], day)) for w in row["windows"]]
        for couloir, row in latest.items()
    }


@pytest.mark.parametrize("day", [date(2025, 10, 1), date(2026, 11, 30)])
def test_on_a_phone_the_home_page_shows_each_couloir_s_latest_vague(
    site_url: str, page: Page, day: date
) -> None:
    open_on(page, site_url, day)
    assert page.get_attribute("[data-aujourdhui]", "data-forme") == "resume"
    items = page.locator(f"{SUMMARY} > li")
    shown = {
        item.get_attribute("data-couloir"): [
            (p.get_attribute("data-dispositifs"), p.get_attribute("data-statut"))
            for p in item.locator("[data-statut]").all()
        ]
        for item in items.all()
    }
    assert shown == latest_statuses(day)
    assert "Vague 2 :" in page.inner_text(SUMMARY)
    assert f"Situation au {day:%d/%m/%Y}" in page.inner_text("[data-aujourdhui]")


def test_on_a_phone_every_fact_stays_one_tap_away(site_url: str, page: Page) -> None:
    open_on(page, site_url, date(2026, 11, 30))
    assert page.eval_on_selector(FOLDED, "d => d.open") is False
    assert not page.locator(f"{FOLDED} table").is_visible()
    # The summary is much shorter than the table it replaces (the calendar page keeps the table at this width).
    short = page.locator("[data-aujourdhui]").bounding_box()
    page.click(f"{FOLDED} > summary")
    assert page.locator(f"{FOLDED} table").is_visible()
    in_table = set(
        page.eval_on_selector_all(
            f"{FOLDED} table [data-dispositifs]", "els => els.map(e => e.dataset.dispositifs)"
        )
    )
    assert {i for ids in in_table for i in ids.split()} == {w.id for w in windows()}
    full = page.locator("[data-aujourdhui]").bounding_box()
    assert short and full and short["height"] < 0.6 * full["height"], (short, full)

    page.click(f"{FOLDED} > summary")  # folded again: the keyboard goes from the summary to the calendar link
    page.focus(f"{FOLDED} > summary")
    page.keyboard.press("Tab")
    assert (
        page.evaluate("() => document.activeElement.textContent")
        == "Voir tout le calendrier, avec les sources"
    )
    page.click(CALENDAR_LINK)
    page.wait_for_url(site_url + "comprendre/calendrier/")
    page.wait_for_selector(COMPONENT, state="attached")
    assert page.get_attribute("[data-aujourdhui]", "data-forme") == "tableau"


def test_on_a_computer_the_home_page_shows_the_table_and_follows_a_resize(site_url: str, page: Page) -> None:
    page.set_viewport_size(DESKTOP)
    open_on(page, site_url, date(2026, 11, 30))
    assert page.get_attribute("[data-aujourdhui]", "data-forme") == "tableau"
    assert page.locator(SUMMARY).count() == 0 and page.locator("[data-aujourdhui] table").is_visible()
    page.set_viewport_size(PHONE)
    page.wait_for_selector(SUMMARY)
    assert page.get_attribute("[data-aujourdhui]", "data-forme") == "resume"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_phone_summary_has_no_axe_violation(site_url: str, page: Page, scheme: str) -> None:
    page.emulate_media(color_scheme=scheme)
    open_on(page, site_url, date(2026, 11, 30))
    assert axe_violations(page, best_practices=True) == []
    page.click(f"{FOLDED} > summary")
    assert axe_violations(page, best_practices=True) == []
