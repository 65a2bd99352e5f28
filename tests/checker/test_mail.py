"""A quote pasted raw from a mail client, quoted-printable left in, reads as the vendor wrote it; a quote that only
writes « = » is left as it is."""

from __future__ import annotations

from datetime import date

import pytest

from segur_devis import check_text
from segur_devis.mail import as_written

TODAY = date(2026, 11, 30)

QUOTED_PRINTABLE = """\
Objet : TR: Votre devis S=E9gur DUI - DMS-26-0912
> Suite =E0 notre rendez-vous, veuillez trouver ci-dessous notre devis.=20
> Cordialement

DEVIS N=B0 DMS-26-0912 du 05/10/2026
Client : EHPAD Les Tilleuls, 45000 Orl=C3=A9ans - FINESS 450001234
Logiciel : DomiSoft Care version 6.2
Num=E9ro de r=E9f=E9rencement ANS : MS-DUI-VA2-2026-0088
Base de calcul du bar=E8me : forfait EHPAD de 40 =E0 99 places
Versions mises =E0 jour sans reste =E0 charge (date de mise sur le march=E9) : DomiSoft Care 5.4 (12/01/2022),=20
DomiSoft Care 6.0 (03/04/2024), DomiSoft Care 6.1 (20/0=
2/2025)
Prestation S=E9gur DUI vague 2 (DSR REM-MS-DUI-Va2) - 1 x 9 600,00 =E2=82=AC HT - pay=E9 par l'=C9tat
Montant de la Prestation S=E9gur pris en charge par l'=C9tat au titre du S=E9gur : 9 600,00 =80 HT
Reste =E0 charge de l'=E9tablissement : 0,00 =E2=82=AC
Total HT 9 600,00 / TVA 20 % 1 920,00 / Total TTC 11 520,00
Bon pour accord, le 09/10/2026, Mme Claire Royer, directrice
"""


def test_quoted_printable_is_decoded_in_either_charset_and_its_wrapped_lines_joined() -> None:
    text = as_written(QUOTED_PRINTABLE)
    assert "Votre devis Ségur DUI" in text and "DEVIS N° DMS-26-0912" in text
    assert "Orléans" in text  # UTF-8 bytes
    assert "9 600,00 € HT - payé par l'État" in text  # € in UTF-8
    assert "9 600,00 € HT\nReste à charge" in text  # € in Windows-1252
    # « =20 » then a line break (format=flowed) and « = » ending a line: one line again
    assert "(12/01/2022), DomiSoft Care 6.0 (03/04/2024), DomiSoft Care 6.1 (20/02/2025)\n" in text
    # a « > » reply line stays its own line
    assert "devis. \n> Cordialement" in text


def test_a_quote_pasted_from_a_mail_client_is_checked_as_written() -> None:
    report = check_text(QUOTED_PRINTABLE, today=TODAY)
    assert report.verdict == "conforme", [f.code for f in report.findings]
    assert "Prestation Ségur" in report.text  # what the reader sees, and where the excerpts point


@pytest.mark.parametrize(
    "text",
    [
        # « = » in a plain quote: a sum, a formula, a code (« =A0 » once, not an encoding)
        "Devis n° 12 — Total = 1 200,00 € HT\nTVA=20%\nRéf=A01-B\nRemise =E9quivalente (sic)\n",
        # two encoded-looking letters only: not enough to decide the text is encoded
        "Devis n° 12 =E9 =E8\nligne =\nsuite\n",
    ],
)
def test_a_text_that_is_not_quoted_printable_is_left_as_it_is(text: str) -> None:
    assert as_written(text) == text


SHOWN_AS_1252 = "Prestation Ségur — n° DV-26-12 — 9 600,00 € HT — payé par l’État, « sans reste à charge »\n"


def test_utf8_shown_as_windows_1252_is_read_back() -> None:
    shown = SHOWN_AS_1252.encode("utf-8").decode("cp1252")
    assert "SÃ©gur" in shown and "â‚¬" in shown  # as a mis-set page shows it
    assert as_written(shown) == SHOWN_AS_1252


@pytest.mark.parametrize(
    "text",
    [
        # French written right, with « â », « à », « Â » beside symbols: never taken for an encoding
        "Château, pâte, âge ; payable à\xa0réception ; « Â° » ; Ã© une fois\n",
        SHOWN_AS_1252,
    ],
)
def test_text_in_its_right_encoding_is_left_as_it_is(text: str) -> None:
    assert as_written(text) == text


def test_a_quote_shown_in_the_wrong_encoding_gets_the_report_of_the_right_one() -> None:
    right = as_written(QUOTED_PRINTABLE)
    shown = right.encode("utf-8").decode("cp1252")
    codes = [f.code for f in check_text(shown, today=TODAY).findings]
    assert codes == [f.code for f in check_text(right, today=TODAY).findings] == ["C03"]
