"""C rules: dates of the order against the SONS calendar (seed 002 « Éléments de calendrier », later sources)."""

from __future__ import annotations

from collections.abc import Iterator

from segur_devis.dates import format_date
from segur_devis.deadlines import proofs_due, signed_too_late
from segur_devis.quote import Quote
from segur_devis.reference import couloirs
from segur_devis.rules.base import Hit, rule


@rule(
    "C01",
    "error",
    "Commande signée après la date limite du couloir",
    fix="""
        Vérifiez la date limite de dépôt des commandes de votre couloir et de votre vague sur le calendrier : une
        commande signée après cette date ne peut plus être financée au titre de ce dispositif.
    """,
    source="seed-002",
    locator="Éléments de calendrier (dates limites de dépôt des commandes), mises à jour par les sources officielles",
    bad="""
        Devis n° 5 — Prestation Ségur MDV-LGC-Va1   2 400 € HT
        Bon pour accord, signé le 15/01/2023
    """,
    good="""
        Devis n° 5 — Prestation Ségur MDV-LGC-Va1   2 400 € HT
        Bon pour accord, signé le 15/10/2022
    """,
)
def signed_after_deadline(quote: Quote) -> Iterator[Hit]:
    """
    Le financement n’est possible que pour les commandes passées avant la fermeture du guichet de l’ASP pour le
    couloir et la vague concernés. Une commande signée plus tard ne sera pas prise en charge par l’État, et
    l’éditeur pourrait vous en réclamer le montant.
    """
    if quote.couloir is None or quote.vague is None:
        return
    # A quote cannot be signed before it is issued: its own date bounds the signature from below.
    found = quote.signature_date or quote.quote_date
    if found is None:
        return
    deadline = signed_too_late(quote.couloir, quote.vague, found.value)
    if deadline:
        label = couloirs()[quote.couloir]["label"]
        yield Hit(
            f"Commande datée du {format_date(found.value)}, après la date limite des commandes du couloir {label} "
            f"(vague {quote.vague}) : {format_date(deadline.date)} ({deadline.source}).",
            (found.start, found.end),
        )


@rule(
    "C02",
    "info",
    "Commande sous condition de référencement : délai de 120 jours",
    fix="""
        Notez la date limite : l’éditeur doit avoir déposé à l’ANS le dossier complet de preuves de conformité au plus
        tard 120 jours calendaires après la signature, sinon la commande n’est pas valable.
    """,
    source="seed-002",
    locator="Éléments de calendrier (cf. §4.4 des AF)",
    bad="""
        Devis n° 9 — Prestation Ségur RAD-RIS-Va1   9 400 € HT
        Bon de commande conditionné à l’obtention par le logiciel du référencement ANS. Signé le 04/01/2022.
    """,
    good="""
        Devis n° 9 — Prestation Ségur RAD-RIS-Va1   9 400 € HT
        Numéro unique de référencement (délivré par l’ANS) : 12abc3d45e. Signé le 04/01/2022.
    """,
)
def conditional_order_deadline(quote: Quote) -> Iterator[Hit]:
    """
    Une commande passée avant le référencement du logiciel n’est finançable que si l’éditeur envoie à l’ANS le
    dossier complet de preuves de conformité dans les 120 jours calendaires qui suivent la signature. Connaître
    cette date vous permet de suivre le projet.
    """
    clause = quote.conditional_clause
    if clause is None:
        return
    signed = quote.signature_date
    if signed is None:
        yield Hit(
            "Commande conditionnée au référencement : l’éditeur doit déposer le dossier complet de preuves à l’ANS "
            "dans les 120 jours qui suivent la signature.",
            (clause.start(), clause.end()),
        )
        return
    yield Hit(
        f"Commande conditionnée au référencement, signée le {format_date(signed.value)} : le dossier complet de "
        f"preuves doit être déposé à l’ANS au plus tard le {format_date(proofs_due(signed.value))}.",
        (clause.start(), clause.end()),
    )
