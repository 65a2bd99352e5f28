"""The built site for browser tests: built once, served from a free local port by the project's one server
(tests/site_server.py: GitHub Pages' caching headers, the types Pyodide needs), as `make serve` and the bench serve it.

`serve(directory, record=True)` also inserts, first in every page's <head>, a small same-origin script that
records the page's Content Security Policy violations and uncaught errors in `window.__recorded`: every engine
then reports them the same way, including WebKitGTK, whose WebDriver gives no console log.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import site_server

REPO = Path(__file__).resolve().parents[2]
RECORDER_PATH = "/__tests__/recorder.js"
RECORDER_TAG = f'<script src="{RECORDER_PATH}"></script>'.encode()
RECORDER = b"""
window.__recorded = {violations: [], errors: []};
document.addEventListener("securitypolicyviolation", (e) => {
  window.__recorded.violations.push({directive: e.violatedDirective, blocked: e.blockedURI,
    source: e.sourceFile, line: e.lineNumber});
});
window.addEventListener("error", (e) => { window.__recorded.errors.push(String(e.message)); });
window.addEventListener("unhandledrejection", (e) => { window.__recorded.errors.push(String(e.reason)); });
"""


def build_site(site_dir: Path) -> Path:
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site_dir)],
        cwd=REPO,
        check=True,
    )
    return site_dir


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


@contextmanager
def serve(directory: Path, *, record: bool = False) -> Iterator[str]:
    """Serves `directory` on 127.0.0.1 and a free port until the block ends; yields the base URL."""
    handler = type("Handler", (SiteHandler,), {"record": record})
    with site_server.serve(directory, handler=handler) as (url, _):
        yield url
