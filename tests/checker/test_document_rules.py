"""What the document model changes in the verdicts: texts about Ségur that are not quotes, DRIMbox hardware, and
the header facts of the report."""

from __future__ import annotations

from datetime import date

import pytest

from segur_devis import check_text
from segur_devis.reference import load

TODAY = date(2026, 11, 30)


@pytest.mark.parametrize(
    "text",
    [
        # a vendor's newsletter
        "La lettre de MédiLogic — novembre 2026\nSégur vague 2 : ce qui change\n"
        "Le DSR MS-DUI-Va2 est désormais ouvert. Le forfait peut atteindre 12 000 € par établissement.\n"
        "Pour le couloir hôpital (HOP-DPI-Va2), les montants vont jusqu'à 45 000,00 €.\n",
        # an email
        "Bonjour Madame,\nSuite à notre échange, vous recevrez notre devis Ségur pour le DSR PHA-LGO-Va2 la semaine"
        " prochaine. Le financement SONS couvre la mise à jour, environ 875 € par officine.\nCordialement,\n",
        # a guide
        "Guide : comprendre le financement SONS\nLa Prestation Ségur (par exemple DSR-HOP-PFI-Va1) est prise en "
        "charge par l’État. Un devis doit porter la mention obligatoire. Le plafond est de 8 560 € HT.\n",
        # a report of the order's later life, with a client, a DSR and an amount
        "PROCÈS-VERBAL DE VÉRIFICATION D'APTITUDE\nÉtablissement : EHPAD Les Tilleuls\n"
        "Dispositif : SONS MS-DUI-Va2 — Prestation Ségur\nMontant de la prestation réalisée : 9 800,00 € HT, "
        "réglé par l'État.\n",
    ],
)
def test_texts_about_segur_that_are_not_quotes(text: str) -> None:
    assert check_text(text, today=TODAY).verdict == "non_reconnu"


def test_a_short_priced_quote_is_still_a_quote() -> None:
    report = check_text("Prestation Ségur HOP-PFI-Va1 prise en charge par l’État   8 560 € HT\n", today=TODAY)
    assert report.verdict != "non_reconnu"


DRIMBOX = """DEVIS n° IMG-2026-12 du 02/11/2026
Montant de la Prestation Ségur pris en charge par l’État au titre du Ségur
Désignation	Qté	PU HT	Total HT
Prestation Ségur SONS-IMG-DB-va2 : DRIMbox et serveur de la DRIMbox	1	18 000,00	18 000,00
"""


def test_p06_flags_hardware_in_the_state_part() -> None:
    hospital = DRIMBOX.replace(
        "SONS-IMG-DB-va2 : DRIMbox et serveur de la DRIMbox", "HOP-PFI-Va2 : PFI et serveur"
    )
    assert "P06" in check_text(hospital, select=["P06"], today=TODAY).codes


def test_p06_spares_hardware_when_the_state_pays_it() -> None:
    # reference.json marks the DRIMbox with state_pays_hardware (domain-facts: the State pays its hardware).
    assert any(d.get("state_pays_hardware") for d in [*load()["dsr"], *load()["couloirs"]])
    assert "P06" not in check_text(DRIMBOX, select=["P06"], today=TODAY).codes
    mailboxes = DRIMBOX.replace("serveur de la DRIMbox", "boîtes aux lettres MSSanté")
    assert "P06" in check_text(mailboxes, select=["P06"], today=TODAY).codes


def test_report_facts_from_the_header_and_totals() -> None:
    text = """DEVIS n° ML-2026-0412 du 14/10/2026
MédiLogic SAS — 12 rue des Lilas, 69003 Lyon
Client : EHPAD Les Tilleuls
Dénomination et version du logiciel : TilleulSoft DUI 5.4
Numéro unique de référencement de la solution logicielle (délivré par l’ANS) : RS-2026-00871
Montant de la Prestation Ségur pris en charge par l’État au titre du Ségur
Prestation Ségur MS-DUI-Va2   1   9 800,00 €   9 800,00 €
Total HT 9 800,00 € — TVA 1 960,00 € — Total TTC 11 760,00 €
Reste à charge de l’établissement : 0,00 €
"""
    facts = check_text(text, today=TODAY).to_dict()["facts"]
    assert {k: facts.get(k) for k in ("numero_devis", "editeur", "logiciel", "version_logiciel")} == {
        "numero_devis": "ML-2026-0412",
        "editeur": "MédiLogic SAS",
        "logiciel": "TilleulSoft DUI",
        "version_logiciel": "5.4",
    }
    assert facts["numero_referencement"] == "RS-2026-00871"
    assert facts["client"] == "EHPAD Les Tilleuls"
    assert (facts["total_ht"], facts["total_ttc"], facts["reste_a_charge"]) == (
        "9 800,00",
        "11 760,00",
        "0,00",
    )
    assert facts["date_devis"] == "2026-10-14"
