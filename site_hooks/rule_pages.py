"""One page per checker rule at regles/<CODE>/ and the catalogue at regles/, generated from segur_devis.RULES.

Nothing is committed under docs/regles/: the pages are virtual files, so the site always documents exactly
the rules the checker runs. The JSON report's `url` field ("/regles/P01/") points at these pages.
"""

from __future__ import annotations

import re
from typing import Any

import sitedata as sd
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

import segur_devis
from segur_devis.formats import rule_sections
from segur_devis.report import SEVERITY_LABELS, SEVERITY_MEANING

ADMONITION = {"error": "failure", "warning": "warning", "info": "info"}
FAMILIES = {
    "M": "Mentions obligatoires",
    "P": "Périmètre et présentation du devis",
    "F": "Dispositif de financement",
    "C": "Calendrier",
    "K": "Clauses contractuelles",
    "A": "Calculs du devis",
}


def _fence(text: str) -> str:
    """A fenced code block whose fence is longer than any backtick run inside the text."""
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}text\n{text}\n{fence}"


def rule_page(rule: Any) -> str:
    """The rule's page: the sections of `segur-devis rule CODE` (formats.rule_sections), as Markdown."""
    severity = rule.severity
    sections = "\n\n".join(
        f"## {heading}\n\n{_fence(body) if is_example else body}"
        for heading, body, is_example in rule_sections(rule)
    )
    return f"""# {rule.code} — {rule.title}

!!! {ADMONITION[severity]} "{SEVERITY_LABELS[severity]}"

    Gravité : **{SEVERITY_LABELS[severity]}**, c’est-à-dire {SEVERITY_MEANING[severity]}

{sections}

## Source

{sd.source_short(rule.source)} — {rule.locator}.

[Toutes les règles du vérificateur](index.md) · [Vérifier un devis](../verifier/index.md)
"""


def index_page(rules: tuple[Any, ...]) -> str:
    parts = [
        "# Règles du vérificateur",
        "Le [vérificateur de devis](../verifier/index.md) applique les règles ci-dessous. Chacune a sa page :"
        " "
        "ce qu’elle vérifie, pourquoi c’est important, un exemple qui la déclenche, un exemple conforme, "
        "comment corriger et la source officielle.",
        "Chaque règle a une gravité :",
        "\n".join(f"- **{label}** : {SEVERITY_MEANING[s]}" for s, label in SEVERITY_LABELS.items()),
        "Ces pages sont produites à partir du code du vérificateur lui-même : elles décrivent exactement "
        "ce qu’il contrôle.",
    ]
    groups: dict[str, list[Any]] = {}
    for rule in rules:
        groups.setdefault(FAMILIES.get(rule.code[0], "Autres règles"), []).append(rule)
    for name, members in groups.items():
        rows = ([f"[{r.code}]({r.code}.md)", SEVERITY_LABELS[r.severity], r.title] for r in members)
        parts.append(f"## {name}\n\n" + sd.table(["Code", "Gravité", "Ce que la règle vérifie"], rows))
    if not rules:
        parts.append("Aucune règle n’est encore disponible.")
    return "\n\n".join(parts) + "\n"


def on_files(files: Files, config: MkDocsConfig, **kwargs: Any) -> Files:
    rules = tuple(segur_devis.RULES)
    files.append(File.generated(config, "regles/index.md", content=index_page(rules)))
    for rule in rules:
        page = File.generated(
            config, f"regles/{rule.code}.md", content=rule_page(rule), inclusion=InclusionLevel.NOT_IN_NAV
        )
        files.append(page)
    return files


def _rule_link(code: str, src_uri: str) -> str:
    code = code.strip()
    known = {r.code for r in segur_devis.RULES}
    if code not in known:
        return code  # the rule is not in the catalogue yet: plain text rather than a broken link
    up = "../" * src_uri.count("/")
    return f"[{code}]({up}regles/{code}.md)"


def on_page_markdown(markdown: str, page: Page, **kwargs: Any) -> str:
    return sd.replace_placeholders(markdown, "rule", lambda code: _rule_link(code, page.file.src_uri))
