"""Reports as text for people (French), JSON for programs, SARIF 2.1.0 for code-review tools."""

from __future__ import annotations

import json
import re
import textwrap
from bisect import bisect_right
from collections.abc import Sequence
from datetime import datetime
from functools import lru_cache
from typing import Any

from segur_devis import versions
from segur_devis.amounts import format_euros
from segur_devis.report import (
    SEVERITY_GROUPS,
    SEVERITY_LABELS,
    SEVERITY_MEANING,
    VERDICT_LABELS,
    Evidence,
    FindingGroup,
    Report,
    Severity,
    group_findings,
)
from segur_devis.rules import RULES, Rule

_WIDTH = 100
MAX_EXCERPT = 160


def line_and_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset (a bisection: thousands of findings on a long text stay
    linear, where counting newlines for each would be quadratic)."""
    starts = _line_starts(text)
    line = bisect_right(starts, offset)
    return line, offset - starts[line - 1] + 1


@lru_cache(maxsize=4)
def _line_starts(text: str) -> list[int]:
    return [0, *(m.end() for m in re.finditer("\n", text))]


def checked_at_text(when: datetime) -> str:
    """« 30/11/2026 à 10 h 42 »: the reader's own clock, as the page or the CLI gives it."""
    return f"{when:%d/%m/%Y} à {when.hour} h {when.minute:02d}"


def versions_text() -> str:
    return (
        f"Ségur Devis {versions.PACKAGE}, règles {versions.RULES}, "
        f"données de référence du {_fr_date(versions.data_version())}"
    )


def _fr_date(iso: str) -> str:
    return f"{iso[8:10]}/{iso[5:7]}/{iso[:4]}" if len(iso) == 10 else iso


def document_name(report: Report) -> str:
    """How a report names what it checked: a file's name, or the text pasted into the page."""
    return "texte collé dans le vérificateur" if report.source == "texte" else report.source


def excerpt(evidence: Evidence) -> str:
    """The evidence on one line, shortened: a quote's line breaks mean nothing in a sentence."""
    flat = " ".join(evidence.text.split())
    return flat if len(flat) <= MAX_EXCERPT else flat[: MAX_EXCERPT - 1].rstrip() + "…"


def to_text(
    report: Report, *, checked_at: datetime | None = None, width: int | None = _WIDTH, site: str | None = None
) -> str:
    """A report a non-specialist can read: the verdict first, then one entry per rule with each excerpt.

    `checked_at` makes it a report worth filing: a header with the document, date and time, versions; `site` (the
    site's address) adds each rule's page; `width=None` leaves paragraphs unwrapped (text copied into a mail or a
    document reflows there)."""
    if checked_at is None:
        out = [f"{document_name(report)} — {VERDICT_LABELS[report.verdict].upper()}"]
    else:
        out = [
            "Vérification d’un devis Ségur (Ségur Devis)",
            f"Document : {document_name(report)}",
            f"Vérifié le {checked_at_text(checked_at)}",
            f"Versions : {versions_text()}",
            f"Verdict : {VERDICT_LABELS[report.verdict]}",
        ]
    out += [_wrap(report.summary, "", width)]
    groups = group_findings(report.findings)
    for severity, (heading, _, _) in SEVERITY_GROUPS.items():
        group = [g for g in groups if g.first.severity == severity]
        if group:
            out += ["", f"{heading} ({len(group)})"]
            out += [_group_text(g, report.text, width, site) for g in group]
    if report.not_checked:
        out += ["", NOT_CHECKED_HEADING]
        out += [_wrap(f"- {sentence}", "  ", width) for sentence in report.not_checked]
    return "\n".join(out) + "\n"


NOT_CHECKED_HEADING = "Ce que l’outil n’a pas pu vérifier"


def _group_text(g: FindingGroup, text: str, width: int | None, site: str | None) -> str:
    f = g.first
    lines = [f"  {f.title} [{f.code}]"]
    for o in g.occurrences:
        if len(g.occurrences) > 1 or o.message != f.title:
            lines.append(_wrap(o.message, "      ", width))
        if o.evidence:
            line, _ = line_and_column(text, o.evidence.start)
            lines.append(_wrap(f"Extrait (ligne {line}) : « {excerpt(o.evidence)} »", "      ", width))
    if g.subtotal is not None:
        lines.append(
            _wrap(f"Total de ces {len(g.occurrences)} lignes : {format_euros(g.subtotal)}", "      ", width)
        )
    lines.append(_wrap(f"Que faire : {f.fix}", "      ", width))
    lines.append(_wrap(f"Source : {f.source}", "      ", width))
    if site:
        lines.append(f"      Règle : {site.rstrip('/')}/{f.url.lstrip('/')}")
    return "\n".join(lines)


def _wrap(paragraph: str, indent: str, width: int | None = _WIDTH) -> str:
    flat = " ".join(paragraph.split())
    if width is None:
        return indent + flat
    return textwrap.fill(flat, width, initial_indent=indent, subsequent_indent=indent)


def to_json(reports: Sequence[Report]) -> str:
    data: Any = [r.to_dict() for r in reports]
    return json.dumps(data[0] if len(data) == 1 else data, ensure_ascii=False, indent=2) + "\n"


_SARIF_LEVEL: dict[Severity, str] = {"error": "error", "warning": "warning", "info": "note"}


def to_sarif(reports: Sequence[Report], *, version: str) -> str:
    """One SARIF run for all the quotes checked, with the whole catalogue as the driver's rules."""
    index = {r.code: i for i, r in enumerate(RULES)}
    results = []
    for report in reports:
        for f in report.findings:
            location: dict[str, Any] = {"physicalLocation": {"artifactLocation": {"uri": report.source}}}
            if f.evidence and not report.source.lower().endswith(".pdf"):
                start_line, start_col = line_and_column(report.text, f.evidence.start)
                end_line, end_col = line_and_column(report.text, f.evidence.end)
                location["physicalLocation"]["region"] = {
                    "startLine": start_line,
                    "startColumn": start_col,
                    "endLine": end_line,
                    "endColumn": end_col,
                    "charOffset": f.evidence.start,
                    "charLength": f.evidence.end - f.evidence.start,
                }
            results.append(
                {
                    "ruleId": f.code,
                    "ruleIndex": index[f.code],
                    "level": _SARIF_LEVEL[f.severity],
                    "message": {"text": f.message},
                    "locations": [location],
                }
            )
    rules = [
        {
            "id": r.code,
            "name": r.check.__name__,
            "shortDescription": {"text": r.title},
            "fullDescription": {"text": " ".join(r.why.split())},
            "help": {"text": " ".join(r.fix.split())},
            "defaultConfiguration": {"level": _SARIF_LEVEL[r.severity]},
            "properties": {"source": r.source_text, "severity": SEVERITY_LABELS[r.severity], "page": r.url},
        }
        for r in RULES
    ]
    sarif = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "segur-devis",
                        "version": version,
                        "language": "fr",
                        "rules": rules,
                    }
                },
                "results": results,
                "columnKind": "unicodeCodePoints",
            }
        ],
    }
    return json.dumps(sarif, ensure_ascii=False, indent=2) + "\n"


def rule_sections(r: Rule) -> list[tuple[str, str, bool]]:
    """The explanation of a rule as (heading, body, is_example): the one template of `segur-devis rule` and of
    the rule's page on the site (site_hooks/rule_pages.py)."""
    return [
        ("Pourquoi c’est important", r.why, False),
        ("Exemple non conforme", r.bad, True),
        ("Exemple corrigé", r.good, True),
        ("Que faire", r.fix, False),
    ]


def severity_sentence(severity: Severity) -> str:
    return f"Gravité : {SEVERITY_LABELS[severity]}, c’est-à-dire {SEVERITY_MEANING[severity]}"


def rule_text(code: str) -> str:
    """The explanation of one rule, with the same sections as its page on the site."""
    from segur_devis.rules import get_rule

    r = get_rule(code)
    parts = [
        f"{r.code} — {r.title} ({SEVERITY_LABELS[r.severity]})",
        _wrap(severity_sentence(r.severity), ""),
    ]
    for heading, body, is_example in rule_sections(r):
        parts += ["", heading, textwrap.indent(body, "  ") if is_example else _wrap(body, "  ")]
    parts += ["", f"Source : {r.source_text}", f"Sur le site : page {r.url}"]
    return "\n".join(parts) + "\n"


def rules_table() -> str:
    width = max(len(r.title) for r in RULES)
    lines = [f"{'Code':<5} {'Gravité':<16} {'Règle':<{width}}"]
    lines += [f"{r.code:<5} {SEVERITY_LABELS[r.severity]:<16} {r.title}" for r in RULES]
    return "\n".join(lines) + "\n"
