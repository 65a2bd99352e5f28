"""One axe-core runner and one rule list for every browser test, whatever the engine that drives the page.

axe-core is the copy shipped inside the axe-playwright-python wheel (hash-pinned): it runs in the page, nothing is
fetched. The driver injects it (as its own script, outside the page's Content Security Policy, which forbids eval).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any, Protocol

from playwright.sync_api import Page

from support.engines import PlaywrightScripts

# WCAG 2.1 A and AA: the level the site claims.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


# axe on the page once its finite CSS transitions and animations have ended (a hover just left, a report just
# shown): colours measured mid-transition would be neither the old nor the new ones.
RUN_SETTLED = """async (options) => {
  const finite = document.getAnimations().filter((a) => a.effect && a.effect.getComputedTiming().endTime !== Infinity);
  await Promise.all(finite.map((a) => a.finished.catch(() => null)));
  return axe.run(document, options);
}"""


class ScriptRunner(Protocol):
    def inject(self, source: str) -> None: ...
    def call(self, function: str, *args: Any) -> Any: ...


@cache
def axe_source() -> str:
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


def axe_violations(
    page: ScriptRunner | Page,
    rules: list[str] | None = None,
    *,
    best_practices: bool = False,
    skip: Iterable[str] = (),
) -> list[str]:
    """axe's violations on the page as it is now, one line each: rule, what it asks, how many elements, the first
    one's HTML. Every WCAG 2.1 A/AA rule (and axe's best practices with `best_practices`), or only `rules` (axe
    rule ids); `skip` turns rules off."""
    if isinstance(page, Page):
        page.mouse.move(0, 0)  # no hover state left by a click: the page as a reader who reads it
    runner = PlaywrightScripts(page) if isinstance(page, Page) else page
    if not runner.call("() => typeof window.axe === 'object'"):
        runner.inject(axe_source())
    tags = [*WCAG_TAGS, "best-practice"] if best_practices else WCAG_TAGS
    options = {
        "runOnly": {"type": "rule", "values": rules} if rules else {"type": "tag", "values": tags},
        "rules": {rule: {"enabled": False} for rule in skip},
    }
    results = runner.call(RUN_SETTLED, options)
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}) e.g. {v['nodes'][0]['html'][:160]}"
        for v in results["violations"]
    ]
