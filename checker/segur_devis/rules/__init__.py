"""The rule catalogue. Importing the family modules registers their rules, in code order."""

from segur_devis.rules import arithmetic, calendar, clauses, mentions, perimeter, vague  # noqa: F401  (registration)
from segur_devis.rules.base import Hit, Rule, registered

RULES: tuple[Rule, ...] = registered()
_BY_CODE = {r.code: r for r in RULES}


def get_rule(code: str) -> Rule:
    """The rule with this code (case-insensitive); KeyError if there is none."""
    return _BY_CODE[code.strip().upper()]


def select_rules(select: list[str] | None = None, ignore: list[str] | None = None) -> tuple[Rule, ...]:
    """Rules whose code starts with one of `select` (all if None) and with none of `ignore`, like ruff's."""

    def matches(code: str, prefixes: list[str]) -> bool:
        return any(code.startswith(p.strip().upper()) for p in prefixes if p.strip())

    return tuple(
        r
        for r in RULES
        if (select is None or matches(r.code, select)) and not (ignore and matches(r.code, ignore))
    )


__all__ = ["RULES", "Hit", "Rule", "get_rule", "select_rules"]
