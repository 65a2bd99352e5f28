"""The checker page's view of a report: every word the page shows, written here once, in Python.

The page (docs/assets/verifier/report.mjs) only builds DOM from this dictionary: labels, sentences, groups,
highlight segments and the texts it copies or shows « pour les éditeurs » all come from here, so the page, the
CLI's text and the JSON never disagree.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from functools import cache
from importlib import resources
from itertools import pairwise
from typing import Any

from segur_devis.amounts import format_euros
from segur_devis.formats import (
    NOT_CHECKED_HEADING,
    checked_at_text,
    document_name,
    line_and_column,
    to_json,
    to_text,
    versions_text,
)
from segur_devis.report import (
    SEVERITY_GROUPS,
    SEVERITY_LABELS,
    SEVERITY_MEANING,
    SEVERITY_ORDER,
    VERDICT_LABELS,
    Finding,
    FindingGroup,
    Report,
    Severity,
    Verdict,
    counts_sentence,
    group_findings,
)

# Laying out megabytes of highlighted text freezes a browser tab; a real quote is far shorter.
MAX_VIEW_CHARS = 200_000
# A page with thousands of entries helps nobody (a huge paste can produce them): the rest is in the copied text.
MAX_SHOWN_OCCURRENCES = 50

VERDICT_LEADS: dict[Verdict, str] = {
    "conforme": "Aucune non-conformité relevée.",
    "a_verifier": "Des points sont à vérifier avec votre éditeur.",
    "non_conforme": "Le devis ne respecte pas les règles du financement Ségur.",
    "non_reconnu": "",  # the summary says why (not a quote, empty, scanned PDF): one message, not two
}
VERDICT_ICONS: dict[Verdict, str] = {
    "conforme": "✓",
    "a_verifier": "!",
    "non_conforme": "✗",
    "non_reconnu": "?",
}

LABELS = {
    "heading": "Résultat de la vérification",
    "verdict": "Verdict",
    "why": "Pourquoi c’est important",
    "fix": "Que faire",
    "excerpt": "Extrait du devis",
    "line": "ligne",
    "rule_link": "Voir la règle",
    "to_text": "Voir dans le texte du devis",
    "to_finding": "Aller au point correspondant",
    "analysed_text": "Texte analysé",
    "legend": "Les passages relevés sont surlignés ; chaque surlignage renvoie au point du rapport qui le concerne :",
    "for_vendors": "Pour les éditeurs : le rapport au format JSON",
    "for_vendors_help": (
        "Le même rapport que « segur-devis check --format json » : à joindre à un ticket ou à comparer avec un "
        "autre outil."
    ),
    "more_occurrences": "… et {n} autres passages, non affichés ici : ils figurent dans le rapport copié.",
    "text_cut": "Seuls les {shown} premiers caractères sont affichés (le texte en compte {total}).",
    "jargon": "Les sigles et mots techniques de ce rapport",
    "privacy": "Vérification faite dans votre navigateur : le devis n’a été envoyé nulle part.",
}


JARGON_WORDS = {"couloir"}  # plain words that are jargon all the same; abbreviations always are


@cache
def _glossary() -> tuple[re.Pattern[str], dict[str, dict[str, str]]]:
    """One pattern for the glossary's abbreviations (exact case) and jargon words (any case, plural too), and each
    term's entry: a single pass over a report's words finds them all."""
    raw = resources.files("segur_devis").joinpath("data/glossary.json").read_text(encoding="utf-8")
    entries: dict[str, dict[str, str]] = {}
    for t in json.loads(raw)["terms"]:
        term = str(t["term"])
        if t.get("expansion") or term.lower() in JARGON_WORDS:
            entries[term] = {
                "term": term,
                "expansion": t.get("expansion") or "",
                "definition": t["definition"],
            }
    abbreviations = sorted((t for t in entries if t.lower() not in JARGON_WORDS), key=len, reverse=True)
    words = [t for t in entries if t.lower() in JARGON_WORDS]
    alternatives = [re.escape(t) for t in abbreviations] + [f"(?i:{re.escape(w)})s?" for w in words]
    pattern = re.compile(rf"(?<![\w-])(?:{'|'.join(alternatives)})(?![\w-])")
    return pattern, entries


def jargon(texts: list[str]) -> list[dict[str, str]]:
    """The glossary entries for the jargon these texts use, in the order they first appear."""
    pattern, entries = _glossary()
    by_lower = {term.lower(): entry for term, entry in entries.items()}
    found: dict[str, dict[str, str]] = {}
    for m in pattern.finditer("\n".join(texts)):
        word = m.group()
        entry = entries.get(word) or by_lower.get(word.lower()) or by_lower.get(word.lower()[:-1])
        if entry is not None:
            found.setdefault(entry["term"], entry)
    return list(found.values())


def _number(n: int) -> str:
    return f"{n:,}".replace(",", "\u202f")


def _header(report: Report, checked_at: datetime) -> list[list[str]]:
    return [
        ["Document", document_name(report)],
        ["Vérifié le", checked_at_text(checked_at)],
        ["Versions", versions_text()],
    ]


def _occurrences(g: FindingGroup, text: str) -> list[dict[str, Any]]:
    shown = []
    for o in g.occurrences[:MAX_SHOWN_OCCURRENCES]:
        item: dict[str, Any] = {"index": o.index, "message": o.message if o.message != g.first.title else ""}
        if o.evidence is not None and o.evidence.text.strip():
            item["excerpt"] = " ".join(o.evidence.text.split())
            item["line"] = line_and_column(text, o.evidence.start)[0]
            item["mark"] = f"extrait-{o.index + 1}" if o.evidence.start < MAX_VIEW_CHARS else None
        if o.amount is not None and len(g.occurrences) > 1:
            item["amount"] = format_euros(o.amount)
        shown.append(item)
    return shown


def _group(g: FindingGroup, gid: str, text: str) -> dict[str, Any]:
    f = g.first
    hidden = len(g.occurrences) - MAX_SHOWN_OCCURRENCES
    subtotal = g.subtotal
    return {
        "id": gid,
        "code": f.code,
        "severity": f.severity,
        "severity_label": SEVERITY_LABELS[f.severity],
        "title": f.title,
        "occurrences": _occurrences(g, text),
        "more": LABELS["more_occurrences"].format(n=hidden) if hidden > 0 else "",
        "subtotal": (
            f"Total de ces {len(g.occurrences)} lignes : {format_euros(subtotal)}"
            if subtotal is not None
            else ""
        ),
        "why": " ".join(f.why.split()),
        "fix": " ".join(f.fix.split()),
        "source": f.source,
        "url": f.url,
    }


def _segments(text: str, findings: list[Finding], owner: dict[int, str]) -> list[dict[str, Any]]:
    """The analysed text cut at every evidence boundary; each highlighted piece names the findings covering it
    (their groups' ids) and the worst severity among them. One sweep over the cut points: fast on big quotes."""
    starts: dict[int, list[int]] = {}
    ends: dict[int, list[int]] = {}
    cuts = {0, len(text)}
    for index, f in enumerate(findings):
        if f.evidence is None:
            continue
        start, end = max(0, f.evidence.start), min(len(text), f.evidence.end)
        if end <= start:
            continue
        starts.setdefault(start, []).append(index)
        ends.setdefault(end, []).append(index)
        cuts.update((start, end))
    points = sorted(cuts)
    active: set[int] = set()
    marked: set[int] = set()
    segments: list[dict[str, Any]] = []
    for here, there in pairwise(points):
        active.difference_update(ends.get(here, ()))
        active.update(starts.get(here, ()))
        if not active:
            segments.append({"text": text[here:there]})
            continue
        covering = sorted(active)
        worst: Severity = min((findings[i].severity for i in covering), key=SEVERITY_ORDER.__getitem__)
        segment: dict[str, Any] = {
            "text": text[here:there],
            "severity": worst,
            "groups": sorted({owner[i] for i in covering}),
            "codes": sorted({findings[i].code for i in covering}),
            "findings": covering,
        }
        first = [i for i in covering if i not in marked]
        if first:
            segment["id"] = f"extrait-{first[0] + 1}"
            segment["also"] = [f"extrait-{i + 1}" for i in first[1:]]
            marked.update(first)
        segments.append(segment)
    return segments


def page_view(report: Report, *, checked_at: datetime, site: str | None = None) -> dict[str, Any]:
    """Everything the checker page shows for `report`, checked at the reader's `checked_at`; `site` is the site's
    address, for the rule links of the copied text."""
    groups = group_findings(report.findings)
    numbered = [(g, f"constat-{n}") for n, g in enumerate(groups, start=1)]
    owner = {o.index: gid for g, gid in numbered for o in g.occurrences}
    shown_text = report.text[:MAX_VIEW_CHARS]
    severities_marked = sorted(
        {f.severity for f in report.findings if f.evidence is not None}, key=SEVERITY_ORDER.__getitem__
    )
    something_to_report = report.verdict in ("non_conforme", "a_verifier")
    counts = counts_sentence(report.findings)
    verdict_label = VERDICT_LABELS[report.verdict]
    said = [report.summary, *report.not_checked] if report.verdict != "non_reconnu" else []
    said += [
        part
        for g in groups
        for part in (g.first.title, g.first.fix, g.first.why, *(o.message for o in g.occurrences))
    ]
    return {
        "verdict": {
            "key": report.verdict,
            "label": verdict_label,
            "lead": VERDICT_LEADS[report.verdict],
            "icon": VERDICT_ICONS[report.verdict],
        },
        "summary": report.summary,
        "counts": counts,
        "status": f"Vérification terminée. {LABELS['verdict']} : {verdict_label}. {counts}",
        "header": _header(report, checked_at),
        "groups": [
            {
                "severity": severity,
                "heading": f"{heading} ({len(members)})",
                "meaning": SEVERITY_MEANING[severity],
                "findings": [_group(g, gid, report.text) for g, gid in members],
            }
            for severity, (heading, _, _) in SEVERITY_GROUPS.items()
            if (members := [(g, gid) for g, gid in numbered if g.first.severity == severity])
        ],
        "not_checked": {"heading": NOT_CHECKED_HEADING, "items": list(report.not_checked)}
        if report.not_checked
        else None,
        "jargon": {"heading": LABELS["jargon"], "terms": jargon(said)}
        if report.verdict != "non_reconnu"
        else None,
        "legend": [{"severity": s, "label": SEVERITY_GROUPS[s][0]} for s in severities_marked],
        "segments": _segments(shown_text, report.findings, owner) if shown_text.strip() else [],
        "text_cut": LABELS["text_cut"].format(shown=_number(MAX_VIEW_CHARS), total=_number(len(report.text)))
        if len(report.text) > MAX_VIEW_CHARS
        else "",
        # A report on something that is not a quote (empty, scanned, another document) has nothing to print,
        # copy or file: the page shows its message alone (the JSON stays under « Pour les éditeurs »).
        "tools": report.verdict != "non_reconnu",
        "ans_report": something_to_report,
        "labels": LABELS,
        "plain_text": to_text(report, checked_at=checked_at, width=None, site=site)
        + "\n"
        + LABELS["privacy"]
        + "\n",
        "json": to_json([report]),
        "download_name": f"rapport-{_file_stem(report.source)}.json",
    }


def _file_stem(source: str) -> str:
    """A file name's stem, safe on every system: « Devis été 2026.pdf » → « Devis_été_2026 »."""
    stem = source.rsplit(".", 1)[0] if "." in source.strip(".") else source
    return re.sub(r"[^\w-]+", "_", stem).strip("_")[:80] or "devis"
