"""`make accuracy` (bench/accuracy.py) counts right: checked on tiny corpora made here, with known answers."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))
import accuracy  # noqa: E402


def write_corpus(
    folder: Path, entries: dict[str, dict[str, Any]], twins: dict[str, Any] | None = None
) -> Path:
    folder.mkdir(parents=True)
    for name in entries:
        (folder / name).write_text(f"Devis {name}\n", encoding="utf-8")
    (folder / "expected.json").write_text(json.dumps(entries), encoding="utf-8")
    if twins:
        (folder / "twins.json").write_text(json.dumps(twins), encoding="utf-8")
    return folder


def entry(verdict: str, must: list[str], must_not: list[str], **extra: str) -> dict[str, Any]:
    return {"verdict": verdict, "must": must, "must_not": must_not, "note": "test", **extra}


ENTRIES = {
    "a.txt": entry("conforme", [], ["P01", "M01"], today="2024-01-15"),
    "b.txt": entry("non_conforme", ["P01", "M05"], ["P02"]),
    "c.txt": entry("a_verifier", ["A01"], [], known_failure="the checker misses A01"),
    "d.txt": entry("non_reconnu", [], []),
}
# What a scripted checker answers for each file: the counts below follow from these by hand.
ANSWERS = {
    "a.txt": ("conforme", []),
    "b.txt": ("non_conforme", ["P01", "P02", "K01"]),
    "c.txt": ("conforme", []),
    "d.txt": ("non_reconnu", []),
    "a.pdf": ("non_conforme", ["M01"]),
}


def test_counts_verdicts_hits_misses_and_false_positives(tmp_path: Path) -> None:
    folder = write_corpus(tmp_path / "tests" / "mini", ENTRIES, twins={"a.txt": {"engine": "fpdf"}})
    seen: list[tuple[str, type, date]] = []

    def scripted(name: str, data: str | bytes, today: date) -> tuple[str, list[str]]:
        seen.append((name, type(data), today))
        if isinstance(data, bytes):
            assert data.startswith(b"%PDF-")  # a real PDF made by fpdf2 from the quote
        return ANSWERS[name]

    score = accuracy.Score.of(list(accuracy.evaluate([folder], check=scripted, base=tmp_path)))

    assert ("a.txt", str, date(2024, 1, 15)) in seen and ("a.pdf", bytes, date(2024, 1, 15)) in seen
    assert ("b.txt", str, date(2026, 11, 30)) in seen  # the corpus default day
    assert score.verdicts() == (3, 5)  # a, b, d right; c and the PDF of a wrong
    assert score.verdicts(lambda case: case.kind == "text") == (3, 4)
    assert score.verdicts(lambda case: case.kind != "text") == (0, 1)
    rules = {code: (r.true_positives, r.misses, r.false_positives) for code, r in score.rules.items()}
    # K01 was reported but is in no list: it counts nowhere.
    assert rules == {"P01": (1, 0, 0), "M05": (0, 1, 0), "P02": (0, 0, 1), "A01": (0, 1, 0), "M01": (0, 0, 1)}
    assert score.rules["P01"].recall == 1.0 and score.rules["M05"].recall == 0.0
    assert score.rules["P02"].recall is None
    assert score.false_positives == 2
    failures = [(case.quote, case.kind) for case in score.failures]
    assert failures == [
        ("a.txt", "pdf:fpdf"),
        ("b.txt", "text"),
        ("c.txt", "text"),
    ]  # each twin after its text

    data = score.to_dict()
    assert data["verdicts"] == {"right": 3, "total": 5, "accuracy": 0.6}
    assert data["corpora"] == {"tests/mini": {"right": 3, "total": 5, "accuracy": 0.6}}
    assert data["quotes_passing"] == 2
    b_failure = data["failures"][1]
    assert (b_failure["missing"], b_failure["unexpected"]) == (["M05"], ["P02"])
    assert data["failures"][2]["known_failure"] == "the checker misses A01"

    text = accuracy.render(score)
    assert "Verdicts right: 3/5 (60.0 %)" in text
    assert "False positives (a must_not code reported): 2" in text
    assert (
        "tests/mini/b.txt (text): expected non_conforme with P01, M05; got non_conforme [P01, P02, K01]"
        in text
    )


def test_discovers_every_folder_with_an_oracle(tmp_path: Path) -> None:
    one = write_corpus(tmp_path / "corpus", {"a.txt": entry("non_reconnu", [], [])})
    two = write_corpus(tmp_path / "deep" / "corpus_b", {"a.txt": entry("non_reconnu", [], [])})
    (tmp_path / "not_a_corpus").mkdir()
    (tmp_path / "not_a_corpus" / "a.txt").write_text("x", encoding="utf-8")
    golden = tmp_path / "golden"  # another kind of expected.json (e.g. a rule's snapshots) is not a corpus
    golden.mkdir()
    (golden / "expected.json").write_text(json.dumps({"P01": {"message": "…"}}), encoding="utf-8")
    assert accuracy.discover(tmp_path) == [one, two]


def test_the_repository_corpora_are_all_found() -> None:
    found = {folder.name for folder in accuracy.discover(REPO / "tests")}
    assert {"corpus", "corpus_holdout", "corpus_blind"} <= found


def test_the_command_judges_with_the_real_checker(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Whitespace is not a quote (CONTRACT.md: `non_reconnu`): one entry expects that, one wrongly expects
    # `conforme`, so the real checker must score exactly 1 of 2.
    folder = tmp_path / "blank"
    folder.mkdir()
    for name in ("1_vide.txt", "2_vide.txt"):
        (folder / name).write_text("   \n\n", encoding="utf-8")
    (folder / "expected.json").write_text(
        json.dumps({"1_vide.txt": entry("non_reconnu", [], []), "2_vide.txt": entry("conforme", [], [])}),
        encoding="utf-8",
    )
    assert accuracy.main(["--json", "--no-pdf", str(folder)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["verdicts"]["right"] == 1 and data["verdicts"]["total"] == 2
    assert [(f["quote"], f["got"]) for f in data["failures"]] == [("2_vide.txt", "non_reconnu")]
