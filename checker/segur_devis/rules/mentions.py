"""M rules: the mentions a Ségur quote must carry (seed 002, « Exemple de devis conforme » and obligations),
the list of versions updated with no reste à charge included: required for DUI and LGO (M06), announced for every
couloir in vague 2 (M07)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from segur_devis.dates import find_dates
from segur_devis.document.fields import REFERENCING_LABEL, SOFTWARE_VERSION
from segur_devis.normalize import flex, phrases_pattern
from segur_devis.quote import Quote
from segur_devis.reference import load
from segur_devis.rules.base import Hit, rule

MENTION = phrases_pattern([load()["mandatory_mention"]["text"]])
_VERSION = re.compile(r"\b(?:v|version|release)[ .]?\d+(?:[.,]\d+)*\b|\b\d+\.\d+(?:\.\d+)*\b")
_SOFTWARE_LABEL = flex(
    r"\b(?:denomination|nom|designation)(?: et version)? (?:du|de la) (?:logiciel|solution)\b|\blogiciel *:"
)
# « Dénomination et version du logiciel : MediSys DPI 2022 R2 »: the label announces both, the value has a number.
_NAME_AND_VERSION_FILLED = flex(
    r"\b(?:denomination|nom) et version (?:du|de la) (?:logiciel|solution) *:[^\n]*\d"
)
_SOFTWARE_NEAR_VERSION = re.compile(r"\b(?:logiciel|solution)\b[^\n]{0,80}?" + _VERSION.pattern)
_REFERENCING_NUMBER = flex(
    r"\b(?:numeros?|n°|no|num)\.? *(?:uniques? *)?(?:de *)?referencement\b[^:|\n]{0,80}[:|] *[a-z0-9][a-z0-9-]{3,}"
    r"|\breferencement(?: ans)? *(?:n°|no|numero|num)?\.? *:? *[a-z]*-?\d[a-z0-9-]{3,}"
)
_BAREME_BASE = flex(r"\bbase de calcul\b|\bbareme\b[^\n]{0,60}\b(?:base|assiette)\b")
_VERSION_LIST = flex(
    r"\bmise sur le marche\b|\bliste des versions\b|\bversions? (?:logicielles? )?(?:eligibles?|concernees?)\b"
)
_MARKET_DATE = flex(r"\bmise sur le marche\b|\bcommercialise\w*\b")
# « Versions mises à jour sans reste à charge : Northwind 2.4 (released 03/05/2022), 3.0 (released 17/10/2024) »:
# a list labelled by what it grants, its market dates written beside each version in any words (or none); the
# label ends with a colon, or with its cell (« Versions sans reste à charge → Dentalis Pro 8.2 (mise sur le »)
_VERSIONS_LABEL = flex(
    r"\bversions\b[^\n:]{0,40} sans reste a charge\b(?:[^\n:]{0,40}:|[^\n:\t]{0,40}?(?:\t|  ))"
)
# The couloirs whose quotes must list those versions in every vague (DUI, LGO); elsewhere it is announced for
# vague 2 only.
_VERSION_LIST_REQUIRED = frozenset(c["id"] for c in load()["couloirs"] if c.get("version_list_required"))


def _version_list_examples(order: str, versions: str) -> dict[str, str]:
    """The version-list rules' examples: a quote's order line, then the same line followed by the list."""
    return {
        "bad": order,
        "good": f"{order}\nVersions éligibles sans reste à charge : {versions} et suivantes.",
    }


def lists_versions(quote: Quote) -> tuple[bool, bool]:
    """Whether the quote lists the versions without extra cost, and gives their market dates; in the text or in
    labels wrapped in their cells (« Versions sans reste à charge (date de mise │ Dentalis 6.2 » / « sur le
    marché) »)."""
    # read with its tabs (the folded text turns them into spaces), where a cell ends its label; same offsets
    if (labelled := _VERSIONS_LABEL.search(quote._cell_text)) and find_dates(
        quote.folded_text, labelled.end(), _list_end(quote, labelled.end())
    ):
        return True, True
    listed = bool(labelled or quote.search(_VERSION_LIST) or quote.search_labels(_VERSION_LIST))
    return listed, listed and bool(quote.search(_MARKET_DATE) or quote.search_labels(_MARKET_DATE))


def _list_end(quote: Quote, start: int) -> int:
    """Where a list that starts at `start` ends: its line, and the next one when a PDF wrapped it there (not a
    blank line's paragraph further on)."""
    line = quote.line_at(start)
    following = quote.lines[line.index + 1] if line.index + 1 < len(quote.lines) else None
    return following.end if following is not None and following.text.strip() else line.end


@rule(
    "M01",
    "error",
    "Mention obligatoire du montant pris en charge par l’État absente",
    fix="""
        Demandez à l’éditeur d’ajouter, au-dessus du montant de la Prestation Ségur, la mention « montant de la
        Prestation Ségur pris en charge par l’État au titre du Ségur ».
    """,
    source="seed-002",
    locator="Principes d’obtention du financement SONS",
    bad="""
        Devis n° 2024-118
        Prestation Ségur HOP-PFI-Va1 : 8 560 € HT
    """,
    good="""
        Devis n° 2024-118
        Montant de la Prestation Ségur pris en charge par l’État au titre du Ségur
        Prestation Ségur HOP-PFI-Va1 : 8 560 € HT
    """,
)
def mandatory_mention(quote: Quote) -> Iterator[Hit]:
    """
    Le devis doit dire, avec cette mention, que le montant de la Prestation Ségur est payé par l’État. Sans elle,
    rien ne distingue sur le papier ce que l’État finance de ce que vous payez, et le devis ne respecte pas le
    formalisme attendu par l’ANS et l’ASP pour le financement.
    """
    if not quote.search(MENTION) and not quote.search_labels(MENTION):
        yield Hit(
            "La mention « montant de la Prestation Ségur pris en charge par l’État au titre du Ségur » est absente."
        )


@rule(
    "M02",
    "error",
    "Nom et version du logiciel absents",
    fix="Demandez que le devis indique la dénomination du logiciel et le numéro de la version référencée Ségur.",
    source="seed-002",
    locator="Exemple de devis conforme (« Dénomination et version du logiciel »)",
    bad="""
        Devis n° 2024-118 — Prestation Ségur HOP-PFI-Va1 : 8 560 € HT
    """,
    good="""
        Devis n° 2024-118 — Dénomination et version du logiciel : Abcde V1.0
        Prestation Ségur HOP-PFI-Va1 : 8 560 € HT
    """,
)
def software_name_and_version(quote: Quote) -> Iterator[Hit]:
    """
    Seule une version référencée Ségur est financée. Sans le nom et la version du logiciel, impossible de vérifier
    que la version commandée est bien celle que l’ANS a référencée.
    """
    if quote.search(_SOFTWARE_NEAR_VERSION) or quote.search(_NAME_AND_VERSION_FILLED):
        return
    software = quote.fields.get("logiciel")
    if "version_logiciel" in quote.fields or (
        software
        and any(_VERSION.search(name) or SOFTWARE_VERSION.search(name) for name in _names(software.value))
    ):
        return  # « Logiciel : Imagis RIS 15 »: a name, then its version
    label = quote.search(_SOFTWARE_LABEL)
    if label and quote.search(_VERSION, label.end(), min(len(quote.folded_text), label.end() + 120)):
        return
    if software is not None:  # « Logiciel référencé » above « Medisys DPI »: the field read, label and name
        yield Hit(
            "Le logiciel est nommé, mais sa version n’est pas indiquée.", (software.label_start, software.end)
        )
    elif label:
        yield Hit("Le logiciel est nommé, mais sa version n’est pas indiquée.", (label.start(), label.end()))
    else:
        yield Hit("Le devis n’indique ni le nom du logiciel ni sa version.")


def _names(software: str) -> tuple[str, str]:
    """A software field's value, and its first part before a dash (« Hospitalis DPI 2025 R2 — Prestation Ségur
    vague 2 »: the name and its version, then what is sold)."""
    return software, _DASH_PART.split(software, maxsplit=1)[0]


_DASH_PART = re.compile(r" [-–—] ")


@rule(
    "M03",
    "error",
    "Numéro de référencement ANS absent",
    fix="""
        Demandez le numéro unique de référencement de la solution délivré par l’ANS. Si le logiciel n’est pas encore
        référencé, le bon de commande doit dire qu’il est conditionné à l’obtention du référencement.
    """,
    source="seed-002",
    locator="Exemple de devis conforme ; Obligations règlementaires (§6.1 des AF)",
    bad="""
        Devis n° 2024-118 — Prestation Ségur HOP-PFI-Va1 : 8 560 € HT
    """,
    good="""
        Devis n° 2024-118
        Numéro unique de référencement de la solution logicielle (délivré par l’ANS) : 12abc3d45e
        Prestation Ségur HOP-PFI-Va1 : 8 560 € HT
    """,
)
def referencing_number(quote: Quote) -> Iterator[Hit]:
    """
    Le référencement par l’ANS est la condition du financement. Le numéro de référencement prouve que la solution
    est référencée ; à défaut, une commande passée avant le référencement doit être explicitement conditionnée à
    son obtention.
    """
    if (
        "numero_referencement" in quote.fields
        or quote.search(_REFERENCING_NUMBER)
        or quote.conditional_clause
    ):
        return
    label = quote.search(REFERENCING_LABEL)
    if label:
        yield Hit(
            "La rubrique du numéro de référencement est présente, mais le numéro manque.",
            (label.start(), label.end()),
        )
    else:
        yield Hit(
            "Aucun numéro de référencement ANS, et aucune clause ne conditionne la commande au référencement."
        )


@rule(
    "M04",
    "warning",
    "Base de calcul du montant maximal absente",
    fix="""
        Demandez que le devis indique la base de calcul du barème du montant maximal payé (par exemple le nombre
        d’examens ou de sites selon le DSR) ; elle permet de vérifier que le devis respecte le forfait.
    """,
    source="seed-002",
    locator="Exemple de devis conforme (« Base de calcul du barème du montant maximal payé ») ; §5.3 des AF",
    bad="""
        Devis n° 2024-118 — Prestation Ségur HOP-PFI-Va1 : 8 560 € HT
    """,
    good="""
        Devis n° 2024-118 — Base de calcul du barème du montant maximal payé : 12345
        Prestation Ségur HOP-PFI-Va1 : 8 560 € HT
    """,
)
def bareme_base(quote: Quote) -> Iterator[Hit]:
    """
    Le montant d’une Prestation Ségur ne peut pas dépasser un forfait maximal, calculé différemment pour chaque
    DSR. Sans la base de calcul, ni vous ni l’ASP ne pouvez contrôler que le montant demandé respecte ce plafond.
    """
    if "bareme" not in quote.fields and not quote.search(_BAREME_BASE):
        yield Hit("La base de calcul du barème du montant maximal n’est pas indiquée.")


@rule(
    "M05",
    "warning",
    "Numéro du bon de commande ou du devis absent",
    fix="Demandez un numéro de bon de commande (ou de devis) : il identifie la commande dans les échanges avec l’ASP.",
    source="seed-002",
    locator="Exemple de devis conforme (« Numéro du bon de commande »)",
    bad="""
        Devis — Prestation Ségur HOP-PFI-Va1 : 8 560 € HT
    """,
    good="""
        Numéro du bon de commande : 123456789
        Devis — Prestation Ségur HOP-PFI-Va1 : 8 560 € HT
    """,
)
def order_number(quote: Quote) -> Iterator[Hit]:
    """
    L’éditeur dépose le bon de commande à l’ASP pour être payé. Un numéro permet de retrouver la commande et de
    la rapprocher de la vérification d’aptitude et de la facture.
    """
    if "numero_devis" not in quote.fields:
        yield Hit("Le devis n’a pas de numéro de bon de commande ou de devis.")


@rule(
    "M06",
    "error",
    "Liste des versions éligibles sans reste à charge absente (DUI, LGO)",
    fix="""
        Pour un DUI (médico-social) ou un LGO (officine), demandez la liste des versions du logiciel, avec leur date
        de mise sur le marché, à partir desquelles la mise à jour Ségur se fait sans reste à charge.
    """,
    source="seed-002",
    locator="Principes d’obtention du financement SONS (§4.3 des AF) ; Obligations règlementaires",
    **_version_list_examples(
        "Devis n° 77 — Prestation Ségur MS-DUI-Va1 : 6 000 € HT", "V5.2 (mise sur le marché le 01/03/2019)"
    ),
)
def version_list(quote: Quote) -> Iterator[Hit]:
    """
    Pour les SONS médico-social (DUI) et officine (LGO), l’éditeur doit préciser à partir de quelles versions,
    avec leurs dates de mise sur le marché, la mise à jour Ségur est garantie sans reste à charge. C’est ce qui
    vous permet de savoir si votre version actuelle y donne droit.
    """
    if quote.couloir not in _VERSION_LIST_REQUIRED:
        return
    listed, dated = lists_versions(quote)
    if listed and dated:
        return
    span = quote.dsr_span()
    if listed:
        yield Hit("Les versions éligibles sont évoquées, mais sans leur date de mise sur le marché.", span)
    else:
        yield Hit(
            "Le devis ne donne pas la liste des versions éligibles avec leur date de mise sur le marché.",
            span,
        )


@rule(
    "M07",
    "warning",
    "Vague 2 : liste des versions éligibles absente (hors DUI et LGO)",
    fix="""
        Demandez à l’éditeur la liste des versions de votre logiciel, avec leur date de mise sur le marché, à partir
        desquelles la mise à jour Ségur de la vague 2 se fait sans reste à charge. L’ANS l’a annoncée pour tous les
        couloirs en vague 2 ; si l’éditeur dit qu’elle n’est pas exigée, demandez-lui sur quel texte il s’appuie.
    """,
    source="seed-002",
    locator="Obligations règlementaires (liste des versions annoncée « à l’occasion de la vague 2 »)",
    **_version_list_examples(
        "Devis n° 78 — Prestation Ségur HOP-DPI-Va2 : 24 000 € HT", "V8.1 (mise sur le marché le 01/02/2020)"
    ),
)
def version_list_vague_2(quote: Quote) -> Iterator[Hit]:
    """
    L’ANS a annoncé que la liste des versions éligibles sans reste à charge, exigée en vague 1 pour les DUI et
    les LGO, serait demandée pour tous les couloirs à l’occasion de la vague 2. Aucun texte de la vague 2
    consulté ne le confirme : c’est un point à vérifier, pas une non-conformité. Cette liste vous dit si votre
    version actuelle donne droit à la mise à jour sans frais.
    """
    if quote.vague != 2 or quote.couloir is None or quote.couloir in _VERSION_LIST_REQUIRED:
        return
    if all(lists_versions(quote)):
        return
    yield Hit(
        "Devis de la vague 2 sans liste des versions éligibles (avec leur date de mise sur le marché) : "
        "annoncée par l’ANS pour la vague 2, sans texte officiel confirmé à ce jour.",
        quote.dsr_span(),
    )
