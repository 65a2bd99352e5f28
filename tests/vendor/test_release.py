"""The release workflow's build job, its commands run here in a copy of the repository: the tag must name the
version, the sdist and wheel build and pass `twine check`, and a fresh venv with the wheel alone prints the
three versions and checks a PDF template (pypdf comes as a normal dependency). The release notes step takes the
changelog's section. What needs GitHub (PyPI trusted publishing, the release) is checked for its shape."""

from __future__ import annotations

import os
import re
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from templates import REPO, copy_of_repository

from segur_devis.versions import PACKAGE, version_line

WORKFLOW = REPO / ".github" / "workflows" / "release.yml"


def jobs() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]
    return data


def step(job: str, name: str) -> str:
    return str(next(s["run"] for s in jobs()[job]["steps"] if s.get("name") == name))


@pytest.fixture(scope="module")
def checkout(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_of_repository(tmp_path_factory.mktemp("checkout"))


def run(checkout: Path, script: str, tmp: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "GITHUB_REF_NAME": f"v{PACKAGE}", "RUNNER_TEMP": str(tmp), **env}
    return subprocess.run(
        ["bash", "-e", "-c", script],
        cwd=checkout,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_tag_must_name_the_package_version(checkout: Path, tmp_path: Path) -> None:
    script = step("build", "The tag names the package version")
    assert run(checkout, script, tmp_path).returncode == 0
    wrong = run(checkout, script, tmp_path, GITHUB_REF_NAME="v9.9.9")
    assert wrong.returncode == 1 and "does not match the package version" in wrong.stdout


@pytest.mark.slow
def test_build_check_and_install_the_wheel_alone(checkout: Path, tmp_path: Path) -> None:
    built = run(checkout, step("build", "Build the sdist and the wheel"), tmp_path)
    assert built.returncode == 0, built.stdout + built.stderr
    dist = sorted(p.name for p in (checkout / "dist").iterdir())
    assert dist == [f"segur_devis-{PACKAGE}-py3-none-any.whl", f"segur_devis-{PACKAGE}.tar.gz"]
    wheel = zipfile.ZipFile(checkout / "dist" / dist[0])
    assert "segur_devis/data/reference.json" in wheel.namelist()
    metadata = wheel.read(f"segur_devis-{PACKAGE}.dist-info/METADATA").decode()
    assert f"Version: {PACKAGE}\n" in metadata
    assert "Requires-Dist: pypdf>=7.1\n" in metadata  # a normal dependency, not behind the extra
    assert "Provides-Extra: pdf\n" in metadata  # the old `[pdf]` form still installs

    checked = run(checkout, step("build", "Check the distributions"), tmp_path)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.count("PASSED") == 2

    alone = run(checkout, step("build", "Install the wheel alone and check a PDF template"), tmp_path)
    assert alone.returncode == 0, alone.stdout + alone.stderr
    assert alone.stdout.splitlines()[0] == version_line()
    assert "modele.pdf — CONFORME" in alone.stdout
    # Nothing of the source tree leaks into that venv: it is the wheel's copy that ran.
    (site_packages,) = (tmp_path / "wheel" / "lib").glob("python3*/site-packages")
    assert (site_packages / "segur_devis" / "cli.py").exists() and (site_packages / "pypdf").is_dir()


@pytest.mark.slow
def test_the_tests_run_against_the_built_wheel(checkout: Path, tmp_path: Path) -> None:
    """The step's own commands, on one test module here (the workflow runs the checker's whole suite)."""
    if not list((checkout / "dist").glob("*.whl")):
        built = run(checkout, step("build", "Build the sdist and the wheel"), tmp_path)
        assert built.returncode == 0, built.stdout + built.stderr
    script = step("build", "Test the built wheel")
    done = run(checkout, script, tmp_path, WHEEL_TESTS="tests/vendor/test_cli_ci.py")
    assert done.returncode == 0, done.stdout + done.stderr
    assert re.search(r"^\d+ passed", done.stdout, re.M)
    assert (tmp_path / "wheel-only" / "segur_devis" / "cli.py").exists()
    # The guard fails when the source tree, not the wheel, would be imported.
    source_tree = script.replace('export PYTHONPATH="$wheel_only"', "export PYTHONPATH=")
    assert source_tree != script
    wrong = run(checkout, source_tree, tmp_path)
    assert wrong.returncode == 1


def test_the_release_notes_are_the_changelog_section(checkout: Path, tmp_path: Path) -> None:
    done = run(checkout, step("github-release", "Release notes from the changelog"), tmp_path)
    assert done.returncode == 0, done.stderr
    notes = (checkout / "notes.md").read_text(encoding="utf-8")
    assert "--jobs N" in notes and "## [" not in notes and "First release" not in notes
    missing = run(
        checkout,
        step("github-release", "Release notes from the changelog"),
        tmp_path,
        GITHUB_REF_NAME="v9.9.9",
    )
    assert missing.returncode != 0  # a version with no changelog section is not released


def test_pypi_is_published_by_trusted_publishing_without_a_token() -> None:
    pypi = jobs()["pypi"]
    assert pypi["needs"] == "build" and pypi["permissions"] == {"id-token": "write"}
    assert pypi["environment"]["name"] == "pypi"
    publish = next(s for s in pypi["steps"] if s.get("uses", "").startswith("pypa/gh-action-pypi-publish@"))
    assert "with" not in publish  # no password, no token: OIDC
    assert "secrets." not in WORKFLOW.read_text(encoding="utf-8")
    release = jobs()["github-release"]
    assert release["needs"] == "pypi" and release["permissions"] == {"contents": "write"}
