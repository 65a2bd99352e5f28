"""The glossary page and the abbreviations explained on hover, both from data/glossary.json.

Abbreviations go through the `abbr` extension's own glossary option rather than text appended to each page:
the extension skips code (inline and fenced), so quote excerpts and rule examples stay untouched.
"""

from __future__ import annotations

import unicodedata
from typing import Any

import sitedata as sd
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError


def _sort_key(term: str) -> str:
    return unicodedata.normalize("NFKD", term).encode("ascii", "ignore").decode().casefold()


def abbreviations() -> dict[str, str]:
    return {t["term"]: t["expansion"] for t in sd.glossary() if t["expansion"]}


def glossary_table() -> str:
    terms = sorted(sd.glossary(), key=lambda t: _sort_key(t["term"]))
    return sd.table(
        ["Terme", "Signification", "Définition", "Source"],
        (
            [
                f"**{t['term']}**",
                t["expansion"] or "",
                t["definition"],
                sd.source_short(t["source"]) if t["source"] else "Usage courant",
            ]
            for t in terms
        ),
    )


def on_config(config: MkDocsConfig, **kwargs: Any) -> MkDocsConfig:
    if "abbr" not in config.markdown_extensions:
        raise PluginError("the glossary hook needs the 'abbr' Markdown extension")
    config.mdx_configs.setdefault("abbr", {})["glossary"] = abbreviations()
    return config


def on_page_markdown(markdown: str, **kwargs: Any) -> str:
    return sd.replace_placeholders(markdown, "glossary", lambda _arg: glossary_table())
