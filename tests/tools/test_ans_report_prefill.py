"""The ANS report is prefilled with what the quote names (report.facts), and asks to attach the quote."""

from __future__ import annotations

import json

from support.quotes import SEED_MAINTENANCE, fixture_text

import segur_devis
from segur_devis.tools.ans_report import TO_FILL, ans_report_text, report_from_json

MAINTENANCE = fixture_text(SEED_MAINTENANCE)

NAMED = {
    "editeur": "Biolog Systèmes",
    "logiciel": "BioSGL",
    "version_logiciel": "v5.2",
    "numero_devis": "DV-2026-118",
    "numero_referencement": "BIO-2023-0042",
    "total_ttc": "18 360,00 €",
    "date_devis": "2026-10-05",
    "dsr": ["BIO-SGL-Va1"],
}


def report_json(facts: dict[str, object]) -> str:
    data = segur_devis.check_text(MAINTENANCE, source="devis.pdf").to_dict()
    data["facts"] = {**data["facts"], **facts}
    return json.dumps(data, ensure_ascii=False)


def test_what_the_quote_names_is_prefilled() -> None:
    text = ans_report_text(report_from_json(report_json(NAMED)))
    assert "Éditeur : Biolog Systèmes" in text
    assert "Logiciel et version : BioSGL v5.2" in text
    assert "Numéro du devis : DV-2026-118" in text
    assert "Numéro de référencement ANS : BIO-2023-0042" in text
    assert "Montant total TTC : 18 360,00 €" in text
    assert "Date du devis : 05/10/2026" in text
    assert "BIO-SGL-Va1" in text
    assert text.count(TO_FILL) == 2  # the establishment and the signature: the quote cannot say who you are


def test_a_number_amount_is_written_in_euros() -> None:
    text = ans_report_text(report_from_json(report_json({"total_ttc": 18360})))
    assert "Montant total TTC : 18 360,00 €" in text


def test_what_the_quote_does_not_name_is_left_to_complete() -> None:
    blank = {key: None for key in NAMED if key != "dsr"}
    text = ans_report_text(report_from_json(report_json(blank)))
    assert f"Éditeur : {TO_FILL}" in text and f"Logiciel et version : {TO_FILL}" in text
    assert "Numéro du devis" not in text and "Montant total TTC" not in text


def test_the_text_asks_to_attach_the_quote() -> None:
    assert "Je joins le devis" in ans_report_text(report_from_json(report_json(NAMED)))
