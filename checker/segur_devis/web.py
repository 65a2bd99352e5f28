"""The worker protocol, Python side: every request the site's pages send to the engine, and its answer.

The browser's worker (docs/assets/verifier/worker.mjs) only forwards: it passes the request as JSON text (and a
file's bytes beside it) to `respond`, and posts back the JSON text it returns. So the dispatch, the checks of
what a page sends and the one try/except that turns any failure into a French message live here, typed, tested
on CPython (tests/report/test_web.py) and run unchanged under Pyodide.

Requests (`kind` and its fields):
- ``text``: ``text``, ``filename``?, ``now``?, ``site``? → ``{ok, view}`` (segur_devis.view; its ``json`` is
  the report of CONTRACT.md)
- ``file``: ``filename``, ``now``?, ``site``? and the bytes beside the JSON → ``{ok, view}``
- ``deadline``: ``payload: {couloir, vague, signed, dispositif?}`` → ``{ok, result}`` (outils/echeances/)
- ``compare``: ``payload`` (the form's fields) → ``{ok, result}`` (outils/comparer/)
- ``ans-report``: ``payload: {json}`` (a report's JSON text) → ``{ok, result: {text, form_url}}``

``now`` is the reader's local date and time (ISO 8601, from the page): the report's header shows it and the
calendar rules judge the quote as of its day, unless ``today`` (YYYY-MM-DD, tests) names another. ``site`` is
the site's address, for the rule links of the copied report. Failures answer ``{ok: false, error, fields}``:
``error`` is a French sentence for the reader, ``fields`` maps a tool's faulty fields to their messages.
"""

from __future__ import annotations

import json
import traceback
from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any, Protocol

from segur_devis.check import check_bytes, check_text
from segur_devis.errors import InputError
from segur_devis.report import Report
from segur_devis.view import page_view

CHECK_FAILED = (
    "Une erreur inattendue est survenue pendant la vérification. Réessayez ; si le problème persiste, "
    "copiez le texte du devis dans la zone de texte."
)
TOOL_FAILED = "Une erreur inattendue est survenue pendant le calcul. Réessayez."
BAD_REQUEST = "La demande envoyée au vérificateur est incomplète. Rechargez la page et réessayez."


class JsBytes(Protocol):
    """A JavaScript Uint8Array as Pyodide hands it to Python."""

    def to_bytes(self) -> bytes: ...


class BadRequest(InputError):
    """A page sent a request this protocol does not know: a bug of the page, said in French all the same."""


def _as_bytes(data: bytes | bytearray | memoryview | JsBytes | None) -> bytes:
    if data is None:
        raise BadRequest(BAD_REQUEST)
    if isinstance(data, bytes | bytearray | memoryview):
        return bytes(data)
    return data.to_bytes()


def _now(request: Mapping[str, Any]) -> datetime:
    raw = request.get("now")
    if isinstance(raw, str):
        try:
            return datetime.fromisoformat(raw)
        except ValueError:
            pass
    return datetime.now()


def _judged_on(request: Mapping[str, Any]) -> date:
    """The day the quote is judged on: ``today`` (YYYY-MM-DD, the page's ?aujourdhui= for tests), else the day of
    ``now``."""
    raw = request.get("today")
    if isinstance(raw, str) and raw:
        try:
            return date.fromisoformat(raw)
        except ValueError:
            pass  # a malformed test parameter: judge on the reader's day
    return _now(request).date()


def _string(request: Mapping[str, Any], key: str, default: str) -> str:
    value = request.get(key)
    return value if isinstance(value, str) and value else default


def _checked(report: Report, request: Mapping[str, Any]) -> dict[str, Any]:
    site = request.get("site")
    view = page_view(report, checked_at=_now(request), site=site if isinstance(site, str) else None)
    return {"ok": True, "view": view}  # the view holds the JSON report too: sent once


def _check_text(request: Mapping[str, Any], data: bytes | None) -> dict[str, Any]:
    text = request.get("text")
    if not isinstance(text, str):
        raise BadRequest(BAD_REQUEST)
    today = _judged_on(request)
    return _checked(check_text(text, source=_string(request, "filename", "texte"), today=today), request)


def _check_file(request: Mapping[str, Any], data: bytes | None) -> dict[str, Any]:
    filename = _string(request, "filename", "devis")
    return _checked(check_bytes(_as_bytes(data), filename=filename, today=_judged_on(request)), request)


def _payload(request: Mapping[str, Any]) -> Mapping[str, Any]:
    payload = request.get("payload")
    if not isinstance(payload, Mapping):
        raise BadRequest(BAD_REQUEST)
    return payload


def _deadline(request: Mapping[str, Any], data: bytes | None) -> dict[str, Any]:
    from segur_devis.tools.deadline_calculator import deadline_summary

    p = _payload(request)
    try:
        couloir, vague, signed = str(p["couloir"]), int(p["vague"]), str(p["signed"])
    except (KeyError, TypeError, ValueError):
        raise BadRequest(BAD_REQUEST) from None
    dispositif = p.get("dispositif")
    return {
        "ok": True,
        "result": deadline_summary(couloir, vague, signed, str(dispositif) if dispositif else None),
    }


def _compare(request: Mapping[str, Any], data: bytes | None) -> dict[str, Any]:
    from segur_devis.tools.compare import compare_form

    return {"ok": True, "result": compare_form(_payload(request))}


def _ans_report(request: Mapping[str, Any], data: bytes | None) -> dict[str, Any]:
    from segur_devis.tools.ans_report import ans_report_text, form_url, report_from_json

    raw = _payload(request).get("json")
    if not isinstance(raw, str):
        raise BadRequest(BAD_REQUEST)
    return {"ok": True, "result": {"text": ans_report_text(report_from_json(raw)), "form_url": form_url()}}


Handler = Callable[[Mapping[str, Any], bytes | None], dict[str, Any]]
HANDLERS: dict[str, tuple[Handler, str]] = {
    "text": (_check_text, CHECK_FAILED),
    "file": (_check_file, CHECK_FAILED),
    "deadline": (_deadline, TOOL_FAILED),
    "compare": (_compare, TOOL_FAILED),
    "ans-report": (_ans_report, TOOL_FAILED),
}
# Requests whose answer needs pypdf loaded first: the worker asks before forwarding a file.
PDF_SIGNATURE = b"%PDF"


def needs_pdf_reader(head: bytes | JsBytes, filename: str) -> bool:
    """True when a file is (or claims to be) a PDF: the worker then loads pypdf before forwarding it."""
    data = head if isinstance(head, bytes) else head.to_bytes()
    return PDF_SIGNATURE in data[:1024] or filename.lower().endswith(".pdf")


def handle(
    request: Mapping[str, Any], data: bytes | bytearray | memoryview | JsBytes | None = None
) -> dict[str, Any]:
    """The answer to one request; never raises: failures become ``{ok: false, error, fields}``."""
    kind = request.get("kind")
    handler, failed = HANDLERS.get(kind if isinstance(kind, str) else "", (None, CHECK_FAILED))
    try:
        if handler is None:
            raise BadRequest(BAD_REQUEST)
        return handler(request, None if data is None else _as_bytes(data))
    except InputError as error:
        return {"ok": False, "error": str(error), "fields": getattr(error, "fields", {})}
    except Exception:  # any bug: a French message for the reader, the traceback for developers
        traceback.print_exc()  # the worker's console only
        return {"ok": False, "error": failed, "fields": {}}


def respond(request_json: str, data: bytes | bytearray | memoryview | JsBytes | None = None) -> str:
    """`handle` for the worker: JSON text in, JSON text out (one crossing of the JS/Python boundary each way)."""
    try:
        request = json.loads(request_json)
    except ValueError:
        request = None
    if not isinstance(request, Mapping):
        return json.dumps({"ok": False, "error": BAD_REQUEST, "fields": {}}, ensure_ascii=False)
    return json.dumps(handle(request, data), ensure_ascii=False)
