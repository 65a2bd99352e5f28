"""Transfer sizes of the files a page fetched: raw, gzip (what GitHub Pages serves) and brotli."""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
from pathlib import Path

# --- transfer sizes ----------------------------------------------------------------------------------------------


def brotli_sizes(paths: list[Path]) -> list[int] | None:
    """Brotli (quality 11, as a host pre-compressing static files) through Node's zlib, if Node is there."""
    node = shutil.which("node")
    if not node:
        return None
    script = (
        "const fs = require('fs'), zlib = require('zlib');"
        "const files = JSON.parse(fs.readFileSync(0, 'utf8'));"
        "console.log(JSON.stringify(files.map(f => zlib.brotliCompressSync(fs.readFileSync(f)).length)));"
    )
    result = subprocess.run(
        [node, "-e", script],
        input=json.dumps([str(p) for p in paths]),
        capture_output=True,
        text=True,
        check=False,
    )
    return json.loads(result.stdout) if result.returncode == 0 else None


def transfer_sizes(site_dir: Path, urls: list[str]) -> dict[str, dict[str, int]]:
    """Raw, gzip (level 6) and brotli sizes of the fetched files, split into page assets and Python runtime."""
    files: list[tuple[str, Path]] = []
    for url in urls:
        relative = url.lstrip("/")
        path = site_dir / relative
        if path.is_dir() or not relative:
            path = path / "index.html"
        if path.is_file():
            files.append(("runtime" if relative.startswith("pyodide/") else "page", path))
    brotli = brotli_sizes([p for _, p in files])
    sizes: dict[str, dict[str, int]] = {}
    for i, (group, path) in enumerate(files):
        data = path.read_bytes()
        for name in (group, "total"):
            row = sizes.setdefault(name, {"files": 0, "raw": 0, "gzip": 0, "brotli": 0})
            row["files"] += 1
            row["raw"] += len(data)
            row["gzip"] += len(gzip.compress(data, compresslevel=6, mtime=0))
            row["brotli"] += brotli[i] if brotli else 0
    if not brotli:
        for row in sizes.values():
            row.pop("brotli")
    return sizes
