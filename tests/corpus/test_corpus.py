"""The checker against an independent corpus of whole quotes (the oracle is `expected.json`).

The quotes and their expected results were written from the seeds and contracts.md, without reading the
checker's code. Each quote must get its expected verdict, report every `must` code and none of the `must_not`
codes; evidence offsets must point into the text; the report must be deterministic; a PDF of a quote must get
the same verdict as its text.
"""

from __future__ import annotations

import io
import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pdfs import make_pdf

HERE = Path(__file__).parent
EXPECTED: dict[str, dict[str, Any]] = json.loads((HERE / "expected.json").read_text(encoding="utf-8"))
NAMES = sorted(EXPECTED)

# Severity of each catalogue code (contracts.md, "Rule catalogue").
SEVERITY = {
    **dict.fromkeys(["M01", "M02", "M03", "M06"], "error"),
    **dict.fromkeys(["M04", "M05"], "warning"),
    **dict.fromkeys(["P01", "P02", "P03", "P04", "P05", "P06", "F01", "C01"], "error"),
    **dict.fromkeys(["P07", "C02"], "info"),
    **dict.fromkeys(["K01", "K02", "K03", "A01", "A02"], "warning"),
}
VERDICTS = {"conforme", "a_verifier", "non_conforme", "non_reconnu"}
MONTHS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]

# Quotes rendered as PDFs (one per verdict), and the quote used for the 10-page PDF.
PDF_QUOTES = [
    "03_hop_dpi_conforme_tabulations.txt",
    "02_seed002_devis_non_conforme_bio_sgl.txt",
    "06_bio_sgl_clauses_du_seed.txt",
    "33_non_devis_plomberie.txt",
]
TEN_PAGE_QUOTE = "25_hop_pfi_multipage_typographie.txt"


def read_quote(name: str) -> str:
    # Bytes then decode: keeps CRLF line ends as they are, so offsets are checked on the exact text.
    return (HERE / name).read_bytes().decode("utf-8")


def api() -> Any:
    # Imported here, not at module level: a broken checker fails these tests instead of the whole collection.
    import segur_devis

    return segur_devis


def codes(report: Any) -> list[str]:
    return [finding.code for finding in report.findings]


def describe(report: Any) -> str:
    return ", ".join(f"{f.code}/{f.severity}" for f in report.findings) or "no findings"


# --- the corpus itself is well-formed (these do not need the checker) ---


def test_every_quote_has_an_expectation_and_back() -> None:
    on_disk = {p.name for p in HERE.glob("*.txt")}
    assert on_disk == set(EXPECTED)


@pytest.mark.parametrize("name", NAMES)
def test_expectation_is_consistent(name: str) -> None:
    entry = EXPECTED[name]
    assert entry["verdict"] in VERDICTS
    assert set(entry) <= {"verdict", "must", "must_not", "note", "date_signature", "c02_due"}
    assert entry["note"].strip()
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


def test_every_rule_fails_and_passes_somewhere() -> None:
    # Across the corpus, each catalogue code is demanded by at least one quote and forbidden by another.
    demanded = {code for entry in EXPECTED.values() for code in entry["must"]}
    forbidden = {code for entry in EXPECTED.values() for code in entry["must_not"]}
    assert set(SEVERITY) - demanded == set()
    assert set(SEVERITY) - forbidden == set()


def test_every_couloir_and_layout_is_covered() -> None:
    texts = {name: read_quote(name) for name in NAMES}
    joined = "\n".join(texts.values())
    for family in ["DPI", "PFI", "RI", "RIS", "SGL", "LGC", "LGO", "DUI"]:
        assert re.search(rf"\b{family}\b", joined), family
    assert any("\t" in t for t in texts.values()), "tabs"
    assert any("\r\n" in t for t in texts.values()), "CRLF"
    assert "\u00a0" in joined and "\u202f" in joined, "NBSP and narrow NBSP"
    assert "\ufb01" in joined and "Pres-\ntation" in joined, "ligature and hyphenation"
    assert "’" in joined and "'" in joined, "both apostrophes"
    assert "Page 1/3" in joined
    verdicts = {entry["verdict"] for entry in EXPECTED.values()}
    assert verdicts == VERDICTS


# --- the checker against the corpus ---


@pytest.mark.parametrize("name", NAMES)
def test_verdict(name: str) -> None:
    report = api().check_text(read_quote(name))
    assert report.verdict == EXPECTED[name]["verdict"], f"{name}: {describe(report)}"


@pytest.mark.parametrize("name", NAMES)
def test_must_codes_are_reported(name: str) -> None:
    report = api().check_text(read_quote(name))
    missing = [code for code in EXPECTED[name]["must"] if code not in codes(report)]
    assert not missing, f"{name}: missing {missing}; got {describe(report)}"


@pytest.mark.parametrize("name", NAMES)
def test_must_not_codes_are_absent(name: str) -> None:
    report = api().check_text(read_quote(name))
    unwanted = [code for code in EXPECTED[name]["must_not"] if code in codes(report)]
    assert not unwanted, f"{name}: unexpected {unwanted}; got {describe(report)}"


@pytest.mark.parametrize("name", NAMES)
def test_severities_follow_the_catalogue(name: str) -> None:
    report = api().check_text(read_quote(name))
    for finding in report.findings:
        if finding.code in SEVERITY:
            assert finding.severity == SEVERITY[finding.code], f"{name}: {finding.code}"


@pytest.mark.parametrize("name", NAMES)
def test_evidence_points_into_the_text(name: str) -> None:
    text = read_quote(name)
    report = api().check_text(text)
    for finding in report.findings:
        evidence = finding.evidence
        if evidence is None:
            continue
        assert 0 <= evidence.start <= evidence.end <= len(text), f"{name}: {finding.code} {evidence}"
        assert text[evidence.start : evidence.end] == evidence.text, f"{name}: {finding.code}"


@pytest.mark.parametrize("name", NAMES)
def test_report_is_deterministic_and_json_ready(name: str) -> None:
    text = read_quote(name)
    first = api().check_text(text).to_dict()
    second = api().check_text(text).to_dict()
    assert first == second
    assert json.loads(json.dumps(first, ensure_ascii=False)) == first


@pytest.mark.parametrize("name", [n for n in NAMES if "date_signature" in EXPECTED[n]])
def test_signature_date_fact(name: str) -> None:
    facts = api().check_text(read_quote(name)).to_dict()["facts"]
    assert facts.get("date_signature") == EXPECTED[name]["date_signature"]


@pytest.mark.parametrize("name", [n for n in NAMES if "c02_due" in EXPECTED[n]])
def test_conditional_order_gives_the_proof_deadline(name: str) -> None:
    due = date.fromisoformat(EXPECTED[name]["c02_due"])
    spellings = [
        due.isoformat(),
        due.strftime("%d/%m/%Y"),
        f"{due.day} {MONTHS[due.month - 1]} {due.year}",
        f"{due.day:02d} {MONTHS[due.month - 1]} {due.year}",
    ]
    report = api().check_text(read_quote(name))
    c02 = [f for f in report.to_dict()["findings"] if f["code"] == "C02"]
    assert c02, f"{name}: no C02; got {describe(report)}"
    said = " ".join(str(c02[0].get(key) or "") for key in ("title", "message"))
    said = re.sub(r"\s+", " ", said.replace("1er", "1"))
    assert any(s in said for s in spellings), f"{name}: C02 does not give {due}: {said!r}"


# --- PDFs of corpus quotes ---


@pytest.mark.parametrize("name", PDF_QUOTES)
def test_pdf_gets_the_same_verdict_as_the_text(name: str) -> None:
    segur_devis = api()
    text = read_quote(name)
    from_text = segur_devis.check_text(text)
    from_pdf = segur_devis.check_pdf(make_pdf(text), source=name.replace(".txt", ".pdf"))
    message = f"{name}: pdf {describe(from_pdf)} / text {describe(from_text)}"
    assert from_pdf.verdict == from_text.verdict, message


def test_ten_page_pdf_gets_the_same_verdict_as_the_text() -> None:
    from pypdf import PdfReader

    segur_devis = api()
    text = read_quote(TEN_PAGE_QUOTE)
    data = make_pdf(text, pages=10)
    assert len(PdfReader(io.BytesIO(data)).pages) == 10
    from_pdf = segur_devis.check_pdf(data, source="dix-pages.pdf")
    assert from_pdf.verdict == segur_devis.check_text(text).verdict == EXPECTED[TEN_PAGE_QUOTE]["verdict"]


def test_make_pdf_keeps_the_text_extractable() -> None:
    # The helper itself: accents, typographic apostrophes and NBSP survive a round trip through pypdf.
    from pypdf import PdfReader

    text = read_quote("10_pha_lgo_liste_versions_conforme.txt")
    data = make_pdf(text)
    assert data.startswith(b"%PDF-")
    extracted = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    for needle in ["Dénomination et version du logiciel", "l’État au titre du Ségur", "mise sur le marché"]:
        assert needle in extracted
    assert len(PdfReader(io.BytesIO(make_pdf(text, pages=3))).pages) == 3
