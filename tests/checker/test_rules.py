"""Every rule documents itself completely, and its own examples prove it: the failing one fires, the passing one does not."""

import re

import pytest
from corpus_oracle import SEVERITY

from segur_devis import RULES, check_text, get_rule
from segur_devis.reference import sources


def test_catalogue_covers_the_contract_with_its_severities():
    # SEVERITY: every code of CONTRACT.md with its severity, the table the corpora's oracle judges by too.
    assert {r.code: r.severity for r in RULES} == SEVERITY


def test_codes_are_unique_and_well_formed():
    codes = [r.code for r in RULES]
    assert len(codes) == len(set(codes))
    assert all(re.fullmatch(r"[A-Z]\d{2}", c) for c in codes)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_is_documented(rule):
    for field in ("title", "why", "fix", "locator", "bad", "good"):
        assert len(getattr(rule, field).strip()) > 10, field
    assert rule.source in sources()
    assert rule.url == f"/regles/{rule.code}/"
    assert rule.bad != rule.good


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_failing_example_fires(rule):
    report = check_text(rule.bad)
    assert report.verdict != "non_reconnu"
    assert rule.code in report.codes


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_passing_example_does_not_fire(rule):
    report = check_text(rule.good)
    assert report.verdict != "non_reconnu"
    assert rule.code not in report.codes


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_evidence_points_into_the_text(rule):
    report = check_text(rule.bad)
    for finding in report.findings:
        if finding.evidence:
            assert rule.bad[finding.evidence.start : finding.evidence.end] == finding.evidence.text
            assert finding.evidence.text.strip()


def test_get_rule_is_case_insensitive_and_rejects_unknown_codes():
    assert get_rule("p03").code == "P03"
    with pytest.raises(KeyError):
        get_rule("Z99")
