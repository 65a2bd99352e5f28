"""P and F rules: what the State pays, what the client pays, and how the quote keeps them apart (seed 002)."""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterator

from segur_devis.amounts import format_euros
from segur_devis.document import Table, TotalEntry
from segur_devis.normalize import flex, phrases_pattern
from segur_devis.quote import CLIENT_MARKERS, STATE_MARKERS, SUMMARY_LINE, Item, Quote, payer_at_end
from segur_devis.quote import payer_of as _payer_of
from segur_devis.reference import load
from segur_devis.rules.base import Hit, rule


def _services(kind: str, *ids: str) -> list[str]:
    entries = load()["services"][kind]
    return [k for e in entries if not ids or e["id"] in ids for k in e["keywords"]]


INCLUDED = phrases_pattern(_services("included"))
MAINTENANCE_OR_LICENCE = phrases_pattern(_services("included", "maintenance", "licence"))
RATTRAPAGE = phrases_pattern(_services("excluded", "rattrapage"))
EXCLUDED_ITEMS = phrases_pattern(
    _services("excluded", "mssante", "nouvelle-solution", "infrastructure", "non-reference")
)
EXCLUDED_ANY = phrases_pattern(_services("excluded"))
# Where the State pays the hardware too (DRIMbox), only mailboxes and new solutions stay excluded.
EXCLUDED_BUT_HARDWARE = phrases_pattern(
    _services("excluded", "mssante", "nouvelle-solution", "non-reference")
)


_PAYS_HARDWARE: weakref.WeakKeyDictionary[Quote, bool] = weakref.WeakKeyDictionary()


def _state_pays_hardware(quote: Quote) -> bool:
    """True when a DSR of the quote, or its couloir, says in the data that the State pays the hardware (asked for
    each item: read once per quote)."""
    if (said := _PAYS_HARDWARE.get(quote)) is None:
        said = _PAYS_HARDWARE[quote] = _read_state_pays_hardware(quote)
    return said


def _read_state_pays_hardware(quote: Quote) -> bool:
    data = load()
    codes = {m.code.lower() for m in quote.dsr if m.explicit}
    flagged_dsr = any(d.get("state_pays_hardware") and _canonical(d["code"]) in codes for d in data["dsr"])
    flagged_couloir = any(
        c.get("state_pays_hardware") and c["id"] in {m.couloir for m in quote.dsr} for c in data["couloirs"]
    )
    return flagged_dsr or flagged_couloir


_HARDWARE_COULOIRS = frozenset(c["id"] for c in load()["couloirs"] if c.get("state_pays_hardware"))
# « DRIMbox »: a name of a DSR whose hardware the State pays, on a line of a quote with another couloir too
_HARDWARE_DSR_NAMES = phrases_pattern(
    spelling
    for d in load()["dsr"]
    if d.get("state_pays_hardware")
    for spelling in d.get("spellings", [])
    if "-" not in spelling
)


def _hardware_paid(quote: Quote, item: Item) -> bool:
    """Whether the State pays the hardware of this item: the quote's DSR says so and, when the quote has another
    couloir too (a RIS beside a DRIMbox), the item is that DSR's (its code or its name on the item's lines)."""
    if not _state_pays_hardware(quote):
        return False
    if {m.couloir for m in quote.dsr} <= _HARDWARE_COULOIRS:
        return True
    return any(m.couloir in _HARDWARE_COULOIRS for m in item.dsr) or (
        quote.search(_HARDWARE_DSR_NAMES, item.start, _label_end(item)) is not None
    )


def _canonical(code: str) -> str:
    """« DSR-HOP-PFI-Va1 », « SONS-IMG-DB-va2 » → « hop-pfi-va1 », « img-db-va2 » (DsrMention.code, lower case)."""
    return re.sub(r"^(?:dsr|sons)-", "", code.lower())


OTHER_FUNDING = phrases_pattern(p for s in load()["other_funding_schemes"] for p in s["patterns"])
_MARKERS = load()["markers"]
# « 6 ans en vague 1, 5 ans en vague 2 », from the data
_MAINTENANCE_YEARS = ", ".join(
    f"{y['years']} ans en vague {y['vague']}" for y in load()["corrective_maintenance_years"]
)
OPTIONAL = phrases_pattern(_MARKERS["optional"])
# Another module or application than the referenced software: its licence or maintenance is not Ségur's.
OTHER_SCOPE = phrases_pattern(_MARKERS["other_scope"])
# Words of a service that may be the Ségur version's own, under another name (« Contrat de services annuel »).
_GENERIC_SERVICE = phrases_pattern(_MARKERS["generic_service"])
_NEGATION_BEFORE = flex(r"\b(?:hors|sans|non compris|exclu\w*|n'inclut pas|ne comprend pas)\W*(?:\w+\W+)?$")
_SEGUR_LINE = flex(r"\bprestation segur\b|\bpack segur\b")
_INCLUDED_WORD = re.compile(r"(?<!non )(?<!pas )\binclu\w*\b|(?<!non )(?<!pas )\bcompris\b")
_DENIAL = flex(r"\breferencement\b|\baucun\w*\b|\bn'est (?:liee?|conditionnee?)\b")
_CONDITION = flex(
    r"\b(?:sous reserve|a condition|conditionn\w*|subordonn\w*|obligatoire\w*|indissociable\w*"
    r"|ne peut etre (?:commandee?|souscrite?|realisee?|accordee?) (?:qu'|sans)|impose\w*|necessite"
    r"|n'est (?:accordee?|ouverte?|reservee?|proposee?|delivree?|fournie?|livree?|installee?|realisee?) qu(?:'|e\b)"
    r"|reservee? aux|uniquement|seulement|exclusivement)\b"
)
# « 3 480,00 € HT (abonnement seulement) »: « only » right after a commitment's word in a bracketed note says what an
# amount covers, not a condition (« réalisée pour les clients sous abonnement seulement » is one).
_ONLY_THAT = flex(
    r"\([^()]{0,30}\b(?:abonnements?|engagements?|contrats?) (?:seulement|uniquement|exclusivement)$"
)
_COMMITMENT = flex(
    r"\b(?:souscri\w*|abonnement\w*|re-?engagement\w*|engagement\w*|renouvel\w*|recondu\w*|nouvelle option"
    r"|contrat (?:de |d')(?:maintenance|services?|licence|assistance|support|abonnement)|duree minimale|adhesion)\b"
)


def _search(quote: Quote, pattern: re.Pattern[str], start: int, end: int) -> re.Match[str] | None:
    """First match that is not negated (« hors matériel », « sans rattrapage »)."""
    for m in pattern.finditer(quote.folded_text, start, end):
        if not _NEGATION_BEFORE.search(quote.folded_text, max(0, m.start() - 30), m.start()):
            return m
    return None


def _label_end(item: Item) -> int:
    """Where an item's words end: before its amount, or after its designation wrapped below the priced line."""
    return item.total.start if item.total and not item.tail else item.end


def _evidence(item: Item, m: re.Match[str]) -> tuple[int, int]:
    """From the matched words to the end of the priced line, or just the words if that is too long to quote."""
    return (m.start(), item.end) if item.end - m.start() <= 400 else (m.start(), m.end())


def _inside_name(quote: Quote, software: re.Pattern[str], m: re.Match[str]) -> bool:
    """The match is a word of the referenced software's name (« Cloud » in « DocNet Cabinet Cloud »)."""
    line = quote.line_at(m.start())
    return any(
        n.start() <= m.start() and m.end() <= n.end()
        for n in software.finditer(quote.folded_text, line.start, line.end)
    )


def _billed(item: Item) -> bool:
    return item.total is not None and item.total.value > 0


def _referenced_software(quote: Quote) -> re.Pattern[str] | None:
    """The referenced software's name (the « logiciel » field without its version), to recognise its services.
    All its words: the first one alone is often the vendor's brand, shared by its other offers (« DoctoLine
    Cloud » beside « DoctoLine Cabinet »)."""
    return _software_name(quote, _GENERIC_NAME_WORDS)


def _software_name(quote: Quote, left_out: set[str]) -> re.Pattern[str] | None:
    """The words of the « logiciel » field but those of `left_out`, in order, as a pattern."""
    software = quote.fields.get("logiciel")
    if software is None:
        return None
    words = [w for w in re.findall(r"[a-z][a-z0-9-]{2,}", software.value) if w not in left_out]
    return re.compile(r"\b" + r"\W+".join(map(re.escape, words)) + r"\b") if words else None


def _names_whole_software(quote: Quote, start: int, end: int) -> bool:
    """The referenced software's whole name between `start` and `end`, its family word included: « Module
    CliniSoft Bloc opératoire » names the brand of « CliniSoft DPI 12.4 », not that software."""
    whole = _software_name(quote, _WORDS_OF_NO_NAME)
    return whole is not None and quote.search(whole, start, end) is not None


_WORDS_OF_NO_NAME = {"logiciel", "solution", "version", "the"}
_GENERIC_NAME_WORDS = {
    "logiciel",
    "solution",
    "version",
    "dpi",
    "dui",
    "lgc",
    "lgo",
    "sgl",
    "ris",
    "pfi",
    "the",
}


def _client_services(quote: Quote) -> list[tuple[Item, re.Match[str], bool]]:
    """Client-paid items that name a service of the Prestation Ségur, with whether they are surely the referenced
    software's (P01) or could be (P09: another module's or an option's service, the quote does not say). Read
    once per quote: P01, P07 and P09 all ask."""
    if (found := _CLIENT_SERVICES.get(quote)) is None:
        found = _CLIENT_SERVICES[quote] = list(_find_client_services(quote))
    return found


_CLIENT_SERVICES: weakref.WeakKeyDictionary[Quote, list[tuple[Item, re.Match[str], bool]]] = (
    weakref.WeakKeyDictionary()
)


def _find_client_services(quote: Quote) -> Iterator[tuple[Item, re.Match[str], bool]]:
    software = _referenced_software(quote)
    for item in quote.items:
        if item.payer != "client" or not _billed(item):
            continue
        start, end = item.start, _label_end(item)
        if _search(quote, EXCLUDED_ANY, start, end):
            continue  # maintenance of hardware, licence of a new solution…: outside the Prestation Ségur
        names_software = software is not None and quote.search(software, start, end) is not None
        core = _search(quote, MAINTENANCE_OR_LICENCE, start, end)
        included = core or _search(quote, INCLUDED, start, end)
        m = included or _search(quote, _GENERIC_SERVICE, start, end)
        if m is None:
            continue
        if _of_another_product(quote, item, m):
            continue  # « Formation à RadioNova Voice 4 » beside « Module … RadioNova Voice 4 »: that module's, P07
        if OTHER_SCOPE.search(quote.folded_text, start, end) and not (
            names_software and _names_whole_software(quote, start, end)
        ):
            continue  # « Licence du module de planification (hors Ségur) »: another module, P07
        # Surely the Ségur version's: its name, its maintenance or licence, or another service of the Prestation
        # not offered as an option. A pack, a subscription or user assistance naming no software may be anything.
        optional = OPTIONAL.search(quote.folded_text, start, end) is not None
        if included and not core and (generic := _search(quote, _GENERIC_SERVICE, start, included.start())):
            # « Accompagnement au changement et formation des utilisateurs »: a service that may be anything,
            # the included one a part of it
            m, included = generic, None
        yield item, m, bool(names_software or core or (included and not optional))


# Words that name no product: the Ségur's own, and those a line of the quote capitalises for other reasons.
_NOT_A_NAME = frozenset(
    {"segur", "etat", "ans", "dsr", "sons", "dmp", "mssante", "ins", "hds", "ht", "ttc", "tva"}
    # words of a kind of product, not a product's name (« Formation Module DPI »)
    | {"option", "options", "module", "modules", "logiciel", "logiciels", "application", "applications"}
    | {"extension", "extensions", "fonctionnalite", "fonctionnalites", "version", "versions"}
)
_WORD = re.compile(r"[a-z0-9][a-z0-9-]*")
_CELL_END = re.compile(
    r"\t| {2,}|\|"
)  # the service's cell ends there: the next cells are its price, its payer


def _of_another_product(quote: Quote, item: Item, service: re.Match[str]) -> bool:
    """The service is of another product than the referenced software: a name (a capitalised word that is not the
    referenced software's) in the words after it on its line, which the quote presents as another product — on a
    line calling it a module or another software (« Module de dictée RadioNova Voice 4 », « Imagis TeleRad
    (logiciel distinct du RIS) »), or on a client line selling it with no service (« Connecteur automate Sysmex
    XN »), and not on the State's part. « Formation au connecteur Sysmex XN », « Abonnement Imagis TeleRad » are
    then that product's (P07)."""
    line = quote.line_at(service.start())
    software = quote.fields.get("logiciel")
    own = set(_WORD.findall(software.value)) if software is not None else set()
    end = min(line.end, _label_end(item))
    cell_end = _CELL_END.search(quote.folded_text, service.end(), end)
    names = {
        m.group()
        for m in _WORD.finditer(quote.folded_text, service.end(), cell_end.start() if cell_end else end)
        if m.group() not in own
        and m.group() not in _NOT_A_NAME
        and not m.group().isdigit()
        and any(c.isupper() for c in quote.original[slice(*quote.span(m.start(), m.end()))])
        and not any(d.start <= m.start() < d.end for d in item.dsr)
    }
    if names:  # a name the State's part uses is the referenced software's, however the header names it
        names -= {
            word
            for other in quote.items
            if other.payer == "state" or _is_segur_line(quote, other)
            for word in _WORD.findall(quote.folded_text, other.start, _label_end(other))
        }
    if not names:
        return _sold_product_named(quote, item, service.end(), cell_end.start() if cell_end else end)
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(names))) + r")\b")
    for other in quote.lines:
        if other.index != line.index and pattern.search(other.text) and OTHER_SCOPE.search(other.text):
            return True
    return any(
        other is not item
        and other.payer == "client"
        and quote.search(pattern, other.start, _label_end(other)) is not None
        and not _search(quote, INCLUDED, other.start, _label_end(other))
        and not _search(quote, _GENERIC_SERVICE, other.start, _label_end(other))
        for other in quote.items
    )


def _sold_product_named(quote: Quote, item: Item, start: int, end: int) -> bool:
    """The words after a service (« Mise en service de l'interface automate ») name a product another client line
    of the quote sells, without a service (« Interface automate de dispensation (hors DSR, option) »): the service
    is that product's, and names what it concerns (P07, not P09)."""
    words = set(_CONTENT_WORD.findall(quote.folded_text, start, end)) - _NOT_A_NAME
    return len(words) >= 2 and any(
        other is not item
        and other.payer == "client"
        and words <= set(_CONTENT_WORD.findall(quote.folded_text, other.start, _label_end(other)))
        and not _search(quote, INCLUDED, other.start, _label_end(other))
        and not _search(quote, _GENERIC_SERVICE, other.start, _label_end(other))
        for other in quote.items
    )


_CONTENT_WORD = re.compile(r"\b[a-z]{4,}\b")


def _included_billed_to_client(quote: Quote) -> Iterator[tuple[Item, re.Match[str]]]:
    return ((item, m) for item, m, sure in _client_services(quote) if sure)


@rule(
    "P01",
    "error",
    "Prestation incluse dans la Prestation Ségur facturée au client",
    fix=f"""
        Demandez le retrait de cette ligne : licence de la version référencée, installation, configuration,
        paramétrage, maintenance corrective ({_MAINTENANCE_YEARS}), formation, documentation et suivi
        de projet font partie de la Prestation Ségur, payée par l’État.
    """,
    source="seed-002",
    locator="Périmètre de la Prestation Ségur ; Pratiques non conformes au SONS",
    bad="""
        Devis n° 31 — Pack Ségur | Financement SONS : Prestation Ségur BIO-SGL-Va1   15 300,00 €
        Maintenance annuelle, facturée directement au client final   1   3 650,00 €   3 650,00 €
    """,
    good="""
        Devis n° 31 — Pack Ségur | Financement SONS : Prestation Ségur BIO-SGL-Va1   15 300,00 €
        Maintenance corrective : incluse dans la Prestation Ségur (0 € pour le client)
    """,
)
def included_service_billed(quote: Quote) -> Iterator[Hit]:
    """
    Sur son périmètre, la Prestation Ségur est payée à 100 % par l’État : aucun reste à charge ne peut vous être
    demandé pour ce qu’elle comprend. Facturer à part la maintenance, la licence ou la formation de la version
    référencée, c’est vous faire payer ce que l’État finance déjà.
    """
    for item, m in _included_billed_to_client(quote):
        amount = format_euros(item.total.value) if item.total else ""
        yield Hit(
            f"La ligne « {quote.original[slice(*quote.span(m.start(), m.end()))]} » vous est facturée ({amount}), "
            "alors que ce service fait partie de la Prestation Ségur payée par l’État.",
            _evidence(item, m),
        )
    for item in quote.items:
        # « Montant financé SONS 1 400,00 € | Votre participation 350,00 € » on the Ségur line itself
        share = item.row.get("client") if item.row is not None else None
        if share is not None and share.value > 0 and not share.percent and _is_segur_line(quote, item):
            yield Hit(
                f"Une part de la Prestation Ségur vous est facturée ({format_euros(share.value)}), alors qu’elle "
                "est payée entièrement par l’État, sans reste à charge.",
                item.excerpt,
            )
    if (due := _whole_quote_due(quote)) is not None:
        yield Hit(
            f"Le devis vous demande de régler {format_euros(due.amount.value)}, c’est-à-dire tout le devis, "
            "y compris la Prestation Ségur que l’État prend en charge.",
            (due.start, due.end),
        )


def _whole_quote_due(quote: Quote) -> TotalEntry | None:
    """The amount the client is asked to pay (« Montant à régler par l'ESAT ») is the quote's whole total, while
    the quote says the State pays a part of it and prices that part on one of the lines summed in the total."""
    totals = {e.kind: e.amount.value for e in quote.totals}  # the last of each kind
    state, total_ht = totals.get("state_total"), totals.get("total_ht")
    if not state or total_ht is None or state > total_ht:
        return None
    billed = [item.total.value for item in quote.items if _billed(item) and item.total is not None]
    if sum(billed) != total_ht or state not in billed:
        return None
    whole = {total_ht, totals.get("total_ttc")}
    return next((e for e in quote.totals if e.kind == "reste_a_charge" and e.amount.value in whole), None)


@rule(
    "P02",
    "error",
    "Pas de séparation entre ce que paie l’État et ce que paie le client",
    fix="""
        Demandez un devis en deux parties clairement titrées : la Prestation Ségur prise en charge par l’État
        (reste à charge nul) et, à part, les prestations hors Ségur à votre charge, que vous êtes libre de refuser.
    """,
    source="seed-002",
    locator="Pratiques non conformes au SONS (« Aucune distinction entre les prestations… »)",
    bad="""
        Devis n° 40 — Prestation Ségur HOP-DPI-Va1   24 000 €
        Serveur de base de données   6 800 €
    """,
    good="""
        Devis n° 40 — Prestation Ségur HOP-DPI-Va1, prise en charge par l’État   24 000 €
        Prestations hors Ségur, à la charge de l’établissement :
        Serveur de base de données   6 800 €
    """,
)
def no_separation(quote: Quote) -> Iterator[Hit]:
    """
    Le devis doit distinguer les prestations prises en charge par l’État (sans reste à charge) des autres
    prestations, hors périmètre Ségur. Sans cette séparation, vous ne pouvez pas savoir ce que vous paierez
    vraiment, ni refuser ce qui est facultatif.
    """
    billed = [item for item in quote.items if _billed(item)]
    if len(billed) < 2 or _state_pays_the_total(quote):
        return
    unclear = [item for item in billed if item.payer is None]
    if unclear and (
        imposed := [set(_NAME_WORD.findall(quote.folded_text, a, b)) for a, b in _imposed_commitments(quote)]
    ):
        # a line the Prestation is made to depend on is P05's matter: who pays it is beside the point
        unclear = [item for item in unclear if not _is_imposed(quote, item, imposed)]
    # a line financed by another scheme (« SUN-ES (CNSA) ») says who pays it: mixing schemes is F01's matter
    unclear = [item for item in unclear if not quote.search(OTHER_FUNDING, item.start, item.priced.end)]
    if unclear:
        first = unclear[0]
        yield Hit(
            f"{len(unclear)} ligne(s) du devis ne disent pas si elles sont payées par l’État ou par vous.",
            first.excerpt,
        )
        return
    if mixed := _mixed_row(quote, billed):
        yield Hit(
            "La Prestation Ségur et des prestations hors Ségur sont dans le même tableau, sous un même total, sans "
            "dire qui paie chaque ligne.",
            mixed.excerpt,
        )


def _state_pays_the_total(quote: Quote) -> bool:
    """The amount the quote says the State pays is its whole total HT: no line is the client's to tell apart."""
    state = [e.amount.value for e in quote.totals if e.kind == "state_total"]
    total = next((e.amount.value for e in reversed(quote.totals) if e.kind == "total_ht"), None)
    return total is not None and total > 0 and total in state


def _mixed_row(quote: Quote, billed: list[Item]) -> Item | None:
    """A priced row of another module, an option or an excluded item, in the same table as the Ségur row, whose
    payer comes only from the table's heading (its own words say nothing)."""
    segur_tables = {
        id(t) for t in quote.tables for item in billed if item.row in t.rows and _is_segur_line(quote, item)
    }
    for table in quote.tables:
        if id(table) not in segur_tables or _declared_state_part(quote, table):
            continue
        segur_end = max(i.end for i in billed if i.row in table.rows and _is_segur_line(quote, i))
        for item in billed:
            if item.row not in table.rows or _is_segur_line(quote, item) or _own_payer(quote, item):
                continue
            if _client_heading(quote, segur_end, item.priced.start):
                continue  # « Options hors Ségur, à la charge du cabinet » between the Ségur row and this one
            start, end = item.start, _label_end(item)
            if any(p.search(quote.folded_text, start, end) for p in (OTHER_SCOPE, OPTIONAL, EXCLUDED_ANY)):
                return item
    return None


def _client_heading(quote: Quote, start: int, end: int) -> bool:
    """A line without amounts between folded offsets `start` and `end` saying the client pays what follows: a
    heading inside a table, which splits it into the State's part and the client's."""
    first, last = quote.line_at(start).index + 1, quote.line_at(end).index
    return any(not line.amounts and quote.payer_of_line(line) == "client" for line in quote.lines[first:last])


# A heading, not a field (« Versions sans reste à charge : … » says nothing of the table below it).
_FIELD = re.compile(r":\s*\S")


def _declared_state_part(quote: Quote, table: Table) -> bool:
    """A table titled as the State's part (« Partie A — Prestation Ségur, prise en charge par l'État ») or closed
    by a State total, and under no total the client pays: its payer is said, and what does not belong in it is
    another rule's matter (P06), not a missing separation."""
    lines = quote.lines
    said: set[str] = set()
    above = next((line for line in reversed(lines[: table.header_line]) if line.text.strip()), None)
    if (
        above is not None
        and not above.amounts
        and not _FIELD.search(above.text)
        and not SUMMARY_LINE.search(above.text)
    ):
        said.add(quote.payer_of_line(above) or "")
    after = table.rows[-1].last_line + 1 if table.rows else table.header_line + 1
    for line in lines[after : after + 8]:
        if not line.text.strip():
            continue
        if not line.is_total:
            break
        if (payer := quote.payer_of_line(line)) and any(a.value > 0 for a in line.amounts):
            said.add(payer)
    return said == {"state"}


def _is_segur_line(quote: Quote, item: Item) -> bool:
    return any(m.explicit for m in item.dsr) or quote.search(_SEGUR_LINE, item.start, item.end) is not None


def _own_payer(quote: Quote, item: Item) -> bool:
    """Its own words say who pays: its label lines, its designation wrapped below, its payer cell, the notes
    it calls."""
    return (
        any(_payer_of(line.text) or quote.payer_of_calls(line) for line in (*item.lines, *item.tail))
        or payer_at_end(item.priced) is not None
    )


@rule(
    "P03",
    "error",
    "Plusieurs DSR sur une même ligne du devis",
    fix="Demandez une ligne par DSR (par exemple une ligne pour HOP-DPI-Va1 et une autre pour HOP-PFI-Va1), chacune avec son montant.",
    source="seed-002",
    locator="Pratiques non conformes au SONS (« Mélange de plusieurs DSR sur une même ligne du devis »)",
    bad="""
        Devis n° 52 — Prestation Ségur HOP-DPI-Va1 et HOP-PFI-Va1   32 000 € HT
    """,
    good="""
        Devis n° 52 — Prestation Ségur HOP-DPI-Va1   24 000 € HT
        Prestation Ségur HOP-PFI-Va1   8 000 € HT
    """,
)
def several_dsr_on_one_line(quote: Quote) -> Iterator[Hit]:
    """
    Chaque DSR (fonction logicielle) fait l’objet d’un financement distinct, avec son propre plafond. Mélanger
    plusieurs DSR sur une ligne empêche de vérifier chaque montant et peut bloquer le paiement par l’ASP.
    """
    for item in quote.items:
        explicit = [m for m in item.dsr if m.explicit]
        if len({m.family for m in explicit}) >= 2:
            families = ", ".join(sorted({m.family for m in explicit}))
            yield Hit(
                f"Une même ligne porte plusieurs DSR ({families}).", (explicit[0].start, explicit[-1].end)
            )


@rule(
    "P04",
    "error",
    "Rattrapage (dette technologique) mêlé à la Prestation Ségur",
    fix="""
        Demandez que le rattrapage d’une version trop ancienne figure sur une ligne distincte, avec son montant, et
        que l’éditeur justifie le caractère vétuste de votre version.
    """,
    source="seed-002",
    locator="Bonnes pratiques (« Le rattrapage de la dette technologique doit être facturé sur une ligne distincte »)",
    bad="""
        Devis n° 63 — Prestation Ségur MDV-LGC-Va1, rattrapage de version inclus   4 900 €
    """,
    good="""
        Devis n° 63 — Prestation Ségur MDV-LGC-Va1, prise en charge par l’État   3 200 €
        Hors Ségur, à la charge du client : rattrapage de la version 7.1 (vétuste)   1 700 €
    """,
)
def rattrapage_not_separate(quote: Quote) -> Iterator[Hit]:
    """
    Le rattrapage d’une version vétuste n’est pas financé par l’État. S’il est fondu dans la ligne Ségur, vous ne
    pouvez ni voir ce qu’il coûte, ni vérifier qu’il est justifié, et l’État risque de payer ce qui ne lui revient
    pas.
    """
    item_spans = []
    for item in quote.items:
        item_spans.append((item.start, item.end))
        if item.payer == "client" and not _shared_by_both(quote, item):
            continue
        m = _search(quote, RATTRAPAGE, item.start, _label_end(item))
        segur_item = item.payer == "state" or any(x.explicit for x in item.dsr)
        if m and (segur_item or quote.search(_SEGUR_LINE, item.start, item.end)):
            yield Hit(
                "Le rattrapage figure dans la ligne de la Prestation Ségur au lieu d’une ligne à part.",
                _evidence(item, m),
            )
    # « rattrapage inclus dans la Prestation Ségur » written as a sentence rather than on a priced line
    for start, end in quote.sentences_matching(RATTRAPAGE):
        m = _search(quote, RATTRAPAGE, start, end)
        in_item = m is not None and any(s <= m.start() < e for s, e in item_spans)
        if (
            m
            and not in_item
            and quote.search(_INCLUDED_WORD, start, end)
            and quote.search(_SEGUR_LINE, start, end)
        ):
            yield Hit(
                "Le devis dit que le rattrapage est compris dans la Prestation Ségur.", (m.start(), m.end())
            )


def _shared_by_both(quote: Quote, item: Item) -> bool:
    """The item's words name the State's part beside the client's (« dont 26 400,00 € pris en charge par l'État et
    7 500,00 € à la charge du laboratoire »): the Ségur line itself, split, not a line the client pays alone. A
    State word inside a client one (« hors Prestation Ségur ») does not count."""
    start, end = item.start, _label_end(item)
    text = quote.folded_text
    client = [(m.start(), m.end()) for m in CLIENT_MARKERS.finditer(text, start, end)]
    return any(
        not any(a <= m.start() < b for a, b in client) for m in STATE_MARKERS.finditer(text, start, end)
    )


@rule(
    "P05",
    "error",
    "Prestation Ségur conditionnée à un nouvel engagement",
    fix="""
        Refusez la condition : la Prestation Ségur est autonome. Demandez le retrait de toute clause qui la lie à un
        réengagement, un abonnement ou une nouvelle option.
    """,
    source="seed-002",
    locator="Périmètre de la Prestation Ségur (cf. §4.5 des AF)",
    bad="""
        Devis n° 70 — Prestation Ségur RAD-RIS-Va1   9 400 €
        La Prestation Ségur est conditionnée à la souscription d’un contrat de maintenance de 5 ans.
    """,
    good="""
        Devis n° 70 — Prestation Ségur RAD-RIS-Va1   9 400 €
        La Prestation Ségur n’est liée à aucun autre contrat.
    """,
)
def conditioned_on_commitment(quote: Quote) -> Iterator[Hit]:
    """
    La Prestation Ségur ne peut pas être conditionnée par l’éditeur à un réengagement contractuel ni à la
    souscription d’une nouvelle option. Vous avez droit à la version Ségur sans rien signer d’autre.
    """
    for start, end in _imposed_commitments(quote):
        yield Hit(
            "La Prestation Ségur est liée à un engagement ou à une option supplémentaire.", (start, end)
        )


def _imposed_commitments(quote: Quote) -> Iterator[tuple[int, int]]:
    """The sentences that make the Prestation Ségur depend on a commitment or a new option."""
    for start, end in quote.sentences_matching(_CONDITION):
        text = quote.folded_text
        if all(
            _ONLY_THAT.search(text, max(0, m.start() - 20), m.end())
            for m in _CONDITION.finditer(text, start, end)
        ):
            continue  # « Reste à charge : 3 480,00 € HT (abonnement seulement) »: what is billed, no condition
        if quote.search(_COMMITMENT, start, end) and not quote.search(_DENIAL, start, end):
            yield _without_price_tail(
                quote, start, end
            )  # (a denial: the lawful conditional order, or « aucun engagement »)


def _without_price_tail(quote: Quote, start: int, end: int) -> tuple[int, int]:
    """The sentence without the end of a priced line it may start with (« … ........ 48 mois × 39,00 € = 1 872,00 € »,
    cut after the dots of its leader): from the next line on."""
    line = quote.line_at(start)
    if line.end >= end or not any(a.start >= start for a in line.amounts):
        return start, end
    following = next((x for x in quote.lines[line.index + 1 :] if x.text.strip()), None)
    if following is None or following.start >= end:
        return start, end
    return following.start + len(following.text) - len(following.text.lstrip()), end


_NAME_WORD = re.compile(r"\b[a-z]{4,}\b")
_UNIT_WORDS = {"mois", "annee", "annees", "unite", "unites", "jours", "heures"}


def _is_imposed(quote: Quote, item: Item, sentences: list[set[str]]) -> bool:
    """Whether a sentence that imposes a commitment names this item (two of its label's words, or its only one):
    what is imposed cannot be refused (P05, not P07)."""
    words = {w for w in _NAME_WORD.findall(quote.folded_text, item.start, _label_end(item))} - _UNIT_WORDS
    return bool(words) and any(len(words & said) >= min(2, len(words)) for said in sentences)


@rule(
    "P06",
    "error",
    "Élément exclu du financement placé dans la partie payée par l’État",
    fix="""
        Demandez que ces éléments (boîtes aux lettres MSSanté, matériel, serveurs, infrastructure, migration de base
        de données, nouvelle solution) sortent de la Prestation Ségur et figurent à part, hors Ségur.
    """,
    source="seed-002",
    locator="Périmètre de la Prestation Ségur (« Ce qui n’est pas compris »)",
    bad="""
        Devis n° 81 — Prestation Ségur, prise en charge par l’État :
        DUI MS-DUI-Va1 et 3 serveurs   18 000 €
    """,
    good="""
        Devis n° 81 — Prestation Ségur, prise en charge par l’État :
        DUI MS-DUI-Va1   12 000 €
        Hors Ségur, à la charge de l’établissement : 3 serveurs   6 000 €
    """,
)
def excluded_item_paid_by_state(quote: Quote) -> Iterator[Hit]:
    """
    L’État ne finance ni les boîtes aux lettres MSSanté, ni le matériel et l’infrastructure, ni une nouvelle
    solution. Les faire figurer dans la partie prise en charge expose l’établissement et l’éditeur à un refus de
    paiement ou à un remboursement.
    """
    software = _referenced_software(quote)
    for item in quote.items:
        if item.payer != "state":
            continue
        excluded = EXCLUDED_BUT_HARDWARE if _hardware_paid(quote, item) else EXCLUDED_ITEMS
        end = _label_end(item)
        m = _search(quote, excluded, item.start, end)
        while m and software is not None and _inside_name(quote, software, m):
            m = _search(quote, excluded, m.end(), end)  # « Cloud » of « DocNet Cabinet Cloud 4.5 » is a name
        if m:
            words = quote.original[slice(*quote.span(m.start(), m.end()))]
            yield Hit(
                f"L’élément « {words} » figure dans la partie payée par l’État, alors qu’il est exclu du financement.",
                _evidence(item, m),
            )


@rule(
    "P07",
    "info",
    "Prestations hors Ségur proposées à part",
    fix="Rien à corriger : vérifiez seulement que vous voulez ces prestations, et demandez pourquoi elles sont nécessaires.",
    source="seed-002",
    locator="Pourquoi le devis de mon éditeur n’est pas forcément à 0 euro ?",
    bad="""
        Devis n° 90 — Prestation Ségur PHA-LGO-Va1, prise en charge par l’État   875 €
        Options hors Ségur, à la charge de la pharmacie : lecteur de cartes   120 €
    """,
    good="""
        Devis n° 90 — Prestation Ségur PHA-LGO-Va1, prise en charge par l’État   875 €
    """,
)
def services_outside_segur(quote: Quote) -> Iterator[Hit]:
    """
    Un éditeur peut proposer, sur des lignes à part, des prestations hors Ségur (matériel, rattrapage, options).
    C’est permis, mais elles sont à votre charge et vous êtes libre de les refuser : l’éditeur ne peut pas vous
    les imposer.
    """
    flagged = {id(item) for item, _, _ in _client_services(quote)}
    imposed: list[set[str]] | None = None  # read only when a client line is there to judge
    for item in quote.items:
        if item.payer != "client" or not _billed(item) or id(item) in flagged or item.total is None:
            continue
        if imposed is None:
            imposed = [
                set(_NAME_WORD.findall(quote.folded_text, a, b)) for a, b in _imposed_commitments(quote)
            ]
        if not _is_imposed(quote, item, imposed):
            yield Hit(
                f"Prestation hors Ségur à votre charge ({format_euros(item.total.value)}) : vous pouvez la refuser.",
                item.excerpt,
            )


@rule(
    "P09",
    "warning",
    "Prestation à votre charge qui pourrait faire partie de la Prestation Ségur",
    fix="""
        Demandez à l’éditeur, par écrit, si cette prestation concerne la version référencée Ségur de votre logiciel.
        Si oui, elle fait partie de la Prestation Ségur et doit être retirée ; sinon, demandez qu’il l’écrive sur
        la ligne (module ou logiciel concerné) et vérifiez que vous en avez besoin.
    """,
    source="seed-002",
    locator="Périmètre de la Prestation Ségur ; Pratiques non conformes au SONS",
    bad="""
        Devis n° 95 — Prestation Ségur PHA-LGO-Va1, prise en charge par l’État   875 €
        Hors Ségur, à la charge de la pharmacie : contrat de services annuel   480 €
    """,
    good="""
        Devis n° 95 — Prestation Ségur PHA-LGO-Va1, prise en charge par l’État   875 €
        Hors Ségur, à la charge de la pharmacie : lecteur de cartes   120 €
    """,
)
def client_service_maybe_segur(quote: Quote) -> Iterator[Hit]:
    """
    Un abonnement, un contrat de services ou une formation proposés « en option » peuvent recouvrir ce que la
    Prestation Ségur comprend déjà (maintenance, formation, accompagnement de la version référencée). Le devis ne
    permet pas de le savoir : avant de signer, faites préciser ce que couvre la ligne, pour ne pas payer ce que
    l’État finance.
    """
    for item, m, sure in _client_services(quote):
        if sure or item.total is None or any(line.is_unticked for line in item.lines):
            continue  # (an unticked box: an option not ordered, nothing billed to doubt about)
        words = quote.original[slice(*quote.span(m.start(), m.end()))]
        yield Hit(
            f"« {words} » vous est facturé ({format_euros(item.total.value)}) : le devis ne dit pas si ce service "
            "concerne la version référencée Ségur, déjà payée par l’État.",
            _evidence(item, m),
        )


@rule(
    "F01",
    "error",
    "Autre dispositif de financement mêlé au devis Ségur",
    fix="Demandez un devis Ségur distinct, qui ne fait référence à aucun autre dispositif de financement.",
    source="seed-002",
    locator="Pratiques non conformes au SONS (« Confusion entre les dispositifs de financement »)",
    bad="""
        Devis n° 12 — Prestation Ségur HOP-DPI-Va1   24 000 €, financement SUN-ES
    """,
    good="""
        Devis n° 12 — Prestation Ségur HOP-DPI-Va1   24 000 €, financement SONS
    """,
)
def other_funding_scheme(quote: Quote) -> Iterator[Hit]:
    """
    Seuls les devis d’installation d’une version référencée Ségur sont pris en charge au titre du SONS. Un devis qui
    fait référence à un autre dispositif (SUN-ES par exemple) n’entre pas dans le cadre du SONS et peut être refusé.
    """
    m = quote.search(OTHER_FUNDING)
    if m:
        words = quote.original[slice(*quote.span(m.start(), m.end()))]
        yield Hit(
            f"Le devis fait référence à un autre dispositif de financement ({words}).", (m.start(), m.end())
        )
