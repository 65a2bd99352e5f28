"""The checker page's view (segur_devis.view): every word the page shows, written once in Python."""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

from support.quotes import CORPUS, SEED_CONFORME, SEED_MAINTENANCE

import segur_devis
from segur_devis import formats, versions
from segur_devis.check import NO_TEXT_LAYER
from segur_devis.report import Report
from segur_devis.view import MAX_VIEW_CHARS, page_view

TESTS = Path(__file__).resolve().parents[1]
HARDWARE = (CORPUS / "20_hop_pfi_mssante_et_serveur_dans_part_etat.txt").read_text(encoding="utf-8")
CONFORME = SEED_CONFORME.read_text(encoding="utf-8")
WHEN = datetime(2026, 11, 30, 9, 5)


def view_of(text: str, **kwargs: object) -> dict:  # type: ignore[type-arg]
    return page_view(segur_devis.check_text(text, **kwargs), checked_at=WHEN)  # type: ignore[arg-type]


def findings(view: dict) -> list[dict]:  # type: ignore[type-arg]
    return [f for group in view["groups"] for f in group["findings"]]


def test_the_header_names_the_document_the_time_and_the_versions() -> None:
    report = segur_devis.check_text(HARDWARE, source="devis-2022.pdf")
    header = dict(page_view(report, checked_at=WHEN)["header"])
    assert header["Document"] == "devis-2022.pdf"
    assert header["Vérifié le"] == "30/11/2026 à 9 h 05"
    data_day = versions.data_version()
    assert (
        versions.PACKAGE in header["Versions"]
        and f"{data_day[8:]}/{data_day[5:7]}/{data_day[:4]}" in header["Versions"]
    )
    assert dict(view_of(HARDWARE)["header"])["Document"] == "texte collé dans le vérificateur"


def test_repeated_occurrences_are_one_finding_with_each_excerpt_and_a_subtotal() -> None:
    view = view_of(HARDWARE)
    p06 = [f for f in findings(view) if f["code"] == "P06"]
    assert len(p06) == 1
    excerpts = [o["excerpt"] for o in p06[0]["occurrences"]]
    assert len(excerpts) == 2 and "MSSanté" in excerpts[0] and "Serveur" in excerpts[1]
    assert [o["amount"] for o in p06[0]["occurrences"]] == ["3 000,00 €", "5 500,00 €"]
    assert p06[0]["subtotal"] == "Total de ces 2 lignes : 8 500,00 €"
    assert view["counts"] == formats_counts(view)


def formats_counts(view: dict) -> str:  # type: ignore[type-arg]
    n = len([f for f in findings(view) if f["severity"] == "error"])
    return f"{n} non-conformité." if n == 1 else f"{n} non-conformités."


def test_findings_come_in_the_order_of_what_to_do_title_before_code() -> None:
    view = view_of(SEED_MAINTENANCE.read_text("utf-8"))
    severities = [f["severity"] for f in findings(view)]
    assert severities == sorted(severities, key=["error", "warning", "info"].index)
    headings = [g["heading"] for g in view["groups"]]
    assert headings[0].startswith("Non-conformités (") and headings[1].startswith("Points à vérifier (")
    text = view["plain_text"]
    assert "Prestation incluse dans la Prestation Ségur facturée au client [P01]" in text


def test_highlights_cover_the_text_exactly_and_link_to_their_finding() -> None:
    view = view_of(HARDWARE)
    assert "".join(s["text"] for s in view["segments"]) == HARDWARE
    marked = [s for s in view["segments"] if "severity" in s]
    ids = {f["id"] for f in findings(view)}
    assert marked and all(set(s["groups"]) <= ids for s in marked)
    anchors = {s["id"] for s in marked if "id" in s} | {a for s in marked for a in s.get("also", [])}
    for f in findings(view):
        for o in f["occurrences"]:
            if "excerpt" in o:
                assert o["mark"] in anchors
    assert view["legend"] == [{"severity": "error", "label": "Non-conformités"}]


def test_the_copied_text_is_not_wrapped_and_has_the_header() -> None:
    view = view_of(HARDWARE)
    lines = view["plain_text"].splitlines()
    assert lines[1:5] == [
        "Document : texte collé dans le vérificateur",
        "Vérifié le 30/11/2026 à 9 h 05",
        f"Versions : {formats.versions_text()}",
        "Verdict : Non conforme",
    ]
    why_or_fix = [line for line in lines if "Que faire :" in line]
    assert why_or_fix and all(len(line) > 100 for line in why_or_fix)  # one line per paragraph
    assert json.loads(view["json"]) == segur_devis.check_text(HARDWARE).to_dict()
    linked = page_view(segur_devis.check_text(HARDWARE), checked_at=WHEN, site="https://exemple.fr/segur/")
    assert "Règle : https://exemple.fr/segur/regles/P06/" in linked["plain_text"]


def test_the_ans_report_is_offered_only_when_there_is_something_to_report() -> None:
    assert view_of(HARDWARE)["ans_report"] is True
    conforme = view_of(CONFORME, today=date(2022, 6, 1))  # the seed's example, in its era
    assert conforme["verdict"]["key"] == "conforme"
    assert conforme["ans_report"] is False and conforme["tools"] is True


def test_a_scanned_pdf_gets_one_message_and_no_report_tools() -> None:
    scanned = Report("scan.pdf", "non_reconnu", NO_TEXT_LAYER)
    view = page_view(scanned, checked_at=WHEN)
    assert view["verdict"]["label"] == "Document non reconnu" and view["verdict"]["lead"] == ""
    assert view["summary"] == NO_TEXT_LAYER
    assert view["tools"] is False and view["ans_report"] is False and view["segments"] == []


def test_what_could_not_be_checked_is_shown_when_present() -> None:
    report = segur_devis.check_text(HARDWARE)
    assert page_view(replace(report, not_checked=[]), checked_at=WHEN)["not_checked"] is None
    limited = replace(report, not_checked=["La date limite de la vague 2 n’est pas encore publiée."])
    view = page_view(limited, checked_at=WHEN)
    assert view["not_checked"] == {
        "heading": "Ce que l’outil n’a pas pu vérifier",
        "items": ["La date limite de la vague 2 n’est pas encore publiée."],
    }
    assert "Ce que l’outil n’a pas pu vérifier" in view["plain_text"]
    assert limited.to_dict()["not_checked"] == ["La date limite de la vague 2 n’est pas encore publiée."]


def test_a_huge_text_is_cut_for_the_page_and_says_so() -> None:
    text = HARDWARE + "x" * (MAX_VIEW_CHARS + 10)
    view = view_of(text)
    assert sum(len(s["text"]) for s in view["segments"]) == MAX_VIEW_CHARS
    assert view["text_cut"].startswith("Seuls les 200")


def test_one_label_per_verdict_everywhere() -> None:
    report = Report("x", "non_reconnu", "…")
    assert formats.to_text(report).startswith("x — DOCUMENT NON RECONNU")
    assert page_view(report, checked_at=WHEN)["verdict"]["label"] == "Document non reconnu"


def test_the_cli_rule_text_and_the_rule_page_share_one_template() -> None:
    sys.path.insert(0, str(TESTS.parent / "site_hooks"))
    import rule_pages

    rule = segur_devis.get_rule("P01")
    page = rule_pages.rule_page(rule)
    text = formats.rule_text("P01")
    for heading, _, _ in formats.rule_sections(rule):
        assert f"## {heading}" in page and f"\n{heading}\n" in text


def test_the_jargon_of_the_report_is_explained() -> None:
    view = view_of(HARDWARE)
    assert view["jargon"]["heading"] == "Les sigles et mots techniques de ce rapport"
    terms = {t["term"]: t for t in view["jargon"]["terms"]}
    said = [view["summary"], *(view["not_checked"] or {"items": []})["items"]]
    for f in findings(view):
        said += [f["title"], f["fix"], f["why"], *(o["message"] for o in f["occurrences"])]
    for term in terms:
        assert term.lower() in " ".join(said).lower(), term
    if "DSR" in said:
        assert terms["DSR"]["expansion"].startswith("Dossier de spécification")
    scanned = page_view(Report("scan.pdf", "non_reconnu", NO_TEXT_LAYER), checked_at=WHEN)
    assert scanned["jargon"] is None


def test_the_c01_fix_is_something_the_reader_can_do() -> None:
    fix = segur_devis.get_rule("C01").fix
    assert "Ne signez pas" in fix and "Demandez à l’éditeur" in fix
