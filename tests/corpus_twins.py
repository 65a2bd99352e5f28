"""The checks every corpus with PDF twins gets: a `twins.json` naming quotes of the folder and the real engine
(Chromium print to PDF of a stored HTML page, reportlab, fpdf2) that makes each one's PDF in the test.

Shared by the blind corpora (`tests/corpus_blind/`, `tests/corpus_blind2/`): each test module calls
`twin_tests(folder, at_least=N)` and puts the result in its namespace. A twin's expectation is its text quote's:
the PDF must carry every figure of the text and get the same verdict and codes. A twin whose report is known to
differ from its text's carries `"known_failure"` (a strict expected failure, removed the day it is fixed).
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from corpus_oracle import DEFAULT_TODAY, api, codes, describe, load_expected
from support.pdf_makers import ENGINES, load_twins, twin_pdf

TwinPages = Callable[[str], list[str]]  # what the `twin_pages` fixture gives: a twin's name → its pages' text
TWIN_KEYS = {"engine", "html", "header", "footer", "pages", "ligatures", "known_failure"}


def words(text: str) -> list[str]:
    """The tokens holding a digit (amounts, dates, numbers), the facts a PDF must keep."""
    return re.findall(r"\S*\d\S*", re.sub(r"[\u00a0\u202f]", " ", text))


def twin_tests(folder: Path, *, at_least: int) -> dict[str, Callable[..., Any]]:
    """The test functions for the twins of `folder` (at least `at_least` of them), `make_twin`, and the fixture
    `twin_pages` for a module's own twin checks."""
    EXPECTED = load_expected(folder)
    TWINS = load_twins(folder)
    PDFS: dict[str, bytes] = {}

    def today(name: str) -> date:
        entry = EXPECTED[name]
        return date.fromisoformat(entry["today"]) if "today" in entry else DEFAULT_TODAY

    def make_twin(name: str, request: pytest.FixtureRequest) -> bytes:
        """The twin's PDF, made once per session (Chromium twins use the session's browser)."""
        if name not in PDFS:
            spec = TWINS[name]
            browser = request.getfixturevalue("browser") if spec["engine"] == "chromium" else None
            PDFS[name] = twin_pdf(folder, name, spec, browser=browser)
        return PDFS[name]

    @pytest.fixture
    def twin_pages(request: pytest.FixtureRequest) -> Callable[[str], list[str]]:
        """For a module's own twin checks: the text layer of each page of a twin, white space folded."""
        from pypdf import PdfReader

        def pages(name: str) -> list[str]:
            reader = PdfReader(io.BytesIO(make_twin(name, request)))
            return [re.sub(r"\s+", " ", page.extract_text()) for page in reader.pages]

        return pages

    def twin_params(*, judged: bool) -> list[Any]:
        params = []
        for name, spec in sorted(TWINS.items()):
            marks: list[Any] = [pytest.mark.browser] if spec["engine"] == "chromium" else []
            if judged and "known_failure" in spec:
                marks.append(pytest.mark.xfail(reason=spec["known_failure"], strict=True))
            params.append(pytest.param(name, marks=marks, id=f"{name}-{spec['engine']}"))
        return params

    def test_the_twins_are_well_formed() -> None:
        assert len(TWINS) >= at_least
        assert {spec["engine"] for spec in TWINS.values()} >= {"chromium", "reportlab", "fpdf_table"}
        for name, spec in TWINS.items():
            assert name in EXPECTED, name
            assert spec["engine"] in ENGINES, name
            assert set(spec) <= TWIN_KEYS, name
            if spec["engine"] == "chromium":
                assert (folder / spec["html"]).is_file(), name

    @pytest.mark.parametrize("name", twin_params(judged=False))
    def test_twin_is_a_real_pdf_with_the_quotes_text(name: str, request: pytest.FixtureRequest) -> None:
        # The maker itself, without the checker: every figure of the text quote (amounts, dates, numbers) is in the
        # PDF's text layer, so the twin says what its text says.
        from pypdf import PdfReader

        data = make_twin(name, request)
        assert data.startswith(b"%PDF-")
        layer = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
        layer = re.sub(r"\s+", " ", layer.replace("\u00a0", " ").replace("\u202f", " "))
        quote = (folder / name).read_bytes().decode("utf-8")
        expected_words = [w.strip(".,;:()|") for w in words(quote)]
        missing = [w for w in expected_words if w and w not in layer]
        assert not missing, f"{name}: not in the PDF text: {missing[:10]}"

    @pytest.mark.parametrize("name", twin_params(judged=True))
    def test_twin_gets_the_same_report_as_its_text(name: str, request: pytest.FixtureRequest) -> None:
        segur_devis = api()
        text = (folder / name).read_bytes().decode("utf-8")
        from_text = segur_devis.check_text(text, today=today(name))
        pdf_name = name.replace(".txt", ".pdf")
        from_pdf = segur_devis.check_bytes(make_twin(name, request), filename=pdf_name, today=today(name))
        message = f"{name}: pdf {describe(from_pdf)} / text {describe(from_text)}"
        assert from_pdf.verdict == from_text.verdict, message
        assert sorted(set(codes(from_pdf))) == sorted(set(codes(from_text))), message

    return {
        "make_twin": make_twin,
        "twin_pages": twin_pages,
        "test_the_twins_are_well_formed": test_the_twins_are_well_formed,
        "test_twin_is_a_real_pdf_with_the_quotes_text": test_twin_is_a_real_pdf_with_the_quotes_text,
        "test_twin_gets_the_same_report_as_its_text": test_twin_gets_the_same_report_as_its_text,
    }
