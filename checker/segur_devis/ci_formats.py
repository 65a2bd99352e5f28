"""Reports for continuous integration: GitHub annotations (`--format github`) and a Markdown job summary
(`--format markdown`), beside the text, JSON and SARIF formats of `formats.py`."""

from __future__ import annotations

from collections.abc import Sequence

from segur_devis.formats import line_and_column
from segur_devis.report import SEVERITY_LABELS, VERDICT_LABELS, Finding, Report, Severity, Verdict
from segur_devis.versions import version_line

# Only a text template's analysed text is the file itself, so only there does a line number point somewhere.
_NO_LINES = (".pdf", ".docx", ".odt")
_GITHUB_LEVEL: dict[Severity, str] = {"error": "error", "warning": "warning", "info": "notice"}


def has_lines(source: str) -> bool:
    return not source.lower().endswith(_NO_LINES)


def to_github(reports: Sequence[Report]) -> str:
    """GitHub Actions workflow commands, one per finding: the runner shows them as annotations on the file's
    lines (on a pull request, beside the diff), like `ruff --output-format github`."""
    out = []
    for report in reports:
        if report.verdict == "non_reconnu" and not report.findings:
            out.append(
                _command(
                    "error", {"title": "Ségur Devis (non reconnu)", "file": report.source}, report.summary
                )
            )
        for f in report.findings:
            out.append(_annotation(report, f))
    return "".join(line + "\n" for line in out)


def _annotation(report: Report, f: Finding) -> str:
    properties = {"title": f"Ségur Devis ({f.code})", "file": report.source}
    where = report.source
    if f.evidence and has_lines(report.source):
        line, col = line_and_column(report.text, f.evidence.start)
        end_line, end_col = line_and_column(report.text, f.evidence.end)
        properties["line"] = str(line)
        properties["endLine"] = str(end_line)
        if line == end_line:  # GitHub reads columns only on a one-line span
            properties["col"] = str(col)
            properties["endColumn"] = str(end_col)
        where = f"{report.source}:{line}:{col}"
    return _command(
        _GITHUB_LEVEL[f.severity], properties, f"{where}: {f.code} {f.title}. {f.message} {f.fix}"
    )


def _command(level: str, properties: dict[str, str], message: str) -> str:
    props = ",".join(f"{key}={_escape_property(value)}" for key, value in properties.items())
    return f"::{level} {props}::{_escape_data(' '.join(message.split()))}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


_VERDICTS_PLURAL: dict[Verdict, str] = {
    "conforme": "conformes",
    "a_verifier": "à vérifier",
    "non_conforme": "non conformes",
    "non_reconnu": "non reconnus",
}


# GitHub refuses a job summary over 1 MiB: the summary stops before it, and says so.
SUMMARY_BUDGET = 1_000_000
_CUT = (
    "\n**Résumé interrompu** : il dépasserait la taille qu’accepte GitHub. {n} n’y figurent pas ; le rapport "
    "complet est dans le journal de l’étape et s’obtient avec `segur-devis check` (formats text, json ou sarif)."
)


def to_markdown(reports: Sequence[Report], *, budget: int = SUMMARY_BUDGET) -> str:
    """A job summary in French: the versions, one row per quote, then each quote's findings, in at most `budget`
    bytes (UTF-8)."""
    counts = {v: sum(r.verdict == v for r in reports) for v in VERDICT_LABELS}
    tally = ", ".join(
        _plural(n, VERDICT_LABELS[v].lower(), _VERDICTS_PLURAL[v]) for v, n in counts.items() if n
    )
    head = [
        "## Ségur Devis : vérification des devis",
        "",
        f"{_plural(len(reports), 'devis vérifié', 'devis vérifiés')}" + (f" : {tally}." if tally else "."),
        f"Vérifié par {_md(version_line())}.",
        "",
    ]
    if reports:
        head += ["| Devis | Verdict | Non-conformités | Points à vérifier |", "|---|---|---:|---:|"]
    rows = [_markdown_row(r) for r in reports]
    sections = [_markdown_section(r) for r in reports]
    out, used = head, sum(len(line.encode()) + 1 for line in head)
    room = budget - len(_CUT.encode()) - 40
    for index, piece in enumerate(rows + sections):
        used += len(piece.encode()) + 1
        if used > room:
            left = len(rows) - index if index < len(rows) else len(sections) - (index - len(rows))
            what = "Des lignes du tableau et les constats" if index < len(rows) else "Les constats"
            out.append(_CUT.format(n=f"{what} de {_plural(left, 'devis', 'devis')}"))
            break
        out.append(piece)
    return "\n".join(out) + "\n"


def _markdown_row(r: Report) -> str:
    errors = sum(f.severity == "error" for f in r.findings)
    warnings = sum(f.severity == "warning" for f in r.findings)
    return f"| {_md(r.source)} | {VERDICT_LABELS[r.verdict]} | {errors} | {warnings} |"


def _markdown_section(r: Report) -> str:
    lines = ["", f"### {_md(r.source)} : {VERDICT_LABELS[r.verdict].lower()}", "", _md(r.summary)]
    if r.findings:
        lines += ["", *(_markdown_finding(r, f) for f in r.findings)]
    return "\n".join(lines)


def _markdown_finding(report: Report, f: Finding) -> str:
    where = ""
    if f.evidence and has_lines(report.source):
        where = f" (ligne {line_and_column(report.text, f.evidence.start)[0]})"
    return (
        f"- **{f.code}** {SEVERITY_LABELS[f.severity]}{where} : {_md(f.title)}. {_md(f.message)} "
        f"*Que faire :* {_md(f.fix)}"
    )


_MARKDOWN_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]|~"} | {"<": "&lt;", "&": "&amp;"})


def _md(text: str) -> str:
    """Plain text inside Markdown: a quote's words are never markup (nor HTML) in the summary."""
    return " ".join(text.split()).translate(_MARKDOWN_SPECIAL)


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n <= 1 else many}"
