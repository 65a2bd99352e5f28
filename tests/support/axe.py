"""One axe-core runner and one rule list for every browser test, whatever the engine that drives the page.

axe-core is the copy shipped inside the axe-playwright-python wheel (hash-pinned): it runs in the page, nothing is
fetched. The driver injects it (as its own script, outside the page's Content Security Policy, which forbids eval).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any, Protocol

# WCAG 2.1 A and AA: the level the site claims.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


class ScriptRunner(Protocol):
    def inject(self, source: str) -> None: ...
    def call(self, function: str, *args: Any) -> Any: ...


@cache
def axe_source() -> str:
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


def axe_violations(page: ScriptRunner, rules: list[str] | None = None) -> list[str]:
    """axe's violations on the page as it is now, one line each: rule id and the first element's HTML. Every
    WCAG 2.1 A/AA rule, or only `rules` (axe rule ids)."""
    if not page.call("() => typeof window.axe === 'object'"):
        page.inject(axe_source())
    only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": WCAG_TAGS}
    results = page.call("(only) => axe.run(document, {runOnly: only})", only)
    return [f"{v['id']}: {v['nodes'][0]['html'][:160]}" for v in results["violations"]]
