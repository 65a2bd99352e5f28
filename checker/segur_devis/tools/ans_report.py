"""A report to the ANS: the checker's findings as a French text the user pastes into the ANS contact form.

Seed 002 (« Nos conseils aux établissements ») invites establishments in doubt to report a quote to the ANS
through its contact form. This module writes that text from a checker report; nothing is ever sent: the page
shows it in a read-only text area, the user copies it and pastes it into the form themselves.

The input is a report in the JSON form of CONTRACT.md (what the checker page holds and what
`segur-devis check --format json` prints), or a `Report`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from segur_devis.amounts import format_euros
from segur_devis.errors import InputError
from segur_devis.reference import couloirs, sources
from segur_devis.report import Report

FORM_SOURCE = "esante-formulaire"
MAX_PER_GROUP = 25  # a contact form is no place for hundreds of items: the rest is counted
MAX_EXCERPT = 300
TO_FILL = "[à compléter]"

_GROUPS = (("error", "Non-conformités relevées"), ("warning", "Points à vérifier"))
_VERDICTS = {
    "conforme": "aucune non-conformité relevée",
    "a_verifier": "des points à vérifier",
    "non_conforme": "non conforme aux règles du financement Ségur",
    "non_reconnu": "document non reconnu comme un devis Ségur",  # the tool page accepts any saved report
}


NOT_A_REPORT = (
    "Ce fichier n’est pas un rapport du vérificateur : choisissez le fichier JSON enregistré avec le bouton "
    "« Télécharger le rapport (JSON) » du vérificateur (sous « Pour les éditeurs »), ou produit par "
    "« segur-devis check --format json »."
)


def report_from_json(text: str) -> dict[str, Any]:
    """A checker report read from its JSON form, with French errors for anything else."""
    try:
        data = json.loads(text)
    except ValueError:
        raise InputError(NOT_A_REPORT) from None
    if isinstance(data, list) and len(data) == 1:
        data = data[0]
    elif isinstance(data, list) and data:
        raise InputError(
            f"Ce fichier contient les rapports de {len(data)} devis : préparez un signalement par devis, à partir "
            "du rapport de ce devis seul."
        )
    if not (isinstance(data, dict) and isinstance(data.get("verdict"), str)):
        raise InputError(NOT_A_REPORT)
    if not isinstance(data.get("findings"), list):
        raise InputError(NOT_A_REPORT)
    return data


def form_url() -> str:
    url: str = sources()[FORM_SOURCE]["url"]
    return url


def _excerpt(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= MAX_EXCERPT else flat[: MAX_EXCERPT - 1].rstrip() + "…"


def _fact(facts: Mapping[str, Any], key: str) -> str:
    """A fact the quote names, as text; "" when the checker did not find it."""
    value = facts.get(key)
    if isinstance(value, bool) or value is None:
        return ""
    if isinstance(value, int | float):
        return format_euros(Decimal(str(value))) if key == "total_ttc" else str(value)
    if isinstance(value, str):
        flat = " ".join(value.split())[:MAX_EXCERPT]
        return _fr_date(flat) if key.startswith("date_") else flat
    return ""


def _fr_date(iso: str) -> str:
    return f"{iso[8:10]}/{iso[5:7]}/{iso[:4]}" if len(iso) == 10 and iso[4] == "-" else iso


def _named(facts: Mapping[str, Any]) -> list[str]:
    """What the quote names, prefilled; what it does not name is left for the reader to complete."""
    software = " ".join(v for v in (_fact(facts, "logiciel"), _fact(facts, "version_logiciel")) if v)
    lines = [
        f"Éditeur : {_fact(facts, 'editeur') or TO_FILL}",
        f"Logiciel et version : {software or TO_FILL}",
        f"Établissement ou professionnel de santé : {TO_FILL}",
    ]
    for key, label in (
        ("numero_devis", "Numéro du devis"),
        ("numero_referencement", "Numéro de référencement ANS"),
        ("total_ttc", "Montant total TTC"),
    ):
        if value := _fact(facts, key):
            lines.append(f"{label} : {value}")
    return lines


def _context(facts: Mapping[str, Any]) -> list[str]:
    lines = []
    dsr = [str(d) for d in facts.get("dsr") or [] if isinstance(d, str)]
    couloir = couloirs().get(str(facts.get("couloir")))
    if dsr or couloir:
        where = ", ".join(dsr)
        if couloir:
            vague = f", vague {facts['vague']}" if facts.get("vague") else ""
            where = f"{where} ({couloir['label']}{vague})" if where else f"{couloir['label']}{vague}"
        lines.append(f"Prestation Ségur (dossier de spécifications de référence, DSR) : {where}")
    for key, label in (("date_devis", "Date du devis"), ("date_signature", "Date de signature")):
        if value := _fact(facts, key):
            lines.append(f"{label} : {value}")
    return lines


def ans_report_text(report: Report | Mapping[str, Any]) -> str:
    """The French text to paste into the ANS contact form, from a checker report."""
    data: Mapping[str, Any] = report.to_dict() if isinstance(report, Report) else report
    findings = [f for f in data.get("findings") or [] if isinstance(f, Mapping)]
    verdict = str(data.get("verdict") or "")
    listed = any(f.get("severity") in ("error", "warning") for f in findings)
    points = (
        "y relève les points ci-dessous"
        if listed
        else "n’y relève aucune non-conformité, mais j’ai un doute que je décris ci-dessous"
    )
    source = str(data.get("source") or "texte")
    raw_facts = data.get("facts")
    facts: Mapping[str, Any] = raw_facts if isinstance(raw_facts, Mapping) else {}
    out = [
        "Objet : signalement d’un devis Ségur numérique (SONS)",
        "",
        "Bonjour,",
        "",
        "Je souhaite signaler un devis reçu dans le cadre du Ségur numérique (financement SONS). Une vérification "
        f"automatique avec l’outil Ségur Devis, fondée sur les documents publiés par l’ANS, {points}. "
        "Pouvez-vous me dire si ce devis respecte les règles du financement ?",
        "",
        *_named(facts),
        f"Document : {'texte du devis copié dans le vérificateur' if source == 'texte' else source}",
        *_context(facts),
        f"Résultat de la vérification : {_VERDICTS.get(verdict, verdict or 'inconnu')}",
    ]
    for severity, heading in _GROUPS:
        group = [f for f in findings if f.get("severity") == severity]
        if not group:
            continue
        out += ["", f"{heading} ({len(group)}) :"]
        for n, f in enumerate(group[:MAX_PER_GROUP], start=1):
            out.append(f"{n}. {f.get('code', '')} — {f.get('title', '')}")
            message = " ".join(str(f.get("message") or "").split())
            if message and message != f.get("title"):
                out.append(f"   {message}")
            evidence = f.get("evidence")
            if isinstance(evidence, Mapping) and evidence.get("text"):
                out.append(f"   Extrait du devis : « {_excerpt(str(evidence['text']))} »")
            if f.get("source"):
                out.append(f"   Source : {' '.join(str(f['source']).split())}")
        if len(group) > MAX_PER_GROUP:
            out.append(f"… et {len(group) - MAX_PER_GROUP} autres points du même type.")
    if not listed:
        out += [
            "",
            f"Mon doute porte sur : {TO_FILL}",
        ]
    out += [
        "",
        "Je joins le devis à ce message (pièce jointe du formulaire).",
        "",
        "Cordialement,",
        TO_FILL,
        "",
        f"(Texte préparé avec Ségur Devis pour le formulaire de contact de l’ANS : {form_url()} . "
        "La vérification automatique ne remplace pas l’avis des équipes Ségur de l’ANS.)",
    ]
    return "\n".join(out) + "\n"
