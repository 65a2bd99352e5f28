"""The signature date: the date the client's own acceptance line carries, in the wordings vendors write."""

from __future__ import annotations

from datetime import date

import pytest

from segur_devis.quote import Quote

HEAD = "Devis n° SG-2026-0415 du 02/10/2026\nPrestation Ségur SGL-Va2   9 800,00 € HT\n"


@pytest.mark.parametrize(
    ("line", "signed"),
    [
        ("[Valider ma commande] Commande validée le 06/10/2026 par Dr H. Marchetti", date(2026, 10, 6)),
        ("Signature du client, date : 23/10/2026, Dr Marc Fontaine, gérant", date(2026, 10, 23)),
        ("Accord du praticien : le 15/10/2026, Dr J. Bastide", date(2026, 10, 15)),
        ("Accord du laboratoire le 07/10/2026 — Dr Pierre Aubert", date(2026, 10, 7)),
        ("Signé à Annecy le 10 février 2026, M. Bruno Chevalier, directeur", date(2026, 2, 10)),
        ("Accord, le 16/10/2026 — Mme Sarah Attal", date(2026, 10, 16)),
        ("Signature du biologiste responsable, le 26/10/2026 : Dr Erwan Guillou", date(2026, 10, 26)),
        ("Devis validé en ligne le 1er octobre 2026", date(2026, 10, 1)),
        ("Lu et approuvé, le 12/10/2026 — Mme C. Royer", date(2026, 10, 12)),
        ("Pour accord, le 13/10/2026", date(2026, 10, 13)),
        ("Visa du directeur : le 14/10/2026", date(2026, 10, 14)),
        ("Date d'acceptation : 15/10/2026", date(2026, 10, 15)),
        ("Commande passée le 06.11.2026 — pour le centre : Dr Amina Diallo", date(2026, 11, 6)),
        # a public buyer's acceptance
        ("Pour le pouvoir adjudicateur, à Dax, le 20/11/2025\nHervé Castaing, directeur", date(2025, 11, 20)),
        ("Le pouvoir adjudicateur : acceptation de l'offre, Saint-Flour, le 05/09/2025", date(2025, 9, 5)),
        # the client's « Bon pour accord » beside a « Fait à … le » dating the vendor's issue
        (
            "Fait à Bordeaux le 19/11/2026\nBon pour accord le 24/11/2026 — Dr Mathieu Lacaze",
            date(2026, 11, 24),
        ),
        # e-signature audit trails: the last signature event, not the certificate's validity
        (
            "Docusign — Certificat d'achèvement\nConsultée : 04/11/2026 | 21:15 — Signée : 05/11/2026 | 08:47",
            date(2026, 11, 5),
        ),
        (
            "02/11/2026 10:20:05 UTC — Document signé électroniquement par Marc Dutheil\n"
            "09/11/2026 16:42:07 UTC — Document signé électroniquement par Anne Ferrand\n"
            "Certificat de signature émis par Yousign SAS, valable du 09/11/2026 au 09/11/2029",
            date(2026, 11, 9),
        ),
        # a signing line, its date before or after the word
        ("Date : 23/10/2026      Signature et cachet :", date(2026, 10, 23)),
        ("Signature : ______________      Date : 24/10/2026", date(2026, 10, 24)),
        ("Le 25/10/2026, signature du client :", date(2026, 10, 25)),
        (
            "Lu et approuvé, pour la SELAS, le biologiste responsable : Dr A. Chaouche — le 18.11.2026",
            date(2026, 11, 18),
        ),
        ("Pour l'association, le directeur général — lu et approuvé le 29/10/2026", date(2026, 10, 29)),
        ("Accord du laboratoire, Dr Brun, biologiste responsable : le 17/11/2026", date(2026, 11, 17)),
        ("Signature du directeur de la clinique, précédée de la date : 28/11/2025", date(2025, 11, 28)),
        # a signature table in two columns, the vendor's date first: the client's column's (tabs or spaces)
        (
            "Pour le prestataire\tPour le client\nNom : Paul Vasseur, directeur commercial\tNom : Dr N. Benslimane\n"
            "Date : 10/11/2026\tDate : 17/11/2026\nSignature :\tSignature et cachet :",
            date(2026, 11, 17),
        ),
        (
            "Pour le client                      Pour l'éditeur\n"
            "Date : 17/11/2026                   Date : 19/11/2026",
            date(2026, 11, 17),
        ),
    ],
)
def test_the_clients_acceptance_line_gives_the_signature_date(line: str, signed: date) -> None:
    quote = Quote(HEAD + line + "\n")
    assert quote.signature_date is not None and quote.signature_date.value == signed


@pytest.mark.parametrize(
    "line",
    [
        # a sentence about another body's agreement, a date later on: not the client's acceptance
        "La prestation suppose l'accord de l'ARS, sollicité le 05/10/2026 par l'éditeur.",
        # an acceptance line left blank, a date further down that is the VA's
        "Signature du client, date :\nVA prononcée le 20/11/2026",
        # a validated VA is another document's date
        "VA validée le 20/11/2026",
        # the vendor's signature, the VA's report: not the client's
        "Signature de l'éditeur : 02/10/2026",
        "Signature de l'éditeur, le 02/10/2026",
        "Signature du PV de VA : 20/11/2026",
        # the formula to write, no date on its line; a two-column table whose client date is blank
        "Signature précédée de la mention « lu et approuvé »\nVA prononcée le 20/11/2026",
        "Pour le prestataire\tPour le client\nDate : 10/11/2026\tDate :\nSignature :\tSignature et cachet :",
        # a table of who does what, by task: its dates are the schedule's
        "Étape\tPour le prestataire\tPour le client\nRecette\t10/11/2026\t17/11/2026",
    ],
)
def test_no_signature_date_without_the_clients_acceptance(line: str) -> None:
    assert Quote(HEAD + line + "\n").signature_date is None


def test_a_past_orders_signature_recalled_before_the_quotes_date_is_not_its_signature() -> None:
    quote = Quote(
        "Devis n° EVE-26-0317 du 21/10/2026\n"
        "Rappel : vague 1 (DSR MS-DUI-Va1, bon de commande signé le 14/11/2023).\n"
        "Prestation Ségur DUI vague 2 — DSR MS-DUI-Va2   6 450,00 € HT\n"
        "Bon pour accord, le 30/10/2026 — M. Gilles Rouvière, directeur\n"
    )
    assert quote.signature_date is not None and quote.signature_date.value == date(2026, 10, 30)
    assert quote.vague == 2
