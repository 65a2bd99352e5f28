"""The checker against the second blind corpus (`expected.json`) and the PDF twins of some of its quotes (`twins.json`).

Written after the checker had been tuned on `tests/corpus_blind/`, to measure it again on documents it has never
seen: the quotes and their expectations come from the seeds, domain-facts.md and the public rule catalogue only,
without reading the checker's code, and were committed before the checker ever ran on them (README.md). A quote the
checker is known to misjudge carries `known_failure` (the oracle then expects its checks to fail, strictly for one of
them). A PDF twin is made in the test by a real engine (Chromium print to PDF of a stored HTML page, reportlab or
fpdf2) and must get the same verdict and codes as its text.
"""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from corpus_oracle import DEFAULT_TODAY, SEVERITY, api, codes, describe, load_expected, oracle_tests
from support.pdf_makers import ENGINES, load_twins, twin_pdf

HERE = Path(__file__).parent
EXPECTED = load_expected(HERE)
NAMES = sorted(EXPECTED)
TWINS = load_twins(HERE)

globals().update(oracle_tests(HERE))  # verdict, must, must_not, evidence, determinism, dates, known failures


def today(name: str) -> date:
    entry = EXPECTED[name]
    return date.fromisoformat(entry["today"]) if "today" in entry else DEFAULT_TODAY


# --- the corpus itself (no checker) ---


def test_the_corpus_has_24_quotes_half_of_them_conforming() -> None:
    assert len(NAMES) >= 24
    assert all(re.fullmatch(r"\d\d_[a-z0-9_]+\.txt", name) for name in NAMES)
    verdicts = [EXPECTED[name]["verdict"] for name in NAMES]
    assert verdicts.count("conforme") * 2 >= len(NAMES) - 1, (
        "about half conforming, to measure false positives"
    )
    assert verdicts.count("non_conforme") + verdicts.count("a_verifier") >= 12, "and half with real faults"


def test_the_newer_codes_are_measured() -> None:
    # The codes added with the document model (C03, M07, V01, K04, P09) are each expected somewhere.
    expected = {code for entry in EXPECTED.values() for code in entry["must"]}
    assert {"C03", "M07", "V01", "K04", "P09"} <= expected <= set(SEVERITY)


def test_some_quotes_are_judged_on_a_day_of_their_era() -> None:
    dated = [name for name in NAMES if "today" in EXPECTED[name]]
    assert len(dated) >= 2
    for name in dated:
        assert date.fromisoformat(EXPECTED[name]["today"]) >= date.fromisoformat(
            EXPECTED[name]["date_signature"]
        )


def test_every_expected_code_is_derived_from_a_cited_source() -> None:
    for name in NAMES:
        entry = EXPECTED[name]
        if entry["must"]:
            assert re.search(r"seed 00[02]|domain-facts|CONTRACT", entry["note"]), name


def test_the_twins_are_well_formed() -> None:
    assert len(TWINS) >= 10
    assert {spec["engine"] for spec in TWINS.values()} >= {"chromium", "reportlab", "fpdf_table"}
    for name, spec in TWINS.items():
        assert name in EXPECTED, name
        assert spec["engine"] in ENGINES, name
        assert set(spec) <= {"engine", "html", "header", "footer", "pages", "ligatures", "known_failure"}, (
            name
        )
        if spec["engine"] == "chromium":
            assert (HERE / spec["html"]).is_file(), name


# --- the PDF twins ---

_PDFS: dict[str, bytes] = {}


def make_twin(name: str, request: pytest.FixtureRequest) -> bytes:
    """The twin's PDF, made once per session (Chromium twins use the session's browser)."""
    if name not in _PDFS:
        spec = TWINS[name]
        browser = request.getfixturevalue("browser") if spec["engine"] == "chromium" else None
        _PDFS[name] = twin_pdf(HERE, name, spec, browser=browser)
    return _PDFS[name]


def twin_params(*, judged: bool) -> list[Any]:
    params = []
    for name, spec in sorted(TWINS.items()):
        marks: list[Any] = [pytest.mark.browser] if spec["engine"] == "chromium" else []
        if judged and "known_failure" in spec:
            marks.append(pytest.mark.xfail(reason=spec["known_failure"], strict=True))
        params.append(pytest.param(name, marks=marks, id=f"{name}-{spec['engine']}"))
    return params


def words(text: str) -> list[str]:
    """The tokens holding a digit (amounts, dates, numbers), the facts a PDF must keep."""
    return re.findall(r"\S*\d\S*", re.sub(r"[\u00a0\u202f]", " ", text))


@pytest.mark.parametrize("name", twin_params(judged=False))
def test_twin_is_a_real_pdf_with_the_quotes_text(name: str, request: pytest.FixtureRequest) -> None:
    # The maker itself, without the checker: every figure of the text quote is in the PDF's text layer.
    from pypdf import PdfReader

    data = make_twin(name, request)
    assert data.startswith(b"%PDF-")
    layer = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    layer = re.sub(r"\s+", " ", layer.replace("\u00a0", " ").replace("\u202f", " "))
    quote = (HERE / name).read_bytes().decode("utf-8")
    expected_words = [w.strip(".,;:()|") for w in words(quote)]
    missing = [w for w in expected_words if w and w not in layer]
    assert not missing, f"{name}: not in the PDF text: {missing[:10]}"


@pytest.mark.parametrize("name", twin_params(judged=True))
def test_twin_gets_the_same_report_as_its_text(name: str, request: pytest.FixtureRequest) -> None:
    segur_devis = api()
    text = (HERE / name).read_bytes().decode("utf-8")
    from_text = segur_devis.check_text(text, today=today(name))
    pdf_name = name.replace(".txt", ".pdf")
    from_pdf = segur_devis.check_bytes(make_twin(name, request), filename=pdf_name, today=today(name))
    message = f"{name}: pdf {describe(from_pdf)} / text {describe(from_text)}"
    assert from_pdf.verdict == from_text.verdict, message
    assert sorted(set(codes(from_pdf))) == sorted(set(codes(from_text))), message
