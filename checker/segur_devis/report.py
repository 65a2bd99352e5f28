"""The report: findings, verdict and summary, and their JSON form (see CONTRACT.md)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

Severity = Literal["error", "warning", "info"]
Verdict = Literal["conforme", "a_verifier", "non_conforme", "non_reconnu"]

SEVERITY_ORDER: dict[Severity, int] = {"error": 0, "warning": 1, "info": 2}
SEVERITY_LABELS: dict[Severity, str] = {
    "error": "Non-conformité",
    "warning": "À vérifier",
    "info": "Information",
}
# What each severity means for the reader: the rule pages, `segur-devis rule` and the report's legend say it.
SEVERITY_MEANING: dict[Severity, str] = {
    "error": (
        "le devis ne respecte pas les règles du financement : demandez à l’éditeur de le corriger avant de signer."
    ),
    "warning": "un point à vérifier avec votre éditeur ; il n’est pas forcément non conforme.",
    "info": "une information utile, qui ne rend pas le devis non conforme.",
}
# Headings of the report's groups, with the singular and plural used in counts.
SEVERITY_GROUPS: dict[Severity, tuple[str, str, str]] = {
    "error": ("Non-conformités", "non-conformité", "non-conformités"),
    "warning": ("Points à vérifier", "point à vérifier", "points à vérifier"),
    "info": ("Informations", "information", "informations"),
}
VERDICT_LABELS: dict[Verdict, str] = {
    "conforme": "Conforme",
    "a_verifier": "À vérifier",
    "non_conforme": "Non conforme",
    "non_reconnu": "Document non reconnu",
}


@dataclass(frozen=True, slots=True)
class Evidence:
    """A span of the analysed text (character offsets, end excluded) and the text it covers."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    severity: Severity
    title: str
    message: str
    evidence: Evidence | None
    why: str
    fix: str
    source: str
    url: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity,
            "title": self.title,
            "message": self.message,
            "evidence": self.evidence.to_dict() if self.evidence else None,
            "why": self.why,
            "fix": self.fix,
            "source": self.source,
            "url": self.url,
        }


@dataclass(slots=True)
class Report:
    source: str
    verdict: Verdict
    summary: str
    facts: dict[str, Any] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    text: str = ""  # the analysed text, which evidence offsets point into
    not_checked: list[str] = field(default_factory=list)  # what the tool could not check (limits.py)

    def to_dict(self, *, include_text: bool = False) -> dict[str, Any]:
        data: dict[str, Any] = {
            "source": self.source,
            "verdict": self.verdict,
            "summary": self.summary,
            "facts": self.facts,
            "findings": [f.to_dict() for f in self.findings],
            "not_checked": self.not_checked,
        }
        if include_text:
            data["text"] = self.text
        return data

    @property
    def codes(self) -> list[str]:
        return [f.code for f in self.findings]


def verdict_for(findings: list[Finding]) -> Verdict:
    return verdict_of(f.severity for f in findings)


def verdict_of(severities: Iterable[Severity]) -> Verdict:
    """The verdict of a recognised quote from its findings' severities (CONTRACT.md), the one place it is decided."""
    severities = set(severities)
    if "error" in severities:
        return "non_conforme"
    if "warning" in severities:
        return "a_verifier"
    return "conforme"


def summarize(verdict: Verdict, findings: list[Finding]) -> str:
    """One plain French sentence that a non-specialist can act on (each rule counted once: one thing to ask)."""
    errors = len({f.code for f in findings if f.severity == "error"})
    warnings = len({f.code for f in findings if f.severity == "warning"})
    if verdict == "conforme":
        return "Aucune non-conformité détectée : le devis respecte les règles vérifiées par l’outil."
    if verdict == "a_verifier":
        return f"Aucune non-conformité certaine, mais {count_phrase(warnings, 'warning')} avec votre éditeur."
    extra = f", et {count_phrase(warnings, 'warning')}" if warnings else ""
    return (
        f"Ce devis présente {count_phrase(errors, 'error')} aux règles du Ségur{extra} : "
        "demandez un devis corrigé à votre éditeur avant de signer."
    )


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One place where a rule fired: its message and excerpt, and the amount it names, if any."""

    index: int  # position of the finding in Report.findings
    message: str
    evidence: Evidence | None
    amount: Decimal | None


@dataclass(frozen=True, slots=True)
class FindingGroup:
    """All the occurrences of one rule in a report: one thing to do, however many lines it concerns."""

    first: Finding
    occurrences: tuple[Occurrence, ...]

    @property
    def subtotal(self) -> Decimal | None:
        """The sum of the amounts named, when several occurrences each name one (e.g. three hardware lines)."""
        amounts = [o.amount for o in self.occurrences]
        if len(amounts) < 2 or any(a is None for a in amounts):
            return None
        return sum((a for a in amounts if a is not None), Decimal(0))


def group_findings(findings: list[Finding]) -> list[FindingGroup]:
    """Findings grouped by rule, in the order of what to do: errors, then warnings, then information; within a
    severity, in the order the quote first shows them."""
    by_code: dict[str, list[Occurrence]] = {}
    firsts: dict[str, Finding] = {}
    for index, f in enumerate(findings):
        firsts.setdefault(f.code, f)
        by_code.setdefault(f.code, []).append(Occurrence(index, f.message, f.evidence, _named_amount(f)))
    groups = [FindingGroup(firsts[code], tuple(occurrences)) for code, occurrences in by_code.items()]
    groups.sort(key=lambda g: SEVERITY_ORDER[g.first.severity])  # stable: first-seen order kept within
    return groups


def _named_amount(finding: Finding) -> Decimal | None:
    """The last amount a finding's message names (« … (3 650,00 €) … »), else the last of its excerpt."""
    from segur_devis.amounts import find_amounts

    for text in (finding.message, finding.evidence.text if finding.evidence else ""):
        flat = " ".join(text.lower().replace("\u00a0", " ").replace("\u202f", " ").split())
        found = find_amounts(flat)
        if found:
            return found[-1].value
    return None


def count_phrase(n: int, severity: Severity) -> str:
    _, one, many = SEVERITY_GROUPS[severity]
    return f"{n} {one if n == 1 else many}"


def counts_sentence(findings: list[Finding]) -> str:
    """« 2 non-conformités, 1 point à vérifier. » (each rule counted once: one thing to do per rule)."""
    groups = group_findings(findings)
    parts = [
        count_phrase(n, severity)
        for severity in SEVERITY_ORDER
        if (n := sum(g.first.severity == severity for g in groups))
    ]
    return ", ".join(parts) + "." if parts else "Aucun point relevé."
