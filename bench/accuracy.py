"""How right the checker is, over every quote corpus of the repository (`make accuracy`).

Every folder under `tests/` with an `expected.json` is a corpus (the oracle format of `tests/corpus_oracle.py`);
its quotes are checked through the public API only (`segur_devis.check_text`, and `check_bytes` for the PDF twins
a folder declares in `twins.json`, made by real engines with `tests/support/pdf_makers.py`), each on its entry's
`today` or 2026-11-30. A twin is judged against its text quote's expectation.

Printed: verdict accuracy (all, per corpus, text vs PDF), and per rule code the true positives (in `must` and
reported), the misses (in `must`, not reported), the false positives (in `must_not` and reported) and the recall;
then every failure (quote, what was expected, what the checker said). `--json` prints the same for machines.
Entries marked `known_failure` are counted like the others: the figures say where the checker stands.

    python bench/accuracy.py [--json] [--no-pdf] [--root DIR] [FOLDER ...]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
from corpus_oracle import DEFAULT_TODAY, load_expected  # noqa: E402
from support.pdf_makers import chromium, load_twins, twin_pdf  # noqa: E402

TEXT = "text"
# A checker as this report sees it: (file name, text or PDF bytes, day) → (verdict, reported codes).
Checker = Callable[[str, str | bytes, date], tuple[str, list[str]]]


def check_with_the_api(name: str, data: str | bytes, today: date) -> tuple[str, list[str]]:
    import segur_devis

    if isinstance(data, str):
        report = segur_devis.check_text(data, source=name, today=today)
    else:
        report = segur_devis.check_bytes(data, filename=name, today=today)
    result = report.to_dict()
    return result["verdict"], [finding["code"] for finding in result["findings"]]


@dataclass
class Case:
    """One quote (text or PDF twin) checked against its expectation."""

    corpus: str
    quote: str
    kind: str  # "text" or "pdf:<engine>"
    expected: str
    must: list[str]
    must_not: list[str]
    got: str
    codes: list[str]
    known_failure: str | None = None

    @property
    def missing(self) -> list[str]:
        return [code for code in self.must if code not in self.codes]

    @property
    def unexpected(self) -> list[str]:
        return [code for code in self.must_not if code in self.codes]

    @property
    def passed(self) -> bool:
        return self.got == self.expected and not self.missing and not self.unexpected


@dataclass
class RuleScore:
    true_positives: int = 0
    misses: int = 0
    false_positives: int = 0

    @property
    def recall(self) -> float | None:
        expected = self.true_positives + self.misses
        return self.true_positives / expected if expected else None


@dataclass
class Score:
    cases: list[Case]
    rules: dict[str, RuleScore] = field(default_factory=dict)

    @staticmethod
    def of(cases: list[Case]) -> Score:
        rules: dict[str, RuleScore] = {}
        for case in cases:
            for code in case.must:
                rule = rules.setdefault(code, RuleScore())
                if code in case.codes:
                    rule.true_positives += 1
                else:
                    rule.misses += 1
            for code in case.unexpected:
                rules.setdefault(code, RuleScore()).false_positives += 1
        return Score(cases, dict(sorted(rules.items())))

    def verdicts(self, keep: Callable[[Case], bool] = lambda case: True) -> tuple[int, int]:
        """(right verdicts, cases) among the cases `keep` selects."""
        kept = [case for case in self.cases if keep(case)]
        return sum(case.got == case.expected for case in kept), len(kept)

    @property
    def false_positives(self) -> int:
        return sum(rule.false_positives for rule in self.rules.values())

    @property
    def failures(self) -> list[Case]:
        return [case for case in self.cases if not case.passed]

    def to_dict(self) -> dict[str, Any]:
        def ratio(pair: tuple[int, int]) -> dict[str, Any]:
            right, total = pair
            return {"right": right, "total": total, "accuracy": round(right / total, 4) if total else None}

        corpora = sorted({case.corpus for case in self.cases})
        return {
            "verdicts": ratio(self.verdicts()),
            "verdicts_text": ratio(self.verdicts(lambda case: case.kind == TEXT)),
            "verdicts_pdf": ratio(self.verdicts(lambda case: case.kind != TEXT)),
            "corpora": {name: ratio(self.verdicts(in_corpus(name))) for name in corpora},
            "quotes_passing": sum(case.passed for case in self.cases),
            "false_positives": self.false_positives,
            "rules": {
                code: {**asdict(rule), "recall": None if rule.recall is None else round(rule.recall, 4)}
                for code, rule in self.rules.items()
            },
            "failures": [
                {
                    "corpus": case.corpus,
                    "quote": case.quote,
                    "kind": case.kind,
                    "expected": case.expected,
                    "got": case.got,
                    "missing": case.missing,
                    "unexpected": case.unexpected,
                    "codes": case.codes,
                    "known_failure": case.known_failure,
                }
                for case in self.failures
            ],
        }


def in_corpus(corpus: str) -> Callable[[Case], bool]:
    return lambda case: case.corpus == corpus


def is_oracle(path: Path) -> bool:
    """True when `path` is a quote oracle (file name → entry with a verdict), not another kind of expected.json."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and all(
        isinstance(entry, dict) and "verdict" in entry and (path.parent / name).is_file()
        for name, entry in data.items()
    )


def discover(root: Path) -> list[Path]:
    """Every corpus folder under `root`: the folders holding a quote oracle `expected.json`."""
    found = (path for path in root.rglob("expected.json") if "node_modules" not in path.parts)
    return sorted(path.parent for path in found if is_oracle(path))


def judge(
    corpus: str, name: str, entry: dict[str, Any], kind: str, result: tuple[str, list[str]], known: str | None
) -> Case:
    got, codes = result
    return Case(corpus, name, kind, entry["verdict"], entry["must"], entry["must_not"], got, codes, known)


def evaluate(
    folders: list[Path], *, check: Checker = check_with_the_api, pdf: bool = True, base: Path = REPO
) -> Iterator[Case]:
    """Check every quote of `folders` (and, with `pdf`, every PDF twin) against its expectation."""
    with ExitStack() as stack:
        browser: Any = None
        for folder in folders:
            corpus = str(folder.relative_to(base)) if folder.is_relative_to(base) else str(folder)
            expected = load_expected(folder)
            twins = load_twins(folder) if pdf else {}
            for name, entry in sorted(expected.items()):
                today = date.fromisoformat(entry["today"]) if "today" in entry else DEFAULT_TODAY

                text = (folder / name).read_bytes().decode("utf-8")
                yield judge(corpus, name, entry, TEXT, check(name, text, today), entry.get("known_failure"))
                if name in twins:
                    spec = twins[name]
                    if spec["engine"] == "chromium" and browser is None:
                        browser = stack.enter_context(chromium())
                    data = twin_pdf(folder, name, spec, browser=browser)
                    pdf_name = name.removesuffix(".txt") + ".pdf"
                    known = spec.get("known_failure") or entry.get("known_failure")
                    yield judge(
                        corpus, name, entry, f"pdf:{spec['engine']}", check(pdf_name, data, today), known
                    )


def percent(right: int, total: int) -> str:
    return f"{right}/{total} ({100 * right / total:.1f} %)" if total else "0/0"


def render(score: Score) -> str:
    data = score.to_dict()
    lines = [
        f"Verdicts right: {percent(*score.verdicts())}"
        f" — text {percent(*score.verdicts(lambda c: c.kind == TEXT))}"
        f", PDF twins {percent(*score.verdicts(lambda c: c.kind != TEXT))}",
        f"Quotes meeting every expectation: {data['quotes_passing']}/{len(score.cases)}",
        f"False positives (a must_not code reported): {score.false_positives}",
        "",
        "Per corpus (verdicts right):",
    ]
    for corpus, ratio in data["corpora"].items():
        lines.append(f"  {corpus:<28} {percent(ratio['right'], ratio['total'])}")
    lines += ["", f"{'code':<6}{'true pos.':>10}{'missed':>8}{'false pos.':>12}{'recall':>9}"]
    for code, rule in score.rules.items():
        recall = "—" if rule.recall is None else f"{100 * rule.recall:.0f} %"
        lines.append(
            f"{code:<6}{rule.true_positives:>10}{rule.misses:>8}{rule.false_positives:>12}{recall:>9}"
        )
    lines += ["", f"Failures ({len(score.failures)}):"]
    for case in score.failures:
        wanted = case.expected + (f" with {', '.join(case.must)}" if case.must else "")
        problems = [f"missing {', '.join(case.missing)}"] if case.missing else []
        problems += [f"unexpected {', '.join(case.unexpected)}"] if case.unexpected else []
        got = f"{case.got} [{', '.join(case.codes) or 'no finding'}]"
        lines.append(f"  {case.corpus}/{case.quote} ({case.kind}): expected {wanted}; got {got}")
        if problems:
            lines.append(f"      {'; '.join(problems)}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "folders", nargs="*", type=Path, help="corpus folders (default: discovered under --root)"
    )
    parser.add_argument("--root", type=Path, default=REPO / "tests", help="where to discover corpora")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument("--no-pdf", action="store_true", help="skip the PDF twins (no browser needed)")
    args = parser.parse_args(argv)
    folders = [folder.resolve() for folder in args.folders] or discover(args.root.resolve())
    score = Score.of(list(evaluate(folders, pdf=not args.no_pdf)))
    print(json.dumps(score.to_dict(), ensure_ascii=False, indent=2) if args.json else render(score))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
