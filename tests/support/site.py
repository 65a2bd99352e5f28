"""The built site for every test: built once per session (strict), served from a free local port by the project's
one server (tests/site_server.py: GitHub Pages' caching headers, the types Pyodide needs), as `make serve` and the
bench serve it.

`serve(directory, record=True)` also inserts, first in every page's <head>, a small same-origin script that
records the page's Content Security Policy violations and uncaught errors in `window.__recorded`: every engine
then reports them the same way, including WebKitGTK, whose WebDriver gives no console log. (Chromium's hardening
tests add the same script to every document through Playwright instead.)
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import site_server

REPO = Path(__file__).resolve().parents[2]
DOCS = REPO / "docs"
RECORDER_PATH = "/__tests__/recorder.js"
RECORDER_TAG = f'<script src="{RECORDER_PATH}"></script>'.encode()
RECORDER = b"""
window.__recorded = {violations: [], errors: []};
document.addEventListener("securitypolicyviolation", (e) => {
  window.__recorded.violations.push({directive: e.violatedDirective, blocked: e.blockedURI,
    source: e.sourceFile, line: e.lineNumber, sample: e.sample});
});
window.addEventListener("error", (e) => { window.__recorded.errors.push(String(e.message)); });
window.addEventListener("unhandledrejection", (e) => { window.__recorded.errors.push(String(e.reason)); });
"""


@dataclass(frozen=True)
class Build:
    site: Path
    returncode: int
    output: str


def build_site(site_dir: Path) -> Build:
    """`mkdocs build --strict` into `site_dir`, with what it printed (its warnings are tested too)."""
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    return Build(site_dir, done.returncode, done.stdout + done.stderr)


def html_pages(site: Path) -> list[str]:
    """URL paths of every HTML file of the build, as a visitor reaches them."""
    paths = []
    for file in sorted(site.rglob("*.html")):
        relative = file.relative_to(site).as_posix()
        paths.append(relative[: -len("index.html")] if relative.endswith("index.html") else relative)
    return paths


class _Text(HTMLParser):
    """The visible text of a page's article, tags removed (abbreviations split words into elements)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def page_text(site: Path, url_path: str) -> str:
    html = (site / url_path / "index.html").read_text(encoding="utf-8")
    article = html[html.index("<article") : html.index("</article>")]
    parser = _Text()
    parser.feed(article)
    return squash("".join(parser.parts))


def squash(text: str) -> str:
    return " ".join(text.split())


class SiteHandler(site_server.SiteHandler):
    """The site's files; with `record`, every page gets the recorder script first in its <head>."""

    record = False

    def do_GET(self) -> None:
        if not self.record:
            return super().do_GET()
        if self.path.split("?")[0] == RECORDER_PATH:
            return self.send_bytes(RECORDER, "text/javascript")
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path /= "index.html"
        if (
            path.suffix != ".html"
            or not path.is_file()
            or not self.path.split("?")[0].endswith(("/", ".html"))
        ):
            return super().do_GET()
        page = path.read_bytes().replace(b"<head>", b"<head>" + RECORDER_TAG, 1)
        return self.send_bytes(page, "text/html; charset=utf-8")

    def send_bytes(self, body: bytes, content_type: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class SubPathHandler(site_server.SiteHandler):
    """The site served under /sous-chemin/, as GitHub Pages serves a project site; nothing at the root."""

    PREFIX = "/sous-chemin/"

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.PREFIX):
            return str(Path(self.directory) / "absent")
        return super().translate_path("/" + path[len(self.PREFIX) :])


@contextmanager
def serve(
    directory: Path, *, record: bool = False, handler: type[SiteHandler] = SiteHandler
) -> Iterator[str]:
    """Serves `directory` on 127.0.0.1 and a free port until the block ends; yields the base URL. `handler` may
    add to what the site answers (a subclass of `SiteHandler`)."""
    handler = type("Handler", (handler,), {"record": record})
    with site_server.serve(directory, handler=handler) as (url, _):
        yield url
