"""The three browser engines the site is tested in, each from Debian, behind one small page interface.

- Chromium: Playwright over CDP (`/usr/bin/chromium`).
- Firefox ESR: Playwright for Python over WebDriver BiDi (`/usr/bin/firefox-esr`; Playwright 1.64, see
  requirements/dev.in). Over BiDi a few harness features are missing (offline emulation, routing the service
  worker's fetches, downloads): tests use none of them here.
- WebKitGTK: Selenium and WebKitWebDriver driving the MiniBrowser, in a private Xvfb display (no headless mode).

`EnginePage` is what the cross-engine tests use: navigation, waits on selectors (one timeout policy, waits.py),
clicks, form filling, file choice, and calling a JavaScript function in the page through the driver.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any, Protocol

import pytest

from support.waits import BOOT_TIMEOUT_MS, CHECKER_READY, STEP_TIMEOUT_MS

CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
FIREFOX = os.environ.get("FIREFOX") or shutil.which("firefox-esr") or "/usr/bin/firefox-esr"
WEBKIT_DRIVER = (
    os.environ.get("WEBKIT_DRIVER") or shutil.which("WebKitWebDriver") or "/usr/bin/WebKitWebDriver"
)
MINIBROWSER = os.environ.get("MINIBROWSER") or "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ENGINES = ("chromium", "firefox", "webkit")
# Which builds: "debian" (the packages above) or "playwright" (Playwright's own Firefox and WebKit, as installed by
# `playwright install firefox webkit` on GitHub's Ubuntu runners, which have no firefox-esr nor webkit2gtk-driver).
ENGINES_FROM = os.environ.get("ENGINES_FROM", "debian")
# The engines a run tests (comma-separated), e.g. one per job of CI's browser matrix.
SELECTED = tuple(os.environ.get("SEGUR_ENGINES", ",".join(ENGINES)).split(","))


class EnginePage(Protocol):
    """One page (with its own fresh profile) in one engine."""

    engine: str

    def goto(self, url: str) -> None: ...
    def wait(self, selector: str, timeout_ms: int = STEP_TIMEOUT_MS, *, visible: bool = False) -> None: ...
    def click(self, selector: str) -> None: ...
    def choose_file(self, selector: str, path: Path) -> None: ...
    def attribute(self, selector: str, name: str) -> str | None: ...
    def text(self, selector: str) -> str: ...
    def inject(self, source: str) -> None: ...
    def call(self, function: str, *args: Any) -> Any: ...
    def close(self) -> None: ...


# Setting a field as a paste or a choice in a list does: the value, then the events the page listens to.
SET_VALUE = """(selector, value) => {
  const field = document.querySelector(selector);
  field.value = value;
  field.dispatchEvent(new Event("input", {bubbles: true}));
  field.dispatchEvent(new Event("change", {bubbles: true}));
}"""


def set_value(page: EnginePage, selector: str, value: str) -> None:
    page.call(SET_VALUE, selector, value)


class PlaywrightScripts:
    """A Playwright page's scripting: a source injected as it is, a function called with arguments."""

    def __init__(self, page: Any) -> None:
        self.page = page

    def inject(self, source: str) -> None:
        self.page.evaluate(source)

    def call(self, function: str, *args: Any) -> Any:
        return self.page.evaluate(f"(args) => ({function})(...args)", list(args))


class PlaywrightPage(PlaywrightScripts):
    """Chromium or Firefox through Playwright; `context` is the page's own browser profile."""

    def __init__(self, engine: str, context: Any) -> None:
        super().__init__(context.new_page())
        self.engine = engine
        self.context = context

    def goto(self, url: str) -> None:
        self.page.goto(url)

    def wait(self, selector: str, timeout_ms: int = STEP_TIMEOUT_MS, *, visible: bool = False) -> None:
        self.page.wait_for_selector(selector, state="visible" if visible else "attached", timeout=timeout_ms)

    def click(self, selector: str) -> None:
        self.page.click(selector)

    def choose_file(self, selector: str, path: Path) -> None:
        self.page.set_input_files(selector, path)

    def attribute(self, selector: str, name: str) -> str | None:
        value: str | None = self.page.get_attribute(selector, name)
        return value

    def text(self, selector: str) -> str:
        return str(self.page.inner_text(selector))

    def close(self) -> None:
        self.context.close()


class SeleniumPage:
    """WebKitGTK through Selenium; one WebDriver session (one MiniBrowser, one fresh profile) per page."""

    engine = "webkit"

    def __init__(self, driver: Any) -> None:
        self.driver = driver

    def goto(self, url: str) -> None:
        self.driver.get(url)

    def wait(self, selector: str, timeout_ms: int = STEP_TIMEOUT_MS, *, visible: bool = False) -> None:
        from selenium.webdriver.support.ui import WebDriverWait

        def found(driver: Any) -> bool:
            elements = driver.find_elements("css selector", selector)
            return bool(elements) and (not visible or any(e.is_displayed() for e in elements))

        WebDriverWait(self.driver, timeout_ms / 1000, poll_frequency=0.1).until(
            found, f"{selector} absent after {timeout_ms} ms"
        )

    def click(self, selector: str) -> None:
        # WebDriver scrolls an element only just into view, where a sticky header can cover it (the checker page
        # scrolls its report into view after a check): centre it first.
        element = self.driver.find_element("css selector", selector)
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
        element.click()

    def choose_file(self, selector: str, path: Path) -> None:
        self.driver.find_element("css selector", selector).send_keys(str(path))

    def attribute(self, selector: str, name: str) -> str | None:
        value: str | None = self.driver.find_element("css selector", selector).get_dom_attribute(name)
        return value

    def text(self, selector: str) -> str:
        return str(self.driver.find_element("css selector", selector).text)

    def inject(self, source: str) -> None:
        self.driver.execute_script(source)

    def call(self, function: str, *args: Any) -> Any:
        # WebDriver waits for a returned promise to settle.
        return self.driver.execute_script(f"return ({function}).apply(null, arguments);", *args)

    def close(self) -> None:
        self.driver.quit()


def launch_chromium(playwright: Any) -> Any:
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def launch_firefox(playwright: Any) -> Any:
    if ENGINES_FROM == "playwright":
        return playwright.firefox.launch()
    # Debian's Firefox ESR is driven over WebDriver BiDi ("moz-firefox"), not through Playwright's patched build.
    return playwright.firefox.launch(channel="moz-firefox", executable_path=FIREFOX)


def launch_playwright_webkit(playwright: Any) -> Any:
    return playwright.webkit.launch()


def playwright_page(engine: str, browser: Any, *, service_workers: str = "allow") -> PlaywrightPage:
    context = browser.new_context(locale="fr-FR", service_workers=service_workers)
    context.set_default_timeout(STEP_TIMEOUT_MS)
    return PlaywrightPage(engine, context)


@contextmanager
def xvfb_display() -> Iterator[str]:
    """A private X display for WebKitGTK's MiniBrowser, which has no headless mode; stopped at the end."""
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-nolisten", "tcp", "-screen", "0", "1280x1024x24"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as numbers:
        display = ":" + numbers.readline().strip()
    try:
        yield display
    finally:
        server.terminate()
        server.wait(timeout=10)


def webkit_page(display: str) -> SeleniumPage:
    from selenium import webdriver

    options = webdriver.WebKitGTKOptions()
    options.binary_location = MINIBROWSER
    options.add_argument("--automation")
    service = webdriver.WebKitGTKService(
        executable_path=WEBKIT_DRIVER, env={**os.environ, "DISPLAY": display}
    )
    driver = webdriver.WebKitGTK(options=options, service=service)
    driver.set_page_load_timeout(STEP_TIMEOUT_MS / 1000)
    driver.set_script_timeout(STEP_TIMEOUT_MS / 1000)
    return SeleniumPage(driver)


def missing(engine: str) -> str | None:
    """Why `engine` cannot run here (not selected, or not installed), or None."""
    if engine not in SELECTED:
        return f"{engine}: not selected in this run (SEGUR_ENGINES={','.join(SELECTED)})"
    if ENGINES_FROM == "playwright" and engine != "chromium":
        return None  # Playwright's own build, installed by `playwright install`
    needed = {
        "chromium": [CHROMIUM],
        "firefox": [FIREFOX],
        "webkit": [WEBKIT_DRIVER, MINIBROWSER, shutil.which("Xvfb") or "Xvfb"],
    }[engine]
    absent = [path for path in needed if not Path(path).exists()]
    return f"{engine}: {', '.join(absent)} not installed (make test installs it)" if absent else None


OpenPage = Callable[[], EnginePage]


class Engines:
    """The engines started so far (each on first use) and their booted checker pages; all stopped at the end."""

    def __init__(self, playwright: Any, stack: ExitStack) -> None:
        self.playwright = playwright
        self.stack = stack
        self.browsers: dict[str, Any] = {}
        self.checkers: dict[str, EnginePage] = {}

    def opener(self, engine: str) -> OpenPage:
        if reason := missing(engine):
            pytest.skip(reason)
        if engine not in self.browsers:
            if engine == "webkit" and ENGINES_FROM == "playwright":
                self.browsers[engine] = launch_playwright_webkit(self.playwright)
                self.stack.callback(self.browsers[engine].close)
            elif engine == "webkit":
                self.browsers[engine] = self.stack.enter_context(xvfb_display())
            else:
                launch = launch_firefox if engine == "firefox" else launch_chromium
                self.browsers[engine] = launch(self.playwright)
                self.stack.callback(self.browsers[engine].close)
        started = self.browsers[engine]
        if engine == "webkit" and ENGINES_FROM != "playwright":
            return lambda: webkit_page(started)
        return lambda: playwright_page(engine, started)

    def checker(self, engine: str, site_url: str) -> EnginePage:
        """A checker page booted once per engine (each boot compiles Pyodide again: 5 to 40 s)."""
        if engine not in self.checkers:
            page = self.opener(engine)()
            self.stack.callback(page.close)
            page.goto(site_url + "verifier/")
            page.wait(CHECKER_READY, BOOT_TIMEOUT_MS)
            self.checkers[engine] = page
        return self.checkers[engine]
