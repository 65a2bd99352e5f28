"""Fuzz targets: normalisation, amount and date parsing, line splitting, the whole checker, bytes and PDFs.

Every target states properties that must hold for any input: never an exception (other than the checker's
French InputError for unreadable files), every offset inside the text, the same answer twice. The number of
inputs comes from the Hypothesis profile (tests/hardening/conftest.py): brief under `make test`, long under
`make fuzz`.
"""

from __future__ import annotations

import json

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from support.pdf_makers import make_pdf
from support.quotes import SEEDS, fixture_text

from segur_devis import InputError, check_bytes, check_pdf, check_text
from segur_devis.amounts import find_amounts
from segur_devis.dates import find_dates
from segur_devis.formats import to_json, to_sarif, to_text
from segur_devis.normalize import fold
from segur_devis.quote import Quote

SEED_TEXTS = [fixture_text(path) for path in SEEDS]

# Pieces of real quotes and of what breaks parsers: typographic spaces, ligatures, combining marks, CRLF,
# surrogate-free astral characters, digits in odd places, bidi controls.
PIECES = [
    "Prestation Ségur ", "HOP-PFI-Va1", "BIO-SGLVa1", "MS-DUI-Va1", "PHA-LGO-Va1", "DPI", "RIS", "LGC",
    "8 560 €", "1 712€", "10 272,00 €", "3\u202f650,00\u00a0€", "4 380,00€", "€", "EUR", "HT", "TTC", "TVA 20 %",
    "Qté", "1", "0", "-12,5", "999999999999", "1.234,56", "1,234.56", ",", ".", "%", "€€", "0,0",
    "le 04/01/2022", "31/02/2023", "00/00/0000", "le 1er janvier 2024", "12 janvier 2023", "29/02/2024",
    "Fait à Lyon, le ", "signé le ", "sous condition de référencement", "rattrapage", "dette technologique",
    "Maintenance annuelle", "facturé directement au client final", "à la charge du client",
    "pris en charge par l’État", "Montant de la Prestation Ségur pris en charge par l’État au titre du Ségur",
    "SUN-ES", "MSSanté", "serveur", "option", "hors Ségur", "abonnement", "Numéro de référencement : ",
    "ﬁ", "ﬂ", "œ", "Œ", "e\u0301", "\u200b", "\u200e", "\u202e", "\ufeff", "\u2028", "\u0085", "\x0c",
    "\r\n", "\r", "\n", "\n\n", "\t", " ", "  ", "Pres-\ntation", "É", "ß", "İ", "ǅ", "𝟘", "😀", "\x00",
]  # fmt: skip
quote_like = st.lists(st.sampled_from(PIECES) | st.text(max_size=8), max_size=80).map("".join)
seed_mutant = st.tuples(
    st.sampled_from(SEED_TEXTS), st.integers(0, 10_000), st.integers(0, 400), quote_like
).map(lambda t: t[0][: t[1] % (len(t[0]) + 1)] + t[3] + t[0][t[1] % (len(t[0]) + 1) + t[2] :])
any_text = st.text(max_size=300) | quote_like | seed_mutant

# No deadline (a long generated quote may take a while on a loaded machine); the number of inputs comes from the
# profile in force, set before this module is imported.
fuzz = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


@fuzz
@given(any_text)
@example("")
@example("ﬁ" * 50 + "e\u0301" * 50)
def test_fold_offsets_map_inside_and_in_order(text: str) -> None:
    folded = fold(text)
    assert fold(text) == folded  # deterministic
    previous = 0
    for pos in range(len(folded.text) + 1):
        original = folded.to_original(pos)
        assert previous <= original <= len(text)
        previous = original
    start, end = folded.span(0, len(folded.text))
    assert 0 <= start <= end <= len(text)


@fuzz
@given(any_text)
def test_amounts_are_inside_the_text_and_not_negative(text: str) -> None:
    folded = fold(text).text
    amounts = find_amounts(folded)
    assert [a.value for a in find_amounts(folded)] == [a.value for a in amounts]
    previous_end = 0
    for amount in amounts:
        assert previous_end <= amount.start < amount.end <= len(folded)
        assert amount.value >= 0 and amount.value.is_finite()
        previous_end = amount.end


@fuzz
@given(any_text)
def test_dates_are_inside_the_text_in_order(text: str) -> None:
    folded = fold(text).text
    found = find_dates(folded)
    assert find_dates(folded) == found
    previous_end = 0
    for date_found in found:
        assert previous_end <= date_found.start < date_found.end <= len(folded)
        previous_end = date_found.end


@fuzz
@given(any_text)
def test_lines_tile_the_folded_text(text: str) -> None:
    quote = Quote(text)
    lines = quote.lines
    assert "\n".join(line.text for line in lines) == quote.folded_text
    for line in lines:
        assert quote.folded_text[line.start : line.end] == line.text
        assert all(line.start <= a.start < a.end <= line.end for a in line.amounts)
    for sentence_start, sentence_end in quote.sentences:
        assert 0 <= sentence_start <= sentence_end <= len(quote.folded_text)


def assert_sound_report(text: str) -> None:
    report = check_text(text)
    assert report.verdict in {"conforme", "a_verifier", "non_conforme", "non_reconnu"}
    assert report.summary.strip()
    read = report.text  # the text itself, or its visible encoding decoded (`segur_devis.mail`)
    for finding in report.findings:
        if finding.evidence:
            assert 0 <= finding.evidence.start <= finding.evidence.end <= len(read)
            assert read[finding.evidence.start : finding.evidence.end] == finding.evidence.text
    again = check_text(text)
    assert again.to_dict(include_text=True) == report.to_dict(include_text=True)  # deterministic
    json.loads(to_json([report]))
    json.loads(to_sarif([report], version="fuzz"))
    assert to_text(report)


@fuzz
@given(any_text)
def test_checker_never_raises_and_is_deterministic(text: str) -> None:
    assert_sound_report(text)


@fuzz
@given(st.binary(max_size=2000), st.sampled_from(["devis.txt", "devis.pdf", "devis", "DEVIS.PDF", "x.bin"]))
def test_any_bytes_give_a_report_or_a_french_input_error(data: bytes, name: str) -> None:
    try:
        report = check_bytes(data, filename=name)
    except InputError as error:
        assert str(error).strip() and "Traceback" not in str(error)
    else:
        assert report.verdict in {"conforme", "a_verifier", "non_conforme", "non_reconnu"}


PDF = make_pdf(SEED_TEXTS[0])


@fuzz
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["flip", "insert", "delete", "cut"]),
            st.integers(0, len(PDF)),
            st.binary(min_size=1, max_size=8),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_damaged_pdf_gives_a_report_or_a_french_input_error(edits: list[tuple[str, int, bytes]]) -> None:
    data = bytearray(PDF)
    for kind, pos, chunk in edits:
        pos %= len(data) + 1
        if kind == "flip":
            data[pos : pos + len(chunk)] = bytes(
                b ^ c for b, c in zip(data[pos : pos + len(chunk)], chunk, strict=False)
            )
        elif kind == "insert":
            data[pos:pos] = chunk
        elif kind == "delete":
            del data[pos : pos + len(chunk) * 64]
        else:
            del data[pos:]
    try:
        report = check_pdf(bytes(data))
    except InputError as error:
        assert str(error).strip()
    else:
        for finding in report.findings:
            if finding.evidence:
                assert report.text[finding.evidence.start : finding.evidence.end] == finding.evidence.text
