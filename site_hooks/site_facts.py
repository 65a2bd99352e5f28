"""Facts about this copy of the site — where its source code lives, who publishes it — from the build environment.

GitHub Actions gives the repository (`GITHUB_SERVER_URL`, `GITHUB_REPOSITORY`); whoever publishes the site
states who they are with `SEGUR_DEVIS_PUBLISHER`, `SEGUR_DEVIS_ADDRESS`, `SEGUR_DEVIS_DIRECTOR` and
`SEGUR_DEVIS_CONTACT` (`SEGUR_DEVIS_REPOSITORY_URL` overrides the repository). A page asks for a fact with
`<!-- site: editeur -->`; a fact the build was not given becomes a sentence saying who to ask, never a
placeholder left for the public to read. The footer reads the same facts (`config.extra.site_facts`).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import sitedata as sd
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError


@dataclass(frozen=True)
class SiteFacts:
    repository_url: str | None
    publisher: str | None
    address: str | None
    director: str | None
    contact: str | None

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> SiteFacts:
        def get(name: str) -> str | None:
            return env.get(name, "").strip() or None

        repository = get("SEGUR_DEVIS_REPOSITORY_URL")
        if repository is None and get("GITHUB_REPOSITORY"):
            server = get("GITHUB_SERVER_URL") or "https://github.com"
            repository = f"{server.rstrip('/')}/{get('GITHUB_REPOSITORY')}"
        return cls(
            repository_url=repository,
            publisher=get("SEGUR_DEVIS_PUBLISHER"),
            address=get("SEGUR_DEVIS_ADDRESS"),
            director=get("SEGUR_DEVIS_DIRECTOR"),
            contact=get("SEGUR_DEVIS_CONTACT"),
        )

    def who_to_ask(self) -> str:
        """Where a reader gets a fact this copy of the site was built without."""
        if self.contact:
            return f"écrivez à l’éditeur du site ({self.contact})"
        if self.repository_url:
            return (
                f"posez la question sur le [dépôt du code source]({self.repository_url}/issues) "
                "(rubrique « Issues »)"
            )
        return "adressez-vous à la personne ou à l’organisme qui vous a indiqué l’adresse de ce site"

    def missing(self) -> bool:
        return None in (self.repository_url, self.publisher, self.address, self.director, self.contact)

    def render(self, name: str) -> str:
        """The Markdown for one `<!-- site: NAME -->` placeholder."""
        if name == "qui-demander":
            if not self.missing():
                return ""
            return f"Pour obtenir un renseignement non indiqué ici, {self.who_to_ask()}."
        if name == "depot":
            if self.repository_url:
                return f"[{self.repository_url}]({self.repository_url})"
            return f"adresse non indiquée dans cette copie du site (pour l’obtenir, {self.who_to_ask()})"
        values = {
            "editeur": self.publisher,
            "adresse": self.address,
            "directeur": self.director,
            "contact": self.contact,
        }
        if name not in values:
            raise PluginError(f"unknown site placeholder: {name!r}")
        return values[name] or "non indiqué dans cette copie du site"


FACTS = SiteFacts.from_env(os.environ)


def on_config(config: MkDocsConfig, **kwargs: Any) -> MkDocsConfig:
    config.extra["site_facts"] = FACTS
    return config


def on_page_markdown(markdown: str, **kwargs: Any) -> str:
    return sd.replace_placeholders(markdown, "site", lambda name: FACTS.render(name.strip()))
