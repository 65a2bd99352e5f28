"""Bad input gets a clear French answer, never a traceback."""

import pytest

from segur_devis import InputError, check_bytes, check_text


@pytest.mark.parametrize("text", ["", "   \n\t  ", "\u00a0\u202f"])
def test_empty_text_is_not_recognized(text):
    report = check_text(text)
    assert report.verdict == "non_reconnu"
    assert "vide" in report.summary


@pytest.mark.parametrize(
    "text",
    [
        "Bonjour, la réunion sur le Ségur est déplacée à jeudi 14 h. Bonne journée.",
        "Pâte à crêpes : 250 g de farine, 4 œufs, 50 cl de lait. Cuire 2 minutes.",
        "Devis plomberie n° 45 : remplacement d’un chauffe-eau 1 250,00 € HT, main d’œuvre 300 € HT.",
    ],
)
def test_non_quotes_are_not_recognized(text):
    report = check_text(text)
    assert report.verdict == "non_reconnu"
    assert report.findings == []
    assert "ne ressemble pas" in report.summary


def test_binary_bytes_raise_a_french_input_error():
    with pytest.raises(InputError, match="ni un texte ni un PDF"):
        check_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, filename="photo.png")


def test_huge_text_finishes_and_is_checked():
    unit = "Prestation Ségur HOP-PFI-Va1 8 560 € 1 712€ 10 272€\nLigne de texte sans importance.\n"
    report = check_text(unit * 20_000)  # ~1.7 MB
    assert report.verdict in {"non_conforme", "a_verifier", "conforme"}


def test_text_beyond_the_limit_is_refused_clearly():
    from segur_devis.extract import MAX_TEXT_CHARS

    with pytest.raises(InputError, match="trop long"):
        check_text("a" * (MAX_TEXT_CHARS + 1))
