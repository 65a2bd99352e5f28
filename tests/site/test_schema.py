"""reference.json and glossary.json follow data_schema.py (site_hooks/), and the models catch real mistakes."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from support.site import REPO
from data_schema import validate_glossary, validate_reference, validate_report
from pydantic import ValidationError

from segur_devis import check_text, reference

SCHEMA_SCRIPT = REPO / "site_hooks" / "data_schema.py"
CORPUS = sorted((REPO / "tests" / "corpus").glob("*.txt"))


def ref() -> dict[str, Any]:
    return copy.deepcopy(reference.load())


def test_package_data_is_valid() -> None:
    model = validate_reference()
    glossary = validate_glossary(reference=model)
    assert len(model.deadlines) == len(reference.load()["deadlines"])
    assert glossary.terms


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d["deadlines"][0].update(source="nowhere"), "unknown source 'nowhere'"),
        (lambda d: d["services"]["excluded"][0].update(source="nowhere"), "unknown source 'nowhere'"),
        (lambda d: d["deadlines"][0].update(date="2022-02-30"), "day is out of range"),
        (lambda d: d["deadlines"][0].update(date="15/07/2022"), "String should match pattern"),
        (lambda d: d["deadlines"][0].update(couloir="lune"), "unknown couloir 'lune'"),
        (lambda d: d["deadlines"][0].update(kind="fin"), "unknown kind 'fin'"),
        (
            lambda d: [x.update(retained=False) for x in d["deadlines"] if x["kind"] == "commandes"],
            "none is retained",
        ),
        (lambda d: d["conditional_order"].update(example_due="2022-05-05"), "not 2022-05-05"),
        (lambda d: d["dsr"][0].update(family="LGC"), "is not one of couloir"),
        (lambda d: d["sources"].append(dict(d["sources"][0])), "duplicate source id"),
        (lambda d: d["sources"][0].update(url="http://insecure.example"), "String should match pattern"),
        (lambda d: d.update(surprise=1), "Extra inputs are not permitted"),
    ],
)
def test_reference_mistakes_are_caught(mutate: Any, message: str) -> None:
    data = ref()
    mutate(data)
    with pytest.raises(ValidationError, match=message):
        validate_reference(data)


def test_glossary_mistakes_are_caught() -> None:
    path = REPO / "checker" / "segur_devis" / "data" / "glossary.json"
    good = json.loads(path.read_text(encoding="utf-8"))
    unknown_source = copy.deepcopy(good)
    unknown_source["terms"][0]["source"] = "nowhere"
    with pytest.raises(ValidationError, match="unknown source 'nowhere'"):
        validate_glossary(unknown_source)
    duplicate = copy.deepcopy(good)
    duplicate["terms"].append({**good["terms"][0], "term": good["terms"][0]["term"].lower()})
    with pytest.raises(ValidationError, match="duplicate term"):
        validate_glossary(duplicate)


@pytest.mark.skipif(not CORPUS, reason="no quote corpus")
def test_real_reports_follow_the_report_model() -> None:
    reports = [check_text(path.read_text(encoding="utf-8")).to_dict() for path in CORPUS]
    for report in reports:
        validate_report(report)
    validate_report(reports)


def test_report_model_rejects_an_inconsistent_report() -> None:
    finding = {
        "code": "P01",
        "severity": "error",
        "title": "t",
        "message": "m",
        "evidence": {"start": 3, "end": 9, "text": "abcdef"},
        "why": "w",
        "fix": "f",
        "source": "s",
        "url": "/regles/P01/",
    }
    report = {
        "source": "d.txt",
        "verdict": "non_conforme",
        "summary": "s",
        "facts": {},
        "findings": [finding],
    }
    validate_report(report)
    with pytest.raises(ValidationError, match="the findings give 'non_conforme'"):
        validate_report({**report, "verdict": "conforme"})
    with pytest.raises(ValidationError, match="does not point at rule"):
        validate_report({**report, "findings": [{**finding, "url": "/regles/P02/"}]})
    with pytest.raises(ValidationError, match="end is before its start"):
        validate_report({**report, "findings": [{**finding, "evidence": {"start": 9, "end": 3, "text": ""}}]})


def test_schema_command_writes_the_json_schemas(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(SCHEMA_SCRIPT), str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["glossary.schema.json", "reference.schema.json", "report.schema.json"]
    schema = json.loads((tmp_path / "report.schema.json").read_text(encoding="utf-8"))
    assert "Report" in json.dumps(schema)
    usage = subprocess.run([sys.executable, str(SCHEMA_SCRIPT)], capture_output=True, text=True, check=False)
    assert usage.returncode == 2 and "usage" in usage.stderr
