"""Every address the pages cite comes from the project's sources: no invented URL."""

from __future__ import annotations

import json
import re
from pathlib import Path

from support.site import DOCS, REPO

SEEDS = Path("/work/shared/seeds")  # the project's two source documents, when available on this machine
URL = re.compile(r"https?://[^\s)\]>\"'`]+")


def known_urls() -> str:
    text = (REPO / "checker" / "segur_devis" / "data" / "reference.json").read_text(encoding="utf-8")
    if SEEDS.is_dir():
        text += "".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    return text


def test_every_cited_url_is_in_the_sources() -> None:
    known = known_urls()
    cited = {
        (md.relative_to(DOCS).as_posix(), url)
        for md in DOCS.rglob("*.md")
        if not md.relative_to(DOCS).as_posix().startswith("verifier/")
        for url in URL.findall(md.read_text(encoding="utf-8"))
    }
    assert cited, "no URL found: the pattern is broken"
    unsourced = sorted(f"{page}: {url}" for page, url in cited if url not in known)
    assert not unsourced, "\n".join(unsourced)


def test_reference_urls_are_https() -> None:
    data = json.loads(
        (REPO / "checker" / "segur_devis" / "data" / "reference.json").read_text(encoding="utf-8")
    )
    assert all(s["url"] is None or s["url"].startswith("https://") for s in data["sources"])
