"""The checker page in a real Chromium: the CLI's checker, run by self-hosted Pyodide in a worker."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from support.pages import CheckerPage, assert_plain_french
from support.pdf_makers import encrypted_pdf_of, pdf_of, scanned_pdf
from support.quotes import SEED_CONFORME, SEED_ERA, SEED_MAINTENANCE, fixture_text
from support.waits import BOOT_TIMEOUT_MS, checker_state

import segur_devis

pytestmark = pytest.mark.browser


def test_conforming_seed_quote_is_conforme(ready: CheckerPage) -> None:
    assert ready.check_text(fixture_text(SEED_CONFORME)) == "conforme"
    assert "error" not in ready.page.eval_on_selector_all(
        "#rapport [data-code]", "els => els.map(e => e.className)"
    )
    verdict = ready.page.inner_text(".verifier-verdict")
    assert "Conforme" in verdict  # said in words, not only in colour


def test_pack_with_maintenance_is_non_conforme(ready: CheckerPage) -> None:
    assert ready.check_text(fixture_text(SEED_MAINTENANCE)) == "non_conforme"
    codes = ready.codes()
    assert "P01" in codes  # maintenance billed to the client
    assert not {"P03", "P06"} & set(codes)  # the DSR feature list is not a list of billed items
    assert "Non conforme" in ready.page.inner_text(".verifier-verdict")
    # Findings are grouped by severity, errors first.
    headings = ready.page.eval_on_selector_all("#rapport h3", "els => els.map(e => e.textContent)")
    assert headings[0].startswith("Non-conformités")


def test_focus_moves_to_report_heading(ready: CheckerPage) -> None:
    ready.check_text(fixture_text(SEED_MAINTENANCE))
    assert ready.page.evaluate("() => document.activeElement.id") == "rapport-titre"


def test_rule_links_are_relative_and_lead_to_rule_pages(ready: CheckerPage, built_site: Path) -> None:
    ready.check_text(fixture_text(SEED_MAINTENANCE))
    hrefs = ready.page.eval_on_selector_all(
        "#rapport a[href*='regles/']", "els => els.map(e => e.getAttribute('href'))"
    )
    assert hrefs and all(h.startswith("../regles/") for h in hrefs)
    for href in hrefs:
        path = urlsplit(urljoin(ready.site_url + "verifier/", href)).path.strip("/")
        assert (built_site / path / "index.html").is_file(), href


def test_evidence_is_highlighted_in_the_quote_text(ready: CheckerPage) -> None:
    text = fixture_text(SEED_MAINTENANCE)
    ready.check_text(text)
    expected = segur_devis.check_text(text, today=SEED_ERA).findings
    marks = ready.page.eval_on_selector_all(
        "#texte-analyse mark", "els => els.map(e => [e.dataset.findings.split(' '), e.textContent])"
    )
    assert marks
    with_evidence = [(i, f) for i, f in enumerate(expected) if f.evidence]
    assert with_evidence
    for index, finding in with_evidence:
        shown = "".join(piece for owners, piece in marks if str(index) in owners)
        assert shown == finding.evidence.text, finding.code
    # The read-only view holds the whole analysed text, as text.
    assert ready.page.inner_text("#texte-analyse").strip() == segur_devis.check_text(text).text.strip()


def test_quote_text_is_never_interpreted_as_html(ready: CheckerPage) -> None:
    hostile = fixture_text(SEED_MAINTENANCE) + "\n<img src=x onerror=\"document.title='pwned'\"><b>gras</b>\n"
    ready.check_text(hostile)
    assert ready.page.locator("#rapport img, #rapport b").count() == 0
    assert "<b>gras</b>" in ready.page.inner_text("#texte-analyse")
    assert ready.page.title() != "pwned"


def test_pdf_upload(ready: CheckerPage) -> None:
    data = pdf_of(fixture_text(SEED_MAINTENANCE))
    verdict = ready.check_file("devis-pack.pdf", data)
    expected = segur_devis.check_pdf(data, source="devis-pack.pdf", today=SEED_ERA)
    assert verdict == expected.verdict == "non_conforme"
    assert ready.codes() == expected.codes
    assert "devis-pack.pdf" in ready.page.inner_text("#rapport .verifier-entete")


def test_pdf_dropped_on_the_drop_zone(ready: CheckerPage) -> None:
    data = pdf_of(fixture_text(SEED_CONFORME))
    ready.page.eval_on_selector(
        "#zone-depot",
        """(zone, bytes) => {
            const transfer = new DataTransfer();
            transfer.items.add(new File([new Uint8Array(bytes)], "depose.pdf", {type: "application/pdf"}));
            for (const type of ["dragenter", "dragover", "drop"]) {
                zone.dispatchEvent(new DragEvent(type, {dataTransfer: transfer, bubbles: true, cancelable: true}));
            }
        }""",
        list(data),
    )
    assert ready.wait_outcome() == "conforme"
    assert "depose.pdf" in ready.page.inner_text("#rapport .verifier-entete")


def test_keyboard_only(ready: CheckerPage) -> None:
    page = ready.page
    page.focus("#devis-texte")
    page.keyboard.insert_text(fixture_text(SEED_MAINTENANCE))
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") == "verifier"
    outline = page.eval_on_selector("#verifier", "b => getComputedStyle(b).outlineStyle")
    assert outline != "none"  # focus is visible
    page.keyboard.press("Enter")
    assert ready.wait_outcome() == "non_conforme"
    assert page.evaluate("() => document.activeElement.id") == "rapport-titre"


def test_txt_file_is_read_as_text(ready: CheckerPage) -> None:
    text = fixture_text(SEED_CONFORME)
    verdict = ready.check_file("devis.txt", text.encode("cp1252", errors="replace"), mime="text/plain")
    assert verdict == segur_devis.check_text(text, today=SEED_ERA).verdict == "conforme"


def test_print_shows_the_report_without_site_chrome(ready: CheckerPage) -> None:
    ready.check_text(fixture_text(SEED_MAINTENANCE))
    ready.page.emulate_media(media="print")
    assert ready.page.is_visible("#rapport")
    assert ready.page.is_visible("#rapport .verifier-verdict")
    for chrome in (
        ".md-header",
        ".md-sidebar--primary",
        ".md-footer",
        "#verifier-formulaire",
        ".verifier-outils",
    ):
        assert not ready.page.is_visible(chrome), chrome


def test_copy_report_as_plain_text(ready: CheckerPage) -> None:
    ready.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=ready.site_url.rstrip("/"))
    ready.check_text(fixture_text(SEED_MAINTENANCE))
    ready.page.click("#rapport-copier")
    ready.page.wait_for_selector("#rapport-outils-etat:has-text('copié')")
    copied = ready.page.evaluate("() => navigator.clipboard.readText()")
    assert "Verdict : Non conforme" in copied
    assert "Prestation incluse dans la Prestation Ségur facturée au client [P01]" in copied
    assert ready.site_url + "regles/P01/" in copied  # absolute, so it works once pasted elsewhere
    assert "<" not in copied


def test_download_json_report(ready: CheckerPage) -> None:
    text = fixture_text(SEED_MAINTENANCE)
    ready.check_text(text)
    downloaded = ready.download_report()
    assert downloaded == json.loads(json.dumps(segur_devis.check_text(text, today=SEED_ERA).to_dict()))


def test_request_before_ready_waits_then_succeeds(session: CheckerPage) -> None:
    page = session.open()
    page.wait_for_selector(checker_state("loading"), state="attached")
    state_at_click = page.evaluate(
        """text => {
            const state = document.documentElement.dataset.checker;
            document.getElementById('devis-texte').value = text;
            document.getElementById('verifier').click();
            return state;
        }""",
        fixture_text(SEED_CONFORME),
    )
    assert state_at_click == "loading"
    assert "démarrera dès" in page.inner_text("#verifier-etat")
    assert page.is_visible("#verifier-progression")
    assert session.wait_outcome(BOOT_TIMEOUT_MS) == "conforme"


def test_no_request_leaves_the_origin_or_carries_the_quote(session: CheckerPage) -> None:
    session.open()
    session.wait_ready()
    text = fixture_text(SEED_CONFORME)
    assert session.check_text(text) == "conforme"
    assert session.check_file("devis.pdf", pdf_of(text)) == "conforme", session.message()  # loads pypdf
    seen = len(session.requests)
    session.page.wait_for_timeout(1500)
    assert session.requests[seen:] == []  # nothing after the report is shown

    urls = [r.url for r in session.requests]
    # Worker requests are recorded too: the runtime and both wheels came from this site.
    for needed in ("pyodide/pyodide.asm.wasm", "pyodide/python_stdlib.zip", "segur_devis-", "pypdf-"):
        assert any(needed in url for url in urls), needed
    origin = session.site_url.rstrip("/")
    assert all(url.startswith(origin + "/") or url.startswith(("blob:", "data:")) for url in urls), urls
    secrets = ("12abc3d45e", "Abcde V1.0", "123456789")
    for request in session.requests:
        assert request.method == "GET", request.url
        assert not any(s in request.url for s in secrets)
        assert not request.post_data or not any(s.encode() in request.post_data for s in secrets)


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("empty", "Collez le texte du devis"),
        ("truncated-pdf", ""),
        ("fake-pdf", "n’est pas un PDF"),
        ("encrypted-pdf", "mot de passe"),
        ("binary", ""),
    ],
)
def test_bad_input_shows_a_french_message_and_the_page_still_works(
    ready: CheckerPage, case: str, expected: str
) -> None:
    if case == "empty":
        outcome = ready.check_text("   \n ")
    elif case == "truncated-pdf":
        outcome = ready.check_file("devis.pdf", pdf_of(fixture_text(SEED_CONFORME))[:600])
    elif case == "encrypted-pdf":
        outcome = ready.check_file("devis.pdf", encrypted_pdf_of(fixture_text(SEED_CONFORME)))
    elif case == "fake-pdf":
        outcome = ready.check_file("devis.pdf", b"Ceci n'est pas un PDF, juste du texte.\n" * 20)
    else:
        outcome = ready.check_file("image.png", bytes(range(256)) * 64, mime="image/png")
    assert outcome == ""  # a message, not a report
    message = ready.message()
    assert expected in message
    assert_plain_french(message)
    assert ready.check_text(fixture_text(SEED_CONFORME)) == "conforme"  # usable again
    assert ready.page.is_hidden("#verifier-message")


def test_non_quote_text_is_reported_as_not_recognised(ready: CheckerPage) -> None:
    recipe = (
        "Recette de la tarte aux pommes\n\nÉplucher six pommes, étaler la pâte, cuire 35 minutes à 180 °C.\n"
    )
    assert ready.check_text(recipe) == "non_reconnu"
    assert "non reconnu" in ready.page.inner_text(".verifier-verdict")
    assert ready.check_text(fixture_text(SEED_MAINTENANCE)) == "non_conforme"


def test_scanned_pdf_is_reported_as_unreadable_text(ready: CheckerPage) -> None:
    assert ready.check_file("scan.pdf", scanned_pdf()) == "non_reconnu"
    assert "scanné" in ready.page.inner_text("#rapport .verifier-resume")


@pytest.mark.slow
def test_huge_paste_is_handled(ready: CheckerPage) -> None:
    huge = (fixture_text(SEED_MAINTENANCE) + "\n") * (5_000_000 // len(fixture_text(SEED_MAINTENANCE)))
    outcome = ready.check_text(huge)
    if outcome == "":
        assert_plain_french(ready.message())
    assert ready.check_text(fixture_text(SEED_CONFORME)) == "conforme"


@pytest.mark.parametrize("missing", ["pyodide.asm.wasm", "python_stdlib.zip", "segur_devis-*.whl"])
def test_a_runtime_that_cannot_load_is_reported_in_french(session: CheckerPage, missing: str) -> None:
    session.context.route(f"**/pyodide/{missing}", lambda route: route.abort())
    page = session.open()
    page.wait_for_selector(checker_state("error"), state="attached", timeout=BOOT_TIMEOUT_MS)
    assert "n’a pas pu démarrer" in page.inner_text("#verifier-etat")
    assert session.check_text(fixture_text(SEED_CONFORME)) == ""  # a new attempt, failing the same way
    assert "n’a pas pu démarrer" in session.message()


def test_a_check_over_the_time_limit_is_stopped_and_the_engine_restarts(session: CheckerPage) -> None:
    page = session.open("?limite=1")  # a 1 ms limit, for this test only
    session.wait_ready()
    long_quote = fixture_text(SEED_MAINTENANCE) * 200  # well over 1 ms of work, even on a fast machine
    assert session.check_text(long_quote) == ""
    assert "trop de temps" in session.message()
    session.wait_ready()
    boots = page.evaluate("() => performance.getEntriesByName('segur-devis:stage:runtime').length")
    assert boots == 2  # a new worker booted
