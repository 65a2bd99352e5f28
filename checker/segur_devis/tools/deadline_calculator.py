"""The deadline calculator (docs/outils/echeances.md): everything its page shows, computed here.

It judges an order with the checker's own calendar (`segur_devis.deadlines`, the same test as rules C01/C03).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from segur_devis.dates import format_date
from segur_devis.deadlines import Window, judge, proofs_due, unknown_message, windows, windows_of
from segur_devis.errors import FieldErrors, InputError
from segur_devis.reference import as_date, couloirs, load, source_label, sources

_USER_DATE = re.compile(
    r"(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})|(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2})"
)


def parse_user_date(raw: str) -> date:
    """A date typed by a person: 04/01/2022, 4-1-2022, 04.01.2022 or 2022-01-04; French errors otherwise."""
    text = raw.strip()
    if not text:
        raise InputError("Indiquez la date de signature de la commande, par exemple 04/01/2022.")
    m = _USER_DATE.fullmatch(text)
    if m is None:
        raise InputError(
            f"« {text[:40]} » n’est pas une date : écrivez-la sous la forme JJ/MM/AAAA, par exemple 04/01/2022."
        )
    day, month, year = (
        (int(m["d"]), int(m["m"]), int(m["y"])) if m["d"] else (int(m["id"]), int(m["im"]), int(m["iy"]))
    )
    try:
        value = date(year, month, day)
    except ValueError:
        raise InputError(
            f"Le {text} n’existe pas dans le calendrier : vérifiez le jour et le mois."
        ) from None
    if not 2000 <= value.year <= 2100:
        raise InputError("Indiquez une année comprise entre 2000 et 2100.")
    return value


def _dated(entry: dict[str, Any], labels: dict[str, str]) -> dict[str, Any]:
    s = sources()[entry["source"]]
    return {
        "kind": entry["kind"],
        "kind_label": load()["deadline_kinds"][entry["kind"]],
        "date": entry["date"],
        "date_fr": format_date(as_date(entry["date"])),
        "scope": entry["scope"] or labels.get(entry["dispositif"]),
        "source": source_label(entry["source"]),
        "url": s["url"],
        "official": s["official"],
        "retained": entry["retained"],
        "note": entry["note"],
    }


def _choose(couloir: str, vague: int, dispositif: str | None) -> list[Window]:
    """The windows the calculator judges: the one chosen, or all of them when their closing dates agree."""
    candidates = windows_of(couloir, vague)
    if not candidates:
        raise InputError("Choisissez une vague dans la liste.")
    if dispositif:
        chosen = [w for w in candidates if w.id == dispositif]
        if not chosen:
            raise FieldErrors(
                {"dispositif": "Choisissez le type d’établissement ou de logiciel dans la liste."}
            )
        return chosen
    if len({w.closes.date if w.closes else None for w in candidates}) > 1:
        raise FieldErrors(
            {
                "dispositif": "Les dates diffèrent selon le type d’établissement ou de logiciel : choisissez-le."
            }
        )
    return candidates


def deadline_summary(
    couloir: str, vague: int, signed: date | str, dispositif: str | None = None
) -> dict[str, Any]:
    """What the deadline calculator shows for an order signed on `signed` in this couloir and vague.

    `proofs` is the date by which the complete proof file must reach the ANS when the order is conditional on
    referencing; `order` says whether the signature is within the order deadline (rules C01/C03 judge the same
    way, with `judge`); `dates` lists every known date of the dispositif, retained or not, with its source.
    `dispositif` is needed only where the dates depend on it (see `needs_dispositif`).
    """
    known = couloirs()
    if couloir not in known:
        raise InputError("Choisissez un couloir dans la liste.")
    if vague not in {w.vague for w in windows()}:
        raise InputError("Choisissez une vague dans la liste.")
    try:
        when = parse_user_date(signed) if isinstance(signed, str) else signed
    except InputError as error:
        raise FieldErrors({"signed": str(error)}) from None
    chosen = _choose(couloir, vague, dispositif)
    label = (
        " ; ".join(w.title for w in chosen)
        if len(chosen) == 1
        else f"{known[couloir]['label']}, vague {vague}"
    )
    rule = load()["conditional_order"]
    due = proofs_due(when)

    ids = {w.id for w in chosen}
    labels = {w.id: w.label for w in chosen} if len(chosen) > 1 else {}
    kinds = list(load()["deadline_kinds"])
    entries, seen = [], set()
    for d in sorted(load()["deadlines"], key=lambda d: (d["date"], kinds.index(d["kind"]))):
        key = (d["kind"], d["date"], d["source"], d["retained"])
        if d["dispositif"] in ids and key not in seen:
            seen.add(key)
            entries.append(d)
    dates = [_dated(d, labels) for d in entries]
    for shown, entry in zip(dates, entries, strict=True):
        if entry["kind"] == "commandes":
            shown["signed_in_time"] = when <= as_date(entry["date"])

    verdict = judge(chosen, when)
    closing = None if verdict.unknown else max((w.closes for w in chosen if w.closes), key=lambda d: d.date)
    signed_fr = format_date(when)
    if closing is None:
        status = "unknown"
        message = unknown_message(verdict.unknown)
    elif verdict.late:
        status = "late"
        message = (
            f"Hors délai : la commande signée le {signed_fr} est postérieure à la date limite des commandes et des "
            f"demandes de financement pour {label}, fixée au {format_date(closing.date)} ({closing.source}). Elle "
            "ne peut plus être financée au titre de ce dispositif."
        )
    else:
        status = "in_time"
        message = (
            f"Dans les délais : la commande signée le {signed_fr} respecte la date limite des commandes et des "
            f"demandes de financement pour {label}, fixée au {format_date(closing.date)} ({closing.source})."
        )
        missed = [
            d
            for d in dates
            if d["kind"] == "commandes" and not d["retained"] and d["signed_in_time"] is False
        ]
        for d in missed:
            message += (
                f" Une date plus ancienne, le {d['date_fr']} ({d['source']}), était déjà passée : elle a été "
                "remplacée depuis par la date retenue."
            )
    return {
        "couloir": couloir,
        "couloir_label": known[couloir]["label"],
        "vague": vague,
        "dispositif": chosen[0].id if len(chosen) == 1 else None,
        "dispositif_label": label,
        "signed": when.isoformat(),
        "signed_fr": signed_fr,
        "proofs": {
            "date": due.isoformat(),
            "date_fr": format_date(due),
            "days": rule["days"],
            "source": source_label(rule["source"]),
            "locator": rule["locator"],
            "message": (
                f"Si la commande est signée « sous condition de référencement », l’éditeur doit déposer à l’ANS "
                f"le dossier complet de preuves de conformité au plus tard le {format_date(due)}, soit "
                f"{rule['days']} jours calendaires après la signature ; sinon la commande n’est pas valable."
            ),
        },
        "order": {
            "status": status,
            "message": message,
            "deadline": format_date(closing.date) if closing else None,
            "source": closing.source if closing else None,
        },
        "dates": dates,
    }


def needs_dispositif(couloir: str, vague: int) -> bool:
    """Whether the calculator must ask which dispositif (type of establishment or software) the order is for."""
    return len({w.closes.date if w.closes else None for w in windows_of(couloir, vague)}) > 1


def calculator_choices() -> dict[str, Any]:
    """The couloirs, vagues and dispositifs the calculator offers: every window the data knows."""
    pairs = sorted({(w.couloir, w.vague) for w in windows()})
    return {
        "couloirs": [
            {"id": c["id"], "label": c["label"]}
            for c in load()["couloirs"]
            if any(cid == c["id"] for cid, _ in pairs)
        ],
        "vagues": sorted({v for _, v in pairs}),
        "pairs": pairs,
        "dispositifs": [
            {"id": w.id, "couloir": w.couloir, "vague": w.vague, "label": f"{w.label} — {w.audience}"}
            for w in windows()
            if needs_dispositif(w.couloir, w.vague)
        ],
    }
