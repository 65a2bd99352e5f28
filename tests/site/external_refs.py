"""Find every reference a built page would make the browser load from another origin.

A plain `<a href>` is a link the reader chooses to follow: allowed. Everything the browser fetches by itself
is not: `src`, `srcset`, `<link href>`, CSS `url()` and `@import`, JS `import`, `fetch`, `importScripts`,
workers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

# An absolute http(s) URL or a protocol-relative one.
EXTERNAL = r"(?:https?:)?//[^\s\"'`)]+"
CSS_PATTERNS = {
    "css url()": re.compile(rf"url\(\s*[\"']?(?P<url>{EXTERNAL})", re.I),
    "css @import": re.compile(rf"@import\s+(?:url\(\s*)?[\"']?(?P<url>{EXTERNAL})", re.I),
}
JS_PATTERNS = {
    "js import": re.compile(rf"\bimport\s*(?:\(\s*|[\w{{}}*\s,]+from\s*)[\"'`](?P<url>{EXTERNAL})"),
    "js fetch": re.compile(rf"\bfetch\(\s*[\"'`](?P<url>{EXTERNAL})"),
    "js importScripts": re.compile(rf"\bimportScripts\(\s*[\"'`](?P<url>{EXTERNAL})"),
    "js worker": re.compile(rf"\bnew\s+(?:Shared)?Worker\(\s*[\"'`](?P<url>{EXTERNAL})"),
    "js script src": re.compile(rf"\.src\s*=\s*[\"'`](?P<url>{EXTERNAL})"),
}
FETCHING_ATTRS = {"src", "srcset", "poster", "data", "background", "action", "formaction"}
IS_EXTERNAL = re.compile(rf"^\s*{EXTERNAL}", re.I)


@dataclass(frozen=True)
class ExternalRef:
    file: str  # path relative to the site root
    kind: str
    url: str


class _HtmlScanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in FETCHING_ATTRS:
                for candidate in value.split(","):  # srcset lists several URLs
                    if IS_EXTERNAL.match(candidate):
                        self.found.append((f"<{tag} {name}>", candidate.strip().split()[0]))
            elif name == "href" and tag in {"link", "base"} and IS_EXTERNAL.match(value):
                self.found.append((f"<{tag} href>", value))
            elif name == "style":
                self.found += _scan_text(value, CSS_PATTERNS)
        self._in = tag if tag in {"script", "style"} else None

    def handle_endtag(self, tag: str) -> None:
        self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "script":
            self.found += _scan_text(data, JS_PATTERNS)
        elif self._in == "style":
            self.found += _scan_text(data, CSS_PATTERNS)


def _scan_text(text: str, patterns: dict[str, re.Pattern[str]]) -> list[tuple[str, str]]:
    return [(kind, m.group("url")) for kind, pattern in patterns.items() for m in pattern.finditer(text)]


def scan_file(path: Path) -> list[tuple[str, str]]:
    text = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix == ".html":
        scanner = _HtmlScanner()
        scanner.feed(text)
        return scanner.found
    if path.suffix == ".css":
        return _scan_text(text, CSS_PATTERNS)
    if path.suffix in {".js", ".mjs"}:
        return _scan_text(text, JS_PATTERNS)
    return []


def scan_site(root: Path) -> Iterator[ExternalRef]:
    for path in sorted(root.rglob("*")):
        if path.suffix in {".html", ".css", ".js", ".mjs"}:
            for kind, url in scan_file(path):
                yield ExternalRef(path.relative_to(root).as_posix(), kind, url)
