"""The vendors' snippets (plain CLI, pre-commit, GitHub Action), pinned to the version being built.

A page asks with `<!-- editeurs: NAME -->`; the snippet is written here, from `segur_devis.versions`, so the
pages can never name another version than the one built. The pre-commit hook and the Action are fetched from
the repository, whose address comes from the build environment (GitHub Actions gives `GITHUB_REPOSITORY`;
`SEGUR_DEVIS_REPOSITORY_URL` overrides it): without it, the page says so instead of showing an address that may
be wrong.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

import sitedata as sd
from mkdocs.exceptions import PluginError

from segur_devis.versions import PACKAGE, version_line

TAG = f"v{PACKAGE}"


def repository_url(env: Mapping[str, str]) -> str | None:
    if url := env.get("SEGUR_DEVIS_REPOSITORY_URL", "").strip():
        return url.rstrip("/")
    if slug := env.get("GITHUB_REPOSITORY", "").strip():
        return f"{(env.get('GITHUB_SERVER_URL') or 'https://github.com').rstrip('/')}/{slug}"
    return None


def _github_slug(url: str | None) -> str | None:
    prefix = "https://github.com/"
    return url[len(prefix) :] if url and url.startswith(prefix) and url.count("/") == 4 else None


def _fence(language: str, code: str) -> str:
    return f"```{language}\n{code.strip()}\n```"


def cli() -> str:
    return _fence("sh", f'pip install "segur-devis=={PACKAGE}"\nsegur-devis check modeles/')


def pre_commit(url: str) -> str:
    return _fence(
        "yaml",
        f"""
repos:
  - repo: {url}
    rev: {TAG}
    hooks:
      - id: segur-devis
        files: ^modeles/ # le dossier de vos modèles de devis
""",
    )


def action(slug: str) -> str:
    return _fence(
        "yaml",
        f"""
name: Modèles de devis Ségur

on:
  push:
    paths: ["modeles/**"]
  pull_request:
    paths: ["modeles/**"]

permissions:
  contents: read
  security-events: write # publier le rapport SARIF dans Code scanning

jobs:
  verifier:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4

      - uses: {slug}@{TAG}
        with:
          paths: modeles/
          fail-on: non_conforme # ou a_verifier
          sarif-upload: true
""",
    )


def render(name: str, env: Mapping[str, str]) -> str:
    """The Markdown for one `<!-- editeurs: NAME -->` placeholder."""
    url = repository_url(env)
    missing = (
        "Cette copie du site a été construite sans l’adresse de son dépôt de code source : demandez-la à la "
        "personne ou à l’organisme qui vous a indiqué ce site."
    )
    if name == "version":
        return f"`{version_line()}`"
    if name == "cli":
        return cli()
    if name == "pre-commit":
        return pre_commit(url) if url else missing
    if name == "action":
        slug = _github_slug(url)
        if slug:
            return action(slug)
        if url:
            return (
                "Cette copie du site est publiée depuis un dépôt hors de GitHub : l’action GitHub n’y est pas "
                "disponible. Utilisez la ligne de commande ou pre-commit."
            )
        return missing
    raise PluginError(f"unknown editeurs placeholder: {name!r}")


def on_page_markdown(markdown: str, **kwargs: Any) -> str:
    return sd.replace_placeholders(markdown, "editeurs", lambda name: render(name, os.environ))
