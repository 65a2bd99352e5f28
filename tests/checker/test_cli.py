"""The CLI as vendors run it in CI: formats, exit codes, several paths, folders, bad files."""

import json
import subprocess
import sys

import pytest
from support.quotes import SEED_CONFORME, SEED_MAINTENANCE

from segur_devis.cli import main

GOOD = SEED_CONFORME
SEED_ERA = "2022-06-01"  # the seed's unsigned vague 1 example, judged on a day its couloir was still open
BAD = SEED_MAINTENANCE


def run(capsys, *args):
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_text_report_starts_with_the_verdict(capsys):
    code, out, _ = run(capsys, "check", str(BAD))
    assert code == 1
    assert out.splitlines()[0].endswith("NON CONFORME")
    assert "[P01]" in out and "Extrait (ligne" in out


def test_conforming_quote_exits_zero(capsys):
    code, out, _ = run(capsys, "check", str(GOOD), "--today", SEED_ERA)
    assert code == 0
    assert "CONFORME" in out.splitlines()[0]


def test_json_matches_the_contract(capsys):
    code, out, _ = run(capsys, "check", str(BAD), "--format", "json")
    data = json.loads(out)
    assert code == 1
    assert set(data) == {"source", "verdict", "summary", "facts", "findings", "not_checked"}
    assert data["verdict"] == "non_conforme"
    finding = next(f for f in data["findings"] if f["code"] == "P01")
    assert set(finding) == {"code", "severity", "title", "message", "evidence", "why", "fix", "source", "url"}
    assert finding["url"] == "/regles/P01/"
    text = BAD.read_text(encoding="utf-8")
    ev = finding["evidence"]
    assert text[ev["start"] : ev["end"]] == ev["text"]


def test_several_paths_give_a_list_of_reports(capsys):
    code, out, _ = run(capsys, "check", str(GOOD), str(BAD), "--format", "json", "--today", SEED_ERA)
    data = json.loads(out)
    assert code == 1
    assert [d["verdict"] for d in data] == ["conforme", "non_conforme"]


def test_sarif_is_2_1_0_with_regions(capsys):
    _, out, _ = run(capsys, "check", str(BAD), "--format", "sarif")
    sarif = json.loads(out)
    assert sarif["version"] == "2.1.0"
    run_ = sarif["runs"][0]
    rule_ids = [r["id"] for r in run_["tool"]["driver"]["rules"]]
    results = run_["results"]
    assert {r["ruleId"] for r in results} >= {"P01", "M01"}
    for r in results:
        assert rule_ids[r["ruleIndex"]] == r["ruleId"]
        assert r["level"] in {"error", "warning", "note"}
    p01 = next(r for r in results if r["ruleId"] == "P01")
    assert p01["locations"][0]["physicalLocation"]["region"]["startLine"] == 3


def test_select_and_ignore(capsys):
    _, out, _ = run(capsys, "check", str(BAD), "--format", "json", "--select", "M", "--ignore", "M04,M05")
    assert {f["code"] for f in json.loads(out)["findings"]} == {"M01", "M02", "M03"}


def test_unknown_code_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["check", str(BAD), "--select", "Z9"])
    assert exc.value.code == 2
    assert "code de règle inconnu" in capsys.readouterr().err


def test_missing_file_exits_2_with_a_french_message(capsys):
    code, _, err = run(capsys, "check", "absent.txt")
    assert code == 2
    assert "fichier introuvable" in err


def test_folder_of_templates_with_summary_table(capsys, tmp_path):
    (tmp_path / "a.txt").write_bytes(GOOD.read_bytes())
    (tmp_path / "b.txt").write_bytes(BAD.read_bytes())
    (tmp_path / "notes.md").write_text("ignored")
    code, out, _ = run(capsys, "check", str(tmp_path), "--today", SEED_ERA)
    assert code == 1
    assert "Conforme" in out and "Non conforme" in out.splitlines()[-1]


def test_binary_file_is_rejected_in_french(capsys, tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(bytes(range(256)) * 10)
    code, _, err = run(capsys, "check", str(path))
    assert code == 2
    assert "ni un texte ni un PDF" in err


def test_fake_pdf_is_rejected(capsys, tmp_path):
    path = tmp_path / "devis.pdf"
    path.write_text("not a pdf at all")
    code, _, err = run(capsys, "check", str(path))
    assert code == 2
    assert "n’est pas un PDF" in err


def test_latin1_quote_is_decoded(capsys, tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes(GOOD.read_text(encoding="utf-8").replace("’", "'").encode("cp1252"))
    code, out, _ = run(capsys, "check", str(path), "--today", SEED_ERA)
    assert code == 0, out


def test_rules_and_rule_commands(capsys):
    code, out, _ = run(capsys, "rules")
    assert code == 0 and "P03" in out and "Plusieurs DSR" in out
    code, out, _ = run(capsys, "rule", "p01")
    assert code == 0 and "Pourquoi c’est important" in out and "Exemple corrigé" in out
    code, _, err = run(capsys, "rule", "Z99")
    assert code == 2 and "règle inconnue" in err


def test_console_script_reads_standard_input():
    proc = subprocess.run(
        [sys.executable, "-m", "segur_devis", "check", "-", "--format", "json"],
        input=BAD.read_bytes(),
        capture_output=True,
        check=False,
    )
    assert proc.returncode == 1
    assert json.loads(proc.stdout)["verdict"] == "non_conforme"
