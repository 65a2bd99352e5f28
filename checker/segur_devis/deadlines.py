"""The SONS calendar, one implementation for rules C01/C02/C03, the deadline calculator and the « today » table.

A *window* is one dispositif (a couloir, a vague, its software families) with its retained opening and closing
dates from reference.json; `judge` says whether an order day is after the closing of every window a quote may
belong to (never a false alarm) and which windows have no published closing (never a guessed date).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import Any, Literal

from segur_devis.dates import format_date
from segur_devis.errors import FieldErrors, InputError
from segur_devis.reference import as_date, couloirs, load, source_label, sources


@dataclass(frozen=True, slots=True)
class Deadline:
    date: date
    source: str  # a readable source label
    note: str | None


@dataclass(frozen=True, slots=True)
class Window:
    """One dispositif's financing window (a couloir, a vague, its software families) and its known bounds."""

    id: str
    couloir: str
    vague: int
    families: tuple[str, ...]
    label: str  # « DPI (hôpital) »
    audience: str
    opens: Deadline | None  # enrolment opened
    closes: Deadline | None  # last day to sign the order and ask for the financing; None: not published
    unconfirmed: tuple[Deadline, ...]  # closing dates only unofficial sources give: shown, never applied

    @property
    def title(self) -> str:
        return f"{self.label}, vague {self.vague}"


Status = Literal["a-venir", "ouvert", "ferme", "inconnu"]


def proofs_due(signed: date) -> date:
    """A conditional order stays valid only if the complete proof file reaches the ANS within 120 days."""
    return signed + timedelta(days=load()["conditional_order"]["days"])


def _deadline(entry: dict[str, Any]) -> Deadline:
    return Deadline(as_date(entry["date"]), source_label(entry["source"]), entry["note"])


@cache
def windows() -> tuple[Window, ...]:
    data = load()
    built = []
    for d in data["dispositifs"]:
        dated = [e for e in data["deadlines"] if e["dispositif"] == d["id"]]

        def retained(kind: str, dated: list[dict[str, Any]] = dated) -> Deadline | None:
            # The schema guarantees at most one retained date per dispositif and kind.
            entry = next((e for e in dated if e["kind"] == kind and e["retained"]), None)
            return _deadline(entry) if entry else None

        closes = retained("commandes")
        unconfirmed = tuple(
            _deadline(e)
            for e in dated
            if closes is None
            and e["kind"] == "commandes"
            and not e["retained"]
            and e["confidence"] != "verified"
        )
        built.append(
            Window(
                d["id"],
                d["couloir"],
                d["vague"],
                tuple(d["families"]),
                d["label"],
                d["audience"],
                retained("ouverture"),
                closes,
                unconfirmed,
            )
        )
    return tuple(built)


def windows_of(couloir: str | None, vague: int, families: Iterable[str] = ()) -> list[Window]:
    """The windows a quote of this couloir and vague may belong to; its families narrow them when they can."""
    found = [w for w in windows() if w.vague == vague and couloir in (None, w.couloir)]
    wanted = set(families)
    narrowed = [w for w in found if wanted & set(w.families)]
    return narrowed or found


def status_on(window: Window, day: date) -> Status:
    """Where a window stands on `day`; the « today » component compares the same dates in the browser."""
    if window.opens and day < window.opens.date:
        return "a-venir"
    if window.closes is None:
        return "inconnu"
    return "ferme" if day > window.closes.date else "ouvert"


@dataclass(frozen=True, slots=True)
class Judgement:
    """A quote's order day against the windows it may belong to (rules C01/C03 and the calculator)."""

    day: date
    windows: tuple[Window, ...]
    late: (
        Deadline | None
    )  # the latest closing date, when the day is after every candidate's: never a false alarm
    unknown: tuple[Window, ...]  # candidates whose closing date is not published


def judge(candidates: Sequence[Window], day: date) -> Judgement:
    unknown = tuple(w for w in candidates if w.closes is None)
    closings = [w.closes for w in candidates if w.closes is not None]
    latest = max(closings, key=lambda d: d.date, default=None)
    late = latest if latest and not unknown and day > latest.date else None
    return Judgement(day, tuple(candidates), late, unknown)


def vague_closure(vague: int) -> Deadline | None:
    """The day the whole vague closed: the latest closing of its windows, if every one is known."""
    members = [w for w in windows() if w.vague == vague]
    if not members or any(w.closes is None for w in members):
        return None
    return max((w.closes for w in members if w.closes), key=lambda d: d.date)


def order_deadline(couloir: str, vague: int) -> Deadline | None:
    """The latest known closing date of the couloir and vague (None when one of its windows has none)."""
    candidates = windows_of(couloir, vague)
    if any(w.closes is None for w in candidates):
        return None
    return max((w.closes for w in candidates if w.closes), key=lambda d: d.date, default=None)


def signed_too_late(couloir: str, vague: int, signed: date) -> Deadline | None:
    """The couloir's latest order deadline when `signed` is after it, else None."""
    return judge(windows_of(couloir, vague), signed).late


def unknown_message(unknown: Sequence[Window]) -> str:
    """What to say when no closing date is published: where to look, and any unofficial date, flagged as such."""
    names = " ; ".join(w.title for w in unknown)
    text = (
        f"Aucune date limite des commandes n’est publiée pour {names} dans les sources officielles consultées : "
        "vérifiez-la sur le site de l’ASP (asp-public.fr) ou sur le site industriels de l’ANS "
        "(industriels.esante.gouv.fr), ou demandez-la à votre éditeur."
    )
    for w in unknown:
        for d in w.unconfirmed:
            text += (
                f" Une source non officielle annonce le {format_date(d.date)} ({d.source}) : non confirmé par un "
                "texte officiel."
            )
    return text


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


# --- « Où en est-on aujourd'hui ? »: the data the page's component reads; the browser only compares dates. ---


def _status_texts(w: Window) -> dict[Status, str]:
    """The sentence for each status: written here once; the page picks one by comparing today with the dates."""
    unknown = "Date limite non publiée" + (
        f" ; ouvert depuis le {format_date(w.opens.date)}" if w.opens else ""
    )
    for d in w.unconfirmed:
        unknown += f" ; une source non officielle annonce le {format_date(d.date)} (non confirmé par un texte officiel)"
    texts: dict[Status, str] = {
        "a-venir": "Pas encore ouvert" + (f" : ouverture le {format_date(w.opens.date)}" if w.opens else ""),
        "inconnu": unknown,
    }
    if w.closes:
        texts["ouvert"] = f"Ouvert jusqu’au {format_date(w.closes.date)} inclus"
        texts["ferme"] = f"Fermé depuis le {format_date(w.closes.date)}"
    return texts


def _grouped(members: list[Window]) -> list[dict[str, Any]]:
    """Windows of one couloir and vague with the same dates are shown once (MS1 and MS2 closed the same day)."""
    groups: dict[tuple[date | None, date | None, tuple[date, ...]], list[Window]] = {}
    for w in members:
        key = (
            w.opens.date if w.opens else None,
            w.closes.date if w.closes else None,
            tuple(d.date for d in w.unconfirmed),
        )
        groups.setdefault(key, []).append(w)
    shown = []
    for same in groups.values():
        first = same[0]
        shown.append(
            {
                "ids": [w.id for w in same],
                "label": None if len(groups) == 1 else " ; ".join(w.label for w in same),
                "opens": first.opens.date.isoformat() if first.opens else None,
                "closes": first.closes.date.isoformat() if first.closes else None,
                "texts": _status_texts(first),
            }
        )
    return shown


def today_table() -> dict[str, Any]:
    """Each couloir and vague with its windows, their bounds and sentences, and the day the sources were read."""
    data = load()
    rows = []
    for c in data["couloirs"]:
        for vague in sorted({w.vague for w in windows()}):
            members = [w for w in windows() if w.couloir == c["id"] and w.vague == vague]
            if not members:
                continue
            rows.append(
                {
                    "couloir": c["id"],
                    "label": c["label"],
                    "vague": vague,
                    "windows": _grouped(members),
                }
            )
    checked = format_date(as_date(data["checked_on"]))
    return {
        "checked_on": data["checked_on"],
        "vagues": [{"vague": v["vague"], "label": v["label"]} for v in data["vagues"]],
        "texts": {
            "title": "Où en est-on aujourd’hui ?",
            "day": (
                "Situation au {jour}, calculée par votre navigateur à partir des dates publiées. « Fermé » : la "
                "date limite des commandes et des demandes de financement est passée."
            ),
            "checked": f"Sources vérifiées le {checked} : une date publiée depuis n’est pas encore prise en compte.",
            "caption": "Statut des guichets de financement par couloir et par vague",
            "couloir": "Couloir",
            "none": "Pas de financement connu pour cette vague",
        },
        "rows": rows,
    }
