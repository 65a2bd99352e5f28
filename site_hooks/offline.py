"""MkDocs hook: the offline service worker, `<site>/sw.js`, with the list of files to cache and a version.

The worker's source is `site_hooks/offline_sw.js`; this hook fills in
- PAGES: every page and asset of the built site (not source maps, not the search languages other than French,
  not the sitemaps), cached when the worker installs;
- RUNTIME: everything under `pyodide/` (the runtime, our wheels, the lockfile and the memory snapshot the engine
  restores on return visits), cached when a page running the engine asks for it (once the engine is ready);
- VERSION: a hash of the worker's source and of every listed file's path and content, so that any change to the
  deployed site gives a new version, a new cache, and the deletion of the old one.
Both lists map each file's address to the Subresource Integrity of its content: the worker stores a file only
when its content is this deploy's, never a previous deploy's copy from the browser's HTTP cache.

It runs after every hook that writes files (lowest priority), so that it hashes the files as deployed.

Under `mkdocs serve` the pages change at every save: there, sw.js is a worker that deletes this site's offline
copy and unregisters itself, so that a copy left by `make serve` on the same address never hides an edit.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

log = logging.getLogger("mkdocs.hooks.offline")

TEMPLATE = Path(__file__).resolve().parent / "offline_sw.js"
WORKER = "sw.js"
RUNTIME_DIR = "pyodide"
# Material's search ships stemmers for every language; the site is in French.
LUNR_KEPT = {"lunr.stemmer.support.min.js", "lunr.fr.min.js"}


def _skipped(relative: str) -> bool:
    name = relative.rsplit("/", 1)[-1]
    if relative == WORKER or name.endswith(".map") or name.startswith("sitemap.xml"):
        return True
    return relative.startswith("assets/javascripts/lunr/") and name not in LUNR_KEPT


def _url(relative: str) -> str:
    """The address a browser asks for: `dir/index.html` is requested as `dir/`, the home page as `./`."""
    if relative == "index.html":
        return "./"
    if relative.endswith("/index.html"):
        return relative[: -len("index.html")]
    return relative


def file_lists(site: Path) -> tuple[list[str], list[str]]:
    files = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    kept = [f for f in files if not _skipped(f)]
    runtime = [f for f in kept if f.startswith(RUNTIME_DIR + "/")]
    pages = [f for f in kept if not f.startswith(RUNTIME_DIR + "/")]
    return pages, runtime


def integrity(path: Path) -> str:
    """The file's Subresource Integrity value (what `fetch(url, {integrity})` checks the content against)."""
    return "sha256-" + base64.b64encode(hashlib.sha256(path.read_bytes()).digest()).decode("ascii")


def version(site: Path, files: list[str]) -> str:
    digest = hashlib.sha256(TEMPLATE.read_bytes())
    for relative in files:
        digest.update(relative.encode() + b"\0" + (site / relative).read_bytes() + b"\0")
    return digest.hexdigest()[:16]


DEV_WORKER = """// mkdocs serve: no offline copy (pages change at every save). Removes a copy left by `make serve`.
self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const prefix = `segur-devis:${self.registration.scope}:`;
      for (const name of await caches.keys()) if (name.startsWith(prefix)) await caches.delete(name);
      await self.registration.unregister();
    })(),
  );
});
"""

_serving = False


def on_startup(command: str, **kwargs: Any) -> None:
    global _serving
    _serving = command == "serve"


def write_worker(site: Path) -> str:
    pages, runtime = file_lists(site)
    tag = version(site, pages + runtime)
    source = TEMPLATE.read_text(encoding="utf-8")
    for placeholder, value in (
        ("__VERSION__", tag),
        ("__PAGES__", json.dumps({_url(p): integrity(site / p) for p in pages}, indent=0)),
        ("__RUNTIME__", json.dumps({p: integrity(site / p) for p in runtime}, indent=0)),
    ):
        if placeholder not in source:
            raise RuntimeError(f"offline: {placeholder} missing from {TEMPLATE.name}")
        source = source.replace(placeholder, value)
    (site / WORKER).write_text(source, encoding="utf-8")
    log.info(
        "offline: %s version %s, %d pages and assets, %d runtime files", WORKER, tag, len(pages), len(runtime)
    )
    return tag


@event_priority(-100)  # after the other hooks' post-build steps (Pyodide bundle, security policy)
def on_post_build(config: MkDocsConfig, **kwargs: Any) -> None:
    if _serving:
        (Path(config["site_dir"]) / WORKER).write_text(DEV_WORKER, encoding="utf-8")
        log.info("offline: no offline copy under `mkdocs serve` (sw.js removes any earlier one)")
        return
    write_worker(Path(config["site_dir"]))
