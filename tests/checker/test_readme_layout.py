"""The README's layout table and the tree agree: every path it names exists, and it names every module of the
checker, so that a newcomer reading it sees the whole pipeline and nothing that is gone."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CHECKER = REPO / "checker" / "segur_devis"
TICKED = re.compile(r"`([^`]+)`")
# A backticked name in a row's description that is a piece of code of the tree: a module or a folder.
CODE_NAME = re.compile(r"^[\w.*-]+(?:/[\w.*-]+)*(?:/|\.py|\.mjs|\.js)$")
BUILT = {"sw.js"}  # written into the built site by site_hooks/offline.py


def layout_rows(readme: str) -> list[tuple[str, str]]:
    """(path cell, description cell) of each row of the table after « Layout: »."""
    table = readme.split("\nLayout:\n", 1)[1].strip().split("\n\n", 1)[0]
    rows = [line.strip().strip("|").split(" | ", 1) for line in table.splitlines()[2:]]
    return [(path.strip(), what.strip()) for path, what in rows]


def folder(path: Path) -> Path:
    return path if path.is_dir() else path.parent


def cell_paths(cell: str) -> list[Path]:
    """The paths of a path cell; a bare name is in the folder of the path before it when it is there
    (« `site_hooks/pyodide_bundle.py`, `pyodide_snapshot.mjs` »), else at the top (« `docs/`, `mkdocs.yml` »)."""
    paths: list[Path] = []
    for name in TICKED.findall(cell):
        beside = folder(paths[-1]) / name if paths and "/" not in name.rstrip("/") else None
        paths.append(beside if beside and beside.exists() else REPO / name)
    return paths


def exists(path: Path) -> bool:
    return any(path.parent.glob(path.name)) if "*" in path.name else path.exists()


ROWS = layout_rows((REPO / "README.md").read_text(encoding="utf-8"))
CHECKER_ROWS = [(path, what) for path, what in ROWS if path.startswith("`checker/segur_devis/")]


def test_every_path_of_the_table_exists() -> None:
    missing = [str(p.relative_to(REPO)) for path, _ in ROWS for p in cell_paths(path) if not exists(p)]
    assert ROWS and missing == []


def test_every_module_a_description_names_exists() -> None:
    """A module or folder named in a row's description is in that row's folder, or at the top; only what the
    build writes (the site, its service worker) is not in the tree."""
    missing = [
        f"{path}: {name}"
        for path, what in ROWS
        for name in TICKED.findall(what)
        if CODE_NAME.match(name) and not name.startswith("site/") and name not in BUILT
        if not (exists(folder(cell_paths(path)[0]) / name) or exists(REPO / name))
    ]
    assert missing == []


def test_every_module_of_the_checker_is_in_the_table() -> None:
    named = {name.rstrip("/") for path, what in CHECKER_ROWS for name in TICKED.findall(path + what)}
    named |= {
        str(p.relative_to(CHECKER)) for path, _ in CHECKER_ROWS for p in cell_paths(path) if p != CHECKER
    }
    modules = sorted(
        p.name
        for p in CHECKER.iterdir()
        if (p.suffix == ".py" or (p / "__init__.py").exists() or p.name == "data")
    )
    assert [m for m in modules if m not in named] == []


def test_a_stale_table_would_be_caught() -> None:
    stale = "intro\nLayout:\n\n| path | what |\n|---|---|\n| `checker/segur_devis/gone.py` | a deleted module |\n\nmore"
    (row,) = layout_rows(stale)
    assert [exists(p) for p in cell_paths(row[0])] == [False]
