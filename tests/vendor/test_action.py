"""The GitHub Action (action.yml), its steps run here as the runner runs a composite action: each `run` in bash
with the inputs, `GITHUB_OUTPUT`, `GITHUB_PATH` and `GITHUB_STEP_SUMMARY` files, on a folder of templates. The
SARIF upload (a GitHub service) is only checked to be called with the file written."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from actionlint import actionlint, needs_actionlint
from templates import BAD, REPO, SIGNED_GOOD, TODAY, copy_of_repository, pdf_of

from segur_devis.versions import version_line

ACTION = REPO / "action.yml"
A_VERIFIER = REPO / "tests" / "corpus" / "23_mdv_lgc_total_de_ligne_faux.txt"


def action() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    return data


@dataclass
class Run:
    """What one run of the action left: each step's stdout, outputs and summary, the uploads it asked for."""

    code: int = 0
    stdout: dict[str, str] = field(default_factory=dict)
    outputs: dict[str, dict[str, str]] = field(default_factory=dict)
    summaries: dict[str, str] = field(default_factory=dict)
    uploads: list[dict[str, str]] = field(default_factory=list)
    ran: list[str] = field(default_factory=list)


class Runner:
    """A composite action's steps, as GitHub's runner runs them (only what action.yml uses)."""

    def __init__(self, action_path: Path, temp: Path) -> None:
        self.action_path, self.temp = action_path, temp
        self.path_file = temp / "github_path"
        self.path_file.touch()

    def value(self, expression: str, inputs: dict[str, str], outputs: dict[str, dict[str, str]]) -> str:
        if expression == "github.action_path":
            return str(self.action_path)
        if match := re.fullmatch(r"inputs\.([\w-]+)", expression):
            return inputs[match[1]]
        if match := re.fullmatch(r"steps\.(\w+)\.outputs\.([\w-]+)", expression):
            return outputs.get(match[1], {}).get(match[2], "")
        raise AssertionError(f"expression not handled by this runner: {expression}")

    def substitute(self, text: str, inputs: dict[str, str], outputs: dict[str, dict[str, str]]) -> str:
        return re.sub(r"\$\{\{\s*(.+?)\s*\}\}", lambda m: self.value(m[1], inputs, outputs), text)

    def condition(self, expression: str, inputs: dict[str, str]) -> bool:
        expression = re.fullmatch(r"\$\{\{\s*(.+?)\s*\}\}", expression)[1]  # type: ignore[index]
        for term in (t.strip() for t in expression.split("&&")):
            if term == "!cancelled()":
                continue
            match = re.fullmatch(r"inputs\.([\w-]+) == '([^']*)'", term)
            assert match, f"condition not handled by this runner: {term}"
            if inputs[match[1]] != match[2]:
                return False
        return True

    def run(self, workspace: Path, inputs: dict[str, str], *, only: set[str] | None = None) -> Run:
        defaults = {name: str(spec.get("default", "")) for name, spec in action()["inputs"].items()}
        inputs = {**defaults, **inputs}
        result = Run()
        for index, step in enumerate(action()["runs"]["steps"]):
            name = step["name"]
            if only is not None and name not in only:
                continue
            if "if" in step and not self.condition(step["if"], inputs):
                continue
            result.ran.append(name)
            if "uses" in step:
                upload = {k: self.substitute(str(v), inputs, result.outputs) for k, v in step["with"].items()}
                result.uploads.append({"uses": step["uses"], **upload})
                continue
            assert step["shell"] == "bash"
            files = {
                key: self.temp / f"{key.lower()}_{index}" for key in ("GITHUB_OUTPUT", "GITHUB_STEP_SUMMARY")
            }
            for file in files.values():
                file.write_text("")
            extra_path = [line for line in self.path_file.read_text().splitlines() if line]
            env = {
                **os.environ,
                "PATH": os.pathsep.join([*extra_path, os.environ["PATH"]]),
                "RUNNER_TEMP": str(self.temp),
                "GITHUB_PATH": str(self.path_file),
                "GITHUB_WORKSPACE": str(workspace),
                **{key: str(file) for key, file in files.items()},
                **{
                    k: self.substitute(str(v), inputs, result.outputs) for k, v in step.get("env", {}).items()
                },
            }
            done = subprocess.run(
                ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
                cwd=workspace,
                env=env,
                capture_output=True,
                text=True,
                check=False,
            )
            result.stdout[name] = done.stdout + done.stderr
            outputs = dict(
                line.split("=", 1) for line in files["GITHUB_OUTPUT"].read_text().splitlines() if line
            )
            if "id" in step:
                result.outputs[step["id"]] = outputs
            result.summaries[name] = files["GITHUB_STEP_SUMMARY"].read_text(encoding="utf-8")
            if done.returncode:
                result.code = done.returncode
                break
        return result


@pytest.fixture(scope="module")
def runner(tmp_path_factory: pytest.TempPathFactory) -> Runner:
    """The action checked out (as `uses:` does) and its install step run once: a venv with the checker."""
    action_path = copy_of_repository(tmp_path_factory.mktemp("action"))
    runner = Runner(action_path, tmp_path_factory.mktemp("runner_temp"))
    installed = runner.run(tmp_path_factory.mktemp("empty"), {"paths": "."}, only={"Installer segur-devis"})
    assert installed.code == 0, installed.stdout
    assert version_line() in installed.stdout["Installer segur-devis"]
    return runner


def check_steps() -> set[str]:
    return {step["name"] for step in action()["runs"]["steps"]} - {"Installer segur-devis"}


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    models = tmp_path / "modeles"
    (models / "pdf").mkdir(parents=True)
    (models / "bon.txt").write_text(SIGNED_GOOD, encoding="utf-8")
    shutil.copy(BAD, models / "mauvais.txt")
    (models / "pdf" / "mauvais.pdf").write_bytes(pdf_of(BAD))
    return tmp_path


def test_the_action_installs_from_its_own_files_and_reads_inputs_from_the_environment() -> None:
    spec = action()
    assert spec["runs"]["using"] == "composite"
    install = spec["runs"]["steps"][0]
    assert install["env"] == {"ACTION_PATH": "${{ github.action_path }}"}
    assert 'install --quiet --disable-pip-version-check "$ACTION_PATH"' in install["run"]
    for step in spec["runs"]["steps"]:
        assert "${{" not in step.get("run", ""), f"{step['name']}: an input pasted into a script"
    assert spec["inputs"]["fail-on"]["default"] == "non_conforme"


@pytest.mark.slow
def test_a_non_conforming_template_fails_the_job_after_summary_and_annotations(
    runner: Runner, workspace: Path
) -> None:
    run = runner.run(workspace, {"paths": "modeles/", "today": TODAY}, only=check_steps())
    assert run.code == 1
    assert run.outputs["check"]["exit-code"] == "1"
    annotations = run.stdout["Vérifier les modèles de devis"].splitlines()
    p01 = [a for a in annotations if "(P01)" in a]
    assert any("file=modeles/mauvais.txt,line=" in a and a.startswith("::error ") for a in p01)
    assert any("file=modeles/pdf/mauvais.pdf::" in a for a in p01)  # a PDF: the file, no line
    summary = run.summaries["Résumé"]
    assert "3 devis vérifiés : 1 conforme, 2 non conformes." in summary
    assert "| modeles/bon.txt | Conforme | 0 | 0 |" in summary
    assert "### modeles/mauvais.txt : non conforme" in summary
    assert "Au moins un modèle de devis atteint le seuil « non_conforme »" in run.stdout["Verdict"]
    assert run.uploads == [] and not (workspace / "segur-devis.sarif").exists()


@pytest.mark.slow
def test_the_threshold_and_the_sarif_upload(runner: Runner, tmp_path: Path) -> None:
    (tmp_path / "modeles").mkdir()
    (tmp_path / "modeles" / "bon.txt").write_text(SIGNED_GOOD, encoding="utf-8")
    shutil.copy(A_VERIFIER, tmp_path / "modeles" / "a_verifier.txt")
    inputs = {"paths": "modeles/bon.txt modeles/a_verifier.txt", "today": TODAY, "sarif-upload": "true"}
    lenient = runner.run(tmp_path, inputs, only=check_steps())
    assert lenient.code == 0, lenient.stdout
    assert any(
        a.startswith("::warning ") for a in lenient.stdout["Vérifier les modèles de devis"].splitlines()
    )
    sarif = json.loads((tmp_path / "segur-devis.sarif").read_text(encoding="utf-8"))
    assert {r["level"] for r in sarif["runs"][0]["results"]} >= {"warning"}
    assert lenient.uploads == [
        {
            "uses": "github/codeql-action/upload-sarif@v4",
            "sarif_file": "segur-devis.sarif",
            "category": "segur-devis",
        }
    ]
    assert lenient.outputs["sarif"]["sarif-file"] == "segur-devis.sarif"
    strict = runner.run(tmp_path, {**inputs, "fail-on": "a_verifier"}, only=check_steps())
    assert strict.code == 1 and "seuil « a_verifier »" in strict.stdout["Verdict"]


@pytest.mark.slow
def test_an_unreadable_template_or_a_bad_option_is_an_error(runner: Runner, tmp_path: Path) -> None:
    (tmp_path / "faux.pdf").write_text("pas un PDF")
    run = runner.run(tmp_path, {"paths": "faux.pdf"}, only=check_steps())
    assert run.code == 2 and "Vérification impossible" in run.stdout["Verdict"]
    assert "n’est pas un PDF" in run.stdout["Vérifier les modèles de devis"]
    run = runner.run(tmp_path, {"paths": "faux.pdf", "fail-on": "jamais"}, only=check_steps())
    assert run.code == 2


@pytest.mark.slow
def test_paths_on_several_lines(runner: Runner, workspace: Path) -> None:
    run = runner.run(
        workspace, {"paths": "modeles/bon.txt\nmodeles/pdf/\n", "today": TODAY}, only=check_steps()
    )
    assert run.code == 1  # the PDF on the second line was checked
    assert "2 devis vérifiés : 1 conforme, 1 non conforme." in run.summaries["Résumé"]


@pytest.mark.slow
def test_inputs_are_never_run_as_shell_code(runner: Runner, workspace: Path) -> None:
    run = runner.run(
        workspace,
        {"paths": "modeles/bon.txt $(touch pwned) `touch pwned2`", "select": "M;touch pwned3"},
        only=check_steps(),
    )
    assert run.code == 2  # the odd paths and codes are reported, not executed
    assert not list(workspace.glob("pwned*"))


@needs_actionlint
def test_actionlint_finds_nothing_in_the_steps(tmp_path: Path) -> None:
    """actionlint lints workflows, not action metadata: the same steps, in a workflow called with the same
    inputs, get their expressions and scripts checked."""
    spec = action()
    workflow = {
        "name": "action",
        "on": {
            "workflow_call": {"inputs": {k: {"type": "string", "required": False} for k in spec["inputs"]}}
        },
        "jobs": {"action": {"runs-on": "ubuntu-latest", "steps": spec["runs"]["steps"]}},
    }
    path = tmp_path / "action-as-workflow.yml"
    path.write_text(yaml.safe_dump(workflow, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert actionlint(path, tmp_path) == ""
