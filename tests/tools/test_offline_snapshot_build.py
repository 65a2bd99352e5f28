"""site_hooks/pyodide_bundle.py's snapshot: named by its content, listed for the offline copy, within the heap
budget, and refused at build time when over it."""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "site_hooks"))
import pyodide_bundle  # noqa: E402


def test_the_snapshot_is_named_by_its_content_and_kept_offline(built_site: Path) -> None:
    runtime = built_site / "pyodide"
    manifest = json.loads((runtime / pyodide_bundle.SNAPSHOT_MANIFEST).read_text())
    snapshot = runtime / manifest["file"]
    data = snapshot.read_bytes()
    assert manifest["bytes"] == len(data)
    assert manifest["file"] == f"snapshot-{hashlib.sha256(data).hexdigest()[:16]}.bin.gz"
    heap = len(gzip.decompress(data))
    assert 8 * 2**20 < heap <= pyodide_bundle.SNAPSHOT_HEAP_LIMIT
    assert [p.name for p in runtime.glob("snapshot-*")] == [manifest["file"]]  # no stale snapshot shipped

    # sw.js lists each runtime file with its integrity, as {"path": "sha256-…"}
    listed = re.search(r"const RUNTIME = (\{.*?\});", (built_site / "sw.js").read_text(), re.S)
    assert listed, "sw.js lists no RUNTIME files"
    assert {f"pyodide/{manifest['file']}", "pyodide/snapshot.json"} <= set(json.loads(listed[1]))


def test_a_snapshot_over_the_heap_budget_fails_the_build(
    built_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pyodide_bundle, "SNAPSHOT_HEAP_LIMIT", 2**20)
    with pytest.raises(pyodide_bundle.BundleError, match="over the limit"):
        pyodide_bundle.make_snapshot(built_site / "pyodide", tmp_path / "snapshot.bin.gz")
    assert not (tmp_path / "snapshot.bin.gz").exists()


def test_pyodide_is_pinned_exactly() -> None:
    # The snapshot options are private API and a snapshot is bound to the runtime's exact build.
    assert re.fullmatch(r"\d+\.\d+\.\d+", pyodide_bundle.pinned_pyodide_version())
    lock = json.loads((REPO / "package-lock.json").read_text())
    assert lock["packages"]["node_modules/pyodide"]["version"] == pyodide_bundle.pinned_pyodide_version()
