"""The worker protocol (segur_devis.web): what the pages send, what they get back, and that nothing escapes as a
traceback."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from office_files import blocks_from_text, docx_bytes
from support.quotes import CORPUS, SEED_MAINTENANCE

import segur_devis
from segur_devis import web

MAINTENANCE = SEED_MAINTENANCE.read_text(encoding="utf-8")
NOW = "2026-11-30T10:42:00"


def ask(request: dict[str, object], data: bytes | None = None) -> dict[str, object]:
    answer = json.loads(web.respond(json.dumps(request), data))
    assert isinstance(answer, dict)
    return answer


def test_a_text_check_answers_the_contract_report_and_the_page_view() -> None:
    answer = ask({"kind": "text", "text": MAINTENANCE, "now": NOW})
    assert answer["ok"] is True
    view = answer["view"]
    assert isinstance(view, dict)
    assert json.loads(view["json"]) == segur_devis.check_text(MAINTENANCE).to_dict()
    assert view["verdict"]["key"] == "non_conforme"
    assert ["Vérifié le", "30/11/2026 à 10 h 42"] in view["header"]


def test_a_file_check_reads_the_bytes_sent_beside_the_request() -> None:
    data = docx_bytes(blocks_from_text(MAINTENANCE))
    answer = ask({"kind": "file", "filename": "devis.docx", "now": NOW}, data)
    assert answer["ok"] is True and json.loads(answer["view"]["json"])["source"] == "devis.docx"  # type: ignore[index]


def test_the_readers_day_judges_the_calendar() -> None:
    quote = (
        Path(__file__).resolve().parents[1] / "corpus" / "20_hop_pfi_mssante_et_serveur_dans_part_etat.txt"
    )
    text = quote.read_text(encoding="utf-8")
    for now in ("2022-10-01T09:00:00", "2026-11-30T09:00:00"):
        expected = segur_devis.check_text(text, today=date.fromisoformat(now[:10]))
        view = ask({"kind": "text", "text": text, "now": now})["view"]
        assert json.loads(view["json"]) == expected.to_dict()  # type: ignore[index]


def test_unreadable_input_gets_its_french_message() -> None:
    answer = ask({"kind": "file", "filename": "devis.pdf"}, b"pas un pdf")
    assert answer == {"ok": False, "error": answer["error"], "fields": {}}
    assert "n’est pas un PDF" in str(answer["error"])


def test_requests_the_protocol_does_not_know_get_a_french_message() -> None:
    for request in ({"kind": "inconnu"}, {"kind": "text"}, {"kind": "file"}, {"kind": "ans-report"}, {}):
        answer = ask(request)
        assert answer["ok"] is False and answer["error"] == web.BAD_REQUEST, request
    assert json.loads(web.respond("pas du JSON"))["error"] == web.BAD_REQUEST
    assert json.loads(web.respond("[1, 2]"))["error"] == web.BAD_REQUEST


def test_a_bug_becomes_a_generic_french_message_not_a_traceback(monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    def broken(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError

    monkeypatch.setattr(web, "check_text", broken)
    answer = ask({"kind": "text", "text": MAINTENANCE})
    assert answer == {"ok": False, "error": web.CHECK_FAILED, "fields": {}}
    assert "ZeroDivisionError" in capsys.readouterr().err  # for developers, in the worker's console


def test_the_tools_kinds_answer_their_results_and_field_errors() -> None:
    deadline = ask(
        {"kind": "deadline", "payload": {"couloir": "hopital", "vague": 1, "signed": "2022-10-10"}}
    )
    assert deadline["ok"] is True and "result" in deadline
    faulty = ask({"kind": "compare", "payload": {}})
    assert faulty["ok"] is False and isinstance(faulty["error"], str) and faulty["error"]
    report = json.dumps(segur_devis.check_text(MAINTENANCE).to_dict())
    ans = ask({"kind": "ans-report", "payload": {"json": report}})
    assert ans["ok"] is True
    assert "Objet : signalement" in ans["result"]["text"]  # type: ignore[index]


def test_pdf_files_are_told_apart_for_the_worker() -> None:
    assert web.needs_pdf_reader(b"%PDF-1.7\n...", "devis")
    assert web.needs_pdf_reader(b"texte", "devis.PDF")
    assert not web.needs_pdf_reader(b"PK\x03\x04", "devis.docx")


def test_a_test_day_judges_the_quote_and_a_bad_one_falls_back_to_the_readers_day() -> None:
    text = (CORPUS / "20_hop_pfi_mssante_et_serveur_dans_part_etat.txt").read_text("utf-8")
    for today in ("2022-10-01", "2026-11-30"):
        view = ask({"kind": "text", "text": text, "now": NOW, "today": today})["view"]
        expected = segur_devis.check_text(text, today=date.fromisoformat(today)).to_dict()
        assert json.loads(view["json"]) == expected  # type: ignore[index]
    fallback = ask({"kind": "text", "text": text, "now": NOW, "today": "hier"})["view"]
    assert json.loads(fallback["json"]) == segur_devis.check_text(text, today=date(2026, 11, 30)).to_dict()  # type: ignore[index]
