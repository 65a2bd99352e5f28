"""Run inside Pyodide (in Node, at build time) just before the memory snapshot is taken; not a MkDocs hook.

A snapshot holds the interpreter's memory, not its file system: whatever the worker can need must be in memory
when it is taken. So this imports every module of `segur_devis` (a lazy import missed here would fail only in the
browser: tests/tools/test_offline_snapshot_node.py runs every entry point on the restored snapshot), and keeps the
package's data files in memory so that `after_restore()` can put them back (a late `importlib.resources` read still
works). Then it warms the checker up on the rules' own examples: public text only, since freed memory is shipped
too.
"""

import importlib
import os
import pkgutil
import sys

import segur_devis
from segur_devis import reference

# Modules the worker never runs: the command line and its CI output formats (with them the heap grows from 20 to
# 24 MiB: argparse, process pools).
SKIPPED = {"segur_devis.__main__", "segur_devis.cli", "segur_devis.ci_formats"}

PACKAGE_DIR = os.path.dirname(segur_devis.__file__)


def _import_all() -> list[str]:
    names = [
        m.name for m in pkgutil.walk_packages(segur_devis.__path__, "segur_devis.") if m.name not in SKIPPED
    ]
    for name in names:
        importlib.import_module(name)
    return names


def _data_files() -> dict[str, bytes]:
    """The package's files other than code (the code is imported above, and written back it costs time)."""
    files = {}
    for folder, _, names in os.walk(PACKAGE_DIR):
        for name in names:
            if name.endswith((".py", ".pyc")):
                continue
            path = os.path.join(folder, name)
            with open(path, "rb") as handle:
                files[path] = handle.read()
    return files


def _warm_up() -> None:
    reference.load()
    examples = [text for rule in segur_devis.RULES for text in (rule.bad, rule.good)]
    for text in examples:
        segur_devis.check_text(text, source="exemple").to_dict(include_text=True)
    # All of them as one long quote too: the paths and the memory a real, many-page quote needs.
    segur_devis.check_text("\n\n".join(examples), source="exemple").to_dict(include_text=True)


MODULES = _import_all()
FILES = _data_files()
_warm_up()


def after_restore() -> None:
    """In the restored worker: the package's data files back on disk, and a random state of this visitor's own."""
    for path, content in FILES.items():
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as handle:
            handle.write(content)
    importlib.invalidate_caches()
    if "random" in sys.modules:
        sys.modules["random"].seed()
    if "tempfile" in sys.modules:
        sys.modules["tempfile"]._name_sequence = None  # type: ignore[attr-defined]
