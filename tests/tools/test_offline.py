"""Offline use: the service worker generated at build time (site_hooks/offline.py) keeps the pages, the Python
runtime, our wheels and the lockfile, so that after a first visit the checker works with the network cut; a new
deploy (a new version) replaces the cache with the new deploy's files, never the old ones the browser's HTTP cache
still holds; quotes are never stored."""

from __future__ import annotations

import functools
import http.server
import json
import re
import shutil
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page
from site_server import Entry, serve
from support.pages import CheckerPage as Session
from support.pages import new_tool_page
from support.quotes import SEED_CONFORME, SEED_MAINTENANCE, fixture_text
from support.site import SubPathHandler
from support.waits import BOOT_TIMEOUT_MS, OFFLINE_READY, TOOL_READY

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "site_hooks"))
import offline

pytestmark = pytest.mark.browser

CACHE_FILLED_MS = 120_000
MARKER = "Clinique-Zebulon-7f3a9c"  # put in the quotes checked below; nowhere in the site


def sw_lists(site: Path) -> tuple[str, list[str], list[str]]:
    source = (site / "sw.js").read_text(encoding="utf-8")
    version = re.search(r'const VERSION = "([0-9a-f]{16})";', source)
    pages = re.search(r"const PAGES = (\{.*?\});", source, re.DOTALL)
    runtime = re.search(r"const RUNTIME = (\{.*?\});", source, re.DOTALL)
    assert version and pages and runtime
    return version.group(1), list(json.loads(pages.group(1))), list(json.loads(runtime.group(1)))


def cache_state(page: Page) -> dict[str, list[str]]:
    """Cache name → cached URLs, read from the page (the Cache API is the same origin's)."""
    return dict(
        page.evaluate(
            """async () => {
                const out = {};
                for (const name of await caches.keys()) {
                    const cache = await caches.open(name);
                    out[name] = (await cache.keys()).map(r => r.url);
                }
                return out;
            }"""
        )
    )


def wait_offline_ready(page: Page) -> None:
    page.wait_for_selector(OFFLINE_READY, state="attached", timeout=CACHE_FILLED_MS)


def wait_pages_copied(page: Page) -> None:
    """The copy holds the pages at least (the runtime may still be on its way)."""
    page.wait_for_selector(
        f"html[data-hors-ligne='pages'], {OFFLINE_READY}", state="attached", timeout=CACHE_FILLED_MS
    )


@pytest.fixture
def served_copy_log(built_site: Path, tmp_path: Path) -> Iterator[tuple[Path, str, list[Entry]]]:
    """A copy of the built site on its own server (GitHub Pages' caching headers), which a test may change (a new
    deploy), with the server's log of responses."""
    copy = tmp_path / "site"
    shutil.copytree(built_site, copy)
    with serve(copy) as (url, log):
        yield copy, url, log


@pytest.fixture
def served_copy(served_copy_log: tuple[Path, str, list[Entry]]) -> tuple[Path, str]:
    site, url, _ = served_copy_log
    return site, url


def checker_session(browser: Browser, site_url: str) -> Session:
    context: BrowserContext = browser.new_context(locale="fr-FR", service_workers="allow")
    context.set_default_timeout(60_000)
    session = Session(context, context.new_page(), site_url)
    context.on("request", session.record)
    return session


def test_after_a_first_visit_the_checker_works_offline(
    browser: Browser, site_url: str, built_site: Path
) -> None:
    session = checker_session(browser, site_url)
    try:
        page = session.open()
        session.wait_ready()
        wait_offline_ready(page)
        version, pages, runtime = sw_lists(built_site)
        caches = cache_state(page)
        assert list(caches) == [f"segur-devis:{site_url}:{version}"]
        cached = set(next(iter(caches.values())))
        for path in ("pyodide/pyodide-lock.json", "pyodide/pyodide.asm.wasm", "pyodide/python_stdlib.zip"):
            assert site_url + path in cached, path
        assert any(re.search(r"pyodide/segur_devis-.*\.whl$", url) for url in cached)
        assert any(re.search(r"pyodide/pypdf-.*\.whl$", url) for url in cached)  # PDF quotes offline too
        assert {
            site_url + p for p in ["", "verifier/", "outils/echeances/", "assets/verifier/worker.mjs"]
        } <= cached
        assert len(cached) == len(pages) + len(runtime)

        session.context.set_offline(True)
        page.reload()
        session.wait_ready()
        assert session.check_text(fixture_text(SEED_MAINTENANCE)) == "non_conforme"
        assert "P01" in session.codes()

        # The tools, too: another page, never visited, from the cache.
        page.goto(site_url + "outils/echeances/")
        page.wait_for_selector(TOOL_READY, state="attached", timeout=BOOT_TIMEOUT_MS)
        page.fill("#echeances-date", "04/01/2022")
        page.click("#echeances-calculer")
        page.wait_for_selector("#echeances-preuves")
        assert page.get_attribute("#echeances-preuves", "data-date") == "2022-05-04"
    finally:
        session.context.close()


def test_quotes_are_never_cached_nor_sent(browser: Browser, site_url: str, built_site: Path) -> None:
    session = checker_session(browser, site_url)
    try:
        page = session.open()
        session.wait_ready()
        wait_offline_ready(page)
        page.reload()  # now controlled by the service worker: every request goes through it
        session.wait_ready()
        for name in (SEED_MAINTENANCE, SEED_CONFORME):
            session.check_text(f"Client : {MARKER}\n" + fixture_text(name))
        assert MARKER in page.inner_text("#texte-analyse")
        contents = page.evaluate(
            """async () => {
                const texts = [];
                for (const name of await caches.keys()) {
                    const cache = await caches.open(name);
                    for (const request of await cache.keys()) {
                        if (/\\.(wasm|zip|whl)$/.test(request.url)) continue;  // binary runtime files
                        texts.push(request.url + '\\n' + await (await cache.match(request)).text());
                    }
                }
                return texts;
            }"""
        )
        assert contents
        assert not [c.split("\n", 1)[0] for c in contents if MARKER in c]
        _, pages, runtime = sw_lists(built_site)
        listed = {site_url + (p if p != "./" else "") for p in pages + runtime}
        assert {c.split("\n", 1)[0] for c in contents} <= listed  # only the site's own listed files
        stored = page.evaluate(
            "() => JSON.stringify({...localStorage}) + JSON.stringify({...sessionStorage})"
        )
        assert MARKER not in stored
        origin = site_url.rstrip("/")
        for request in session.requests:
            assert request.method == "GET", request.url
            assert request.url.startswith(origin + "/") or request.url.startswith(("blob:", "data:"))
            assert MARKER not in request.url
            assert not request.post_data or MARKER.encode() not in request.post_data
    finally:
        session.context.close()


def test_a_new_version_replaces_the_old_cache(browser: Browser, served_copy: tuple[Path, str]) -> None:
    site, url = served_copy
    old, _, _ = sw_lists(site)
    tool = new_tool_page(browser, url, service_workers="allow")
    try:
        page = tool.open("outils/hors-connexion/")
        wait_pages_copied(page)
        assert list(cache_state(page)) == [f"segur-devis:{url}:{old}"]
        assert "disponibles hors connexion" in page.inner_text("#hors-ligne-etat")

        # A new deploy: the same files, a new version string in sw.js.
        worker = site / "sw.js"
        worker.write_text(
            worker.read_text(encoding="utf-8").replace(old, "0123456789abcdef"), encoding="utf-8"
        )
        page.evaluate("async () => { await (await navigator.serviceWorker.getRegistration()).update(); }")
        page.wait_for_function(
            """async () => {
                const names = await caches.keys();
                return names.length === 1 && names[0].endsWith(':0123456789abcdef');
            }""",
            timeout=CACHE_FILLED_MS,
        )
        assert (
            page.evaluate("async () => (await navigator.serviceWorker.getRegistration()).active.scriptURL")
            == url + "sw.js"
        )
    finally:
        tool.context.close()


def test_works_under_a_github_pages_sub_path(browser: Browser, built_site: Path) -> None:
    handler = functools.partial(SubPathHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/sous-chemin/"
    tool = new_tool_page(browser, base, service_workers="allow")
    try:
        page = tool.open("comprendre/")
        wait_pages_copied(page)
        registration = page.evaluate(
            "async () => { const r = await navigator.serviceWorker.getRegistration(); return [r.scope, r.active.scriptURL]; }"
        )
        assert registration == [base, base + "sw.js"]
        cached = next(iter(cache_state(page).values()))
        assert base in cached and base + "verifier/" in cached
        assert all(urlsplit(u).path.startswith("/sous-chemin/") for u in cached)
        tool.context.set_offline(True)
        page.goto(base + "etablissements/clauses/")
        assert "Clauses" in page.title()
    finally:
        tool.context.close()
        server.shutdown()
        server.server_close()


def test_the_development_worker_removes_the_copy(browser: Browser, served_copy: tuple[Path, str]) -> None:
    """`mkdocs serve` writes a worker that deletes a copy left by `make serve` on the same address."""
    site, url = served_copy
    tool = new_tool_page(browser, url, service_workers="allow")
    try:
        page = tool.open("outils/hors-connexion/")
        wait_pages_copied(page)
        assert cache_state(page)
        (site / "sw.js").write_text(offline.DEV_WORKER, encoding="utf-8")
        page.evaluate("async () => { await (await navigator.serviceWorker.getRegistration()).update(); }")
        page.wait_for_function(
            """async () => (await caches.keys()).length === 0
                && (await navigator.serviceWorker.getRegistration()) === undefined""",
            timeout=CACHE_FILLED_MS,
        )
    finally:
        tool.context.close()


def deploy_changed_files(site: Path) -> None:
    """A new deploy over `site`: a page script and a runtime file change at the same addresses, and the build's
    hook writes the service worker for them (a new version, with the new files' integrity)."""
    script = site / "assets/site/site.js"
    script.write_text(
        script.read_text(encoding="utf-8") + '\ndocument.documentElement.dataset.deploiement = "B";\n',
        encoding="utf-8",
    )
    lockfile = site / "pyodide/pyodide-lock.json"
    data = json.loads(lockfile.read_text(encoding="utf-8"))
    data["deploiement"] = "B"  # Pyodide reads `info` and `packages` only
    lockfile.write_text(json.dumps(data), encoding="utf-8")
    offline.write_worker(site)


def test_after_a_deploy_the_copy_holds_the_new_files_not_the_http_cache(
    browser: Browser, served_copy_log: tuple[Path, str, list[Entry]]
) -> None:
    """GitHub Pages sends `max-age=600`: for ten minutes the browser's HTTP cache holds the previous deploy's files.
    The new version's copy must be filled from the server (a new page never runs with an old checker)."""
    site, url, log = served_copy_log
    tool = new_tool_page(browser, url, service_workers="allow")
    try:
        page = tool.open("outils/echeances/")
        wait_offline_ready(page)
        # The copy of the runtime revalidates what the engine had just downloaded (304): its bytes came once.
        # (Not the 8.6 MB WebAssembly file: this private context's HTTP cache does not keep it, so it comes twice
        # whatever the request's cache mode.)
        revalidated = re.compile(r"/pyodide/(python_stdlib\.zip|segur_devis-.*\.whl|pyodide-lock\.json)")
        statuses: dict[str, list[int]] = {}
        for _, path, status, _ in log:
            if revalidated.fullmatch(path):
                statuses.setdefault(path, []).append(status)
        assert len(statuses) == 3 and all(s == [200, 304] for s in statuses.values()), statuses

        deploy_changed_files(site)
        page.evaluate("async () => { await (await navigator.serviceWorker.getRegistration()).update(); }")
        # The new worker takes over the open page once its copy of the pages is complete: revisit until then.
        deadline = time.monotonic() + CACHE_FILLED_MS / 1000
        while page.query_selector("html[data-deploiement='B']") is None:
            assert time.monotonic() < deadline, (
                "the new deploy's page script never came from the offline copy"
            )
            page.wait_for_timeout(1_000)
            page.reload(timeout=CACHE_FILLED_MS)  # the engine and the copy compete for the processor
        # Its engine starts on the new runtime files, which the new copy keeps.
        wait_offline_ready(page)

        tool.context.set_offline(True)
        page.goto(url + "pyodide/pyodide-lock.json")
        assert '"deploiement": "B"' in page.inner_text("body")
        page.goto(url + "outils/echeances/")
        page.wait_for_selector("html[data-deploiement='B']", state="attached")
        tool.wait_ready()  # the new copy's runtime starts offline
    finally:
        tool.context.close()
