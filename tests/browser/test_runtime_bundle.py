"""The self-hosted runtime in the built site: only what the page needs, wheels verified by their sha256."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import re
import sys
import zipfile
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[2]


def load_hook() -> ModuleType:
    spec = importlib.util.spec_from_file_location("pyodide_bundle", REPO / "site_hooks" / "pyodide_bundle.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_runtime_holds_only_what_the_page_needs(built_site: Path) -> None:
    files = sorted(p.name for p in (built_site / "pyodide").iterdir())
    wheels = [name for name in files if name.endswith(".whl")]
    # The memory snapshot of the started checker (return visits), named by its content hash, and its manifest.
    snapshots = [name for name in files if re.fullmatch(r"snapshot-[0-9a-f]{16}\.bin\.gz", name)]
    assert len(snapshots) == 1, files
    assert sorted(set(files) - set(wheels) - set(snapshots)) == [
        "pyodide-lock.json",
        "pyodide.asm.js",
        "pyodide.asm.wasm",
        "pyodide.mjs",
        "python_stdlib.zip",
        "snapshot.json",
    ]
    assert [w.split("-")[0] for w in wheels] == ["pypdf", "segur_devis"]


def test_lockfile_lists_our_wheels_with_their_hashes(built_site: Path) -> None:
    runtime = built_site / "pyodide"
    lock = json.loads((runtime / "pyodide-lock.json").read_text())
    pinned = json.loads((REPO / "package.json").read_text())["dependencies"]["pyodide"]
    assert json.loads((REPO / "node_modules" / "pyodide" / "package.json").read_text())["version"] == pinned
    # The worker loads "segur-devis"; anything else in the lockfile would be fetched from nowhere.
    assert sorted(lock["packages"]) == ["pypdf", "segur-devis"]
    for package in lock["packages"].values():
        wheel = runtime / package["file_name"]
        assert "/" not in package["file_name"]  # next to the lockfile, on this site
        assert hashlib.sha256(wheel.read_bytes()).hexdigest() == package["sha256"]
        assert package["depends"] == []


@pytest.mark.skipif(
    sys.version_info[:2] != (3, 13), reason="bytecode is only shipped when it matches Pyodide's"
)
def test_wheels_are_precompiled_for_pyodide(built_site: Path) -> None:
    for wheel in (built_site / "pyodide").glob("*.whl"):
        assert "-cp313-" in wheel.name
        names = zipfile.ZipFile(wheel).namelist()
        assert any(n.endswith(".pyc") for n in names) and not any(n.endswith(".py") for n in names)


def test_checker_wheel_is_built_from_the_current_sources(built_site: Path) -> None:
    wheel = next((built_site / "pyodide").glob("segur_devis-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    for module in (REPO / "checker" / "segur_devis").rglob("*.py"):
        compiled = module.relative_to(REPO / "checker").with_suffix(".pyc").as_posix()
        assert compiled in names, compiled
    assert "segur_devis/data/reference.json" in names


def test_a_pyodide_version_mismatch_stops_the_build(monkeypatch: pytest.MonkeyPatch) -> None:
    hook = load_hook()
    monkeypatch.setattr(hook, "installed_pyodide_version", lambda: "0.0.1")
    with pytest.raises(hook.BundleError, match="npm ci"):
        hook.cached_bundle()


def test_an_unchanged_bundle_comes_from_the_cache() -> None:
    hook = load_hook()
    first = hook.cached_bundle()
    mtime = first.stat().st_mtime_ns
    assert hook.cached_bundle() == first
    assert first.stat().st_mtime_ns == mtime
