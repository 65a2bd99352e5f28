"""Reports as text for people (French), JSON for programs, SARIF 2.1.0 for code-review tools."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Sequence
from typing import Any

from segur_devis.report import SEVERITY_LABELS, VERDICT_LABELS, Finding, Report, Severity
from segur_devis.rules import RULES

_WIDTH = 100
_GROUPS: tuple[tuple[Severity, str], ...] = (
    ("error", "Non-conformités"),
    ("warning", "Points à vérifier"),
    ("info", "Informations"),
)


def line_and_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def to_text(report: Report) -> str:
    """A report a non-specialist can read: the verdict first, then each finding with its quoted evidence."""
    out = [f"{report.source} — {VERDICT_LABELS[report.verdict].upper()}", _wrap(report.summary, "")]
    for severity, heading in _GROUPS:
        group = [f for f in report.findings if f.severity == severity]
        if group:
            out += ["", f"{heading} ({len(group)})"]
            out += [_finding_text(f, report.text) for f in group]
    if report.not_checked:
        out += ["", f"Ce que l’outil n’a pas pu vérifier ({len(report.not_checked)})"]
        out += [
            textwrap.fill(" ".join(item.split()), _WIDTH, initial_indent="  - ", subsequent_indent="    ")
            for item in report.not_checked
        ]
    return "\n".join(out) + "\n"


def _finding_text(f: Finding, text: str) -> str:
    lines = [f"  [{f.code}] {f.title}", _wrap(f.message, "      ")]
    if f.evidence:
        excerpt = " ".join(f.evidence.text.split())
        if len(excerpt) > 160:
            excerpt = excerpt[:157] + "…"
        line, _ = line_and_column(text, f.evidence.start)
        lines.append(_wrap(f"Extrait (ligne {line}) : « {excerpt} »", "      "))
    lines.append(_wrap(f"Que faire : {f.fix}", "      "))
    lines.append(_wrap(f"Source : {f.source}", "      "))
    return "\n".join(lines)


def _wrap(paragraph: str, indent: str) -> str:
    return textwrap.fill(" ".join(paragraph.split()), _WIDTH, initial_indent=indent, subsequent_indent=indent)


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


def rule_text(code: str) -> str:
    """The explanation of one rule, with the same fields as its page on the site."""
    from segur_devis.rules import get_rule

    r = get_rule(code)
    parts = [
        f"{r.code} — {r.title} ({SEVERITY_LABELS[r.severity]})",
        "",
        "Pourquoi c’est important",
        _wrap(r.why, "  "),
        "",
        "Exemple non conforme",
        textwrap.indent(r.bad, "  "),
        "",
        "Exemple corrigé",
        textwrap.indent(r.good, "  "),
        "",
        "Que faire",
        _wrap(r.fix, "  "),
        "",
        f"Source : {r.source_text}",
        f"Sur le site : page {r.url}",
    ]
    return "\n".join(parts) + "\n"


def rules_table() -> str:
    width = max(len(r.title) for r in RULES)
    lines = [f"{'Code':<5} {'Gravité':<16} {'Règle':<{width}}"]
    lines += [f"{r.code:<5} {SEVERITY_LABELS[r.severity]:<16} {r.title}" for r in RULES]
    return "\n".join(lines) + "\n"
