"""Both ways the checker's Python starts, in a real Chromium, against CPython's answers:
- a first visit boots Python and installs the checker, and asks nothing of the snapshot;
- a return visit restores the memory snapshot kept in the offline copy, with no byte from the network;
- a damaged snapshot in the offline copy is ignored: the checker boots as on a first visit, with no message.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Browser
from site_server import Entry, serve
from support.pages import CheckerPage as Session
from support.pdf_makers import pdf_of
from support.quotes import SEED_ERA, SEED_MAINTENANCE, SEEDS, fixture_text
from support.reports import compare

import segur_devis
from segur_devis.deadlines import proofs_due

pytestmark = pytest.mark.browser

READY_MS = 120_000
CORPUS = Path(__file__).resolve().parents[1] / "corpus"
QUOTES = list(SEEDS) + sorted(CORPUS.glob("*.txt"))[:4]


@pytest.fixture
def served(built_site: Path) -> Iterator[tuple[str, list[Entry]]]:
    """The site on its own server, whose log tells what reached the network."""
    with serve(built_site) as server:
        yield server


@pytest.fixture
def visitor(browser: Browser, served: tuple[str, list[Entry]]) -> Iterator[Session]:
    context = browser.new_context(locale="fr-FR", service_workers="allow", accept_downloads=True)
    context.set_default_timeout(READY_MS)
    session = Session(context, context.new_page(), served[0])
    context.on("request", session.record)
    yield session
    context.close()


def boot(session: Session) -> str:
    """Waits for the engine; returns how Python started ("python" or "snapshot")."""
    session.page.wait_for_selector(
        "html[data-checker=ready][data-demarrage]", state="attached", timeout=READY_MS
    )
    return session.page.get_attribute("html", "data-demarrage") or ""


def first_visit(session: Session) -> None:
    session.open()
    assert boot(session) == "python"
    # The offline copy (the snapshot with it) is filled once the engine is ready.
    session.page.wait_for_selector("html[data-hors-ligne=ready]", state="attached", timeout=READY_MS)


def same_as_cpython(session: Session) -> list[tuple[object, ...]]:
    differences: list[tuple[object, ...]] = []
    for path in QUOTES:
        data = path.read_bytes()
        session.page.click("#effacer")
        assert session.check_file(path.name, data, mime="text/plain"), path.name
        differences += compare(
            path.name,
            session.download_report(),
            segur_devis.check_bytes(data, filename=path.name, today=SEED_ERA).to_dict(),
        )
    pdf = pdf_of(fixture_text(SEED_MAINTENANCE))
    session.page.click("#effacer")
    assert session.check_file("devis.pdf", pdf)  # pypdf is not in the snapshot: loaded on demand
    differences += compare(
        "devis.pdf",
        session.download_report(),
        segur_devis.check_bytes(pdf, filename="devis.pdf", today=SEED_ERA).to_dict(),
    )
    return differences


def test_a_first_visit_boots_python_and_never_fetches_the_snapshot(
    browser: Browser, served: tuple[str, list[Entry]]
) -> None:
    # No service worker: nothing fills the offline copy after ready, so any request for the snapshot is the
    # engine's own.
    context = browser.new_context(locale="fr-FR", service_workers="block")
    try:
        session = Session(context, context.new_page(), served[0])
        context.on("request", session.record)
        session.open()
        assert boot(session) == "python"
        session.page.wait_for_timeout(1000)
        assert [r.url for r in session.requests if r.url.endswith("worker.mjs")]
        assert not [r.url for r in session.requests if "snapshot" in r.url]
    finally:
        context.close()


def test_a_return_visit_restores_the_snapshot_from_the_offline_copy(
    visitor: Session, served: tuple[str, list[Entry]]
) -> None:
    first_visit(visitor)
    log = served[1]
    before = len(log)
    visitor.page.reload()
    assert boot(visitor) == "snapshot"
    # Not one byte from the network; at most the browser's update check of the service worker (304, no body).
    assert [e for e in log[before:] if e[3] or e[1] != "/sw.js"] == []
    assert same_as_cpython(visitor) == []

    # A tool page, on the same restored interpreter.
    visitor.page.goto(served[0] + "outils/echeances/")
    visitor.page.wait_for_selector("html[data-outil=ready]", state="attached", timeout=READY_MS)
    assert visitor.page.get_attribute("html", "data-demarrage") == "snapshot"
    visitor.page.fill("#echeances-date", "04/01/2022")
    visitor.page.click("#echeances-calculer")
    visitor.page.wait_for_selector("#echeances-preuves")
    assert (
        visitor.page.get_attribute("#echeances-preuves", "data-date")
        == proofs_due(date(2022, 1, 4)).isoformat()
    )


def test_a_damaged_snapshot_falls_back_to_the_normal_boot(visitor: Session) -> None:
    first_visit(visitor)
    # A well-formed gzip of bytes that are no snapshot: Pyodide's WebAssembly refuses them.
    visitor.page.evaluate(
        """async () => {
            const base = new URL("../pyodide/", location.href);
            const { file } = await (await fetch(new URL("snapshot.json", base))).json();
            const junk = new Blob([new Uint8Array(4096)]).stream().pipeThrough(new CompressionStream("gzip"));
            for (const name of await caches.keys()) {
                await (await caches.open(name)).put(new URL(file, base).href, new Response(junk));
            }
        }"""
    )
    visitor.page.reload()
    assert boot(visitor) == "python"
    assert visitor.check_text(fixture_text(SEED_MAINTENANCE)) == "non_conforme"
    assert visitor.page.is_hidden("#verifier-message")
