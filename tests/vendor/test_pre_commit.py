"""The pre-commit hook, run by pre-commit itself (`pre-commit try-repo`) on a temporary repository of templates:
it installs the checker from this repository, then fails on a non-conforming template and passes on a good one."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from templates import BAD, REPO, SIGNED_GOOD, make_pdf

HOOKS = REPO / ".pre-commit-hooks.yaml"


def test_the_hook_checks_the_quote_template_formats() -> None:
    (hook,) = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    assert (
        hook["id"] == "segur-devis" and hook["entry"] == "segur-devis check" and hook["language"] == "python"
    )
    import re

    files = re.compile(hook["files"])
    assert all(files.search(n) for n in ("a.txt", "b.PDF", "modeles/c.docx", "d.odt"))
    assert not any(files.search(n) for n in ("a.md", "b.py", "c.txt.bak"))


@pytest.fixture(scope="module")
def templates_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = tmp_path_factory.mktemp("editeur")
    (repo / "modeles").mkdir()
    good = SIGNED_GOOD
    (repo / "modeles" / "bon.txt").write_text(good, encoding="utf-8")
    (repo / "modeles" / "bon.pdf").write_bytes(make_pdf(good))
    shutil.copy(BAD, repo / "modeles" / "mauvais.txt")
    git = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.invalid"]
    subprocess.run([*git, "init", "-q"], cwd=repo, check=True)
    subprocess.run([*git, "add", "."], cwd=repo, check=True)
    subprocess.run([*git, "commit", "-qm", "modèles"], cwd=repo, check=True)
    return repo


def try_repo(repo: Path, home: Path, *files: str) -> subprocess.CompletedProcess[str]:
    # pre-commit installs the hook's repository (this one, uncommitted changes included) in its own venv.
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    command = [sys.executable, "-m", "pre_commit", "try-repo", str(REPO), "segur-devis", "--files", *files]
    return subprocess.run(
        command, cwd=repo, env=env, capture_output=True, text=True, check=False, timeout=600
    )


@pytest.mark.slow
def test_pre_commit_fails_on_the_bad_template_and_passes_on_the_good_ones(
    templates_repo: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    home = tmp_path_factory.mktemp("pre-commit-home")
    good = try_repo(templates_repo, home, "modeles/bon.txt", "modeles/bon.pdf")
    assert good.returncode == 0, good.stdout + good.stderr
    assert "Passed" in good.stdout
    bad = try_repo(templates_repo, home, "modeles/bon.txt", "modeles/mauvais.txt")
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "Failed" in bad.stdout and "NON CONFORME" in bad.stdout and "[P01]" in bad.stdout
