"""The one local server of the built site: `make serve`, the tests' `site_url` fixture and the benchmark use it.

It answers as GitHub Pages does, so that local figures mean what production figures mean:
- `Cache-Control: max-age=600` on every file (GitHub Pages' header; `cache_control=None` sends none, to measure a
  server without caching headers);
- the types Pyodide needs: module scripts need a JavaScript type, streaming WebAssembly compilation needs
  application/wasm.
Every response is logged (time, path, status, body bytes sent), for the benchmark's byte counts.

Run: `python tests/site_server.py [SITE_DIR] [--host 127.0.0.1] [--port 8000]`.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any, ClassVar

PYODIDE_TYPES = {
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".wasm": "application/wasm",
    ".json": "application/json",
    ".whl": "application/octet-stream",
    ".zip": "application/zip",
    ".gz": "application/gzip",
}
GITHUB_PAGES_CACHE = "max-age=600"

Entry = tuple[float, str, int, int]  # (monotonic time, path, status, body bytes sent)


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Static files as GitHub Pages serves them; subclasses set `cache_control` and `log` (see `serve`)."""

    extensions_map: ClassVar[dict[str, str]] = PYODIDE_TYPES
    cache_control: ClassVar[str | None] = GITHUB_PAGES_CACHE
    log: ClassVar[list[Entry] | None] = None

    def end_headers(self) -> None:
        if self.cache_control:
            self.send_header("Cache-Control", self.cache_control)
        super().end_headers()

    def copyfile(self, source: Any, outputfile: Any) -> None:
        sent = 0
        try:
            while chunk := source.read(64 * 1024):
                outputfile.write(chunk)
                sent += len(chunk)
        except (BrokenPipeError, ConnectionResetError):  # the browser closed: what was sent still counts
            pass
        if self.log is not None:
            self.log.append((time.monotonic(), self.path.split("?")[0], 200, sent))

    def send_response(self, code: int, message: str | None = None) -> None:
        if code != 200 and self.log is not None:
            self.log.append((time.monotonic(), self.path.split("?")[0], code, 0))
        super().send_response(code, message)

    def log_message(self, format: str, *args: object) -> None:  # keep the test and bench output readable
        pass


@contextmanager
def serve(
    directory: Path,
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    cache_control: str | None = GITHUB_PAGES_CACHE,
    handler: type[SiteHandler] = SiteHandler,
) -> Iterator[tuple[str, list[Entry]]]:
    """The site in `directory` on a free port (port 0), in a background thread: (its URL, its response log)."""
    log: list[Entry] = []
    handler_class = type(handler.__name__, (handler,), {"cache_control": cache_control, "log": log})
    server = http.server.ThreadingHTTPServer(
        (host, port), functools.partial(handler_class, directory=str(directory))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{server.server_address[1]}/", log
    finally:
        server.shutdown()
        server.server_close()


def main() -> None:
    parser = argparse.ArgumentParser(description="Serve the built site as GitHub Pages does.")
    parser.add_argument("directory", nargs="?", default="site", type=Path)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    with serve(args.directory, host=args.host, port=args.port) as (url, _):
        print(f"Site et vérificateur : {url} (Ctrl+C pour arrêter)", flush=True)
        with suppress(KeyboardInterrupt):
            threading.Event().wait()


if __name__ == "__main__":
    main()
