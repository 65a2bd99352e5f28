"""« Ce que l’outil n’a pas pu vérifier »: for one quote, the French sentences of what was out of reach.

A « conforme » verdict only says no rule found a problem; these sentences keep it from reading as an approval.
"""

from __future__ import annotations

from segur_devis.quote import Quote
from segur_devis.reference import couloirs
from segur_devis.rules.calendar import quote_judgement

NOT_AN_APPROVAL = (
    "L’accord de financement : « conforme » veut seulement dire que l’outil n’a trouvé aucun écart aux règles "
    "qu’il vérifie. Seuls l’ANS et l’ASP valident un dossier et versent le financement."
)
REFERENCING = (
    "Le numéro de référencement : l’outil vérifie qu’il est présent et bien formé, pas qu’il figure sur la liste "
    "des logiciels référencés publiée par l’ANS (esante.gouv.fr), qui n’existe pas sous une forme lisible par "
    "un programme."
)
ONE_PER_ESTABLISHMENT = (
    "Votre droit au financement : une seule Prestation Ségur est financée par établissement et par dispositif "
    "(un seul PFI par FINESS) ; l’outil ne sait pas si votre établissement en a déjà bénéficié."
)


def _ceiling(quote: Quote) -> str:
    if quote.couloir == "hopital" and quote.vague == 2:
        where = "pour un hôpital en vague 2, il est donné par la « Base des ES éligibles » de l’ANS"
    else:
        where = "il dépend de votre établissement et de barèmes que l’outil ne peut pas lire pour ce couloir"
    return (
        "Le plafond du forfait (montant maximal pris en charge par l’État) : " + where + " ; comparez-le au "
        "montant du devis avec votre éditeur."
    )


def _calendar(quote: Quote) -> list[str]:
    if quote.couloir is None and quote.vague is None:
        return ["Les dates limites : ni le couloir ni la vague du devis n’ont été reconnus."]
    if quote.vague is None:
        label = couloirs()[quote.couloir]["label"] if quote.couloir else "ce couloir"
        return [
            f"Les dates limites : la vague du devis ({label}) n’a pas été reconnue ; indiquez-la (Va1 ou Va2) "
            "ou vérifiez le calendrier."
        ]
    verdict = quote_judgement(quote)
    if verdict is None or not verdict.unknown:
        return []
    names = " ; ".join(w.title for w in verdict.unknown)
    return [
        f"La date limite des commandes pour {names} : elle n’est pas publiée dans les sources consultées."
    ]


def not_checked(quote: Quote) -> list[str]:
    """What the tool could not check for this quote, in plain French, most specific first."""
    return [*_calendar(quote), _ceiling(quote), REFERENCING, ONE_PER_ESTABLISHMENT, NOT_AN_APPROVAL]
