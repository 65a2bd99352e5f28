"""Header fields in the layouts of the fourth blind corpus: one cell per line, abbreviated labels in capitals, two
fields on one line, a letter's subject line; and what a document is (a letter with a block for the client to sign)."""

from __future__ import annotations

from datetime import date

import pytest

from segur_devis import check_text
from segur_devis.quote import Quote

TODAY = date(2026, 11, 30)

# Text copied from a PDF viewer one cell per line: each label, then its value on the next line.
ONE_CELL_PER_LINE = """MEDISYS HÔPITAL
Proposition commerciale
Référence
MSH-DPI-25-0633
Émise le
08/10/2025
Établissement
Centre hospitalier de Lodève
Logiciel référencé
Medisys DPI 9
N° réf. ANS
HOP-DPI-VA2-2025-0102
"""


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("numero_devis", "MSH-DPI-25-0633"),
        ("client", "Centre hospitalier de Lodève"),
        ("logiciel", "Medisys DPI 9"),
        ("numero_referencement", "HOP-DPI-VA2-2025-0102"),
    ],
)
def test_one_cell_per_line_labels_take_the_next_line(key: str, value: str) -> None:
    assert Quote(ONE_CELL_PER_LINE).field_text(key) == value


@pytest.mark.parametrize(
    "text",
    [
        "N° REF. ANS (numero unique de reference delivre par l'ANS) : HOP-PFI-VA2-2024-0015\n",
        "N° REF. ANS : HOP-DPI-VA2-2025-0088\n",
        # a letter printed to PDF: the prose wraps between the label and the number
        "(numéro unique de référencement délivré par l'ANS :\nMDV-LGC-PARA-VA2-2026-0042).\n",
    ],
)
def test_abbreviated_and_glossed_referencing_labels(text: str) -> None:
    assert Quote(text).fields["numero_referencement"].value[-4:].isdigit()


def test_a_value_ends_where_the_next_label_on_its_line_starts() -> None:
    quote = Quote("Logiciel : Officinal 12.4 N° réf. ANS : PHA-LGO-VA2-2026-0057\n")
    assert quote.field_text("logiciel") == "Officinal 12.4"
    assert quote.field_text("numero_referencement") == "PHA-LGO-VA2-2026-0057"


def test_a_client_word_as_a_complement_is_no_client_label() -> None:
    quote = Quote("Pharmacie du Canal\nReste à charge de la pharmacie : 0,00 €\n")
    assert "client" not in quote.fields


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("DEVIS DRIMBOX — N° P1-DB-0062\n", "P1-DB-0062"),
        ("PROPOSITION DE PRESTATION N° CSI/DPI/2025/0788\n", "CSI/DPI/2025/0788"),
        ("Devis Ségur vague 2 — DRIMbox — réf. IMP-2026-0087\n", "IMP-2026-0087"),
        ("Numéro de la proposition / du bon de commande : NXS-2022-0640\n", "NXS-2022-0640"),
        ("Référence : MSH-DPI-25-0633.\n", "MSH-DPI-25-0633"),
    ],
)
def test_a_quote_number_after_its_title_further_on_the_line(text: str, number: str) -> None:
    assert Quote(text).field_text("numero_devis") == number


@pytest.mark.parametrize(
    ("text", "software", "version"),
    [
        ("Logiciel : LaboSoft SGL, version 8.4\n", "LaboSoft SGL", "8.4"),
        ("Logiciel\nMedialis Résidences\nVersion\n8.4\n", "Medialis Résidences", "8.4"),
    ],
)
def test_software_and_version_facts(text: str, software: str, version: str) -> None:
    facts = Quote("EDITEUR\n" + text).header_facts
    assert (facts["logiciel"], facts["version_logiciel"]) == (software, version)


def test_a_letters_subject_gives_the_quote_number() -> None:
    quote = Quote("Objet : proposition PS-PFI-2025-0918 — Prestation Ségur vague 2\n")
    assert quote.field_text("numero_devis") == "PS-PFI-2025-0918"


@pytest.mark.parametrize(
    ("software", "version"),
    [
        ("Axiome DUI 2026 R2", "2026 R2"),
        ("Imagis RIS 15", "15"),
        ("INTERLINK PFI - VERS. 7.4", "7.4"),
        ("TilleulSoft DUI v5.4", "5.4"),
    ],
)
def test_a_version_at_the_end_of_the_software_name(software: str, version: str) -> None:
    text = f"Devis n° 2024-118\nLogiciel : {software}\n"
    assert Quote(text).header_facts["version_logiciel"] == version
    assert "M02" not in check_text(text + "Prestation Ségur HOP-PFI-Va2 : 8 560 € HT\n", today=TODAY).codes


@pytest.mark.parametrize(
    "software", ["MediSys DPI", "MediSys DPI (dernière version)", "MediSys DPI vague 2", "15"]
)
def test_a_name_without_a_version_still_lacks_one(software: str) -> None:
    text = f"Devis n° 2024-118\nLogiciel : {software}\nPrestation Ségur HOP-PFI-Va2 : 8 560 € HT\n"
    assert "M02" in check_text(text, select=["M02"], today=TODAY).codes


LETTER = """Monsieur le Directeur,

Nous vous proposons la mise à jour de votre plateforme Passerelle PFI vers la version 6.2, référencée Ségur. Il
s'agit de la Prestation Ségur vague 2 du DSR HOP-PFI-Va2. Le montant de la prestation s'élève à 29 800,00 € HT.

Nous vous prions d'agréer, Monsieur le Directeur, l'expression de notre considération distinguée.

Bon pour accord, le 06/10/2025
"""


def test_a_letter_with_a_price_in_prose_and_a_block_to_sign_is_a_quote() -> None:
    report = check_text(LETTER, select=["C01"], today=TODAY)
    assert report.verdict != "non_reconnu"
    assert report.codes == ["C01"]  # signed after the PFI vague 2 closing of 17/09/2025


@pytest.mark.parametrize(
    "block",
    [
        "Lu et approuvé",
        "Pour accord :",
        "Date, signature et cachet du client :",
        "Le client (date, cachet et signature) :",
        "Signature du client précédée de la mention « Bon pour accord » :",
    ],
)
def test_other_blocks_to_sign(block: str) -> None:
    text = LETTER.replace("Bon pour accord, le 06/10/2025", block)
    assert check_text(text, today=TODAY).verdict != "non_reconnu"


@pytest.mark.parametrize(
    "end", ["", "Cordialement,", "Pensez à signer le bon de commande avant la fin du mois."]
)
def test_a_letter_without_a_block_to_sign_is_still_no_quote(end: str) -> None:
    text = LETTER.replace("Bon pour accord, le 06/10/2025", end)
    assert check_text(text, today=TODAY).verdict == "non_reconnu"


@pytest.mark.parametrize(
    ("text", "key", "value"),
    [
        ("N/Réf. : DV-2025-12\n", "numero_devis", "DV-2025-12"),
        ("Nos réf. : DV-2025-12\n", "numero_devis", "DV-2025-12"),
        ("DEVIS\nN° DV-2025-12\n", "numero_devis", "DV-2025-12"),
        ("Référencement Ségur n° : HOP-1234\n", "numero_referencement", "HOP-1234"),
        ("N° de référencement Ségur : HOP-1234\n", "numero_referencement", "HOP-1234"),
        ("Identifiant ANS : HOP-1234\n", "numero_referencement", "HOP-1234"),
        ("Réf. ANS : HOP-1234\n", "numero_referencement", "HOP-1234"),
        ("Logiciel concerné : Xyz 4.2\n", "logiciel", "Xyz 4.2"),
        ("Dénomination commerciale : Xyz 4.2\n", "logiciel", "Xyz 4.2"),
        ("Logiciel et version : Xyz 4.2\n", "logiciel", "Xyz 4.2"),
    ],
)
def test_more_spellings_of_the_header_labels(text: str, key: str, value: str) -> None:
    assert Quote("EDITEUR\n" + text).field_text(key) == value


@pytest.mark.parametrize("line", ["12/03/2026", "2026", "Madame, Monsieur,"])
def test_a_title_alone_takes_no_date_nor_bare_number_as_its_number(line: str) -> None:
    assert "numero_devis" not in Quote(f"EDITEUR\nDEVIS\n{line}\n").fields


def test_a_version_in_brackets_after_the_name() -> None:
    facts = Quote("EDITEUR\nLogiciel : MédiCab 2026 (version 26.3)\n").header_facts
    assert (facts["logiciel"], facts["version_logiciel"]) == ("MédiCab 2026", "26.3")
