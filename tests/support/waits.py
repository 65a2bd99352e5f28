"""One timeout policy for every browser test, whatever the engine: how long a boot, a check or a step may take."""

from __future__ import annotations

# The first boot compiles ~9 MB of WebAssembly on a shared 2-core machine (Firefox and WebKitGTK are slower at it
# than Chromium): generous, since a timeout here only turns a slow machine into a false failure.
BOOT_TIMEOUT_MS = 180_000
# One check, or one tool's answer, once the engine is ready (a first PDF also loads pypdf).
CHECK_TIMEOUT_MS = 60_000
# Anything else: a page load, an element appearing after a click.
STEP_TIMEOUT_MS = 30_000
# The offline copy fills its cache (13 MB) after the engine is ready.
OFFLINE_COPY_TIMEOUT_MS = 120_000


# Selectors the pages set when they are ready: waits go through selectors, since the site's Content Security
# Policy forbids the eval that Playwright's `wait_for_function` needs.
def checker_state(state: str) -> str:
    """The checker page's engine in `state`: "loading", "ready" or "error"."""
    return f"html[data-checker='{state}']"


CHECKER_READY = checker_state("ready")
TOOL_READY = "html[data-outil='ready']"
OFFLINE_READY = "html[data-hors-ligne='ready']"
OUTCOME = "#rapport[data-verdict], #verifier-message:not([hidden])"
