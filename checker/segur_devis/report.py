"""The report: findings, verdict and summary, and their JSON form (see CONTRACT.md)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Severity = Literal["error", "warning", "info"]
Verdict = Literal["conforme", "a_verifier", "non_conforme", "non_reconnu"]

SEVERITY_ORDER: dict[Severity, int] = {"error": 0, "warning": 1, "info": 2}
SEVERITY_LABELS: dict[Severity, str] = {
    "error": "Non-conformité",
    "warning": "À vérifier",
    "info": "Information",
}
VERDICT_LABELS: dict[Verdict, str] = {
    "conforme": "Conforme",
    "a_verifier": "À vérifier",
    "non_conforme": "Non conforme",
    "non_reconnu": "Non reconnu",
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
    severities = {f.severity for f in findings}
    if "error" in severities:
        return "non_conforme"
    if "warning" in severities:
        return "a_verifier"
    return "conforme"


def summarize(verdict: Verdict, findings: list[Finding]) -> str:
    """One plain French sentence that a non-specialist can act on."""
    errors = sum(f.severity == "error" for f in findings)
    warnings = sum(f.severity == "warning" for f in findings)
    if verdict == "conforme":
        return "Aucune non-conformité détectée : le devis respecte les règles vérifiées par l’outil."
    if verdict == "a_verifier":
        return f"Aucune non-conformité certaine, mais {_plural(warnings, 'point')} à vérifier avec votre éditeur."
    extra = f", et {_plural(warnings, 'point')} à vérifier" if warnings else ""
    return (
        f"Ce devis présente {_plural(errors, 'non-conformité', 'non-conformités')} aux règles du Ségur{extra} : "
        "demandez un devis corrigé à votre éditeur avant de signer."
    )


def _plural(n: int, singular: str, plural: str | None = None) -> str:
    return f"{n} {singular if n == 1 else (plural or singular + 's')}"
