"""Driving the checker page the same way in every engine: paste, choose a file, drop a file, read the report."""

from __future__ import annotations

import base64
from pathlib import Path

from support.engines import EnginePage, set_value
from support.waits import CHECK_TIMEOUT_MS, OUTCOME

# What the browser gives the page when a file is dropped: a DataTransfer holding the File, on a drop event.
DROP_FILE = """(name, type, data) => {
  const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
  const transfer = new DataTransfer();
  transfer.items.add(new File([bytes], name, {type}));
  const zone = document.getElementById("zone-depot");
  for (const kind of ["dragenter", "dragover", "drop"]) {
    zone.dispatchEvent(new DragEvent(kind, {dataTransfer: transfer, bubbles: true, cancelable: true}));
  }
}"""


def outcome(page: EnginePage) -> tuple[str, list[str]]:
    """The verdict shown and the codes of the findings, in order; ("", [message]) when a message is shown."""
    page.wait(OUTCOME, CHECK_TIMEOUT_MS)
    verdict = page.attribute("#rapport", "data-verdict") or ""
    if not verdict:
        return "", [page.text("#verifier-message")]
    codes = page.call(
        "() => [...document.querySelectorAll('#rapport [data-code]')].map((e) => e.dataset.code)"
    )
    return verdict, sorted(codes)  # one element per rule: the page groups a rule's occurrences


def paste(page: EnginePage, text: str) -> tuple[str, list[str]]:
    page.click("#effacer")
    set_value(page, "#devis-texte", text)
    page.click("#verifier")
    return outcome(page)


def choose(page: EnginePage, path: Path) -> tuple[str, list[str]]:
    page.click("#effacer")
    page.choose_file("#devis-fichier", path)
    return outcome(page)


def drop(page: EnginePage, name: str, data: bytes, mime: str = "application/pdf") -> tuple[str, list[str]]:
    page.click("#effacer")
    page.call(DROP_FILE, name, mime, base64.b64encode(data).decode())
    return outcome(page)
