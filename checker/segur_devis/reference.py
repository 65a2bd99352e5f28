"""The reference data (couloirs, DSR, deadlines, services, sources), read from data/reference.json.

This JSON file is the project's single source of truth: the checker reads it here, the site's hooks read it to
render the calendar and perimeter tables, and `site_hooks/data_schema.py` validates it at build and test time.
"""

from __future__ import annotations

import json
from datetime import date
from functools import cache
from importlib import resources
from typing import Any


@cache
def load() -> dict[str, Any]:
    raw = resources.files("segur_devis").joinpath("data/reference.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(raw)
    return data


@cache
def sources() -> dict[str, dict[str, Any]]:
    return {s["id"]: s for s in load()["sources"]}


def source_label(source_id: str) -> str:
    s = sources()[source_id]
    return f"{s['publisher']}, « {s['title']} »"


@cache
def couloirs() -> dict[str, dict[str, Any]]:
    return {c["id"]: c for c in load()["couloirs"]}


@cache
def family_to_couloir() -> dict[str, str]:
    return {fam: c["id"] for c in load()["couloirs"] for fam in c["families"]}


def as_date(iso: str) -> date:
    return date.fromisoformat(iso)
