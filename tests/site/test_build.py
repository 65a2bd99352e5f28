"""The site builds in strict mode, with every page reachable and no broken internal link."""

from __future__ import annotations

import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from support.site import DOCS, Build

# Generated at build time by other hooks, or owned by the browser engineer: not hand-written pages.
NOT_PAGES = ("pyodide/",)


def test_strict_build_passes(site_build: Build) -> None:
    assert site_build.returncode == 0, site_build.output[-4000:]
    assert not re.search(r"^(WARNING|ERROR)\b", site_build.output, re.M), site_build.output


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []  # (tag, url)
        self.ids: set[str] = set()
        self.nav_links: list[str] = []
        self._nav_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"] or "")
        if tag == "nav" and "md-nav--primary" in (a.get("class") or ""):
            self._nav_depth = 1
        elif tag == "nav" and self._nav_depth:
            self._nav_depth += 1
        for name in ("href", "src"):
            if a.get(name):
                self.links.append((tag, a[name] or ""))
                if tag == "a" and name == "href" and self._nav_depth:
                    self.nav_links.append(a[name] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "nav" and self._nav_depth:
            self._nav_depth -= 1


def parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def resolve(site: Path, page: Path, url: str) -> tuple[Path, str] | None:
    """The file a relative URL of `page` points at, and its fragment; None for external URLs."""
    parts = urlsplit(url)
    if parts.scheme or url.startswith("//"):
        return None
    page_dir = page.parent.relative_to(site).as_posix()
    target = posixpath.normpath(posixpath.join(page_dir, unquote(parts.path))) if parts.path else None
    if target is None:
        return page, parts.fragment
    path = site / target
    if path.is_dir():
        path = path / "index.html"
    return path, parts.fragment


def hand_written_pages() -> list[str]:
    """Site paths (as in `comprendre/calendrier/`) of the Markdown pages in docs/."""
    paths = []
    for md in sorted(DOCS.rglob("*.md")):
        rel = md.relative_to(DOCS).as_posix()
        if rel.startswith(NOT_PAGES):
            continue
        stem = rel.removesuffix(".md")
        paths.append("" if stem == "index" else stem.removesuffix("index").rstrip("/") + "/")
    return paths


def test_every_page_is_in_the_nav(site: Path) -> None:
    home = site / "index.html"
    nav = {posixpath.normpath(u.split("#")[0]) for u in parse(home).nav_links}
    nav = {"" if u == "." else u.rstrip("/") + "/" for u in nav}
    missing = [p for p in hand_written_pages() if p not in nav]
    assert not missing, f"pages not reachable from the navigation: {missing}"


def test_rule_pages_are_linked_from_the_catalogue(site: Path) -> None:
    catalogue = parse(site / "regles" / "index.html")
    linked = {posixpath.normpath(u) for _, u in catalogue.links}
    rule_dirs = sorted(p.name for p in (site / "regles").iterdir() if p.is_dir())
    assert rule_dirs, "no rule page was generated"
    assert not [code for code in rule_dirs if code not in linked]


def test_no_broken_internal_link(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    parsed = {page: parse(page) for page in pages}
    broken = []
    for page, links in parsed.items():
        if page.name == "404.html":
            continue  # served at any depth by the host: its links are relative to the site root by design
        for tag, url in links.links:
            if url.startswith(("mailto:", "tel:", "data:", "javascript:")):
                continue
            found = resolve(site, page, url)
            if found is None:
                continue
            target, fragment = found
            where = f"{page.relative_to(site)}: <{tag}> {url}"
            if not target.exists():
                broken.append(f"{where} (missing {target.relative_to(site)})")
            elif fragment and target.suffix == ".html":
                ids = parsed[target].ids if target in parsed else parse(target).ids
                if unquote(fragment) not in ids:
                    broken.append(f"{where} (no #{fragment})")
    assert not broken, "\n".join(broken)


def test_no_absolute_internal_link(site: Path) -> None:
    """Root-relative links would break when the site is served under a GitHub Pages sub-path."""
    offenders = []
    for page in sorted(site.rglob("*.html")):
        if page.name == "404.html":
            continue
        for tag, url in parse(page).links:
            if url.startswith("/") and not url.startswith("//"):
                offenders.append(f"{page.relative_to(site)}: <{tag}> {url}")
    assert not offenders, "\n".join(offenders)


def test_pages_are_french_and_load_no_google_font(site: Path) -> None:
    html = (site / "index.html").read_text(encoding="utf-8")
    assert re.search(r"<html[^>]*\blang=\"fr\"", html)
    assert "fonts.googleapis" not in html and "fonts.gstatic" not in html
