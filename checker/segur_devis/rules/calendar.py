"""C rules: dates of the order against the SONS calendar (seed 002 « Éléments de calendrier », later sources)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from segur_devis.dates import format_date
from segur_devis.deadlines import Judgement, judge, proofs_due, unknown_message, vague_closure, windows_of
from segur_devis.quote import Quote
from segur_devis.reference import couloirs
from segur_devis.rules.base import Hit, rule


def judged(quote: Quote) -> tuple[date, tuple[int, int] | None, bool]:
    """The day the order is judged on, the span that shows it, and whether the quote says it was signed.

    A signed quote is judged on its signature; an unsigned one on the day of the check (or its own date, if
    later): signed today, could it still be financed?
    """
    signed = quote.signature_date
    if signed is not None:
        return signed.value, (signed.start, signed.end), True
    dated = quote.quote_date
    if dated is not None and dated.value > quote.today:
        return dated.value, (dated.start, dated.end), False
    return quote.today, quote.dsr_span(), False


def quote_judgement(quote: Quote) -> Judgement | None:
    """The calendar's answer for this quote, when its vague is known (rules C01 and C03, and limits.py)."""
    if quote.vague is None:
        return None
    families = {m.family for m in quote.dsr if m.couloir == quote.couloir and (m.explicit or quote.couloir)}
    candidates = windows_of(quote.couloir, quote.vague, families)
    if not candidates:
        return None
    if quote.couloir is None:
        # Only the vague is known: judge against the closing of the whole vague, when every window has one.
        closure = vague_closure(quote.vague)
        if closure is None:
            return None
        candidates = [w for w in candidates if w.closes == closure][:1]
    return judge(candidates, judged(quote)[0])


@rule(
    "C01",
    "error",
    "Commande signée après la date limite du couloir",
    fix="""
        Ne signez pas en comptant sur le financement de l’État : une commande signée après la date limite des
        commandes et des demandes de financement de votre couloir et de votre vague n’est plus financée, et la
        dépense resterait à votre charge. Un devis de la vague 1 ne peut plus être financé : toutes ses dates limites
        sont passées. Demandez à l’éditeur, par écrit, à quelle vague ce devis se rattache ; si une vague est encore
        ouverte pour votre logiciel (voir le calendrier de ce site), demandez un devis qui la cite. En cas de doute,
        posez la question à l’ANS par son formulaire de contact.
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
    l’éditeur pourrait vous en réclamer le montant. Un devis pas encore signé est jugé au jour de la
    vérification : signé aujourd’hui, pourrait-il encore être financé ?
    """
    verdict = quote_judgement(quote)
    if verdict is None or verdict.late is None:
        return
    day, span, signed = judged(quote)
    late = verdict.late
    if quote.couloir is None:
        what = f"la vague {quote.vague}, close depuis le {format_date(late.date)}"
    elif len(verdict.windows) == 1:
        what = verdict.windows[0].title
    else:
        what = f"{couloirs()[quote.couloir]['label']}, vague {quote.vague}"
    limit = f"la date limite des commandes et des demandes de financement, le {format_date(late.date)} ({late.source})"
    if signed:
        message = f"Commande signée le {format_date(day)}, après {limit} : {what}."
    else:
        message = (
            f"Ce devis ne porte pas de date de signature : signé aujourd’hui ({format_date(day)}), il ne pourrait "
            f"plus être financé au titre de {what}, dont {limit} est passée."
        )
    yield Hit(message, span)


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


@rule(
    "C03",
    "info",
    "Date limite des commandes non publiée pour ce dispositif",
    fix="""
        Demandez à l’éditeur, ou vérifiez sur les sites de l’ASP et de l’ANS (industriels.esante.gouv.fr), jusqu’à
        quelle date votre commande peut être signée et le financement demandé pour ce couloir et cette vague.
    """,
    source="esante-vague2",
    locator="Couloirs de la vague 2 ; calendriers publiés par l’ASP et l’ANS",
    bad="""
        Devis n° 31 — Prestation Ségur PHA-LGO-Va2   900 € HT
        Bon pour accord, signé le 11/10/2026
    """,
    good="""
        Devis n° 31 — Prestation Ségur PHA-LGO-Va1   900 € HT
        Bon pour accord, signé le 11/10/2022
    """,
)
def deadline_not_published(quote: Quote) -> Iterator[Hit]:
    """
    Pour plusieurs couloirs de la vague 2, aucune date limite officielle des commandes n’a été trouvée. L’outil
    ne devine jamais une date : il vous dit qu’il n’a pas pu vérifier ce point et où chercher, pour que vous ne
    signiez pas trop tard.
    """
    verdict = quote_judgement(quote)
    if verdict is None or not verdict.unknown:
        return
    yield Hit(unknown_message(verdict.unknown), judged(quote)[1])
