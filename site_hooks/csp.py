"""MkDocs hook: a Content Security Policy in every built page, as a `<meta http-equiv>` (GitHub Pages sends no
custom headers).

The policy allows only this site's own files, plus the hashes of the few inline scripts the theme writes into
each page (they differ from page to page: one holds the page's base URL). Why each allowance is there is said on
the privacy page (docs/a-propos/confidentialite.md) and checked by tests/hardening/.

It runs after every other hook (last in mkdocs.yml) and rewrites every HTML file of the build, 404.html
included. Under `mkdocs serve` it does nothing: the live-reload script it injects is inline and would be blocked.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import re
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig

log = logging.getLogger("mkdocs.hooks.csp")

# Directive -> sources, before the per-page script hashes are added. Nothing is allowed by default: no font, no
# manifest, no frame, no media (the site has none; adding one means allowing it here, and saying why).
POLICY: dict[str, tuple[str, ...]] = {
    "default-src": ("'none'",),
    # Our scripts and the theme's. 'wasm-unsafe-eval' lets Pyodide compile its WebAssembly: the checker's
    # worker gets no policy from this tag in Chromium and Firefox (a worker's policy comes from its own
    # response headers), but a browser applying the page's policy to its dedicated workers (WebKit) needs it.
    # No 'unsafe-eval', no 'unsafe-inline': nothing in the page or in Pyodide's loading path evaluates strings.
    "script-src": ("'self'", "'wasm-unsafe-eval'"),
    "style-src": ("'self'",),
    # The theme's icons are SVG `data:` URLs in its stylesheet (CSS masks count as images).
    "img-src": ("'self'", "data:"),
    # Search index, Pyodide runtime and wheels: all fetched from this site.
    "connect-src": ("'self'",),
    # The search worker, the checker's worker and the offline service worker.
    "worker-src": ("'self'",),
    "object-src": ("'none'",),
    "base-uri": ("'self'",),
    # No form is ever submitted: the checker reads the quote with JavaScript. Should the script fail, the
    # browser must not put the quote in a URL by submitting the form to the server.
    "form-action": ("'none'",),
}

SCRIPT = re.compile(r"<script\b(?P<attrs>[^>]*)>(?P<body>.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
SRC_ATTR = re.compile(r"\ssrc\s*=", re.IGNORECASE)
TYPE_ATTR = re.compile(r"\stype\s*=\s*[\"']?(?P<type>[^\"'\s>]+)", re.IGNORECASE)
# <script> types the browser executes (or parses as script-like), which CSP governs; any other type is data.
EXECUTED_TYPES = {
    "",
    "module",
    "importmap",
    "speculationrules",
    "text/javascript",
    "application/javascript",
    "application/ecmascript",
    "text/ecmascript",
}
META_NAME = "Content-Security-Policy"
OURS = re.compile(rf'\n<meta http-equiv="{META_NAME}" content="[^"]*">')
HEAD_START = re.compile(r"<head\b[^>]*>(\s*<meta\s+charset=[^>]*>)?", re.IGNORECASE)

_serving = False


def inline_scripts(html: str) -> list[str]:
    """The bodies of the inline scripts a browser would run, as the HTML parser hands them to CSP."""
    bodies = []
    for match in SCRIPT.finditer(html):
        attrs = match.group("attrs")
        if SRC_ATTR.search(attrs):
            continue
        kind = TYPE_ATTR.search(attrs)
        if (kind.group("type").lower() if kind else "") not in EXECUTED_TYPES:
            continue
        # The HTML parser turns CRLF and lone CR into LF before the hash is taken.
        bodies.append(match.group("body").replace("\r\n", "\n").replace("\r", "\n"))
    return bodies


def script_hash(body: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"


def policy_for(html: str) -> str:
    hashes = sorted({script_hash(body) for body in inline_scripts(html)})
    directives = {**POLICY, "script-src": POLICY["script-src"] + tuple(hashes)}
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items())


def add_policy(html: str) -> str:
    """The page with its policy as the first element of <head> after the charset (so it governs everything)."""
    html = OURS.sub("", html)  # a page left from a previous build (`mkdocs build --dirty`)
    if f'http-equiv="{META_NAME}"' in html:
        raise ValueError("the page already has a Content-Security-Policy")
    head = HEAD_START.search(html)
    if not head:
        raise ValueError("no <head> in the page")
    meta = f'\n<meta http-equiv="{META_NAME}" content="{policy_for(html)}">'
    return html[: head.end()] + meta + html[head.end() :]


def on_startup(command: str, **kwargs: Any) -> None:
    global _serving
    _serving = command == "serve"


def on_post_build(config: MkDocsConfig, **kwargs: Any) -> None:
    if _serving:
        log.info("csp: no Content-Security-Policy under `mkdocs serve` (its live-reload script is inline)")
        return
    pages = sorted(Path(config["site_dir"]).rglob("*.html"))
    for page in pages:
        page.write_text(add_policy(page.read_text(encoding="utf-8")), encoding="utf-8")
    log.info("csp: policy added to %d pages", len(pages))
