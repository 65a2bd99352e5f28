"""K rules: contract clauses seen in SONS quotes that deserve a question before signing (seed 002)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from segur_devis.normalize import flex
from segur_devis.quote import Quote
from segur_devis.rules.base import Hit, rule

_VA = flex(r"\bverification d'aptitude\b|\bva\b|\bproces-verbal de recette\b")
# Each branch starts with its own word (not a group), so that `fast` makes the regex engine skip ahead to it
_DUE_BY = flex(
    "|".join(
        rf"\b{words}\b"
        for words in (
            "avant le",
            "au plus tard",
            "d'ici le",
            "avant la date du",
            r"sous \d+ jours",
            r"dans les \d+ jours",
            "dans un delai de",
        )
    )
)
_CLIENT_OBLIGATION = flex(
    r"\b(?:s'engagen?t?|s'oblige\w*|doit|doivent|devra|devront|retournera|retourneront|transmettra|remettra"
    r"|fera parvenir|imperativement)\b"
)
_WAIVER = flex(
    "|".join(
        rf"\b{words}\b[^.]{{0,80}}?\b(?:indemni\w*|dedommag\w*|reparation|recours|dommages et interets)\b"
        for words in ("ne saurait", "ne pourra", "ne peut", r"renonce\w*", "sans pouvoir")
    )
)
_BECOME_DUE = flex(
    r"\b(?:deviendr\w*|devien\w*|seront|serait|restera\w*|reste\w*|sera)\b[^.]{0,40}?"
    r"\b(?:dus?|dues?|exigibles?|a la charge|(?:re)?factur\w*|redevables?|reclame\w*)\b"
)
_NOT_FUNDED = flex(
    r"\bnon[- ](?:prise?|pris) en charge\b|\bnon financ\w*\b|\bdefaut de (?:prise en charge|financement|paiement)\b"
    r"|\brefus de (?:prise en charge|financement|paiement)\b|\brejet de (?:prise en charge|financement|paiement)\b"
    r"|\babsence de (?:prise en charge|financement|paiement)\b"
    r"|\bne (?:serait|sont|seraient|verserait|verse|paierait|paie) pas\b|\bn'est pas (?:verse|paye|pris)"
)
# « Dans l'hypothèse où le versement de l'aide publique n'interviendrait pas …, la fraction du prix demeurée
# impayée », « à défaut de versement par l'ASP »: the public payment fails, in words that need the public payer
# in the same sentence (an « impayé » or a « défaut de versement » alone is the client's own late payment)
# (each branch from a rare character, « ' », « y », « v », the words before it read behind: a common first letter
# would make the engine try most positions of the text)
_PUBLIC_PAYMENT_FAILS = re.compile(
    r"'(?<=\bn')(?:intervien\w*\s+pas|(?:etait|etaient|a|ont)\s+pas\s+(?:ete\s+)?(?:versee?s?|payee?s?))\b"
    r"|y(?<=\bimpay)ee?s?\b"
    r"|v(?:(?<=\bdefaut de v)|(?<=\babsence de v))ersement\b"
)
_PUBLIC_PAYER = flex(
    r"\baide publique\b|\betat\b|\basp\b|\bagence de services et de paiement\b|\bfinancement (?:segur|sons|public)\b"
)
# The client, however the quote names it (« exigibles auprès du médecin », « à la charge de l'officine »,
# « facturée au kinésithérapeute »): the institution, or the professional who signs for a practice
CLIENT_NAMES = (
    r"(?:cliente?s?|etablissement|structure|professionnel|pharmacie|pharmacien|officine|cabinet|medecin|praticien"
    r"|laboratoire|biologiste|centre|acheteur|souscripteur|adherent|(?:masseur-)?kinesitherapeute|kine"
    r"|infirmiere?|sage-femme|(?:chirurgien-)?dentiste|orthophoniste|orthoptiste|(?:pedicure-)?podologue)"
)
_BY_CLIENT = flex(rf"\b{CLIENT_NAMES}\b|\b(?:dus?|dues?) par\b")
_PROTECTS_CLIENT = flex(r"\baucune? (?:somme|montant)\b|\bdu fait de l'editeur\b")


def _sentences_with(
    quote: Quote, first: re.Pattern[str], *others: re.Pattern[str]
) -> Iterator[tuple[int, int]]:
    """Sentences matching every pattern; `first` should be the rarest, it selects the candidates."""
    for start, end in quote.sentences_matching(first):
        if all(quote.search(p, start, end) for p in others):
            yield start, end


@rule(
    "K01",
    "warning",
    "Date imposée au client pour le retour de la vérification d’aptitude",
    fix="""
        Demandez d’où vient cette date : les textes ne l’imposent pas. Prévoyez plutôt une fin de projet bien avant la
        clôture du dispositif, et une date qui engage aussi l’éditeur.
    """,
    source="seed-002",
    locator="Clauses contractuelles dans les devis SONS (premier exemple)",
    bad="""
        Devis n° 21 — Prestation Ségur HOP-RI-Va1   7 000 €
        Le client s’engage à retourner la vérification d’aptitude signée avant le 30/11/2022.
    """,
    good="""
        Devis n° 21 — Prestation Ségur HOP-RI-Va1   7 000 €
        La vérification d’aptitude est signée par le client à la fin de l’installation.
    """,
)
def va_date_imposed(quote: Quote) -> Iterator[Hit]:
    """
    Aucun texte réglementaire n’impose au client une date de retour de la vérification d’aptitude (VA). Une telle
    date peut se justifier par le calendrier de l’éditeur, mais si vous la manquez, la clause peut servir à vous
    faire porter un retard qui n’est pas le vôtre.
    """
    for span in _sentences_with(quote, _DUE_BY, _VA, _CLIENT_OBLIGATION):
        yield Hit("Le devis impose au client une date pour retourner la vérification d’aptitude.", span)


@rule(
    "K02",
    "warning",
    "Le client renonce à toute indemnisation",
    fix="""
        Demandez de préciser la portée de la clause : la convention signée par l’éditeur avec l’ANS l’oblige à
        indemniser les établissements des préjudices causés par son manquement (article 17.4).
    """,
    source="seed-002",
    locator="Clauses contractuelles dans les devis SONS (deuxième exemple)",
    bad="""
        Devis n° 22 — Prestation Ségur HOP-DPI-Va1   24 000 €
        Le Client ne saurait prétendre à la moindre indemnisation au titre de la cessation des Prestations Ségur.
    """,
    good="""
        Devis n° 22 — Prestation Ségur HOP-DPI-Va1   24 000 €
        Les responsabilités de chaque partie en cas d’arrêt des Prestations Ségur sont précisées en annexe.
    """,
)
def waives_compensation(quote: Quote) -> Iterator[Hit]:
    """
    Une clause qui vous prive de toute indemnisation si les Prestations Ségur s’arrêtent est déséquilibrée : la
    convention entre l’éditeur et l’ANS prévoit au contraire que l’éditeur indemnise les établissements des
    préjudices causés par son manquement ou par la perte de son référencement.
    """
    for m in _WAIVER.finditer(quote.folded_text):
        yield Hit("Le devis prive le client de toute indemnisation.", (m.start(), m.end()))


@rule(
    "K03",
    "warning",
    "Les sommes non payées par l’État deviennent dues par le client",
    fix="""
        Demandez que la clause précise qui paie selon la cause : retard de l’établissement, retard de l’éditeur, ou
        retrait du référencement de l’éditeur par l’ANS, qui ne doit pas être à votre charge.
    """,
    source="seed-002",
    locator="Clauses contractuelles dans les devis SONS (troisième exemple)",
    bad="""
        Devis n° 23 — Prestation Ségur RAD-RIS-Va1   9 400 €
        En cas de non-prise en charge par l’État, les sommes deviendront automatiquement dues par le Client.
    """,
    good="""
        Devis n° 23 — Prestation Ségur RAD-RIS-Va1   9 400 €
        Si l’État ne paie pas du fait de l’éditeur, aucune somme n’est due par le Client.
    """,
)
def unpaid_sums_due_by_client(quote: Quote) -> Iterator[Hit]:
    """
    Avec cette clause, si l’État ne paie pas tout ou partie de la Prestation Ségur, c’est à vous de payer, même
    quand la cause vient de l’éditeur (retard, retrait de son référencement). Le « zéro reste à charge » devient
    alors conditionnel.
    """
    spans = {
        *_sentences_with(quote, _NOT_FUNDED, _BECOME_DUE, _BY_CLIENT),
        *_sentences_with(quote, _PUBLIC_PAYMENT_FAILS, _PUBLIC_PAYER, _BECOME_DUE, _BY_CLIENT),
    }
    for span in sorted(spans):
        start, end = span
        if quote.search(_PROTECTS_CLIENT, start, end):
            continue  # a clause that protects the client
        yield Hit("Si l’État ne paie pas, le devis fait payer le client.", span)
