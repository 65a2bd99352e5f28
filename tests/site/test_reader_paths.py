"""Each reader's path, walked in Chromium on a desktop (1366×900) and a phone (390×844): from the home page, the
entry « Vous êtes… » for their activity, their page, its « Vérifier un devis », then a short quote of their kind
pasted and checked. Asserts what they see on the way, and the verdict in view once the check is done. Also: the
words readers type into the site search find their page."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect
from support.pages import check_text, wait_checker_ready
from support.waits import CHECK_TIMEOUT_MS, STEP_TIMEOUT_MS

pytestmark = pytest.mark.browser

TODAY = "2026-11-30"
VIEWPORTS = {"ordinateur": (1366, 900), "telephone": (390, 844)}
VERDICT_LABELS = {"non_conforme": "Non conforme", "a_verifier": "À vérifier", "conforme": "Conforme"}


@dataclass(frozen=True)
class Reader:
    entry: str  # the link on the home page
    page: str  # where it leads
    heading: str  # what their page's title says
    quote: str
    verdict: str
    codes: tuple[str, ...]  # findings the reader must see


READERS = [
    Reader(
        "Un EHPAD ou un établissement médico-social",
        "etablissements/medico-social/",
        "EHPAD",
        "Bon de commande n° BC-2026-118\nEHPAD Les Tilleuls\nLogiciel : DomiCare DUI version 5.2\n"
        "Prestation Ségur MS-DUI-Va2, prise en charge par l'État : 12 000,00 € HT\n"
        "Maintenance corrective annuelle, à la charge de l'établissement : 1 800,00 € HT\n",
        "non_conforme",
        ("P01", "M06"),
    ),
    Reader(
        "Une pharmacie",
        "etablissements/pharmacie/",
        "pharmacien",
        "Devis n° D-4471 — Pharmacie du Marché\nLogiciel OfficinePlus version 9.1\n"
        "Prestation Ségur PHA-LGO-Va2, financement SONS : 875,00 € HT\n"
        "Formation des équipes, facturée au client : 450,00 € HT\n",
        "non_conforme",
        ("P01",),
    ),
    Reader(
        "Un cabinet médical ou paramédical",
        "etablissements/cabinet/",
        "kiné",
        "Devis n° 2026-77 — Cabinet de kinésithérapie Martin\nLogiciel KinéDoc version 4.0\n"
        "Prestation Ségur LGC-Va2, prise en charge par l'État : 1 200,00 € HT\n"
        "La Prestation Ségur est conditionnée à la souscription d'un abonnement de 36 mois.\n",
        "non_conforme",
        ("P05",),
    ),
    Reader(
        "Un laboratoire de biologie",
        "etablissements/laboratoire/",
        "laboratoire",
        "Bon de commande n° LAB-301 — Laboratoire Bio-Vallée\nLogiciel BioLab SGL version 7\n"
        "Prestation Ségur BIO-SGL-Va2, prise en charge par l'État : 22 500,00 € HT\n",
        "non_conforme",
        ("M01",),
    ),
    Reader(
        "Un cabinet de radiologie ou d’imagerie",
        "etablissements/radiologie/",
        "radiologie",
        "Devis n° RX-88 — Centre d'imagerie du Parc\nLogiciel RadioRIS version 12.3\n"
        "Prestation Ségur RAD-RIS-Va2, prise en charge par l'État : 18 000,00 € HT\n"
        "Installation et paramétrage, à la charge du client : 2 400,00 € HT\n",
        "non_conforme",
        ("P01",),
    ),
    Reader(
        "Un hôpital ou une clinique",
        "etablissements/hopital/",
        "clinique",
        "Bon de commande n° HOP-2026-12\nCentre hospitalier de l'Exemple\nLogiciel : MediDPI version 8.2\n"
        "Prestation Ségur HOP-DPI-Va2, prise en charge par l'État : 85 000,00 € HT\n"
        "Cofinancement SUN-ES : 12 000,00 € HT\n",
        "non_conforme",
        ("F01",),
    ),
    Reader(
        "Un éditeur de logiciel",
        "editeurs/",
        "Éditeurs",
        # A vendor's template with every mandatory mention: nothing wrong, one point to check (M07, vague 2).
        "Proposition commerciale\n\nNuméro du bon de commande : 2026-4410\n"
        "Dénomination et version du logiciel : KinéDoc V4.0\n"
        "Numéro unique de référencement de la solution logicielle (délivré par l’ANS) : 12abc3d45e\n"
        "Base de calcul du barème du montant maximal payé : forfait cabinet\n"
        "Montant de la prestation Ségur pris en charge par l’État au titre du Ségur de la Santé\n\n"
        "Description de la prestation          Montant HT\n"
        "Prestation Ségur MDV-LGC-Va2            1 200,00 €\n",
        "a_verifier",
        (),
    ),
]


@pytest.fixture(scope="module", params=list(VIEWPORTS))
def device(request: pytest.FixtureRequest, browser: Browser) -> Iterator[BrowserContext]:
    width, height = VIEWPORTS[request.param]
    context = browser.new_context(viewport={"width": width, "height": height}, locale="fr-FR")
    context.set_default_timeout(CHECK_TIMEOUT_MS)
    yield context
    context.close()


def in_view(page: Page, selector_text: str) -> bool:
    """Whether the report's verdict words are inside the visible part of the page."""
    box = page.locator("#rapport").get_by_text(re.compile(selector_text, re.I)).first.bounding_box()
    height = page.viewport_size["height"] if page.viewport_size else 0
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height


@pytest.mark.parametrize("reader", READERS, ids=[r.page.split("/")[-2] for r in READERS])
def test_reader_goes_from_home_to_a_report(device: BrowserContext, site_url: str, reader: Reader) -> None:
    page = device.new_page()
    try:
        page.goto(site_url)
        # The first action is in view without scrolling, on a phone too.
        primary = page.locator("article a.md-button--primary", has_text="Vérifier un devis").first
        expect(primary).to_be_in_viewport()
        page.locator(".sd-lecteurs a", has_text=reader.entry).click()
        page.wait_for_url(site_url + reader.page)
        expect(page.locator("article h1")).to_contain_text(reader.heading)
        page.locator("article a", has_text="Vérifier un devis").first.click()
        page.wait_for_url(site_url + "verifier/")
        # Same page, judged on the day the expectations were written (the checker's injectable « today »).
        page.goto(site_url + "verifier/?aujourdhui=" + TODAY)
        wait_checker_ready(page)
        assert check_text(page, reader.quote) == reader.verdict
        label = VERDICT_LABELS[reader.verdict]
        expect(page.locator("#rapport")).to_contain_text(f"Verdict : {label}")
        assert in_view(page, f"Verdict : {label}"), "the verdict is out of sight after the check"
        seen = set(page.eval_on_selector_all("#rapport [data-code]", "els => els.map(e => e.dataset.code)"))
        assert set(reader.codes) <= seen, seen
    finally:
        page.close()


SEARCHES = {
    "EHPAD": "etablissements/medico-social/",
    "pharmacien": "etablissements/pharmacie/",
    "kiné": "etablissements/cabinet/",
    "clinique": "etablissements/hopital/",
    "SSIAD": "etablissements/medico-social/",
    "dentiste": "etablissements/cabinet/",
    "bon de commande": "etablissements/lire-un-devis/",
}


@pytest.mark.parametrize("words", list(SEARCHES))
def test_readers_words_find_their_page(browser: Browser, site_url: str, words: str) -> None:
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="fr-FR")
    page = context.new_page()
    try:
        page.goto(site_url)
        page.click(".md-search__input")
        # The theme's search worker has loaded the index once it invites to type.
        expect(page.locator(".md-search-result__meta")).to_contain_text("Taper", timeout=STEP_TIMEOUT_MS)
        # The whole words at once, then one key for the theme, which searches on key presses: one query only.
        page.fill(".md-search__input", words)
        page.press(".md-search__input", "End")
        results = page.locator(".md-search-result__list a")
        expect(results.first).to_be_visible(timeout=STEP_TIMEOUT_MS)
        hrefs = [a.get_attribute("href") or "" for a in results.all()]  # the first page of results
        assert any(SEARCHES[words] in href for href in hrefs), hrefs
    finally:
        context.close()
