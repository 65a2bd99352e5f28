"""The pipeline: bytes or text → folded, parsed quote → rules → report."""

from __future__ import annotations

from datetime import date
from typing import Any, TypedDict, Unpack

from segur_devis.errors import InputError
from segur_devis.extract import MAX_TEXT_CHARS, decode_text, extract_pdf_text, is_pdf
from segur_devis.limits import not_checked
from segur_devis.mail import as_written
from segur_devis.quote import Quote
from segur_devis.report import SEVERITY_ORDER, Evidence, Finding, Report, summarize, verdict_for
from segur_devis.rules import Rule, select_rules

EMPTY = "Le texte est vide : collez le texte du devis, ou déposez le fichier PDF."
NOT_A_QUOTE = (
    "Ce texte ne ressemble pas à un devis Ségur : il n’y figure ni montant associé au Ségur, ni code de DSR, "
    "ni mention d’une Prestation Ségur."
)
NO_TEXT_LAYER = (
    "Ce PDF ne contient pas de texte lisible (document scanné ?). Demandez à l’éditeur le devis au format PDF "
    "d’origine, ou recopiez son texte."
)


class Options(TypedDict, total=False):
    """How to check, the same for a text, a PDF or a file: rules selected and ignored by code or prefix (like
    ruff's `--select`/`--ignore`), and the day the quote is judged on (default: the current date)."""

    select: list[str] | None
    ignore: list[str] | None
    today: date | None


def _known(options: Options) -> Options:
    """`options` itself: a misspelt name (`todya=`) is an error, as it is for a named parameter, never ignored."""
    if unknown := options.keys() - Options.__optional_keys__:
        raise TypeError(f"unexpected keyword argument(s): {', '.join(sorted(unknown))}")
    return options


def check_text(text: str, *, source: str = "texte", **options: Unpack[Options]) -> Report:
    """Check the text of a quote against the rule catalogue, as of `today` (default: the current date)."""
    options = _known(options)
    if len(text) > MAX_TEXT_CHARS:
        raise InputError(
            f"Ce texte est beaucoup trop long pour être un devis ({len(text):,} caractères, au plus "
            f"{MAX_TEXT_CHARS:,}).".replace(",", " ")
        )
    if not text.strip():
        return Report(source, "non_reconnu", EMPTY, text=text)
    text = as_written(text)  # a quote pasted raw from a mail client, or shown in the wrong encoding
    quote = Quote(text, today=options.get("today"))
    if not quote.recognized:
        return Report(source, "non_reconnu", NOT_A_QUOTE, facts=_facts(quote), text=text)
    findings = [f for r in select_rules(options.get("select"), options.get("ignore")) for f in _run(r, quote)]
    findings.sort(key=lambda f: (SEVERITY_ORDER[f.severity], f.evidence.start if f.evidence else -1, f.code))
    verdict = verdict_for(findings)
    return Report(
        source, verdict, summarize(verdict, findings), _facts(quote), findings, text, not_checked(quote)
    )


def check_pdf(data: bytes, *, source: str = "devis.pdf", **options: Unpack[Options]) -> Report:
    """Check a PDF quote through its text layer. Raises InputError when the PDF cannot be read."""
    options = _known(options)
    text = extract_pdf_text(data)
    if not text.strip():
        return Report(source, "non_reconnu", NO_TEXT_LAYER, text=text)
    return check_text(text, source=source, **options)


def check_bytes(data: bytes, *, filename: str = "devis", **options: Unpack[Options]) -> Report:
    """Check a file's content: a PDF when it looks like one, a .docx or .odt document, else text in any usual
    encoding."""
    options = _known(options)
    if is_pdf(data):
        return check_pdf(data, source=filename, **options)
    if filename.lower().endswith(".pdf"):
        raise InputError(
            "Ce fichier porte l’extension .pdf mais n’est pas un PDF. Vérifiez le fichier choisi."
        )
    from segur_devis.office import extract_office_text, office_kind  # zipfile and XML: only for files

    kind = office_kind(data, filename)
    text = extract_office_text(data, kind) if kind else decode_text(data)
    return check_text(text, source=filename, **options)


def _run(rule: Rule, quote: Quote) -> list[Finding]:
    findings = []
    for hit in rule.check(quote):
        evidence = None
        if hit.span is not None:
            start, end = quote.span(*hit.span)
            evidence = Evidence(start, end, quote.original[start:end])
        findings.append(
            Finding(
                rule.code,
                rule.severity,
                rule.title,
                hit.message,
                evidence,
                rule.why,
                rule.fix,
                rule.source_text,
                rule.url,
            )
        )
    return findings


def _facts(quote: Quote) -> dict[str, Any]:
    signed = quote.signature_date
    dated = quote.quote_date
    return {
        "dsr": sorted({m.code for m in quote.dsr if m.explicit}),
        "couloir": quote.couloir,
        "vague": quote.vague,
        "date_signature": signed.value.isoformat() if signed else None,
        "date_devis": dated.value.isoformat() if dated else None,
        "commande_conditionnelle": quote.conditional_clause is not None,
        "lignes_chiffrees": len(quote.items),
        **quote.header_facts,
    }
