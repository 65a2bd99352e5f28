"""Rules on vague 2 facts of reference.json: the hospital prestations, the referencing risk (the version list
announced for vague 2 is with the other mentions, M07 in mentions.py)."""

from __future__ import annotations

from collections.abc import Iterator

from segur_devis.normalize import flex
from segur_devis.quote import Quote
from segur_devis.rules.base import Hit, rule
from segur_devis.rules.clauses import CLIENT_NAMES

# « Prestation Ségur vague 1 + vague 2 », « V1+V2 », « Prestation Ségur vague 2 »: the quote names its prestation.
_HOSPITAL_PRESTATION = flex(
    r"\b(?:vague|va|v) ?1 ?(?:\+|et|plus) ?(?:vague|va|v) ?2\b|\bprestation segur (?:de (?:la )?)?(?:vague|va) ?2\b"
)
# a negation in any tense: « n'est pas », « n'était pas », « ne serait pas », « n'a pas été »
_NOT = r"(?:(?:n'(?:est|etait)|ne (?:sera|serait)) pas|n'(?:a|aurait) pas ete)"
# within a clause, a dot only inside a version number (« SantéVia DPI 4.0 est refusé »)
_CLAUSE_GAP = r"(?:[^.;]|\.(?=\d)){0,60}?"
_REFUSED_REFERENCING = flex(
    # « refus du référencement », and the verb: « si l'ANS refuse (rejette, retire) le référencement »
    rf"\b(?:refus|refuse\w*|rejet|rejett?e\w*|non[- ]obtention|absence|echec|defaut|perte|retrait|retire\w*)\b"
    rf"{_CLAUSE_GAP}\breferencement\b"
    rf"|\breferencement\b{_CLAUSE_GAP}\b(?:refuse|rejete|{_NOT} (?:obtenu|accorde|delivre))"
    # the software itself: « si KinéSoft 7.0 n'était pas référencé (par l'ANS) »
    rf"|\b{_NOT} referencee?\b"
)
# the client pays, in the present, future or conditional (« serait facturée au kinésithérapeute », « incomberait
# au cabinet », « le client s'acquitterait »)
_ON_CLIENT = flex(
    rf"\b(?:a la charge (?:exclusive |integrale |entiere )?(?:du |de l'|de la ){CLIENT_NAMES}"
    rf"|supporte\w* par (?:le |l'|la ){CLIENT_NAMES}"
    rf"|(?:factur|incomb)\w* (?:directement |integralement )?(?:au |a l'|a la ){CLIENT_NAMES}"
    rf"|(?:dus?|dues?|reglee?s?|payee?s?) par (?:le |l'|la ){CLIENT_NAMES}"
    rf"|(?:le |l'|la ){CLIENT_NAMES} (?:supporte\w*|reste\w* redevable|regle\w*|paie\w*|paye\w*|devra|s'acquitte\w*"
    r"|en (?:sera|serait|restera|resterait) redevable)"
    r"|rester\w* (?:dus?|dues?|acquis\w*|redevable)|rester\w* a la charge)\b"
)
# (« ne serait pas facturé », not the refusal itself: « ne serait pas obtenu », « ne serait pas référencé »)
_NO_COST_FOR_CLIENT = flex(
    r"\baucune? (?:somme|montant|frais|facturation)\b|\bsans (?:frais|cout)\b|\ben aucun cas\b"
    r"|\bne (?:sera|serait|seront|seraient) (?:pas|jamais)\b(?! (?:obtenu|accorde|delivre|referencee?)\b)"
)


@rule(
    "V01",
    "info",
    "Hôpital, vague 2 : le devis ne dit pas de quelle prestation il s’agit",
    fix="""
        Demandez à l’éditeur d’écrire s’il s’agit de la « Prestation Ségur vague 2 » ou de la « Prestation Ségur
        vague 1 + vague 2 », et vérifiez que votre établissement est éligible à celle choisie.
    """,
    source="esante-faq-eligibilite",
    locator="Critères d’éligibilité aux prestations vague 1 / vague 2 (mise à jour du 16/12/2024)",
    bad="""
        Devis n° 80 — Prestation Ségur HOP-DPI-Va2 : 24 000 € HT
    """,
    good="""
        Devis n° 80 — Prestation Ségur vague 1 + vague 2, HOP-DPI-Va2 : 31 000 € HT
    """,
)
def hospital_prestation_unnamed(quote: Quote) -> Iterator[Hit]:
    """
    À l’hôpital, la vague 2 compte deux prestations : la « Prestation Ségur vague 2 », et la « Prestation Ségur
    vague 1 + vague 2 », réservée aux établissements qui n’ont eu ni prestation HOP-DPI-VA1 ou HOP-PFI-VA1, ni
    mise à jour de la vague 1 payée par eux-mêmes. Aucun texte trouvé n’oblige le devis à le dire, mais le savoir
    vous permet de vérifier que le montant et l’éligibilité correspondent à votre établissement.
    """
    if quote.couloir != "hopital" or quote.vague != 2 or quote.search(_HOSPITAL_PRESTATION):
        return
    yield Hit(
        "Le devis ne dit pas s’il s’agit de la « Prestation Ségur vague 2 » ou de la « Prestation Ségur vague 1 + "
        "vague 2 » (cette dernière est réservée aux établissements sans prestation ni mise à jour en vague 1).",
        quote.dsr_span("hopital"),
    )


@rule(
    "K04",
    "warning",
    "Le risque d’un refus de référencement est mis à la charge du client",
    fix="""
        Demandez la suppression de la clause : l’éditeur qui vend avant le référencement le fait à ses risques et
        périls et supporte un refus ; il doit aussi vous prévenir de la fin du délai de 120 jours.
    """,
    source="ars-occitanie-sons",
    locator="Commandes avant référencement (« à ses risques et périls ») ; FAQ de l’ASP, mention ad hoc de l’AF",
    bad="""
        Devis n° 81 — Prestation Ségur MDV-LGC-Va2 : 2 400 € HT
        En cas de refus du référencement par l’ANS, la prestation restera due par le client.
    """,
    good="""
        Devis n° 81 — Prestation Ségur MDV-LGC-Va2 : 2 400 € HT
        En cas de refus du référencement par l’ANS, aucune somme ne sera due par le client.
    """,
)
def referencing_risk_on_client(quote: Quote) -> Iterator[Hit]:
    """
    Une commande peut être signée avant le référencement du logiciel, mais c’est l’éditeur qui en porte le
    risque : s’il n’obtient pas le référencement dans les 120 jours, il supporte le refus. Une clause qui vous
    fait payer dans ce cas contredit ce principe, rappelé par l’ARS Occitanie.
    """
    for start, end in quote.sentences_matching(_REFUSED_REFERENCING):
        if quote.search(_ON_CLIENT, start, end) and not quote.search(_NO_COST_FOR_CLIENT, start, end):
            yield Hit("En cas de refus du référencement, le devis fait payer le client.", (start, end))
