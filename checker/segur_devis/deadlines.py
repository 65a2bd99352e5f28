"""Calendar arithmetic shared by rules C01/C02 and the deadline calculator: one implementation."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from segur_devis.dates import format_date
from segur_devis.errors import FieldErrors, InputError
from segur_devis.reference import as_date, couloirs, load, retained_deadline, source_label, sources


@dataclass(frozen=True, slots=True)
class Deadline:
    date: date
    source: str  # a readable source label
    note: str | None


def proofs_due(signed: date) -> date:
    """A conditional order stays valid only if the complete proof file reaches the ANS within 120 days."""
    return signed + timedelta(days=load()["conditional_order"]["days"])


def order_deadline(couloir: str, vague: int) -> Deadline | None:
    entry = retained_deadline(couloir, vague, "commandes")
    if entry is None:
        return None
    return Deadline(as_date(entry["date"]), source_label(entry["source"]), entry["note"])


def signed_too_late(couloir: str, vague: int, signed: date) -> Deadline | None:
    """The couloir's order deadline when `signed` is after it, else None."""
    deadline = order_deadline(couloir, vague)
    return deadline if deadline and signed > deadline.date else None


# --- The deadline calculator (docs/outils/echeances.md): everything its page shows, computed here. ---

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


def _dated(entry: dict[str, Any]) -> dict[str, Any]:
    s = sources()[entry["source"]]
    return {
        "kind": entry["kind"],
        "kind_label": load()["deadline_kinds"][entry["kind"]],
        "date": entry["date"],
        "date_fr": format_date(as_date(entry["date"])),
        "scope": entry["scope"],
        "source": source_label(entry["source"]),
        "url": s["url"],
        "official": s["official"],
        "retained": entry["retained"],
        "note": entry["note"],
    }


def deadline_summary(couloir: str, vague: int, signed: date | str) -> dict[str, Any]:
    """What the deadline calculator shows for an order signed on `signed` in this couloir and vague.

    `proofs` is the date by which the complete proof file must reach the ANS when the order is conditional on
    referencing; `order` says whether the signature is within the retained order deadline (the same test as
    rule C01); `dates` lists every known date of the couloir and vague, retained or not, with its source.
    """
    known = couloirs()
    if couloir not in known:
        raise InputError("Choisissez un couloir dans la liste.")
    if vague not in {d["vague"] for d in load()["deadlines"]}:
        raise InputError("Choisissez une vague dans la liste.")
    try:
        when = parse_user_date(signed) if isinstance(signed, str) else signed
    except InputError as error:
        raise FieldErrors({"signed": str(error)}) from None
    label = f"{known[couloir]['label']}, vague {vague}"
    rule = load()["conditional_order"]
    due = proofs_due(when)

    entries = [d for d in load()["deadlines"] if d["couloir"] == couloir and d["vague"] == vague]
    kinds = list(load()["deadline_kinds"])
    entries.sort(key=lambda d: (d["date"], kinds.index(d["kind"])))
    dates = [_dated(d) for d in entries]
    for shown, entry in zip(dates, entries, strict=True):
        if entry["kind"] == "commandes":
            shown["signed_in_time"] = when <= as_date(entry["date"])

    deadline = order_deadline(couloir, vague)
    signed_fr = format_date(when)
    if deadline is None:
        status = "unknown"
        message = (
            f"Aucune date limite de dépôt des commandes n’est connue pour le couloir {label}, dans les sources "
            "du projet : vérifiez-la auprès de l’ANS ou de l’ASP."
        )
    elif signed_too_late(couloir, vague, when):
        status = "late"
        message = (
            f"Hors délai : la commande signée le {signed_fr} est postérieure à la date limite de dépôt des "
            f"commandes du couloir {label}, fixée au {format_date(deadline.date)} ({deadline.source}). Elle ne "
            "peut plus être financée au titre de ce dispositif."
        )
    else:
        status = "in_time"
        message = (
            f"Dans les délais : la commande signée le {signed_fr} respecte la date limite de dépôt des "
            f"commandes du couloir {label}, fixée au {format_date(deadline.date)} ({deadline.source})."
        )
        missed = [
            d for d in dates if d["kind"] == "commandes" and d["retained"] and d["signed_in_time"] is False
        ]
        for d in missed:
            message += (
                f" Attention : la date limite du {d['date_fr']}, pour {d['scope'] or 'tout le couloir'}, était "
                "déjà passée ; vérifiez de quel dispositif relève votre établissement."
            )
    return {
        "couloir": couloir,
        "couloir_label": known[couloir]["label"],
        "vague": vague,
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
            "deadline": format_date(deadline.date) if deadline else None,
            "source": deadline.source if deadline else None,
        },
        "dates": dates,
    }


def calculator_choices() -> dict[str, Any]:
    """The couloirs and vagues the calculator offers: those with at least one known date."""
    data = load()
    vagues = sorted({d["vague"] for d in data["deadlines"]})
    return {
        "couloirs": [
            {"id": c["id"], "label": c["label"]}
            for c in data["couloirs"]
            if any(d["couloir"] == c["id"] for d in data["deadlines"])
        ],
        "vagues": vagues,
        "pairs": sorted({(d["couloir"], d["vague"]) for d in data["deadlines"]}),
    }
