"""The snapshot a return visit restores, restored in Node and asked every worker entry point (a text quote, a
dropped text file, a PDF, each tool): the answers must be CPython's, byte for byte. A module imported lazily that
the snapshot missed, or a data file read late, would fail here rather than only in a visitor's browser."""

from __future__ import annotations

import ast
import base64
import json
import subprocess
from pathlib import Path
from typing import Any

from support.pdf_makers import pdf_of
from support.quotes import SEED_MAINTENANCE, SEEDS, fixture_text

import segur_devis

REPO = Path(__file__).resolve().parents[2]
WORKER = REPO / "docs" / "assets" / "verifier" / "worker.mjs"
RESTORE = Path(__file__).resolve().parent / "snapshot_requests.mjs"
CORPUS = REPO / "tests" / "corpus"
WARMUP = REPO / "site_hooks" / "snapshot_warmup.py"


def skipped_modules() -> set[str]:
    """The modules the snapshot leaves out on purpose (SKIPPED in site_hooks/snapshot_warmup.py)."""
    for node in ast.parse(WARMUP.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "SKIPPED":
            return set(ast.literal_eval(node.value))
    raise AssertionError("snapshot_warmup.py: no SKIPPED")


class Dropped(bytes):
    """A dropped file as the worker's Python receives it: a JavaScript buffer with `to_bytes()`."""

    def to_bytes(self) -> bytes:
        return bytes(self)


def worker_glue() -> list[str]:
    """The Python the worker calls (segur_devis.web.respond), as a source ending with its entry point's name."""
    assert "segur_devis.web" in WORKER.read_text(encoding="utf-8"), "worker.mjs: expected segur_devis.web"
    return ["from segur_devis.web import respond\nrespond"]


# The reader's clock and day, fixed: the report's header shows the time, the calendar rules judge on the day.
NOW = "2026-11-30T10:00:00"


def requests() -> list[tuple[int, list[Any]]]:
    """(entry point, arguments): the request as JSON text, and a file's bytes beside it."""
    quotes = list(SEEDS) + sorted(CORPUS.glob("*.txt"))
    report = segur_devis.check_text(fixture_text(SEED_MAINTENANCE)).to_dict()

    def ask(request: dict[str, Any], data: bytes | None = None) -> tuple[int, list[Any]]:
        return (0, [json.dumps({"now": NOW, **request}), *([Dropped(data)] if data is not None else [])])

    out = [
        ask({"kind": "text", "text": p.read_text(encoding="utf-8", errors="replace"), "filename": p.name})
        for p in quotes
    ]
    out.append(ask({"kind": "file", "filename": quotes[0].name}, quotes[0].read_bytes()))
    out.append(ask({"kind": "file", "filename": "devis.pdf"}, pdf_of(fixture_text(SEED_MAINTENANCE))))
    out.append(ask({"kind": "file", "filename": "abime.pdf"}, b"%PDF-1.7\n damaged"))  # an error, in French
    for payload in (
        {"couloir": "DPI", "vague": 1, "signed": "2022-01-04"},
        {"couloir": "DPI", "vague": 2, "signed": "31/02/2026"},
    ):
        out.append(ask({"kind": "deadline", "payload": payload}))
    offers = [{"name": "A", "one_off": "12 000", "maintenance": "300"}, {"name": "B", "monthly": "150"}]
    out.append(ask({"kind": "compare", "payload": {"years": "5", "offers": offers}}))
    out.append(ask({"kind": "compare", "payload": {"years": "0", "offers": []}}))
    out.append(ask({"kind": "ans-report", "payload": {"json": json.dumps(report)}}))
    return out


def cpython_answers(glue: list[str], calls: list[tuple[int, list[Any]]]) -> list[str]:
    entries = []
    for source in glue:
        namespace: dict[str, Any] = {}
        *body, name = source.strip().splitlines()
        exec("\n".join(body), namespace)  # the worker's own source, run by CPython
        entries.append(namespace[name.strip()])
    return [entries[entry](*args) for entry, args in calls]


def as_json(value: Any) -> Any:
    if isinstance(value, bytes):
        return {"bytes": base64.b64encode(value).decode()}
    return value


def test_the_restored_snapshot_answers_as_cpython(built_site: Path, tmp_path: Path) -> None:
    glue, calls = worker_glue(), requests()
    sent = tmp_path / "requests.json"
    sent.write_text(
        json.dumps(
            {
                "glue": glue,
                "requests": [{"entry": e, "args": [as_json(a) for a in args]} for e, args in calls],
            }
        )
    )
    received = tmp_path / "answers.json"
    node = subprocess.run(
        ["node", str(RESTORE), str(built_site / "pyodide"), str(sent), str(received)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert node.returncode == 0, node.stderr[-3000:]
    restored = json.loads(received.read_text())

    package = Path(segur_devis.__file__).parent
    modules = {
        ".".join(("segur_devis", *p.relative_to(package).with_suffix("").parts)).removesuffix(".__init__")
        for p in package.rglob("*.py")
    }
    assert modules - skipped_modules() <= set(restored["inSnapshot"]), "modules missing from the snapshot"

    expected = cpython_answers(glue, calls)
    assert len(restored["answers"]) == len(expected)
    differences = [
        (calls[n][1][0][:120], got[:300], want[:300])
        for n, (got, want) in enumerate(zip(restored["answers"], expected, strict=True))
        if got != want
    ]
    assert differences == []
    refused = json.loads(expected[next(n for n, (_, args) in enumerate(calls) if '"abime.pdf"' in args[0])])
    assert refused["ok"] is False and refused["error"]  # the same French message on both sides
