"""The text for the ANS contact form (segur_devis.tools.ans_report), written from a checker report."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from support.quotes import SEED_CONFORME, SEED_MAINTENANCE, fixture_text

import segur_devis
from segur_devis.errors import InputError
from segur_devis.reference import sources
from segur_devis.tools.ans_report import MAX_PER_GROUP, ans_report_text, form_url, report_from_json

REPO = Path(__file__).resolve().parents[2]
MAINTENANCE = fixture_text(SEED_MAINTENANCE)
CONFORME = fixture_text(SEED_CONFORME)


def test_form_address_comes_from_the_reference_data() -> None:
    assert form_url() == sources()["esante-formulaire"]["url"] == "https://esante.gouv.fr/formulaire-question"


def test_non_conformities_with_rules_evidence_and_sources() -> None:
    report = segur_devis.check_text(MAINTENANCE, source="devis-labo.pdf")
    text = ans_report_text(report)
    assert text.startswith("Objet : signalement d’un devis Ségur")
    assert "Document : devis-labo.pdf" in text
    assert "BIO-SGL-Va1 (Biologie médicale, vague 1)" in text
    errors = [f for f in report.findings if f.severity == "error"]
    warnings = [f for f in report.findings if f.severity == "warning"]
    assert f"Non-conformités relevées ({len(errors)}) :" in text
    assert f"Points à vérifier ({len(warnings)}) :" in text
    for f in errors + warnings:
        assert f"{f.code} — {f.title}" in text
        assert f"Source : {' '.join(f.source.split())}" in text
    p01 = next(f for f in errors if f.code == "P01")
    assert p01.evidence is not None
    assert f"Extrait du devis : « {' '.join(p01.evidence.text.split())} »" in text
    assert form_url() in text
    assert "[à compléter]" in text  # vendor, software, establishment and signature are the user's to fill
    assert text.index("Non-conformités") < text.index("Points à vérifier")


def test_info_findings_are_left_out() -> None:
    report = segur_devis.check_text(CONFORME, today=date(2022, 6, 1))  # unsigned vague 1: judged in its era
    assert report.verdict == "conforme"
    text = ans_report_text(report)
    assert "Non-conformités relevées" not in text and "Points à vérifier" not in text
    assert "Mon doute porte sur : [à compléter]" in text
    assert "aucune non-conformité" in text


def test_same_text_from_the_report_object_and_from_the_cli_json(tmp_path: Path) -> None:
    quote = tmp_path / "devis.txt"
    quote.write_text(MAINTENANCE, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "segur_devis", "check", str(quote), "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    from_cli = ans_report_text(report_from_json(done.stdout))
    report = segur_devis.check_text(MAINTENANCE, source=str(quote))
    assert from_cli == ans_report_text(report)
    # The page's report carries the analysed text too: it is ignored.
    assert ans_report_text(report.to_dict(include_text=True)) == from_cli


def test_long_evidence_is_shortened_and_long_lists_are_capped() -> None:
    finding = {
        "code": "P01",
        "severity": "error",
        "title": "Prestation facturée",
        "message": "m",
        "evidence": {"start": 0, "end": 900, "text": "mot " * 300},
        "source": "ANS",
    }
    report = {
        "source": "x.txt",
        "verdict": "non_conforme",
        "facts": {},
        "findings": [finding] * (MAX_PER_GROUP + 7),
    }
    text = ans_report_text(report)
    excerpt = next(line for line in text.splitlines() if "Extrait du devis" in line)
    assert len(excerpt) < 340 and excerpt.endswith("… »")
    assert text.count("Extrait du devis") == MAX_PER_GROUP
    assert "… et 7 autres points du même type." in text


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("pas du JSON", "n’est pas un rapport du vérificateur"),
        ('{"a": 1}', "n’est pas un rapport du vérificateur"),
        ('{"verdict": "conforme", "findings": "x"}', "n’est pas un rapport du vérificateur"),
        ("[]", "n’est pas un rapport du vérificateur"),
        ('[{"verdict": "conforme", "findings": []}, {"verdict": "conforme", "findings": []}]', "2 devis"),
    ],
)
def test_anything_but_a_report_is_refused_in_french(content: str, expected: str) -> None:
    with pytest.raises(InputError, match=expected):
        report_from_json(content)


def test_a_one_report_list_is_accepted() -> None:
    report = segur_devis.check_text(MAINTENANCE).to_dict()
    assert report_from_json(json.dumps([report])) == json.loads(json.dumps(report))
