"""Per-rule golden files: `tests/rules/<CODE>/<case>.txt` is a quote, `<case>.snap` the findings of that rule on
it (code, severity, message, evidence text), judged on 2026-11-30. Several wordings per rule, failing and passing.

Rewrite the snapshots after a deliberate change with `UPDATE_GOLDENS=1 pytest tests/rules`, then review the diff.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from segur_devis import check_text

HERE = Path(__file__).parent
CASES = sorted(HERE.glob("*/*.txt"))
TODAY = date(2026, 11, 30)
NONE = "(aucun constat)\n"


def render(code: str, text: str) -> str:
    report = check_text(text, select=[code], today=TODAY)
    if report.verdict == "non_reconnu":
        return f"non_reconnu : {report.summary}\n"
    out = []
    for finding in report.findings:
        out.append(f"{finding.code} {finding.severity}\n  {finding.message}\n")
        if finding.evidence is not None:
            excerpt = " ⏎ ".join(line.strip() for line in finding.evidence.text.splitlines())
            out.append(f"  « {excerpt} »\n")
    return "".join(out) or NONE


def test_every_rule_folder_has_a_failing_and_a_passing_case() -> None:
    folders = {case.parent for case in CASES}
    assert folders
    for folder in folders:
        snaps = [p.read_text(encoding="utf-8") for p in folder.glob("*.snap")]
        assert any(s == NONE for s in snaps), f"{folder.name}: no passing case"
        assert any(s.startswith(folder.name) for s in snaps), f"{folder.name}: no failing case"


@pytest.mark.parametrize("case", CASES, ids=[f"{c.parent.name}/{c.stem}" for c in CASES])
def test_golden(case: Path) -> None:
    code = case.parent.name
    actual = render(code, case.read_text(encoding="utf-8"))
    snap = case.with_suffix(".snap")
    if os.environ.get("UPDATE_GOLDENS") == "1":
        snap.write_text(actual, encoding="utf-8")
    assert snap.exists(), f"no snapshot for {case.name}: run UPDATE_GOLDENS=1 pytest tests/rules"
    assert actual == snap.read_text(encoding="utf-8")
