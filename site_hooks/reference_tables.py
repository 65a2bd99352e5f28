"""Render the reference data (deadlines, services, sources, clauses) into the pages that ask for it.

A page asks with a placeholder line such as `<!-- table: deadlines -->` or `<!-- sources: seed-000 -->`;
an unknown name fails the build rather than leaving a hole in the page.
"""

from __future__ import annotations

from typing import Any

import sitedata as sd
from mkdocs.exceptions import PluginError


def _deadlines() -> str:
    data = sd.ref()
    kinds = list(data["deadline_kinds"])
    blocks: list[str] = []
    for couloir in data["couloirs"]:
        rows = [d for d in data["deadlines"] if d["couloir"] == couloir["id"]]
        if not rows:
            continue
        rows.sort(key=lambda d: (d["vague"], kinds.index(d["kind"]), d["date"]))
        body = sd.table(
            ["Vague", "Échéance", "Date", "Périmètre", "Statut", "Source", "Remarque"],
            (
                [
                    d["vague"],
                    data["deadline_kinds"][d["kind"]],
                    f"**{sd.fr_date(d['date'])}**" if d["retained"] else sd.fr_date(d["date"]),
                    d["scope"] or "Tout le couloir",
                    "Retenue" if d["retained"] else "Non retenue",
                    sd.source_short(d["source"]),
                    d["note"] or "",
                ]
                for d in rows
            ),
        )
        block = f"### {couloir['label']}\n\n{body}"
        if any(not d["retained"] for d in rows):
            block += (
                "\n\nLes sources ne donnent pas toutes la même date : toutes sont affichées, "
                "et celle que le vérificateur utilise est marquée « Retenue »."
            )
        blocks.append(block)
    return "\n\n".join(blocks)


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
    confidence = {"verified": "Vérifié dans une source officielle", "inferred": "Déduit (à confirmer)"}
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
    values = {
        "mention": data["mandatory_mention"]["text"],
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


def on_page_markdown(markdown: str, **kwargs: Any) -> str:
    markdown = sd.replace_placeholders(markdown, "table", lambda a: _table(a.strip()))
    markdown = sd.replace_placeholders(markdown, "value", lambda a: _value(a.strip()))
    return sd.replace_placeholders(markdown, "sources", _source_list)


def on_page_content(html: str, page: Any, **kwargs: Any) -> str:
    leftover = sd.PLACEHOLDER.search(html)
    if leftover:
        raise PluginError(f"{page.file.src_uri}: placeholder left unrendered: {leftover.group(0)}")
    return html
