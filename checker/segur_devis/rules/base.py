"""What a rule is: one small check whose docstring says why it matters.

Each rule carries everything its documentation needs (title, why, fix, source, a failing and a passing
example), so the CLI, the site's rule pages and the tests all read the same object.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from segur_devis.reference import source_label
from segur_devis.report import Severity

if TYPE_CHECKING:
    from segur_devis.quote import Quote


@dataclass(frozen=True, slots=True)
class Hit:
    """One occurrence found by a rule: a French message and its evidence span in the folded text (mapped back
    to the original by the engine)."""

    message: str
    span: tuple[int, int] | None = None


Check = Callable[["Quote"], Iterable[Hit]]


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    severity: Severity
    title: str
    why: str
    fix: str
    source: str  # id of a source in reference.json
    locator: str  # where in that source
    bad: str  # an excerpt of a quote that triggers the rule
    good: str  # the same excerpt, corrected
    check: Check

    @property
    def url(self) -> str:
        return f"/regles/{self.code}/"

    @property
    def source_text(self) -> str:
        return f"{source_label(self.source)} — {self.locator}"


_registry: dict[str, Rule] = {}


def rule(
    code: str,
    severity: Severity,
    title: str,
    *,
    fix: str,
    source: str,
    locator: str,
    bad: str,
    good: str,
) -> Callable[[Check], Rule]:
    """Register a check function as a rule; its docstring becomes the rule's "why it matters"."""

    def register(check: Check) -> Rule:
        if code in _registry:
            raise ValueError(f"rule code {code} is used twice")
        why = inspect.cleandoc(check.__doc__ or "")
        if not why:
            raise ValueError(f"rule {code} needs a docstring saying why it matters")
        new = Rule(
            code,
            severity,
            title,
            why,
            inspect.cleandoc(fix),
            source,
            locator,
            inspect.cleandoc(bad),
            inspect.cleandoc(good),
            check,
        )
        _registry[code] = new
        return new

    return register


def registered() -> tuple[Rule, ...]:
    return tuple(sorted(_registry.values(), key=lambda r: r.code))
