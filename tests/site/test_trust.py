"""Trust: no placeholder is ever published; the publisher and the repository come from the build environment
(site_hooks/site_facts.py), a missing fact says who to ask; every page has the footer's links and a « mis à jour
le » line taken from git (site_hooks/mise_a_jour.py), honest on a shallow clone."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from support.site import REPO, page_text

sys.path.insert(0, str(REPO / "site_hooks"))
from mise_a_jour import read_history
from site_facts import SiteFacts

PUBLISHER_ENV = {
    "GITHUB_SERVER_URL": "https://github.example",
    "GITHUB_REPOSITORY": "collectif-test/segur-devis",
    "SEGUR_DEVIS_PUBLISHER": "Association Devis Clairs (test)",
    "SEGUR_DEVIS_ADDRESS": "1 rue de l’Exemple, 75000 Paris",
    "SEGUR_DEVIS_DIRECTOR": "Camille Exemple",
    "SEGUR_DEVIS_CONTACT": "contact@devis-clairs.example",
}
FACT_VARIABLES = (*PUBLISHER_ENV, "SEGUR_DEVIS_REPOSITORY_URL")


def html_files(site: Path) -> list[Path]:
    return [p for p in site.rglob("*.html") if "pyodide" not in p.parts]


def test_no_placeholder_is_published(site: Path) -> None:
    for path in html_files(site):
        html = path.read_text(encoding="utf-8")
        assert not re.search(r"à compléter par|À COMPLÉTER", html), (
            path
        )  # the ANS report tool's own « [à compléter] » fields are for its reader


def test_missing_facts_say_who_to_ask() -> None:
    bare = SiteFacts.from_env({})
    assert bare.render("editeur") == "non indiqué dans cette copie du site"
    assert "adressez-vous à la personne ou à l’organisme" in bare.render("qui-demander")
    assert "adresse non indiquée" in bare.render("depot")
    # With only the repository known (a GitHub Actions build), readers are sent to its issues.
    github = SiteFacts.from_env({"GITHUB_REPOSITORY": "org/repo"})
    assert github.repository_url == "https://github.com/org/repo"
    assert "(https://github.com/org/repo/issues)" in github.render("qui-demander")
    # Everything given: nothing to ask, and the explicit repository wins over GitHub's.
    full = SiteFacts.from_env({**PUBLISHER_ENV, "SEGUR_DEVIS_REPOSITORY_URL": "https://code.example/sd"})
    assert full.render("qui-demander") == ""
    assert full.render("depot") == "[https://code.example/sd](https://code.example/sd)"
    assert full.render("directeur") == "Camille Exemple"


@pytest.fixture(scope="module")
def published_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site as a publisher builds it in GitHub Actions, with every fact given."""
    out = tmp_path_factory.mktemp("site-published")
    env = {k: v for k, v in os.environ.items() if k not in FACT_VARIABLES}
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(out)],
        cwd=REPO,
        check=True,
        env={**env, **PUBLISHER_ENV, "NO_MKDOCS_2_WARNING": "1"},
    )
    return out


def test_publisher_facts_reach_the_legal_notice_and_the_footer(published_site: Path) -> None:
    text = page_text(published_site, "a-propos/mentions-legales")
    for value in ("Association Devis Clairs (test)", "1 rue de l’Exemple", "Camille Exemple"):
        assert value in text
    assert "https://github.example/collectif-test/segur-devis" in text
    assert "non indiqué" not in text and "adressez-vous" not in text
    home = (published_site / "index.html").read_text(encoding="utf-8")
    assert '<a href="https://github.example/collectif-test/segur-devis">Code source</a>' in home
    accessibility = page_text(published_site, "a-propos/accessibilite")
    assert "Contact : contact@devis-clairs.example" in accessibility


def test_the_pages_workflow_gives_the_facts_and_the_history() -> None:
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["build"]["steps"]
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0
    build = next(s for s in steps if s.get("run", "").strip() == "make build")
    for name in (
        "SEGUR_DEVIS_PUBLISHER",
        "SEGUR_DEVIS_ADDRESS",
        "SEGUR_DEVIS_DIRECTOR",
        "SEGUR_DEVIS_CONTACT",
    ):
        assert build["env"][name] == f"${{{{ vars.{name} }}}}"


def test_every_page_has_the_footer_links(site: Path) -> None:
    for path in html_files(site):
        html = path.read_text(encoding="utf-8")
        if "md-footer" not in html:  # redirects, bare pages of the tools
            continue
        footer = html[html.index('<footer class="md-footer">') :]
        for label in (
            "Mentions légales",
            "Accessibilité : non conforme",
            "Données personnelles",
            "Code source",
        ):
            assert f">{label}</a>" in footer, (path, label)


def test_pages_say_when_they_were_updated(site: Path) -> None:
    html = (site / "etablissements" / "pharmacie" / "index.html").read_text(encoding="utf-8")
    assert re.search(
        r'class="sd-mise-a-jour">(Page mise à jour le|Version du site du) \d\d/\d\d/\d{4}\.', html
    )


def git(repo: Path, *args: str, day: str | None = None) -> None:
    env = {**os.environ, "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"}
    if day:
        env |= {"GIT_AUTHOR_DATE": f"{day}T12:00:00+00:00", "GIT_COMMITTER_DATE": f"{day}T12:00:00+00:00"}
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", *args],
        cwd=repo,
        env=env,
        check=True,
        capture_output=True,
    )


def test_update_dates_come_from_git_and_stay_honest_on_a_shallow_clone(tmp_path: Path) -> None:
    origin = tmp_path / "origin"
    (origin / "docs").mkdir(parents=True)
    git(origin, "init", "-q", "-b", "main")
    (origin / "docs" / "ancien.md").write_text("v1")
    (origin / "docs" / "recent.md").write_text("v1")
    git(origin, "add", ".")
    git(origin, "commit", "-qm", "one", day="2025-03-04")
    (origin / "docs" / "recent.md").write_text("v2")
    git(origin, "commit", "-qam", "two", day="2026-11-02")
    (origin / "README").write_text("outside docs")
    git(origin, "add", ".")
    git(origin, "commit", "-qm", "three", day="2026-11-20")

    full = read_history(origin)
    assert full.sentence("ancien.md") == "Page mise à jour le 04/03/2025."
    assert full.sentence("recent.md") == "Page mise à jour le 02/11/2026."
    assert full.sentence("regles/M01.md") == "Version du site du 20/11/2026."  # generated: no file of its own

    # GitHub Actions' default checkout: one commit. Its files may have changed long before it.
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{origin}", str(shallow))
    history = read_history(shallow)
    assert history.sentence("ancien.md") == "Version du site du 20/11/2026."
    assert history.sentence("recent.md") == "Version du site du 20/11/2026."

    # Three commits deep: the change of recent.md is inside the history seen, so its date is known; ancien.md's
    # last commit seen is the boundary, which shows every file as added: unknown.
    deeper = tmp_path / "deeper"
    git(tmp_path, "clone", "-q", "--depth", "3", f"file://{origin}", str(deeper))
    history = read_history(deeper)
    assert history.sentence("recent.md") == "Page mise à jour le 02/11/2026."
    assert history.sentence("ancien.md") == "Version du site du 20/11/2026."

    assert read_history(tmp_path / "not-a-repository").sentence("ancien.md") is None
