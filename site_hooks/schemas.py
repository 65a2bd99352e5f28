"""Publish the data and its JSON Schemas with the site: <site>/schemas/*.json and <site>/donnees/*.json.

They are virtual files (generated at build time from data_schema.py and the package data), so pages can
link to them and MkDocs checks those links.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import data_schema
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files


def on_files(files: Files, config: MkDocsConfig, **kwargs: Any) -> Files:
    for name, document in data_schema.json_schemas().items():
        content = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
        files.append(File.generated(config, f"schemas/{name}.schema.json", content=content))
    data = resources.files("segur_devis").joinpath("data")
    for source, target in (("reference.json", "reference.json"), ("glossary.json", "glossaire.json")):
        content = data.joinpath(source).read_text(encoding="utf-8")
        files.append(File.generated(config, f"donnees/{target}", content=content))
    return files
