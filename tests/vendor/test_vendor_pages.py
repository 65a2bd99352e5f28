"""The vendors' page: its three snippets are written by a hook from the version being built, so they can never
name another one; each is valid (YAML, actionlint, pre-commit's own config check) and does what the page says."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from actionlint import actionlint, needs_actionlint
from templates import BAD, REPO, SIGNED_GOOD

from segur_devis.versions import PACKAGE, version_line

sys.path.insert(0, str(REPO / "site_hooks"))
import editeurs

PAGE = REPO / "docs" / "editeurs" / "integration-continue.md"
ENV = {"GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "exemple/segur-devis"}


def rendered(env: dict[str, str]) -> str:
    markdown = PAGE.read_text(encoding="utf-8")
    return re.sub(r"<!--\s*editeurs\s*:\s*([\w-]+)\s*-->", lambda m: editeurs.render(m[1], env), markdown)


def blocks(markdown: str, language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", markdown, re.DOTALL)


def test_every_placeholder_of_the_page_is_known_and_replaced() -> None:
    page = rendered(ENV)
    assert "<!-- editeurs" not in page
    assert f"`{version_line()}`" in page
    assert len(blocks(page, "yaml")) == 2 and len(blocks(page, "sh")) == 1
    with pytest.raises(Exception, match="unknown editeurs placeholder"):
        editeurs.render("autre", ENV)


def test_the_cli_snippet_pins_this_version_and_its_command_runs(tmp_path: Path) -> None:
    (sh,) = blocks(rendered(ENV), "sh")
    install, command = sh.strip().splitlines()
    assert install == f'pip install "segur-devis=={PACKAGE}"'
    (tmp_path / "modeles").mkdir()
    (tmp_path / "modeles" / "bon.txt").write_text(SIGNED_GOOD, encoding="utf-8")
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run(
        ["bash", "-e", "-c", command], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0 and "CONFORME" in done.stdout
    shutil.copy(BAD, tmp_path / "modeles" / "mauvais.txt")
    done = subprocess.run(
        ["bash", "-e", "-c", command], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert done.returncode == 1 and "Non conforme" in done.stdout.splitlines()[-1]


def pre_commit_config() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(blocks(rendered(ENV), "yaml")[0])
    return data


def test_the_pre_commit_snippet_names_this_repository_version_and_hook(tmp_path: Path) -> None:
    (repo,) = pre_commit_config()["repos"]
    assert repo["repo"] == "https://github.com/exemple/segur-devis" and repo["rev"] == f"v{PACKAGE}"
    (hook,) = repo["hooks"]
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] in {h["id"] for h in hooks}
    config = tmp_path / ".pre-commit-config.yaml"
    config.write_text(blocks(rendered(ENV), "yaml")[0], encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "pre_commit", "validate-config", str(config)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr


def action_workflow() -> dict[Any, Any]:
    data: dict[Any, Any] = yaml.safe_load(blocks(rendered(ENV), "yaml")[1])
    return data


def test_the_action_snippet_uses_this_version_with_inputs_the_action_has() -> None:
    (job,) = action_workflow()["jobs"].values()
    step = next(s for s in job["steps"] if "segur-devis@" in s.get("uses", ""))
    assert step["uses"] == f"exemple/segur-devis@v{PACKAGE}"
    inputs = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))["inputs"]
    assert set(step["with"]) <= set(inputs)
    assert "paths" in step["with"] and step["with"]["sarif-upload"] is True
    # The SARIF upload needs this permission, and nothing more is asked.
    assert action_workflow()["permissions"] == {"contents": "read", "security-events": "write"}
    on = action_workflow()[True]  # YAML 1.1 reads the key `on` as the boolean true
    assert on["push"]["paths"] == on["pull_request"]["paths"] == ["modeles/**"]


@needs_actionlint
def test_actionlint_finds_nothing_in_the_action_snippet(tmp_path: Path) -> None:
    path = tmp_path / "devis-segur.yml"
    path.write_text(blocks(rendered(ENV), "yaml")[1], encoding="utf-8")
    assert actionlint(path, tmp_path) == ""


def test_without_a_repository_address_the_page_says_so_instead_of_guessing() -> None:
    page = rendered({})
    assert len(blocks(page, "yaml")) == 0  # no snippet with an address that may be wrong
    assert page.count("construite sans l’adresse de son dépôt") == 2
    assert f'pip install "segur-devis=={PACKAGE}"' in page  # PyPI needs no address


def test_the_repository_address_can_be_given_explicitly() -> None:
    url = "https://github.com/autre/copie"
    assert editeurs.repository_url({**ENV, "SEGUR_DEVIS_REPOSITORY_URL": url + "/"}) == url
    assert "uses: autre/copie@v" in editeurs.render("action", {"SEGUR_DEVIS_REPOSITORY_URL": url})
    # Not on GitHub: pre-commit works from any git address, the Action does not.
    other = {"SEGUR_DEVIS_REPOSITORY_URL": "https://forge.example/segur-devis"}
    assert "repo: https://forge.example/segur-devis" in editeurs.render("pre-commit", other)
    assert "hors de GitHub" in editeurs.render("action", other)


def test_the_built_page_shows_the_current_version(built_site: Path) -> None:
    html = (built_site / "editeurs" / "integration-continue" / "index.html").read_text(encoding="utf-8")
    assert f"segur-devis=={PACKAGE}" in html and "editeurs:" not in html
    assert version_line().replace("’", "&rsquo;") in html or version_line() in html
