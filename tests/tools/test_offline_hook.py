"""site_hooks/offline.py: which files the service worker caches, and a version that follows their content."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "site_hooks"))
import offline  # noqa: E402


def listed(source: str, name: str) -> dict[str, str]:
    """A list of sw.js: each file's address → the integrity of its content."""
    found = re.search(rf"const {name} = (\{{.*?\}});", source, re.DOTALL)
    assert found, name
    return dict(json.loads(found.group(1)))


def sha256_integrity(data: bytes) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(data).digest()).decode()


def all_files(site: Path) -> list[str]:
    pages, runtime = offline.file_lists(site)
    return pages + runtime


def make_site(root: Path) -> Path:
    files = {
        "index.html": "accueil",
        "verifier/index.html": "vérifier",
        "404.html": "introuvable",
        "assets/javascripts/bundle.min.js": "js",
        "assets/javascripts/bundle.min.js.map": "map",
        "assets/javascripts/lunr/min/lunr.fr.min.js": "fr",
        "assets/javascripts/lunr/min/lunr.stemmer.support.min.js": "stem",
        "assets/javascripts/lunr/min/lunr.de.min.js": "de",
        "assets/javascripts/lunr/wordcut.js": "th",
        "sitemap.xml": "<urlset/>",
        "sitemap.xml.gz": "gz",
        "search/search_index.json": "{}",
        "pyodide/pyodide.asm.wasm": "wasm",
        "pyodide/pyodide-lock.json": "{}",
        "pyodide/segur_devis-0.1.0-py3-none-any.whl": "whl",
    }
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def test_lists_pages_and_runtime_and_leaves_out_what_is_not_needed(tmp_path: Path) -> None:
    pages, runtime = offline.file_lists(make_site(tmp_path))
    assert runtime == [
        "pyodide/pyodide-lock.json",
        "pyodide/pyodide.asm.wasm",
        "pyodide/segur_devis-0.1.0-py3-none-any.whl",
    ]
    assert pages == [
        "404.html",
        "assets/javascripts/bundle.min.js",
        "assets/javascripts/lunr/min/lunr.fr.min.js",
        "assets/javascripts/lunr/min/lunr.stemmer.support.min.js",
        "index.html",
        "search/search_index.json",
        "verifier/index.html",
    ]


def test_worker_gets_the_addresses_and_a_version(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    version = offline.write_worker(site)
    source = (site / "sw.js").read_text(encoding="utf-8")
    assert f'const VERSION = "{version}";' in source
    assert "__" not in re.sub(r"//.*", "", source)  # every placeholder filled
    pages = listed(source, "PAGES")
    assert "./" in pages and "verifier/" in pages and "index.html" not in pages
    # The worker stores a file only when its content has this integrity: the content of this build.
    assert pages["verifier/"] == sha256_integrity("vérifier".encode())
    assert listed(source, "RUNTIME")["pyodide/pyodide.asm.wasm"] == sha256_integrity(b"wasm")
    assert offline.write_worker(site) == version  # sw.js itself is not hashed: same files, same version


@pytest.mark.parametrize(
    "changed", ["verifier/index.html", "pyodide/pyodide-lock.json", "search/search_index.json"]
)
def test_any_content_change_gives_a_new_version(tmp_path: Path, changed: str) -> None:
    site = make_site(tmp_path)
    before = offline.version(site, all_files(site))
    (site / changed).write_text("modifié", encoding="utf-8")
    assert offline.version(site, all_files(site)) != before


def test_built_worker_is_valid_javascript_listing_existing_files(built_site: Path) -> None:
    source = (built_site / "sw.js").read_text(encoding="utf-8")
    pages = listed(source, "PAGES")
    runtime = listed(source, "RUNTIME")
    for address, integrity in (pages | runtime).items():
        path = built_site / (address.removeprefix("./") + "index.html" if address.endswith("/") else address)
        assert path.is_file(), address
        assert integrity == sha256_integrity(path.read_bytes()), address
    assert {"pyodide/pyodide.asm.wasm", "pyodide/python_stdlib.zip", "pyodide/pyodide-lock.json"} <= set(
        runtime
    )
    assert "verifier/" in pages and "assets/verifier/worker.mjs" in pages
    # Every HTML page is listed, as deployed (after the security policy hook rewrote them).
    html = {p.relative_to(built_site).as_posix() for p in built_site.rglob("*.html")}
    assert html <= set(offline.file_lists(built_site)[0])
    assert offline.version(built_site, all_files(built_site)) in source
    if shutil.which("node"):
        done = subprocess.run(
            ["node", "--check", str(built_site / "sw.js")], capture_output=True, text=True, check=False
        )
        assert done.returncode == 0, done.stderr


def test_under_mkdocs_serve_the_worker_removes_the_offline_copy(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    offline.on_startup(command="serve")
    try:
        offline.on_post_build({"site_dir": str(site)})
    finally:
        offline.on_startup(command="build")
    source = (site / "sw.js").read_text(encoding="utf-8")
    assert "unregister()" in source and "caches.delete" in source
    assert "fetch" not in source  # it never answers a request
    offline.on_post_build({"site_dir": str(site)})
    assert "const PAGES" in (site / "sw.js").read_text(encoding="utf-8")
