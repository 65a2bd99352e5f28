"""Offline after one visit, in Firefox ESR and WebKitGTK: the site's server is really stopped (no emulation, which
Playwright cannot do over BiDi), and the checker still starts and checks a quote from the offline copy."""

from __future__ import annotations

from pathlib import Path

import pytest
from engine_checker import paste
from support.engines import OpenPage
from support.site import serve
from support.waits import BOOT_TIMEOUT_MS, CHECKER_READY, OFFLINE_COPY_TIMEOUT_MS, OFFLINE_READY

import segur_devis

pytestmark = pytest.mark.browser

QUOTE = Path(__file__).resolve().parents[1] / "corpus" / "10_pha_lgo_liste_versions_conforme.txt"


def test_after_one_visit_the_checker_works_without_the_server(open_page: OpenPage, built_site: Path) -> None:
    page = open_page()
    with serve(built_site) as url:
        page.goto(url + "verifier/")
        page.wait(CHECKER_READY, BOOT_TIMEOUT_MS)
        page.wait(OFFLINE_READY, OFFLINE_COPY_TIMEOUT_MS)
    # The server is gone: the same address now refuses connections.
    page.goto(url + "verifier/")
    page.wait(CHECKER_READY, BOOT_TIMEOUT_MS)
    text = QUOTE.read_text(encoding="utf-8")
    report = segur_devis.check_text(text)
    assert paste(page, text) == (report.verdict, sorted(f.code for f in report.findings))
    page.goto(url + "comprendre/")  # a guidance page too
    page.wait("body[data-md-color-scheme]")
