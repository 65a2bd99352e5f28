"""Render the reference data (deadlines, services, sources, clauses) into the pages that ask for it.

A page asks with a placeholder line such as `<!-- table: deadlines -->` or `<!-- sources: seed-000 -->`;
an unknown name fails the build rather than leaving a hole in the page.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import sitedata as sd
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

from segur_devis.deadlines import today_table

CONFIDENCE = {
    "verified": "Vu dans une source officielle",
    "press": "Non confirmé par un texte officiel (source de presse ou de tiers)",
    "inferred": "Non confirmé par un texte officiel (déduit des sources citées)",
}


def _deadlines() -> str:
    """Every date of every couloir, folded away per couloir: the summary is the « today » component."""
    data = sd.ref()
    kinds = list(data["deadline_kinds"])
    dispositifs = {d["id"]: d for d in data["dispositifs"]}
    blocks: list[str] = []
    for couloir in data["couloirs"]:
        rows = [d for d in data["deadlines"] if d["couloir"] == couloir["id"]]
        if not rows:
            continue
        rows.sort(key=lambda d: (d["vague"], d["dispositif"], d["date"], kinds.index(d["kind"])))
        body = sd.table(
            ["Échéance", "Date", "Périmètre", "Statut", "Source et remarque"],
            (
                [
                    f"Vague {d['vague']} — {dispositifs[d['dispositif']]['label']} : "
                    + data["deadline_kinds"][d["kind"]],
                    f"**{sd.fr_date(d['date'])}**" if d["retained"] else sd.fr_date(d["date"]),
                    d["scope"] or "Tout le couloir",
                    "Retenue" if d["retained"] else "Non retenue",
                    " ".join(
                        x
                        for x in (
                            sd.source_short(d["source"]) + ".",
                            "" if d["confidence"] == "verified" else CONFIDENCE[d["confidence"]] + ".",
                            d["note"] or "",
                        )
                        if x
                    ),
                ]
                for d in rows
            ),
        )
        vagues = sorted({d["vague"] for d in rows})
        title = f"{couloir['label']} : toutes les dates (vague {' et '.join(str(v) for v in vagues)})"
        rules = "\n".join(f"- {r}" for r in couloir["vague_rules"])
        blocks.append(
            f'??? note "{title}"\n\n' + _indent(f"{body}\n\nCe qui dépend de la vague :\n\n{rules}")
        )
    return "\n\n".join(blocks)


def _indent(markdown: str) -> str:
    return "\n".join(f"    {line}" if line else "" for line in markdown.split("\n"))


def _vague_facts() -> str:
    data = sd.ref()
    items = []
    for f in data["vague_facts"]:
        trust = "" if f["confidence"] == "verified" else f" *{CONFIDENCE[f['confidence']]}.*"
        items.append(f"- {f['text']}{trust} *Source : {sd.source_short(f['source'])}.*")
    return "\n".join(items)


def _vagues() -> str:
    return "\n".join(
        f"- **{v['label']}** : {v['summary']} *Source : {sd.source_short(v['source'])}.*"
        for v in sd.ref()["vagues"]
    )


def aujourdhui(page_url: str, form: str = "") -> str:
    """The « today » component: a placeholder its module fills in the browser, on the day the page is read.

    One line in any page, `<!-- aujourdhui: -->`, gives the element and its module (path relative to the page);
    `<!-- aujourdhui: resume -->` asks for a summary on a phone (the full table folded below it).
    """
    if form not in ("", "resume"):
        raise PluginError(f"aujourdhui: unknown form {form!r} (none, or « resume »)")
    up = "../" * page_url.count("/")
    return (
        f'<div class="aujourdhui" data-aujourdhui="{form}">'
        "<p>Activez JavaScript pour voir quels guichets de financement sont ouverts aujourd’hui ; toutes les dates "
        f'figurent sur la page <a href="{up}comprendre/calendrier/">Calendrier</a>.</p></div>\n'
        f'<script type="module" src="{up}assets/site/aujourdhui.mjs"></script>'
    )


def _services(kind: str) -> str:
    services = sd.ref()["services"][kind]
    return sd.table(["Prestation", "Source"], ([s["label"], sd.source_short(s["source"])] for s in services))


def _maintenance() -> str:
    rows = sd.ref()["corrective_maintenance_years"]
    return sd.table(
        ["Vague", "Durée de la maintenance corrective incluse", "Source"],
        ([r["vague"], f"{r['years']} ans", sd.source_short(r["source"])] for r in rows),
    )


def _dsr() -> str:
    data = sd.ref()
    couloirs = {c["id"]: c["label"] for c in data["couloirs"]}
    confidence = CONFIDENCE
    return sd.table(
        ["Code du DSR", "Logiciel", "Couloir", "Vague", "Fiabilité", "Source"],
        (
            [
                f"`{d['code']}`",
                d["label"],
                couloirs[d["couloir"]],
                d["vague"],
                confidence.get(d["confidence"], d["confidence"]),
                sd.source_short(d["source"]),
            ]
            for d in data["dsr"]
        ),
    )


def _sources() -> str:
    def address(s: dict[str, Any]) -> str:
        return f"<{s['url']}>" if s["url"] else "Document fourni au projet (pas d’adresse publique connue)"

    return sd.table(
        ["Source", "Éditeur", "Date", "Officielle", "Adresse", "Ce qu’on y trouve"],
        (
            [
                s["title"],
                s["publisher"],
                sd.fr_date(s["published"]),
                "Oui" if s["official"] else "Non",
                address(s),
                s["note"] or "",
            ]
            for s in sd.ref()["sources"]
        ),
    )


def _clauses() -> str:
    blocks = []
    for c in sd.ref()["clauses"]:
        blocks.append(
            '!!! quote "Exemple de clause relevé par l’ANS"\n\n'
            f"    « {c['example']} »\n\n"
            f"    **Commentaire :** {c['comment']}\n\n"
            f"    **Règle du vérificateur :** <!-- rule: {c['rule']} -->\n\n"
            f"    *Source : {sd.source_short(c['source'])}.*"
        )
    return "\n\n".join(blocks)


TABLES = {
    "deadlines": _deadlines,
    "vague-facts": _vague_facts,
    "vagues": _vagues,
    "services-included": lambda: _services("included"),
    "services-excluded": lambda: _services("excluded"),
    "maintenance": _maintenance,
    "dsr": _dsr,
    "sources": _sources,
    "clauses": _clauses,
}


def _value(name: str) -> str:
    data = sd.ref()
    order = data["conditional_order"]
    values: dict[str, str] = {
        "mention": str(data["mandatory_mention"]["text"]),
        "conditional-days": str(order["days"]),
        "example-signed": sd.fr_date(order["example_signed"]),
        "example-due": sd.fr_date(order["example_due"]),
    }
    if name not in values:
        raise PluginError(f"unknown value placeholder: {name!r}")
    return values[name]


def _table(name: str) -> str:
    if name not in TABLES:
        raise PluginError(f"unknown table placeholder: {name!r}")
    return TABLES[name]()


def _source_list(ids: str) -> str:
    known = sd.ref()["sources"]
    wanted = ids.split()
    missing = set(wanted) - {s["id"] for s in known}
    if missing:
        raise PluginError(f"unknown source id(s): {sorted(missing)}")
    return "\n".join(f"- {sd.source_item(i)}" for i in wanted)


def on_page_markdown(markdown: str, page: Page, **kwargs: Any) -> str:
    markdown = sd.replace_placeholders(markdown, "aujourdhui", lambda a: aujourdhui(page.url, a.strip()))
    markdown = sd.replace_placeholders(markdown, "table", lambda a: _table(a.strip()))
    markdown = sd.replace_placeholders(markdown, "value", lambda a: _value(a.strip()))
    return sd.replace_placeholders(markdown, "sources", _source_list)


def on_post_build(config: MkDocsConfig, **kwargs: Any) -> None:
    """The « today » component's data: dated steps per couloir and vague, and their sentences (deadlines.py)."""
    out = Path(config["site_dir"]) / "assets" / "site" / "aujourdhui.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(today_table(), ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def on_page_content(html: str, page: Page, **kwargs: Any) -> str:
    leftover = sd.PLACEHOLDER.search(html)
    if leftover:
        raise PluginError(f"{page.file.src_uri}: placeholder left unrendered: {leftover.group(0)}")
    return html
