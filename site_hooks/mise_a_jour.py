"""« Mis à jour le … » under each page, from the git history of its source file.

One `git log` over `docs/` at start-up gives each file's last commit. Honest on a shallow clone (GitHub Actions
checks out one commit by default): a file whose last commit seen is a boundary of the shallow history may have
changed earlier, so the page only says which version of the site it belongs to. Pages generated from data (rule
pages…) have no file of their own: they say the same. Without git, no line at all rather than a guess.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sitedata as sd
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page


@dataclass(frozen=True)
class History:
    """What the git history says about the files of `docs/`."""

    last_change: dict[str, str] = field(default_factory=dict)  # docs-relative path → YYYY-MM-DD
    uncertain: frozenset[str] = frozenset()  # files whose last commit seen is a shallow boundary
    head_date: str | None = None

    def sentence(self, src_uri: str) -> str | None:
        if src_uri in self.last_change and src_uri not in self.uncertain:
            return f"Page mise à jour le {sd.fr_date(self.last_change[src_uri])}."
        if self.head_date:
            return f"Version du site du {sd.fr_date(self.head_date)}."
        return None


def _git(repo: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(
            ["git", *args], cwd=repo, capture_output=True, text=True, check=False, timeout=60
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout if done.returncode == 0 else None


def read_history(repo: Path, docs: str = "docs") -> History:
    log = _git(repo, "log", "--format=%x00%H %cs", "--name-only", "--", docs)
    head = _git(repo, "log", "-1", "--format=%cs")
    if log is None or head is None:
        return History()
    shallow_file = _git(repo, "rev-parse", "--git-path", "shallow")
    boundaries: set[str] = set()
    if shallow_file and (repo / shallow_file.strip()).is_file():
        boundaries = set((repo / shallow_file.strip()).read_text().split())
    last_change: dict[str, str] = {}
    uncertain: set[str] = set()
    prefix = docs.rstrip("/") + "/"
    for block in log.split("\x00")[1:]:  # newest commit first
        header, *names = block.strip().splitlines()
        commit, day = header.split()
        for name in names:
            if name.startswith(prefix) and name[len(prefix) :] not in last_change:
                path = name[len(prefix) :]
                last_change[path] = day
                if commit in boundaries:
                    uncertain.add(path)
    return History(last_change, frozenset(uncertain), head.strip() or None)


HISTORY = History()


def on_config(config: MkDocsConfig, **kwargs: Any) -> MkDocsConfig:
    global HISTORY
    repo = Path(config.config_file_path).resolve().parent
    docs = Path(config.docs_dir).resolve().relative_to(repo).as_posix()
    HISTORY = read_history(repo, docs)
    return config


def on_page_markdown(markdown: str, page: Page, **kwargs: Any) -> str:
    sentence = HISTORY.sentence(page.file.src_uri)
    if sentence:
        page.meta["mise_a_jour"] = sentence
    return markdown
