"""No page makes the browser fetch anything from another origin (no CDN, no font service, no analytics)."""

from __future__ import annotations

import fnmatch
import json
import re
from pathlib import Path

from support.site import REPO
from external_refs import scan_file, scan_site

# Absolute URL strings that ship inside third-party bundles, each harmless for a stated reason. Matching is
# precise (file pattern + exact URL prefix) so that any new URL fails the test until someone looks at it.
KNOWN_URL_STRINGS = {
    ("assets/stylesheets/*.css", "http://www.w3.org/2000/svg"): "SVG namespace inside inline data: icons",
    (
        "assets/outils/graphique.mjs",
        "http://www.w3.org/2000/svg",
    ): "SVG namespace of the comparison chart (a name)",
    (
        "assets/javascripts/bundle.*.js",
        "https://api.github.com/",
    ): "repository facts, only when repo_url is set",
    ("assets/javascripts/bundle.*.js", "https://unpkg.com/mermaid@"): "only on pages with a Mermaid diagram",
    ("assets/javascripts/bundle.*.js", "https://unpkg.com/resize-observer-polyfill"): (
        "only in browsers without ResizeObserver (none of the supported ones)"
    ),
    ("pyodide/pyodide.mjs", "https://cdn.jsdelivr.net/pyodide/"): (
        "default package base, unused: every package is served from the site (see pyodide-lock.json test)"
    ),
}
KNOWN_URL_STRINGS |= {
    ("assets/javascripts/lunr/wordcut.js", prefix): "comments of the Thai word splitter (Thai search only)"
    for prefix in (
        "//nbsp",
        "http://narwhaljs.org",
        "http://en.wikipedia.org/wiki/Fisher",
        "http://docs.python.org/library/functions.html",
        "https://developer.mozilla.org/docs/",
        "http://wiki.ecmascript.org/doku.php",
    )
}
URL_STRING = re.compile(r"[\"'`(](?P<url>(?:https?:)?//[A-Za-z0-9][^\"'`\s)]*)")


def test_no_page_fetches_from_another_origin(site: Path) -> None:
    found = list(scan_site(site))
    assert not found, "\n".join(f"{r.file}: {r.kind} {r.url}" for r in found)


def test_every_url_string_in_scripts_and_styles_is_known(site: Path) -> None:
    unknown = []
    for path in sorted(site.rglob("*")):
        if path.suffix not in {".js", ".mjs", ".css"}:
            continue
        rel = path.relative_to(site).as_posix()
        for m in URL_STRING.finditer(path.read_text(encoding="utf-8", errors="replace")):
            url = m.group("url")
            if not any(
                fnmatch.fnmatch(rel, pattern) and url.startswith(prefix)
                for pattern, prefix in KNOWN_URL_STRINGS
            ):
                unknown.append(f"{rel}: {url}")
    assert not unknown, "\n".join(unknown)


def test_conditions_of_the_known_url_strings_hold(site: Path) -> None:
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert not re.search(r"^repo_url:", config, re.M), "repo_url makes Material call api.github.com"
    for page in site.rglob("*.html"):
        assert 'class="mermaid"' not in page.read_text(encoding="utf-8"), page
    lock = site / "pyodide" / "pyodide-lock.json"
    if lock.exists():
        packages = json.loads(lock.read_text(encoding="utf-8"))["packages"].values()
        remote = [p["file_name"] for p in packages if re.match(r"(https?:)?//", p["file_name"])]
        assert not remote, remote
        for p in packages:
            assert (lock.parent / p["file_name"]).exists(), f"{p['file_name']} is not served by the site"


def test_the_scanner_catches_each_kind_of_external_load(tmp_path: Path) -> None:
    page = tmp_path / "p.html"
    page.write_text(
        '<link rel="stylesheet" href="https://fonts.googleapis.com/css">'
        '<script src="//cdn.example.org/x.js"></script>'
        '<img srcset="a.png 1x, https://img.example.org/b.png 2x">'
        "<style>@import url('https://x.example.org/a.css');"
        " p { background: url(//x.example.org/i.png) }</style>"
        "<script>import('https://esm.example.org/m.js'); fetch(\"https://api.example.org/\")</script>"
        '<a href="https://esante.gouv.fr/segur">a plain link is fine</a>',
        encoding="utf-8",
    )
    kinds = sorted(kind for kind, _ in scan_file(page))
    expected = ["<img srcset>", "<link href>", "<script src>", "css @import", "css url()", "css url()"]
    assert kinds == [*expected, "js fetch", "js import"]
    script = tmp_path / "w.js"
    script.write_text("importScripts('https://x.example.org/w.js'); new Worker(\"//x.example.org/w.js\")")
    assert sorted(kind for kind, _ in scan_file(script)) == ["js importScripts", "js worker"]
