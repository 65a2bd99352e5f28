"""Property tests: the checker never raises, its offsets always point into the text, and it is deterministic."""

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from segur_devis import check_text
from segur_devis.amounts import find_amounts, format_euros
from segur_devis.dates import find_dates
from segur_devis.normalize import fold

# Fragments of real quotes, so that generated texts reach the parser's and the rules' deeper paths.
FRAGMENTS = [
    "Devis n° 2024-118\n", "Prestation Ségur HOP-PFI-Va1 ", "8 560 € ", "1 712€ ", "10 272€\n", "Qté ",
    "Prix unitaire HT ", "Total HT ", "Total TTC (TVA 20,00%) 4 380,00€\n", "Maintenance annuelle ",
    "facturé directement au client final", "à la charge de l’établissement :\n", "pris en charge par l’État",
    "Montant de la Prestation Ségur pris en charge par l’État au titre du Ségur", "signé le 04/01/2022",
    "Fait à Lyon, le 12 janvier 2023", "sous condition de référencement", "rattrapage", "serveur",
    "Boîtes aux lettres MSSanté", "SUN-ES", "MS-DUI-Va1", "PHA-LGO-Va1 ", "BIO-SGLVa1", "DPI", "LGC",
    "vérification d’aptitude avant le 30/11/2022", "ne saurait prétendre à la moindre indemnisation",
    "deviendront automatiquement dues par le Client", "Pres-\ntation", "ﬁnancement", "\u00a0", "\u202f",
    "\n", "\n\n", "\t", ". ", " ", "1 ", "3 650,00 €", "mise sur le marché", "option", "hors Ségur",
]  # fmt: skip
quote_like = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=12), max_size=60).map("".join)
any_text = st.text(max_size=400) | quote_like


def assert_consistent(text: str) -> None:
    report = check_text(text)
    assert report.verdict in {"conforme", "a_verifier", "non_conforme", "non_reconnu"}
    assert report.summary
    for f in report.findings:
        if f.evidence:
            assert 0 <= f.evidence.start <= f.evidence.end <= len(text)
            assert text[f.evidence.start : f.evidence.end] == f.evidence.text
    assert check_text(text).to_dict() == report.to_dict()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(any_text)
def test_checker_never_raises_and_offsets_stay_inside(text):
    assert_consistent(text)


@settings(max_examples=300, deadline=None)
@given(any_text)
def test_fold_maps_every_span_inside_the_original(text):
    folded = fold(text)
    previous = 0
    for pos in range(len(folded.text) + 1):
        original = folded.to_original(pos)
        assert 0 <= original <= len(text)
        assert original >= previous  # monotonic
        previous = original


@given(st.decimals(min_value=0, max_value=Decimal("99999999.99"), places=2))
def test_formatted_amounts_parse_back(value):
    assert [a.value for a in find_amounts(fold(format_euros(value)).text)] == [value]


@given(st.dates())
def test_written_dates_parse_back(day):
    if day.year >= 1000:
        assert [d.value for d in find_dates(day.strftime("le %d/%m/%Y"))] == [day]
