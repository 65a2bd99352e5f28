"""« Préparer un signalement à l’ANS »: the text written by ans_report.py in the worker, shown read-only with a
copy button, on the checker page and on outils/signalement/ (from a saved JSON report). Nothing is sent."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page
from support.axe import axe_violations
from support.pages import CheckerPage, ToolPage, assert_plain_french, new_tool_page
from support.quotes import SEED_CONFORME, SEED_ERA, SEED_MAINTENANCE, fixture_text

import segur_devis
from segur_devis.tools.ans_report import ans_report_text, form_url

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def checker(browser: Browser, site_url: str) -> Iterator[CheckerPage]:
    session = CheckerPage.new(browser, site_url, service_workers="block")
    session.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    session.open()
    session.wait_ready()
    yield session
    session.close()


def prepare(session: CheckerPage, quote: str) -> str:
    session.check_text(quote)
    session.page.click("#rapport-signalement")
    session.page.wait_for_selector("#signalement-texte", state="visible")
    return session.page.input_value("#signalement-texte")


def test_button_shows_the_python_text_read_only(checker: CheckerPage) -> None:
    text = prepare(checker, fixture_text(SEED_MAINTENANCE))
    expected = segur_devis.check_text(fixture_text(SEED_MAINTENANCE), source="texte", today=SEED_ERA)
    assert text == ans_report_text(expected)
    assert "P01 — Prestation incluse dans la Prestation Ségur facturée au client" in text
    assert "Extrait du devis : « Maintenance annuelle" in text
    assert form_url() in text
    page = checker.page
    assert page.get_attribute("#signalement-texte", "readonly") is not None
    assert page.evaluate("() => document.activeElement.id") == "signalement-titre"
    label = page.locator("label[for='signalement-texte']").inner_text()
    assert label == "Texte à coller dans le formulaire de l’ANS"
    link = page.locator("#signalement a")
    assert link.get_attribute("href") == form_url()
    assert link.get_attribute("rel") == "noopener noreferrer"


def test_copy_button_puts_the_text_on_the_clipboard(checker: CheckerPage) -> None:
    text = prepare(checker, fixture_text(SEED_MAINTENANCE))
    checker.page.click("#signalement-copier")
    checker.page.wait_for_selector("#signalement-etat:has-text('copié')")
    assert checker.page.evaluate("() => navigator.clipboard.readText()") == text


def test_a_new_check_removes_the_previous_text(checker: CheckerPage) -> None:
    prepare(checker, fixture_text(SEED_MAINTENANCE))
    assert checker.check_text(fixture_text(SEED_CONFORME)) == "conforme"
    assert checker.page.locator("#signalement-texte").count() == 0
    assert checker.page.is_hidden("#signalement")


def test_not_offered_when_there_is_nothing_to_report(checker: CheckerPage) -> None:
    assert checker.check_text(fixture_text(SEED_CONFORME)) == "conforme"
    assert checker.page.locator("#rapport-copier").is_visible()
    assert checker.page.locator("#rapport-signalement").count() == 0


def test_nothing_is_sent(checker: CheckerPage) -> None:
    checker.check_text(fixture_text(SEED_MAINTENANCE))
    seen = len(checker.requests)
    checker.page.click("#rapport-signalement")
    checker.page.wait_for_selector("#signalement-texte", state="visible")
    checker.page.click("#signalement-copier")
    checker.page.wait_for_timeout(300)
    assert checker.requests[seen:] == []


def test_keyboard_only(checker: CheckerPage) -> None:
    checker.check_text(fixture_text(SEED_MAINTENANCE))
    checker.page.focus("#rapport-signalement")
    checker.page.keyboard.press("Enter")
    checker.page.wait_for_selector("#signalement-texte", state="visible")
    for expected in ("signalement-texte", "signalement-copier"):
        checker.page.keyboard.press("Tab")
        if checker.page.evaluate("() => document.activeElement.tagName") == "A":
            checker.page.keyboard.press("Tab")  # the link to the ANS form comes first
        assert checker.page.evaluate("() => document.activeElement.id") == expected


@pytest.fixture(scope="module")
def from_file(browser: Browser, site_url: str) -> Iterator[ToolPage]:
    tool = new_tool_page(browser, site_url)
    tool.open("outils/signalement/")
    tool.wait_ready()
    yield tool
    tool.close()


def choose(page: Page, name: str, content: bytes) -> None:
    page.set_input_files(
        "#signalement-fichier", files=[{"name": name, "mimeType": "application/json", "buffer": content}]
    )
    page.wait_for_selector("#signalement-resultat:not([hidden]), #outil-message:not([hidden])")


def test_saved_json_report_gives_the_same_text(from_file: ToolPage, tmp_path: Path) -> None:
    report = segur_devis.check_text(fixture_text(SEED_MAINTENANCE), source="devis-labo.pdf")
    choose(
        from_file.page, "rapport-devis-labo.json", json.dumps(report.to_dict(), ensure_ascii=False).encode()
    )
    assert from_file.page.input_value("#signalement-texte") == ans_report_text(report)
    assert from_file.page.is_hidden("#outil-message")


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"ceci n'est pas du JSON", "n’est pas un rapport du vérificateur"),
        (b'{"bonjour": 1}', "n’est pas un rapport du vérificateur"),
        (b'[{"verdict": "conforme", "findings": []}, {"verdict": "conforme", "findings": []}]', "2 devis"),
    ],
)
def test_anything_else_is_refused_in_french(from_file: ToolPage, content: bytes, expected: str) -> None:
    choose(from_file.page, "autre.json", content)
    message = from_file.page.inner_text("#outil-message")
    assert expected in message
    assert_plain_french(message)
    assert from_file.page.is_hidden("#signalement-resultat")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violation_with_the_text_shown(checker: CheckerPage, from_file: ToolPage, scheme: str) -> None:
    checker.page.emulate_media(color_scheme=scheme)
    prepare(checker, fixture_text(SEED_MAINTENANCE))
    assert axe_violations(checker.page) == []
    from_file.page.emulate_media(color_scheme=scheme)
    report = segur_devis.check_text(fixture_text(SEED_MAINTENANCE)).to_dict()
    choose(from_file.page, "rapport.json", json.dumps(report).encode())
    assert axe_violations(from_file.page) == []
