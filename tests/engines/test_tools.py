"""The tools in Firefox ESR and WebKitGTK: the deadline calculator and the multi-year comparison give the answers
of their Python code on CPython (they run it in the checker's worker)."""

from __future__ import annotations

import pytest
from support.engines import EnginePage, OpenPage, set_value
from support.waits import BOOT_TIMEOUT_MS, CHECK_TIMEOUT_MS, TOOL_READY

from segur_devis.deadlines import windows
from segur_devis.tools.compare import compare_form
from segur_devis.tools.deadline_calculator import deadline_summary, needs_dispositif

pytestmark = pytest.mark.browser

SIGNED = "20/11/2022"
ALL_IN = {"name": "Tout compris", "one_off": "12 000", "maintenance": "300", "state": "8 000"}
SUBSCRIPTION = {"name": "Abonnement", "one_off": "1 000", "monthly": "150", "state": "1 000"}


def open_tool(open_page: OpenPage, site_url: str, path: str) -> EnginePage:
    page = open_page()
    page.goto(site_url + path)
    page.wait(TOOL_READY, BOOT_TIMEOUT_MS)
    return page


def test_deadline_calculator_answers_like_python(open_page: OpenPage, recorded_url: str) -> None:
    page = open_tool(open_page, recorded_url, "outils/echeances/")
    # Every window the data knows; the type of establishment is asked only where the dates depend on it.
    cases = sorted(
        {(w.couloir, w.vague, w.id if needs_dispositif(w.couloir, w.vague) else "") for w in windows()}
    )
    for couloir, vague, asked in cases:
        set_value(page, "#echeances-couloir", couloir)
        set_value(page, "#echeances-vague", str(vague))
        if asked:
            set_value(page, "#echeances-dispositif", asked)
        set_value(page, "#echeances-date", SIGNED)
        page.call("() => { document.getElementById('echeances-resultat').hidden = true; }")
        page.click("#echeances-calculer")
        page.wait("#echeances-resultat:not([hidden])", CHECK_TIMEOUT_MS)
        expected = deadline_summary(couloir, vague, SIGNED, asked or None)
        shown = (
            page.attribute("#echeances-commande", "data-statut"),
            page.attribute("#echeances-preuves", "data-date"),
        )
        assert shown == (expected["order"]["status"], expected["proofs"]["date"]), (couloir, vague, asked)
        assert expected["order"]["message"] in page.text("#echeances-commande")


def test_comparison_answers_like_python(open_page: OpenPage, recorded_url: str) -> None:
    page = open_tool(open_page, recorded_url, "outils/comparer/")
    for n, offer in enumerate((ALL_IN, SUBSCRIPTION), start=1):
        for field in ("name", "one_off", "yearly", "monthly", "maintenance", "state"):
            set_value(page, f"#offre-{n}-{field}", offer.get(field, ""))
    set_value(page, "#duree", "5")
    page.click("#comparer-calculer")
    page.wait("#comparer-resultat:not([hidden])", CHECK_TIMEOUT_MS)
    expected = compare_form({"years": "5", "offers": [ALL_IN, SUBSCRIPTION]})
    shown = page.call(
        "() => [...document.querySelectorAll('#comparer-conclusions li')].map((e) => e.textContent)"
    )
    assert shown == expected["conclusions"]
    cumulative = page.call(
        "() => [...document.querySelectorAll('#comparer-cumul tbody tr')]"
        ".map((r) => [...r.cells].slice(1).map((c) => c.dataset.valeur))"
    )
    assert cumulative == [list(v) for v in zip(*(o["cumulative"] for o in expected["offers"]), strict=True)]
