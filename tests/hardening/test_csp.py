"""The Content Security Policy of every built page (site_hooks/csp.py): its directives, its place in the page,
its script hashes, and that Chromium enforces it without breaking the checker — even when the policy is also
applied to the workers, as a browser that makes dedicated workers inherit their page's policy would."""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

import pytest
from hardening_browser import Recorder
from playwright.sync_api import Browser
from support.pages import check_file, check_text, wait_checker_ready
from support.pdf_makers import make_pdf
from support.quotes import SEED_CONFORME, SEED_MAINTENANCE, fixture_text
from support.site import SiteHandler, serve
from support.waits import BOOT_TIMEOUT_MS

REPO = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("csp_hook", REPO / "site_hooks" / "csp.py")
assert _spec and _spec.loader
csp = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(csp)

META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="(?P<policy>[^"]*)">')
# The only inline scripts of the build: the theme's, a few hundred bytes each. Anything else goes in a file.
THEME_INLINE_SCRIPTS = (
    "__md_scope=new URL(",
    'var palette=__md_get("__palette")',
    "var target=document.getElementById(",
)
HASH = re.compile(r"^'sha256-[A-Za-z0-9+/]{43}='$")


def parse(policy: str) -> dict[str, list[str]]:
    directives: dict[str, list[str]] = {}
    for part in policy.split(";"):
        name, *sources = part.split()
        assert name not in directives, f"{name} given twice"
        directives[name] = sources
    return directives


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


@pytest.fixture(scope="module")
def policies(built_site: Path) -> dict[str, str]:
    found = {}
    for page in pages(built_site):
        matches = META.findall(page.read_text(encoding="utf-8"))
        assert len(matches) == 1, f"{page.relative_to(built_site)}: {len(matches)} policies"
        found[page.relative_to(built_site).as_posix()] = matches[0]
    return found


def test_every_page_has_the_policy(built_site: Path, policies: dict[str, str]) -> None:
    assert len(policies) == len(pages(built_site)) >= 40
    assert "404.html" in policies and "verifier/index.html" in policies


def test_policy_directives(policies: dict[str, str]) -> None:
    for page, policy in policies.items():
        directives = parse(policy)
        script = directives.pop("script-src")
        assert script[:2] == ["'self'", "'wasm-unsafe-eval'"], page
        assert all(HASH.match(source) for source in script[2:]), page  # and nothing else: no 'unsafe-inline',
        # no 'unsafe-eval', no 'strict-dynamic', no host, no scheme
        assert directives == {
            "default-src": ["'none'"],
            "style-src": ["'self'"],
            "img-src": ["'self'", "data:"],
            "connect-src": ["'self'"],
            "worker-src": ["'self'"],
            "object-src": ["'none'"],
            "base-uri": ["'self'"],
            "form-action": ["'none'"],
        }, page


def test_policy_comes_before_anything_it_governs(built_site: Path) -> None:
    for page in pages(built_site):
        html = page.read_text(encoding="utf-8")
        head = html[: html.index("</head>")]
        meta = head.index('http-equiv="Content-Security-Policy"')
        for governed in ("<script", "<link", "<style", "<base"):
            position = head.find(governed)
            assert position == -1 or position > meta, f"{page.name}: {governed} before the policy"


class _Inline(HTMLParser):
    """Inline scripts, event-handler attributes, javascript: URLs and inline styles of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self.handlers: list[str] = []
        self._script: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        for name, value in attrs:
            if (
                name.startswith("on")
                or name == "style"
                or (value or "").strip().lower().startswith("javascript:")
            ):
                self.handlers.append(f"<{tag} {name}={value!r}>")
        if tag == "style":
            self.handlers.append("<style> element")
        if tag == "script" and "src" not in names:
            kind = (names.get("type") or "").lower()
            self._script = [] if kind in csp.EXECUTED_TYPES else None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.scripts.append("".join(self._script))
            self._script = None


def test_script_hashes_are_exactly_those_of_the_inline_scripts(
    built_site: Path, policies: dict[str, str]
) -> None:
    for name, policy in policies.items():
        html = (built_site / name).read_text(encoding="utf-8")
        parser = _Inline()
        parser.feed(html)
        expected = {csp.script_hash(body) for body in parser.scripts}
        listed = {s for s in parse(policy)["script-src"] if s.startswith("'sha256-")}
        assert listed == expected, name
        for body in parser.scripts:
            assert body.startswith(THEME_INLINE_SCRIPTS), (
                f"{name}: move this inline script to a file: {body[:80]}"
            )


def test_no_inline_handler_style_or_javascript_url(built_site: Path) -> None:
    for page in pages(built_site):
        parser = _Inline()
        parser.feed(page.read_text(encoding="utf-8"))
        assert parser.handlers == [], page.relative_to(built_site)


def test_hook_hashes_what_the_browser_hashes() -> None:
    # The parser turns CRLF into LF before hashing; data blocks (JSON) are not scripts and need no hash.
    html = (
        '<html><head><meta charset="utf-8"><script>a=1;\r\nb=2</script>'
        '<script type="application/json">{"x": 1}</script><script src="x.js"></script>'
        '<script type="module">import "./y.js"</script></head></html>'
    )
    assert csp.inline_scripts(html) == ["a=1;\nb=2", 'import "./y.js"']
    once = csp.add_policy(html)
    assert csp.add_policy(once) == once  # a rebuild into the same folder keeps a single, fresh policy
    assert once.index("Content-Security-Policy") < once.index("<script")
    assert csp.script_hash("a=1;\nb=2") in once


def test_privacy_page_explains_every_allowance() -> None:
    text = (REPO / "docs" / "a-propos" / "confidentialite.md").read_text(encoding="utf-8")
    for directive, sources in csp.POLICY.items():
        if sources != ("'none'",):
            assert f"`{directive}" in text, f"the privacy page does not explain {directive}"
    for allowance in ("'wasm-unsafe-eval'", "data:", "sha256"):
        assert allowance in text


# --- In the browser -------------------------------------------------------------------------------------


@pytest.mark.browser
def test_the_policy_is_enforced(browser: Browser, site_url: str) -> None:
    """What an injected script would try: it is refused, and the refusal is reported."""
    context = browser.new_context()
    recorder = Recorder.attach(context)
    page = context.new_page()
    try:
        page.goto(site_url + "verifier/")
        outcome = page.evaluate(
            """async () => {
                const script = document.createElement("script");
                script.textContent = "window.__inlineRan = true";
                document.head.append(script);
                // A string timer is evaluated later, by the page itself (this test's own code is exempt).
                setTimeout("window.__stringRan = true", 0);
                const image = new Image();
                image.src = "https://example.invalid/pixel.png";
                const link = document.createElement("a");
                link.href = "javascript:window.__linkRan = true";
                document.body.append(link);
                link.click();
                await new Promise((resolve) => setTimeout(resolve, 300));
                return {inline: window.__inlineRan === true, link: window.__linkRan === true,
                        string: window.__stringRan === true};
            }"""
        )
        assert outcome == {"inline": False, "link": False, "string": False}
        recorder.collect_violations(page)
        directives = {v["directive"] for v in recorder.violations}
        assert {"script-src-elem", "script-src", "img-src"} <= directives
        assert any("example.invalid" in v["blocked"] for v in recorder.violations)  # blocked, never sent
    finally:
        context.close()


@pytest.mark.browser
def test_without_javascript_the_form_never_sends_the_quote(browser: Browser, site_url: str) -> None:
    """Should the checker's script not run, submitting its form must not put the quote in a URL."""
    context = browser.new_context(java_script_enabled=False)
    recorder = Recorder.attach(context)
    page = context.new_page()
    try:
        page.goto(site_url + "verifier/")
        page.fill("#devis-texte", "Devis confidentiel CANARI-NOJS-31")
        page.click("#verifier", no_wait_after=True)  # the navigation it would start is blocked
        page.wait_for_timeout(1000)
        assert page.url == site_url + "verifier/"
        assert not any("CANARI-NOJS" in r.url for r in recorder.requests)
        assert "a besoin de JavaScript" in page.inner_text("body")  # and the page says why nothing happens
    finally:
        context.close()


class WorkerPolicyHandler(SiteHandler):
    """Serves the site and gives every script the page's policy as a header, which makes it the workers' policy
    (a page's own scripts ignore such a header). Violations are reported to /__csp-report."""

    policy: ClassVar[str] = ""
    reports: ClassVar[list[bytes]] = []

    def end_headers(self) -> None:
        if self.path.split("?")[0].endswith((".js", ".mjs")):
            self.send_header("Content-Security-Policy", f"{self.policy}; report-uri /__csp-report")
        super().end_headers()

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", 0))
        self.reports.append(self.rfile.read(length))
        self.send_response(204)
        self.end_headers()


@contextmanager
def worker_policy_site(site: Path, policy: str) -> Iterator[tuple[str, list[bytes]]]:
    """The site with `policy` on its workers: its URL, and the violation reports received."""
    reports: list[bytes] = []
    handler = type("Handler", (WorkerPolicyHandler,), {"policy": policy, "reports": reports})
    with serve(site, handler=handler) as url:
        yield url, reports


@pytest.fixture
def worker_policy(built_site: Path, policies: dict[str, str]) -> Iterator[str]:
    """The checker page's policy without its page-specific hashes (no inline script runs in a worker)."""
    yield " ".join(s for s in policies["verifier/index.html"].split(" ") if not s.startswith("'sha256-"))


@pytest.mark.browser
def test_checker_works_when_workers_get_the_same_policy(
    browser: Browser, built_site: Path, worker_policy: str
) -> None:
    context = browser.new_context()
    recorder = Recorder.attach(context)
    page = context.new_page()
    try:
        with worker_policy_site(built_site, worker_policy) as (url, reports):
            page.goto(
                url + "verifier/?aujourdhui=2022-06-01"
            )  # the seed's unsigned vague 1 example, in its era
            wait_checker_ready(page)
            assert check_text(page, fixture_text(SEED_MAINTENANCE)) == "non_conforme"
            pdf = make_pdf(fixture_text(SEED_CONFORME))
            assert check_file(page, "devis.pdf", pdf) == "conforme"  # pypdf loaded under the policy too
            page.goto(url, wait_until="networkidle")  # the search worker, under the policy as well
            page.keyboard.press("/")
            page.keyboard.type("devis")
            page.wait_for_selector(".md-search-result__item", state="attached")
            page.wait_for_timeout(500)
        assert reports == []
        assert recorder.csp_console_messages() == []
    finally:
        context.close()


@pytest.mark.browser
def test_wasm_allowance_is_needed_when_workers_get_the_policy(
    browser: Browser, built_site: Path, worker_policy: str
) -> None:
    """The control: without 'wasm-unsafe-eval', such a browser could not compile Pyodide (and the report
    mechanism of the test above does see violations)."""
    narrower = worker_policy.replace(" 'wasm-unsafe-eval'", "")
    assert narrower != worker_policy
    context = browser.new_context()
    page = context.new_page()
    try:
        with worker_policy_site(built_site, narrower) as (url, reports):
            page.goto(url + "verifier/")
            for _ in range(BOOT_TIMEOUT_MS // 250):
                if reports:
                    break
                page.wait_for_timeout(250)
            assert any(b"wasm-eval" in report or b"wasm-unsafe-eval" in report for report in reports), reports
            assert page.get_attribute("html", "data-checker") != "ready"
    finally:
        context.close()
