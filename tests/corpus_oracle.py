"""The checks every quote corpus gets: a folder of `NN_name.txt` quotes and an `expected.json` oracle.

Shared by the first corpus (`tests/corpus/`), the blind holdout (`tests/corpus_holdout/`) and the blind corpus
(`tests/corpus_blind/`): each test module calls `oracle_tests(folder)` and adds the checks that are its own.

An entry may carry `"known_failure": "what the checker got"`: the checker is known to misjudge that quote. Its
checks against the expectation then run as expected failures (xfail), so the suite stays green while the figures
of `make accuracy` still count it; one strict check per such quote fails (XPASS) as soon as the checker meets
every expectation, so the marker is removed the day the quote is fixed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from segur_devis.mail import as_written

# Severity of each catalogue code (CONTRACT.md, "Rule codes").
SEVERITY = {
    **dict.fromkeys(["M01", "M02", "M03", "M06"], "error"),
    **dict.fromkeys(["M04", "M05"], "warning"),
    **dict.fromkeys(["P01", "P02", "P03", "P04", "P05", "P06", "F01", "C01"], "error"),
    **dict.fromkeys(["P07", "C02", "C03", "V01"], "info"),
    **dict.fromkeys(["K01", "K02", "K03", "K04", "A01", "A02", "P09", "M07"], "warning"),
}
# The day every corpus quote is judged on, unless its entry says otherwise (« today »): calendar findings depend on
# it, and a test must never depend on the day it runs.
DEFAULT_TODAY = date(2026, 11, 30)
VERDICTS = {"conforme", "a_verifier", "non_conforme", "non_reconnu"}
MONTHS = [
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
]  # fmt: skip


def load_expected(folder: Path) -> dict[str, dict[str, Any]]:
    expected: dict[str, dict[str, Any]] = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    return expected


def api() -> Any:
    # Imported here, not at module level: a broken checker fails these tests instead of the whole collection.
    import segur_devis

    return segur_devis


def codes(report: Any) -> list[str]:
    return [finding.code for finding in report.findings]


def describe(report: Any) -> str:
    return ", ".join(f"{f.code}/{f.severity}" for f in report.findings) or "no findings"


def mismatches(report: Any, entry: dict[str, Any]) -> list[str]:
    """How `report` departs from the expectation `entry` (empty when it meets all of it)."""
    got = codes(report)
    out = []
    if report.verdict != entry["verdict"]:
        out.append(f"verdict {report.verdict} instead of {entry['verdict']}")
    out += [f"missing {code}" for code in entry["must"] if code not in got]
    out += [f"unexpected {code}" for code in entry["must_not"] if code in got]
    if (
        "date_signature" in entry
        and report.to_dict()["facts"].get("date_signature") != entry["date_signature"]
    ):
        out.append(
            f"date_signature {report.to_dict()['facts'].get('date_signature')} instead of {entry['date_signature']}"
        )
    return out


def oracle_tests(folder: Path) -> dict[str, Callable[..., None]]:
    """The test functions for the corpus in `folder`, to put in a test module's namespace."""
    HERE = folder
    EXPECTED = load_expected(folder)
    NAMES = sorted(EXPECTED)
    KNOWN = [name for name in NAMES if "known_failure" in EXPECTED[name]]

    def judged(names: list[str]) -> list[Any]:
        """`names` as parameters, a known failure marked as an expected (non-strict) failure."""
        return [
            pytest.param(name, marks=pytest.mark.xfail(reason=EXPECTED[name]["known_failure"], strict=False))
            if name in KNOWN
            else name
            for name in names
        ]

    def read_quote(name: str) -> str:
        # Bytes then decode: keeps CRLF line ends as they are, so offsets are checked on the exact text.
        return (HERE / name).read_bytes().decode("utf-8")

    def check(name: str, text: str | None = None) -> Any:
        entry = EXPECTED[name]
        today = date.fromisoformat(entry["today"]) if "today" in entry else DEFAULT_TODAY
        return api().check_text(read_quote(name) if text is None else text, today=today)

    # --- the corpus itself is well-formed (these do not need the checker) ---

    def test_every_quote_has_an_expectation_and_back() -> None:
        on_disk = {p.name for p in HERE.glob("*.txt")}
        assert on_disk == set(EXPECTED)

    @pytest.mark.parametrize("name", NAMES)
    def test_expectation_is_consistent(name: str) -> None:
        entry = EXPECTED[name]
        assert entry["verdict"] in VERDICTS
        assert set(entry) <= {
            "verdict", "must", "must_not", "note", "date_signature", "c02_due", "today", "known_failure",
        }  # fmt: skip
        assert entry["note"].strip()
        assert entry.get("known_failure", "reason").strip()
        must, must_not = set(entry["must"]), set(entry["must_not"])
        assert must <= set(SEVERITY) and must_not <= set(SEVERITY)
        assert not must & must_not
        severities = {SEVERITY[code] for code in must}
        if entry["verdict"] == "conforme":
            assert severities <= {"info"}
        elif entry["verdict"] == "a_verifier":
            assert "error" not in severities and "warning" in severities
        elif entry["verdict"] == "non_conforme":
            assert "error" in severities
        if "c02_due" in entry:
            assert "C02" in must and "date_signature" in entry
            signed = date.fromisoformat(entry["date_signature"])
            assert (date.fromisoformat(entry["c02_due"]) - signed).days == 120

    # --- the checker against the corpus ---

    @pytest.mark.parametrize("name", judged(NAMES))
    def test_verdict(name: str) -> None:
        report = check(name)
        assert report.verdict == EXPECTED[name]["verdict"], f"{name}: {describe(report)}"

    @pytest.mark.parametrize("name", judged(NAMES))
    def test_must_codes_are_reported(name: str) -> None:
        report = check(name)
        missing = [code for code in EXPECTED[name]["must"] if code not in codes(report)]
        assert not missing, f"{name}: missing {missing}; got {describe(report)}"

    @pytest.mark.parametrize("name", judged(NAMES))
    def test_must_not_codes_are_absent(name: str) -> None:
        report = check(name)
        unwanted = [code for code in EXPECTED[name]["must_not"] if code in codes(report)]
        assert not unwanted, f"{name}: unexpected {unwanted}; got {describe(report)}"

    @pytest.mark.parametrize("name", NAMES)
    def test_severities_follow_the_catalogue(name: str) -> None:
        report = check(name)
        for finding in report.findings:
            if finding.code in SEVERITY:
                assert finding.severity == SEVERITY[finding.code], f"{name}: {finding.code}"

    @pytest.mark.parametrize("name", NAMES)
    def test_evidence_points_into_the_text(name: str) -> None:
        report = check(name, read_quote(name))
        # offsets point into the text as read: the quote itself, or its mail encoding decoded
        text = report.text
        assert text in (read_quote(name), as_written(read_quote(name))), name
        for finding in report.findings:
            evidence = finding.evidence
            if evidence is None:
                continue
            assert 0 <= evidence.start <= evidence.end <= len(text), f"{name}: {finding.code} {evidence}"
            assert text[evidence.start : evidence.end] == evidence.text, f"{name}: {finding.code}"

    @pytest.mark.parametrize("name", NAMES)
    def test_report_is_deterministic_and_json_ready(name: str) -> None:
        text = read_quote(name)
        first = check(name, text).to_dict()
        second = check(name, text).to_dict()
        assert first == second
        assert json.loads(json.dumps(first, ensure_ascii=False)) == first

    @pytest.mark.parametrize("name", judged([n for n in NAMES if "date_signature" in EXPECTED[n]]))
    def test_signature_date_fact(name: str) -> None:
        facts = check(name).to_dict()["facts"]
        assert facts.get("date_signature") == EXPECTED[name]["date_signature"]

    @pytest.mark.parametrize("name", judged([n for n in NAMES if "c02_due" in EXPECTED[n]]))
    def test_conditional_order_gives_the_proof_deadline(name: str) -> None:
        due = date.fromisoformat(EXPECTED[name]["c02_due"])
        spellings = [
            due.isoformat(),
            due.strftime("%d/%m/%Y"),
            f"{due.day} {MONTHS[due.month - 1]} {due.year}",
            f"{due.day:02d} {MONTHS[due.month - 1]} {due.year}",
        ]
        report = check(name)
        c02 = [f for f in report.to_dict()["findings"] if f["code"] == "C02"]
        assert c02, f"{name}: no C02; got {describe(report)}"
        said = " ".join(str(c02[0].get(key) or "") for key in ("title", "message"))
        said = re.sub(r"\s+", " ", said.replace("1er", "1"))
        assert any(s in said for s in spellings), f"{name}: C02 does not give {due}: {said!r}"

    @pytest.mark.parametrize(
        "name",
        [
            pytest.param(n, marks=pytest.mark.xfail(reason=EXPECTED[n]["known_failure"], strict=True))
            for n in KNOWN
        ],
    )
    def test_known_failure_still_fails(name: str) -> None:
        # Strict: when the checker meets every expectation of a known failure, this XPASS fails the run, so the
        # `known_failure` marker is removed and the quote counts as fixed.
        problems = mismatches(check(name), EXPECTED[name])
        assert not problems, f"{name}: {'; '.join(problems)}"

    tests = {name: fn for name, fn in locals().items() if name.startswith("test_")}
    if not KNOWN:  # no empty parameter set (reported as skipped) in a corpus without known failures
        del tests["test_known_failure_still_fails"]
    return tests


def read_quote(folder: Path, name: str) -> str:
    # Bytes then decode: keeps CRLF line ends as they are, so offsets are checked on the exact text.
    return (folder / name).read_bytes().decode("utf-8")
