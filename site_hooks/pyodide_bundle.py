"""MkDocs hook: self-host the Pyodide runtime and our wheels under `<site>/pyodide/`.

The checker page runs Python in the browser, so the site ships, from its own origin:
- Pyodide's core, copied from `node_modules/pyodide` (npm checked it against package-lock.json);
- the `segur-devis` wheel, built from `checker/`, and the pure `pypdf` wheel (for PDF quotes);
- a `pyodide-lock.json` that lists only those two wheels, with their sha256, so that Pyodide verifies them
  and can never fall back to a CDN for anything else.

- a memory snapshot of the interpreter with the checker imported and warmed up (`snapshot-<content hash>.bin.gz`,
  named in `snapshot.json`), made in Node (`pyodide_snapshot.mjs`): on a return visit the worker restores it from
  the offline copy instead of booting Python and importing the checker, three times faster.

Building the wheels and the snapshot takes seconds, so both are cached under `.cache/` by the hash of their inputs.
Run by hand: `python site_hooks/pyodide_bundle.py SITE_DIR`.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.hooks.pyodide_bundle")

REPO = Path(__file__).resolve().parent.parent
NODE_PYODIDE = REPO / "node_modules" / "pyodide"
CACHE = REPO / ".cache"
BUNDLE_CACHE = CACHE / "pyodide-bundle"
SNAPSHOT_CACHE = CACHE / "pyodide-snapshot"
HOOKS = Path(__file__).resolve().parent
SNAPSHOT_INPUTS = (HOOKS / "pyodide_snapshot.mjs", HOOKS / "snapshot_warmup.py")
SNAPSHOT_MANIFEST = "snapshot.json"
# The snapshot is the whole WebAssembly heap (20 MiB on Pyodide 0.29.5 with the checker). Past this, something
# unexpected was loaded into it: it would cost every returning visitor download and restore time.
SNAPSHOT_HEAP_LIMIT = 24 * 1024 * 1024
WHEEL_CACHE = CACHE / "wheels"
SITE_SUBDIR = "pyodide"

# What the page needs from Pyodide's core; not the consoles, source maps or CommonJS build.
CORE_FILES = ("pyodide.mjs", "pyodide.asm.js", "pyodide.asm.wasm", "python_stdlib.zip")
# Sources of the checker wheel (README/LICENSE are read by the build when present).
CHECKER_INPUTS = ("pyproject.toml", "README.md", "LICENSE", "checker")
CHECKER_PACKAGE = "segur-devis"
PDF_PACKAGE = "pypdf"


class BundleError(RuntimeError):
    """The runtime cannot be bundled; the message says what to run."""


def pinned_pyodide_version() -> str:
    version = json.loads((REPO / "package.json").read_text())["dependencies"]["pyodide"]
    if not re.fullmatch(r"\d+\.\d+\.\d+", version):
        raise BundleError(f"package.json must pin pyodide to an exact version, found {version!r}")
    return str(version)


def installed_pyodide_version() -> str:
    manifest = NODE_PYODIDE / "package.json"
    if not manifest.exists():
        raise BundleError("node_modules/pyodide is missing: run `make setup` (npm ci)")
    return str(json.loads(manifest.read_text())["version"])


def pinned_pypi_version(name: str) -> str:
    text = (REPO / "requirements" / "dev.txt").read_text()
    match = re.search(rf"^{re.escape(name)}==(\S+)", text, re.MULTILINE | re.IGNORECASE)
    if not match:
        raise BundleError(f"{name} is not pinned in requirements/dev.txt")
    return match.group(1)


def _source_files(root: Path) -> list[Path]:
    if root.is_file():
        return [root]
    return sorted(
        p
        for p in root.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and not any(s.endswith(".egg-info") for s in p.parts)
    )


def inputs_digest(pyodide_version: str, pypdf_version: str) -> str:
    """Hash of everything the bundle is made from: a change to any of them rebuilds it."""
    digest = hashlib.sha256()
    for label in (pyodide_version, pypdf_version, f"{sys.version_info.major}.{sys.version_info.minor}"):
        digest.update(label.encode() + b"\0")
    files = [Path(__file__).resolve(), NODE_PYODIDE / "pyodide-lock.json"]
    for name in CHECKER_INPUTS:
        if (REPO / name).exists():
            files += _source_files(REPO / name)
    for path in files:
        digest.update(str(path.relative_to(REPO)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def _run(*args: str | Path, cwd: Path | None = None) -> None:
    result = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BundleError(f"command failed: {' '.join(map(str, args))}\n{result.stdout}\n{result.stderr}")


def build_checker_wheel(outdir: Path) -> None:
    # Build from a clean copy: setuptools reuses `build/lib`, where a deleted module would survive.
    with tempfile.TemporaryDirectory() as tmp:
        for name in CHECKER_INPUTS:
            src = REPO / name
            if src.is_dir():
                shutil.copytree(
                    src, Path(tmp, name), ignore=shutil.ignore_patterns("__pycache__", "*.egg-info")
                )
            elif src.exists():
                shutil.copy2(src, tmp)
        _run(sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", outdir, cwd=Path(tmp))


def fetch_pure_wheel(name: str, version: str) -> Path:
    """The pure-Python wheel from PyPI, downloaded once into `.cache/wheels/`."""
    pattern = f"{name}-{version}-py3-none-any.whl"
    cached = list(WHEEL_CACHE.glob(pattern))
    if not cached:
        WHEEL_CACHE.mkdir(parents=True, exist_ok=True)
        _run(
            sys.executable,
            "-m",
            "pip",
            "download",
            f"{name}=={version}",
            "--no-deps",
            "--only-binary=:all:",
            "--disable-pip-version-check",
            "--quiet",
            "--dest",
            WHEEL_CACHE,
        )
        cached = list(WHEEL_CACHE.glob(pattern))
    if not cached:
        raise BundleError(f"no pure wheel {pattern} on PyPI")
    # The same hash check as `pip install --require-hashes -r requirements/dev.txt`, for the wheel we ship.
    digest = hashlib.sha256(cached[0].read_bytes()).hexdigest()
    if digest not in pinned_hashes(name):
        cached[0].unlink()
        raise BundleError(
            f"{cached[0].name}: sha256 {digest} is not one of the hashes in requirements/dev.txt"
        )
    return cached[0]


def pinned_hashes(name: str) -> set[str]:
    """The sha256 hashes requirements/dev.txt pins for `name` (the lines after `name==version \\`)."""
    text = (REPO / "requirements" / "dev.txt").read_text()
    match = re.search(
        rf"^{re.escape(name)}==\S+(?P<hashes>(?:\s*\\\n\s*--hash=sha256:[0-9a-f]{{64}})+)", text, re.M | re.I
    )
    if not match:
        raise BundleError(f"{name} has no pinned hash in requirements/dev.txt")
    return set(re.findall(r"sha256:([0-9a-f]{64})", match.group("hashes")))


def _pyodide_cli() -> Path:
    return Path(sys.executable).parent / "pyodide"


def _lockfile_python(lockfile: Path) -> tuple[int, int]:
    major, minor = json.loads(lockfile.read_text())["info"]["python"].split(".")[:2]
    return int(major), int(minor)


def keep_only(lockfile: Path, names: set[str]) -> None:
    """Drop every package but ours (and their dependencies): nothing else is shipped."""
    lock: dict[str, Any] = json.loads(lockfile.read_text())
    packages = lock["packages"]
    wanted, todo = set(), list(names)
    while todo:
        name = todo.pop()
        if name not in wanted:
            wanted.add(name)
            todo += packages[name]["depends"]
    lock["packages"] = {name: packages[name] for name in sorted(wanted)}
    lockfile.write_text(json.dumps(lock, indent=1, sort_keys=True))


def load_pdf_lazily(lockfile: Path) -> None:
    """pypdf is a run-time dependency of the package (the CLI reads PDFs with no extra), but the page loads it
    only when a first PDF arrives (worker.mjs): it must not come with the checker at boot."""
    lock: dict[str, Any] = json.loads(lockfile.read_text())
    checker = lock["packages"][CHECKER_PACKAGE]
    checker["depends"] = [name for name in checker["depends"] if name != PDF_PACKAGE]
    lockfile.write_text(json.dumps(lock, indent=1, sort_keys=True))


def make_bundle(stage: Path, pypdf_version: str) -> None:
    """Wheels + lockfile in `stage`, the lockfile's file names relative to it."""
    build_checker_wheel(stage)
    shutil.copy2(fetch_pure_wheel(PDF_PACKAGE, pypdf_version), stage)
    lockfile = stage / "pyodide-lock.json"
    wheels = sorted(stage.glob("*.whl"))
    _run(
        _pyodide_cli(),
        "lockfile",
        "add-wheels",
        "--input",
        NODE_PYODIDE / "pyodide-lock.json",
        "--output",
        lockfile,
        "--base-path",
        stage,
        *wheels,
    )
    keep_only(lockfile, {CHECKER_PACKAGE, PDF_PACKAGE})
    load_pdf_lazily(lockfile)
    # Pre-compiled .pyc import faster (measured: `import pypdf` 410 ms -> 160 ms), but only bytecode of the
    # very same Python version as Pyodide's is valid; otherwise ship the .py wheels, which work everywhere.
    if sys.version_info[:2] == _lockfile_python(lockfile):
        _run(_pyodide_cli(), "py-compile", "--silent", "--no-keep", stage)  # also rewrites the lockfile
    else:
        log.warning(
            "pyodide_bundle: host Python is not %s.%s, shipping uncompiled wheels",
            *_lockfile_python(lockfile),
        )


def cached_bundle() -> Path:
    """The directory holding our wheels and lockfile, built if the inputs changed."""
    pinned, installed = pinned_pyodide_version(), installed_pyodide_version()
    if pinned != installed:
        raise BundleError(f"node_modules has pyodide {installed}, package.json pins {pinned}: run `npm ci`")
    pypdf_version = pinned_pypi_version(PDF_PACKAGE)
    bundle = BUNDLE_CACHE / inputs_digest(pinned, pypdf_version)
    if bundle.exists():
        return bundle
    BUNDLE_CACHE.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=BUNDLE_CACHE) as tmp:
        stage = Path(tmp, "stage")
        stage.mkdir()
        make_bundle(stage, pypdf_version)
        for old in BUNDLE_CACHE.iterdir():
            if re.fullmatch(r"[0-9a-f]{16}", old.name):
                shutil.rmtree(old)
        stage.rename(bundle)  # atomic: a half-built bundle is never seen as cached
    log.info("pyodide_bundle: built %s", bundle.relative_to(REPO))
    return bundle


def make_snapshot(runtime: Path, output: Path) -> int:
    """Snapshot of the runtime in `runtime` (core files, lockfile, wheels), gzipped into `output`; its heap size."""
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp, "snapshot.bin")
        result = subprocess.run(
            ["node", str(HOOKS / "pyodide_snapshot.mjs"), str(runtime), str(raw)],
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise BundleError(f"pyodide_snapshot.mjs failed:\n{result.stdout}\n{result.stderr}")
        heap = raw.stat().st_size
        if heap > SNAPSHOT_HEAP_LIMIT:
            raise BundleError(
                f"the Pyodide snapshot's heap is {heap} bytes, over the limit {SNAPSHOT_HEAP_LIMIT}"
            )
        # mtime=0: the same snapshot gives the same file (and the same name).
        output.write_bytes(gzip.compress(raw.read_bytes(), compresslevel=9, mtime=0))
    return heap


def cached_snapshot(runtime: Path, bundle: Path) -> Path:
    """The gzipped snapshot for this bundle, made if the bundle or the snapshot scripts changed."""
    digest = hashlib.sha256(bundle.name.encode())
    for path in SNAPSHOT_INPUTS:
        digest.update(path.read_bytes())
    cached = SNAPSHOT_CACHE / f"{digest.hexdigest()[:16]}.bin.gz"
    if cached.exists():
        return cached
    SNAPSHOT_CACHE.mkdir(parents=True, exist_ok=True)
    for old in SNAPSHOT_CACHE.glob("*.bin.gz"):
        old.unlink()
    partial = cached.with_suffix(".part")
    heap = make_snapshot(runtime, partial)
    partial.rename(cached)
    log.info("pyodide_bundle: snapshot %s, heap %.1f MiB", cached.relative_to(REPO), heap / 2**20)
    return cached


def write_runtime(site_dir: Path) -> Path:
    dest = site_dir / SITE_SUBDIR
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for name in CORE_FILES:
        shutil.copy2(NODE_PYODIDE / name, dest / name)
    bundle = cached_bundle()
    for path in bundle.iterdir():
        shutil.copy2(path, dest / path.name)
    snapshot = cached_snapshot(dest, bundle)
    name = f"snapshot-{hashlib.sha256(snapshot.read_bytes()).hexdigest()[:16]}.bin.gz"
    shutil.copy2(snapshot, dest / name)
    (dest / SNAPSHOT_MANIFEST).write_text(json.dumps({"file": name, "bytes": snapshot.stat().st_size}) + "\n")
    return dest


# A page that boots the checker's engine holds this mark: its <head> then gets the script that starts the engine's
# worker and module preloads for the page's own scripts, so that the browser starts them while it parses the page.
# No preload of the runtime files: they are fetched by the worker, which a page's preloads never serve (only the
# HTTP cache links them, and only behind caching headers: otherwise each file came twice), and the worker, started
# from <head>, asks for them within a few round trips anyway.
PRELOAD_MARK = "<!-- segur-devis preload-checker -->"
PAGE_MODULES = ("verifier/verifier.mjs", "verifier/worker-client.mjs", "verifier/report.mjs", "verifier/dom.mjs",
                "outils/signalement.mjs", "outils/formulaire.mjs")  # fmt: skip


def preload_hints(root: str) -> str:
    # First, the script that starts the engine's worker: async, it runs as soon as it is loaded, before the
    # parser reaches the end of the page (the theme's stylesheets and scripts hold the page's own script back).
    links = [f'<script type="module" async src="{root}assets/verifier/demarrage.mjs"></script>']
    links += [f'<link rel="modulepreload" href="{root}assets/{module}">' for module in PAGE_MODULES]
    return "\n".join(links)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    if PRELOAD_MARK not in output:
        return output
    root = "../" * page.url.count("/")  # relative: the site also works under a GitHub Pages sub-path
    output = output.replace(PRELOAD_MARK, "")
    charset = re.search(r"<meta charset=[^>]*>", output)
    at = charset.end() if charset else output.index("</head>")
    return output[:at] + "\n" + preload_hints(root) + output[at:]


def on_post_build(config: MkDocsConfig, **kwargs: Any) -> None:
    write_runtime(Path(config["site_dir"]))


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    print(write_runtime(Path(sys.argv[1] if len(sys.argv) > 1 else "site")))
