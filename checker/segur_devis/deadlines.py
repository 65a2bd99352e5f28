"""Calendar arithmetic shared by rules C01/C02 and the deadline calculator: one implementation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from segur_devis.reference import as_date, load, retained_deadline, source_label


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
