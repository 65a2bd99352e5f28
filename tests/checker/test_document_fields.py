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


# --- the fifth blind corpus: spreadsheet exports, OCR text, ISO dates --------------------------------------------

SEMICOLON_EXPORT = '''"Éditeur";"ORPHÉA SOLUTIONS SAS — 9 allée des Tanneurs, 67000 Strasbourg"
"Numéro";"OS-DV-26-1187"
"Date";"2026-10-06"
"Logiciel";"Orphéa Résidences v8.2"

"Ligne";"Désignation";"Quantité";"Prix unitaire HT";"Montant HT";"Financement"
"1";"Prestation Ségur MS-DUI-Va2 — droits d'utilisation";"1";"5200.00";"5200.00";"État (SONS)"
"2";"Prestation Ségur MS-DUI-Va2 — formation ""sur site""";"2";"475.00";"950.00";"État (SONS)"
"";"";"";"Total HT";"6150.00";""
"Signature";"Bon pour accord le 2026-10-15 — Mme Claire Muller, directrice"
'''
COMMA_EXPORT = """"PHARMALINK SAS, 27 cours Gambetta, 69003 Lyon"
"DEVIS","PLK-2026-00731"
"Désignation","Qté","PU HT","Total HT","Prise en charge"
"Prestation Ségur PHA-LGO-Va2, PharmaLink Officine 9.0 : droits d'utilisation","1","860.00","860.00","État"
"Total HT","","","860.00",""
"""


def test_a_semicolon_export_reads_as_a_table_with_its_header_fields() -> None:
    quote = Quote(SEMICOLON_EXPORT)
    assert quote.field_text("numero_devis") == "OS-DV-26-1187"
    assert quote.header_facts["editeur"] == "ORPHÉA SOLUTIONS SAS"
    assert quote.quote_date is not None and quote.quote_date.value == date(2026, 10, 6)
    assert quote.signature_date is not None and quote.signature_date.value == date(2026, 10, 15)
    (table,) = quote.tables
    assert [row.get("total_ht").value for row in table.rows if row.get("total_ht")][:2] == [5200, 950]
    assert [item.payer for item in quote.items][:2] == ["state", "state"]


def test_a_semicolon_export_without_quotes_reads_the_same() -> None:
    bare = SEMICOLON_EXPORT.replace('""sur site""', "sur site").replace('"', "").replace(".00", ",00")
    quote = Quote(bare)
    assert quote.field_text("numero_devis") == "OS-DV-26-1187"
    assert quote.signature_date is not None and quote.signature_date.value == date(2026, 10, 15)
    assert [item.total.value for item in quote.items if item.total][:2] == [5200, 950]
    assert [item.payer for item in quote.items][:2] == ["state", "state"]


def test_a_comma_export_reads_as_a_table_and_keeps_the_commas_inside_its_cells() -> None:
    quote = Quote(COMMA_EXPORT)
    assert quote.field_text("numero_devis") == "PLK-2026-00731"
    assert quote.header_facts["editeur"] == "PHARMALINK SAS"
    assert "pharmalink officine 9.0 : droits d'utilisation" in quote.items[0].label
    assert quote.items[0].total is not None and quote.items[0].total.value == 860


@pytest.mark.parametrize(
    "text",
    [
        # prose with a few quoted words and semicolons is no export
        'Le client dit "oui"; l\'éditeur "non"; la formation "sur site".\nDevis n° 12\n"Remarque" ; "texte"\n',
        # one record alone is not enough
        '"Désignation";"Qté"\nPrestation Ségur MDV-LGC-Va2   1   2 400,00 € HT\n',
        # a few glued semicolons in a quote's prose and lists
        "Devis n° 12\nFormation;installation;paramétrage\nOptions : A;B;C\nPrestation Ségur MDV-LGC-Va2\n"
        "Conditions générales de vente\nBon pour accord\nLe 12/10/2026\n",
    ],
)
def test_text_that_is_not_an_export_is_read_as_written(text: str) -> None:
    assert Quote(text).source == text


def test_the_export_views_keep_every_offset() -> None:
    for text in (SEMICOLON_EXPORT, COMMA_EXPORT, SEMICOLON_EXPORT.replace("\n", "\r\n")):
        source = Quote(text).source
        assert len(source) == len(text)
        assert [i for i, c in enumerate(text) if c not in '";,\t'] == [
            i for i, c in enumerate(source) if c not in '";,\t'
        ]


def test_an_export_is_checked_as_a_quote() -> None:
    report = check_text(SEMICOLON_EXPORT, today=TODAY)
    assert report.verdict != "non_reconnu"
    assert report.facts["date_signature"] == "2026-10-15"


OCR_SCAN = """DOMlCARE SOLUTlONS
2l avenue de Verdun - 87OOO Limoges

DEVlS N° DCS-2O26-0815
Limoges, le l9/10/2026

SSIAD du Haut-Limousin (FlNESS 870001234)
Prestation Sègur MS-DUl-Va2 - DomiCare Soins 4.2   5 6OO,OO € HT
TVA 2O %   1 120,00 €
SAS au capital de 80 OOO €
"""


def test_ocr_confusions_are_read_back_in_capitals_and_numbers() -> None:
    quote = Quote(OCR_SCAN)
    assert quote.field_text("numero_devis") == "DCS-2O26-0815"  # as written, for the reader to find it
    assert quote.fields["numero_devis"].value == "dcs-2026-0815"
    assert quote.quote_date is not None and quote.quote_date.value == date(2026, 10, 19)
    assert [m.code for m in quote.dsr] == ["MS-DUI-Va2"]
    assert [a.value for line in quote.lines for a in line.amounts][:2] == [5600, 1120]
    assert "devis n°" in quote.folded_text and "finess 870001234" in quote.folded_text
    assert "capital de 80 000" in quote.folded_text


@pytest.mark.parametrize(
    "words",
    [
        "l'État, la salle Lolita, Olivier, le module ISO 9001 et le CO2",
        "Devis DPls n° A-12 ; O ; l ; O/N",
        "OOO 12 rue Ol",
        "O1     Connecteur automate (option O2)",
    ],
)
def test_ocr_repair_never_turns_a_word_into_another(words: str) -> None:
    assert Quote(words).source == words
