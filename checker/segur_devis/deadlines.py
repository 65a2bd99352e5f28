"""The SONS calendar, one implementation for rules C01/C02/C03, the deadline calculator (tools/) and the « today »
table.

A *window* is one dispositif (a couloir, a vague, its software families) with its retained opening and closing
dates from reference.json; `judge` says whether an order day is after the closing of every window a quote may
belong to (never a false alarm) and which windows have no published closing (never a guessed date).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import Any, Literal

from segur_devis.dates import format_date
from segur_devis.reference import as_date, load, source_label


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
            # The summary shown on a phone: the latest vague of each couloir, the full table folded below it.
            "summary": "La dernière vague de chaque couloir :",
            "full": "Voir le tableau complet, toutes vagues",
            "calendar": "Voir tout le calendrier, avec les sources",
        },
        "rows": rows,
    }
