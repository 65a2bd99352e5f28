"""Shared helpers for the site hooks: the reference data, the glossary and small Markdown renderers.

The hooks never copy a date, a service or a source by hand: they read them here, from the same JSON files
the checker uses, so the site and the checker cannot disagree.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from importlib import resources
from typing import Any

from segur_devis import reference

FR_MONTHS = (
    *("janvier", "février", "mars", "avril", "mai", "juin"),
    *("juillet", "août", "septembre", "octobre", "novembre", "décembre"),
)

# `<!-- table:deadlines -->` or `<!-- sources: seed-000 seed-002 -->`: a placeholder a hook replaces.
PLACEHOLDER = re.compile(r"<!--\s*(?P<kind>[a-z-]+)\s*:\s*(?P<arg>[^>]*?)\s*-->")


def ref() -> dict[str, Any]:
    return reference.load()


def glossary() -> list[dict[str, Any]]:
    raw = resources.files("segur_devis").joinpath("data/glossary.json").read_text(encoding="utf-8")
    terms: list[dict[str, Any]] = json.loads(raw)["terms"]
    return terms


def fr_date(iso: str | None) -> str:
    """2022-07-15 → 15/07/2022; 2023-05 → mai 2023; None → an em dash."""
    if not iso:
        return "—"
    parts = iso.split("-")
    if len(parts) == 3:
        return f"{parts[2]}/{parts[1]}/{parts[0]}"
    if len(parts) == 2:
        return f"{FR_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return iso


def cell(text: object) -> str:
    """A value safe inside a Markdown table cell."""
    return str(text).replace("|", "\\|").replace("\n", " ")


def table(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def source_short(source_id: str) -> str:
    """A source as a short citation, linked when it has a public address."""
    s = reference.sources()[source_id]
    label = f"{s['publisher']}, « {s['title']} »"
    return f"[{label}]({s['url']})" if s["url"] else label


def source_item(source_id: str) -> str:
    s = reference.sources()[source_id]
    bits = [source_short(source_id)]
    if s["published"]:
        bits.append(fr_date(s["published"]))
    if not s["official"]:
        bits.append("source non officielle, citée pour information")
    return ", ".join(bits)


def replace_placeholders(markdown: str, kind: str, render: Callable[[str], str]) -> str:
    """Replace every `<!-- kind: arg -->` by render(arg); other placeholders are left to other hooks."""

    def sub(m: re.Match[str]) -> str:
        return render(m.group("arg")) if m.group("kind") == kind else m.group(0)

    return PLACEHOLDER.sub(sub, markdown)
