"""The repository's workflows: tests on every pull request and push, Pages deployed only after they passed,
releases built, checked, tested and published without a token. Linted with actionlint."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from actionlint import REPO, actionlint, needs_actionlint

WORKFLOWS = REPO / ".github" / "workflows"


def load(name: str) -> dict[Any, Any]:
    data: dict[Any, Any] = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    return data


def triggers(name: str) -> dict[str, Any]:
    on: dict[str, Any] = load(name)[True]  # YAML 1.1 reads the key `on` as the boolean true
    return on


def uses(job: dict[str, Any]) -> list[str]:
    return [step["uses"].split("@")[0] for step in job["steps"] if "uses" in step]


def runs(job: dict[str, Any]) -> list[str]:
    return [step.get("run", "").strip() for step in job["steps"]]


def test_ci_runs_make_test_on_pull_requests_pushes_and_when_called() -> None:
    on = triggers("ci.yml")
    assert "pull_request" in on and "workflow_call" in on
    assert on["push"] == {"branches-ignore": ["main"]}  # main is tested by the Pages workflow's call
    assert load("ci.yml")["permissions"] == {"contents": "read"}
    test = load("ci.yml")["jobs"]["test"]
    assert "make test" in runs(test)


def test_ci_caches_pip_and_npm_on_the_pinned_files() -> None:
    steps = {
        s["uses"].split("@")[0]: s.get("with", {})
        for s in load("ci.yml")["jobs"]["test"]["steps"]
        if "uses" in s
    }
    assert steps["actions/setup-python"]["cache"] == "pip"
    assert steps["actions/setup-python"]["cache-dependency-path"] == "requirements/dev.txt"
    assert str(steps["actions/setup-python"]["python-version"]) == "3.13"
    assert steps["actions/setup-node"]["cache"] == "npm"
    assert steps["actions/setup-node"]["cache-dependency-path"] == "package-lock.json"


def test_pages_deploys_only_after_the_tests_passed() -> None:
    on = triggers("pages.yml")
    assert on["push"]["branches"] == ["main"] and "workflow_dispatch" in on
    jobs = load("pages.yml")["jobs"]
    assert jobs["test"]["uses"] == "./.github/workflows/ci.yml"
    assert jobs["build"]["needs"] == "test"
    assert "make build" in runs(jobs["build"]) and "make test" not in runs(jobs["build"])
    assert uses(jobs["build"])[-1] == "actions/upload-pages-artifact"
    assert jobs["deploy"]["needs"] == "build"
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert jobs["deploy"]["environment"]["name"] == "github-pages"
    assert uses(jobs["deploy"]) == ["actions/deploy-pages"]


@needs_actionlint
@pytest.mark.parametrize("name", sorted(p.name for p in WORKFLOWS.glob("*.yml")))
def test_actionlint_finds_nothing(name: str, tmp_path: Path) -> None:
    assert actionlint(WORKFLOWS / name, tmp_path) == ""
