"""Supply chain: everything the build installs or ships is pinned and checked against a recorded hash.

- Python: requirements/dev.txt pins every package with its sha256 hashes; the Makefile installs it with
  pip's --require-hashes (a fresh clone gets exactly these files or nothing).
- npm: package-lock.json records the integrity (sha512) of the pyodide tarball; `npm ci` refuses any other; the
  bundle hook refuses an installed pyodide that is not the pinned version.
- The site: every wheel listed in the served pyodide-lock.json has the sha256 of the file served (Pyodide checks
  it again when loading), the Pyodide core files are those of the checked npm package, and the pypdf wheel we
  ship was checked against its PyPI hash.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location(
    "pyodide_bundle_hook", REPO / "site_hooks" / "pyodide_bundle.py"
)
assert _spec and _spec.loader
bundle = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bundle)

REQUIREMENT = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>\S+)(?P<rest>.*)$")


def requirements(path: Path) -> dict[str, tuple[str, list[str]]]:
    """name -> (version, sha256 hashes) of a pip-compiled file (continuation lines joined)."""
    text = re.sub(r"\\\n\s*", " ", path.read_text(encoding="utf-8"))
    found = {}
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        match = REQUIREMENT.match(line)
        assert match, f"not an exact pin: {line[:80]}"
        name = re.sub(r"[-_.]+", "-", match.group("name")).lower()
        found[name] = (
            match.group("version"),
            re.findall(r"--hash=sha256:([0-9a-f]{64})", match.group("rest")),
        )
    return found


def test_every_python_dependency_is_pinned_with_hashes() -> None:
    pins = requirements(REPO / "requirements" / "dev.txt")
    assert len(pins) > 50
    assert {name for name, (_, hashes) in pins.items() if not hashes} == set()
    # What we use directly is compiled in, at the same version.
    direct = requirements(REPO / "requirements" / "dev.in")
    for name, (version, _) in direct.items():
        assert pins.get(name, ("missing",))[0] == version, name
    for needed in ("pip", "setuptools", "pypdf", "playwright", "mkdocs-material", "pyodide-build", "pkginfo"):
        assert needed in pins, needed


def test_makefile_installs_only_with_hashes() -> None:
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    installs = [line.strip() for line in makefile.splitlines() if "pip install" in line]
    assert installs, "the Makefile installs the dependencies"
    for line in installs:
        # Either the hashed requirements, or our own source tree (no download: --no-deps, no build isolation).
        assert ("--require-hashes" in line and "-r requirements/dev.txt" in line) or (
            "--no-deps" in line and "--no-build-isolation" in line and line.endswith("-e .")
        ), line
    assert "npm ci" in makefile and "npm install" not in makefile  # ci: the lockfile, integrity checked


def test_npm_lock_pins_pyodide_with_its_integrity() -> None:
    package = json.loads((REPO / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((REPO / "package-lock.json").read_text(encoding="utf-8"))
    pinned = package["dependencies"]["pyodide"]
    assert re.fullmatch(r"\d+\.\d+\.\d+", pinned), "an exact version, no range"
    entry = lock["packages"]["node_modules/pyodide"]
    assert entry["version"] == pinned
    assert re.fullmatch(r"sha512-[A-Za-z0-9+/]{86}==", entry["integrity"])
    assert entry.get("resolved", "https://registry.npmjs.org/").startswith("https://registry.npmjs.org/")
    for name, info in lock["packages"].items():
        if name:
            assert info.get("integrity", "").startswith("sha512-"), name


def test_installed_pyodide_is_the_locked_one() -> None:
    lock = json.loads((REPO / "package-lock.json").read_text(encoding="utf-8"))
    assert bundle.installed_pyodide_version() == lock["packages"]["node_modules/pyodide"]["version"]


def test_bundle_hook_refuses_another_pyodide(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bundle, "installed_pyodide_version", lambda: "0.26.0")
    with pytest.raises(bundle.BundleError, match="npm ci"):
        bundle.cached_bundle()


def test_bundle_hook_refuses_a_version_range(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / "package.json").write_text(json.dumps({"dependencies": {"pyodide": "^0.29.5"}}))
    monkeypatch.setattr(bundle, "REPO", tmp_path)
    with pytest.raises(bundle.BundleError, match="exact version"):
        bundle.pinned_pyodide_version()


def test_bundle_hook_refuses_a_wheel_whose_hash_is_not_pinned(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    cache = tmp_path / "wheels"
    cache.mkdir()
    (cache / "pypdf-7.1.0-py3-none-any.whl").write_bytes(b"not the wheel published on PyPI")
    monkeypatch.setattr(bundle, "WHEEL_CACHE", cache)
    with pytest.raises(bundle.BundleError, match="not one of the hashes"):
        bundle.fetch_pure_wheel("pypdf", "7.1.0")
    assert not (
        cache / "pypdf-7.1.0-py3-none-any.whl"
    ).exists()  # dropped, so the next build downloads it again


def test_served_wheels_match_the_served_lockfile(built_site: Path) -> None:
    runtime = built_site / "pyodide"
    lock = json.loads((runtime / "pyodide-lock.json").read_text(encoding="utf-8"))
    packages = lock["packages"]
    assert {"segur-devis", "pypdf"} <= set(packages)
    for name, info in packages.items():
        file_name = info["file_name"]
        assert "/" not in file_name and ":" not in file_name, f"{name} would be fetched from elsewhere"
        served = runtime / file_name
        assert served.is_file(), file_name
        assert hashlib.sha256(served.read_bytes()).hexdigest() == info["sha256"], file_name
    assert sorted(p.name for p in runtime.glob("*.whl")) == sorted(p["file_name"] for p in packages.values())


def test_served_pyodide_core_is_the_checked_npm_package(built_site: Path) -> None:
    for name in bundle.CORE_FILES:
        served = (built_site / "pyodide" / name).read_bytes()
        assert served == (bundle.NODE_PYODIDE / name).read_bytes(), name


def test_shipped_pypdf_wheel_was_checked_against_its_pypi_hash(built_site: Path) -> None:
    wheel = bundle.fetch_pure_wheel("pypdf", bundle.pinned_pypi_version("pypdf"))
    assert hashlib.sha256(wheel.read_bytes()).hexdigest() in bundle.pinned_hashes("pypdf")
