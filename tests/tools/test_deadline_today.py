"""Today's Ségur: every window of the data judged on both sides of each known date, by the checker (C01/C03),
by the « today » table's Python, and by its module in Chromium (the day injected with ?aujourdhui= or the clock)."""

from __future__ import annotations

import copy
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from data_schema import validate_reference
from playwright.sync_api import Browser, Page
from support.axe import axe_violations
from support.pages import ToolPage, new_tool_page

import segur_devis
from segur_devis.deadlines import Window, status_on, today_table, windows
from segur_devis.reference import load

ONE_DAY = timedelta(days=1)
# A spelling of each family that the checker reads as that window's DSR.
CODE = {
    "DB": "SONS-IMG-DB",
    "RIS": "RAD-RIS",
    "DUI": "MS-DUI",
    "LGC": "MDV-LGC",
    "LGO": "PHA-LGO",
    "SGL": "BIO-SGL",
}


def quote_for(w: Window, signed: date | None) -> str:
    family = w.families[-1]
    code = CODE.get(family, f"HOP-{family}")
    signature = f"Bon pour accord, signé le {signed:%d/%m/%Y}\n" if signed else ""
    return f"Devis n° 12 — Prestation Ségur {code}-Va{w.vague}   9 000 € HT\n{signature}"


def sides(w: Window) -> list[tuple[date, str]]:
    """Days on both sides of each known date of the window, with the status expected on that day."""
    days = []
    if w.opens:
        days += [(w.opens.date - ONE_DAY, "a-venir"), (w.opens.date, "ouvert" if w.closes else "inconnu")]
    if w.closes:
        days += [(w.closes.date, "ouvert"), (w.closes.date + ONE_DAY, "ferme")]
    else:
        days += [(date(2026, 11, 30), "inconnu")]
    return days


WINDOWS = windows()


@pytest.mark.parametrize("w", WINDOWS, ids=lambda w: w.id)
def test_status_on_both_sides_of_each_known_date(w: Window) -> None:
    for day, expected in sides(w):
        assert status_on(w, day) == expected, (w.id, day)


@pytest.mark.parametrize("w", WINDOWS, ids=lambda w: w.id)
def test_checker_calendar_findings_on_both_sides_of_each_known_date(w: Window) -> None:
    if w.closes is None:
        for signed in (date(2026, 11, 30), None):
            report = segur_devis.check_text(quote_for(w, signed), today=date(2026, 11, 30))
            c03 = [f for f in report.findings if f.code == "C03"]
            assert c03 and "C01" not in report.codes, w.id
            assert "n’est publiée" in c03[0].message and "asp-public.fr" in c03[0].message
            assert any("date limite des commandes" in s.lower() for s in report.not_checked)
        return
    on_time = segur_devis.check_text(quote_for(w, w.closes.date), today=date(2029, 1, 1))
    late = segur_devis.check_text(quote_for(w, w.closes.date + ONE_DAY), today=date(2029, 1, 1))
    assert "C01" not in on_time.codes and "C03" not in on_time.codes, w.id
    c01 = [f for f in late.findings if f.code == "C01"]
    assert c01 and c01[0].severity == "error", w.id
    assert w.closes.date.strftime("%d/%m/%Y") in c01[0].message
    # Not signed yet: judged on the day of the check.
    unsigned_before = segur_devis.check_text(quote_for(w, None), today=w.closes.date)
    unsigned_after = segur_devis.check_text(quote_for(w, None), today=w.closes.date + ONE_DAY)
    assert "C01" not in unsigned_before.codes
    message = next(f.message for f in unsigned_after.findings if f.code == "C01")
    assert "signé aujourd’hui" in message and "ne pourrait plus être financé" in message


def test_the_issue_s_cases() -> None:
    today = date(2026, 11, 30)
    dpi = "Devis n° 7 — Prestation Ségur HOP-DPI-Va2   24 000 € HT\nBon pour accord, signé le 25/11/2026\n"
    assert "C01" in segur_devis.check_text(dpi, today=today).codes  # DPI vague 2 advances closed 17/12/2025
    dui_v1 = "Devis n° 8 — Prestation Ségur MS-DUI-Va1   6 000 € HT\nDate du devis : 15/06/2025\n"
    finding = next(f for f in segur_devis.check_text(dui_v1, today=today).findings if f.code == "C01")
    assert "28/02/2024" in finding.message  # the whole medico-social sector, not the MS2 PDS page
    lgo_v2 = "Devis n° 9 — Prestation Ségur PHA-LGO-Va2   900 € HT\nBon pour accord, signé le 10/10/2026\n"
    assert "C03" in segur_devis.check_text(lgo_v2, today=today).codes
    drimbox = "Devis n° 10 — Prestation Ségur SONS-IMG-DB-va2   9 000 € HT\n"
    assert "C01" in segur_devis.check_text(drimbox, today=today).codes  # financing closed 10/11/2026
    assert "C01" not in segur_devis.check_text(drimbox, today=date(2026, 11, 10)).codes


def test_a_vague_1_quote_without_a_couloir_is_judged_on_the_closure_of_vague_1() -> None:
    text = "Devis n° 11 — Prestation Ségur de la vague 1   9 000 € HT\nBon pour accord, signé le 01/03/2024\n"
    report = segur_devis.check_text(text, today=date(2026, 11, 30))
    assert (report.facts["couloir"], report.facts["vague"]) == (None, 1)
    message = next(f.message for f in report.findings if f.code == "C01")
    assert "vague 1, close depuis le 28/02/2024" in message
    in_time = text.replace("01/03/2024", "28/02/2024")
    assert "C01" not in segur_devis.check_text(in_time, today=date(2026, 11, 30)).codes


def test_not_checked_never_lets_conforme_read_as_approved() -> None:
    text = "Devis n° 12 — Prestation Ségur HOP-DPI-Va2   9 000 € HT\n"
    report = segur_devis.check_text(text, today=date(2025, 1, 1))
    assert any("Seuls l’ANS et l’ASP" in s for s in report.not_checked)
    assert any("Base des ES éligibles" in s for s in report.not_checked)
    assert report.to_dict()["not_checked"] == report.not_checked


# --- validation of the data --------------------------------------------------------------------------------


def _data() -> dict[str, Any]:
    return copy.deepcopy(load())


def test_the_data_validates() -> None:
    validate_reference()


def test_a_retained_date_without_a_source_is_refused() -> None:
    data = _data()
    next(d for d in data["deadlines"] if d["retained"])["source"] = None
    with pytest.raises(ValueError, match="a retained date has no source"):
        validate_reference(data)


def test_two_retained_dates_of_one_dispositif_and_step_that_disagree_are_refused() -> None:
    data = _data()
    first = next(d for d in data["deadlines"] if d["retained"] and d["kind"] == "commandes")
    data["deadlines"].append({**first, "date": "2030-01-01", "note": "Autre date."})
    with pytest.raises(ValueError, match="retained dates disagree"):
        validate_reference(data)


def test_a_press_date_cannot_be_retained() -> None:
    data = _data()
    next(d for d in data["deadlines"] if d["confidence"] == "press")["retained"] = True
    with pytest.raises(ValueError, match="from the press cannot be retained"):
        validate_reference(data)


def test_a_deadline_of_an_unknown_dispositif_is_refused() -> None:
    data = _data()
    data["deadlines"][0]["dispositif"] = "lune-va1"
    with pytest.raises(ValueError, match="unknown dispositif 'lune-va1'"):
        validate_reference(data)


# --- the component in Chromium -------------------------------------------------------------------------------


def _statuses(page: Page) -> dict[str, str]:
    page.wait_for_selector("[data-aujourdhui][data-etat='pret']")
    pairs = page.eval_on_selector_all(
        "[data-aujourdhui] [data-dispositifs]",
        "els => els.map(e => [e.dataset.dispositifs, e.dataset.statut])",
    )
    return {one: status for ids, status in pairs for one in ids.split()}


@pytest.fixture(scope="module")
def page(tool_page: ToolPage) -> Page:
    return tool_page.page


DAYS = sorted({day for w in WINDOWS for day, _ in sides(w)} | {date(2026, 11, 30)})


@pytest.mark.browser
def test_component_agrees_with_python_on_both_sides_of_every_known_date(
    tool_page: ToolPage, page: Page
) -> None:
    table = today_table()
    assert {i for r in table["rows"] for w in r["windows"] for i in w["ids"]} == {w.id for w in WINDOWS}
    for day in DAYS:
        tool_page.open(f"comprendre/calendrier/?aujourdhui={day.isoformat()}")
        shown = _statuses(page)
        assert shown == {w.id: status_on(w, day) for w in WINDOWS}, day
        assert page.get_attribute("[data-aujourdhui]", "data-jour") == day.isoformat()
    text = page.inner_text("[data-aujourdhui]")
    assert "Sources vérifiées le 30/11/2026" in text


@pytest.mark.browser
def test_component_reads_the_clock_of_the_reader(browser: Browser, site_url: str) -> None:
    # A page of its own: Playwright's fake clock stays on a page, and slows what runs there after it (axe: 13 times).
    tool = new_tool_page(browser, site_url)
    try:
        tool.page.clock.set_fixed_time(datetime(2025, 10, 1, 9, 0))
        page = tool.open("comprendre/calendrier/")
        shown = _statuses(page)
        assert page.get_attribute("[data-aujourdhui]", "data-jour") == "2025-10-01"
        assert shown["hopital-va2-pfi"] == "ferme" and shown["hopital-va2-dpi"] == "ouvert"
        assert "Situation au 01/10/2025" in page.inner_text("[data-aujourdhui]")
    finally:
        tool.close()


@pytest.mark.browser
@pytest.mark.parametrize(("width", "height"), [(1366, 768), (390, 844)])
def test_calendar_page_fits_without_horizontal_page_scroll(
    tool_page: ToolPage, page: Page, width: int, height: int
) -> None:
    page.set_viewport_size({"width": width, "height": height})
    tool_page.open("comprendre/calendrier/?aujourdhui=2026-11-30")
    _statuses(page)
    for summary in page.locator("details > summary").all():
        summary.click()  # unfolded details must fit too
    scroll, client = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert scroll <= client, (width, scroll, client)


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_calendar_page_with_today_s_table_has_no_axe_violation(
    tool_page: ToolPage, page: Page, scheme: str
) -> None:
    page.set_viewport_size({"width": 1366, "height": 768})
    page.emulate_media(color_scheme=scheme)
    tool_page.open("comprendre/calendrier/?aujourdhui=2026-11-30")
    _statuses(page)
    for summary in page.locator("details > summary").all():
        summary.click()
    assert axe_violations(page) == []
