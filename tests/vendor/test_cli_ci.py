"""The CLI as a vendor's CI runs it: annotations, job summary, report file, threshold, processes, versions."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from templates import BAD, GOOD, REPO, TODAY, TODAY_DATE, pdf_of

from segur_devis import check_bytes
from segur_devis.cli import main
from segur_devis.versions import PACKAGE, RULES, data_version

CORPUS = REPO / "tests" / "corpus"
# What each `--fail-on` threshold makes fail (exit 1), as the documentation says.
FAILS = {
    "non_conforme": {"non_conforme", "non_reconnu"},
    "a_verifier": {"non_conforme", "non_reconnu", "a_verifier"},
}


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main([*args, "--today", TODAY] if args[0] == "check" else list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_version_names_the_package_rules_and_data(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    out = capsys.readouterr().out.strip()
    assert out == f"segur-devis {PACKAGE} (règles {RULES}, données de référence {data_version()})"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", data_version())


def test_pyproject_reads_its_version_from_versions_py() -> None:
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert 'dynamic = ["version"]' in pyproject
    assert 'version = { attr = "segur_devis.versions.PACKAGE" }' in pyproject
    assert not re.search(r'^version\s*=\s*"', pyproject, re.M)  # written once, in versions.py


def test_the_changelog_has_a_section_for_this_version() -> None:
    changelog = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    assert re.search(rf"^## \[{re.escape(PACKAGE)}\] - \d{{4}}-\d{{2}}-\d{{2}}$", changelog, re.M)
    assert "## [0.1.0] - " in changelog


@pytest.mark.parametrize("threshold", sorted(FAILS))
def test_the_exit_code_follows_fail_on(capsys: pytest.CaptureFixture[str], threshold: str) -> None:
    quotes = sorted(CORPUS.glob("*.txt"))
    seen = set()
    for quote in quotes:
        verdict = check_bytes(quote.read_bytes(), filename=quote.name, today=TODAY_DATE).verdict
        seen.add(verdict)
        code, _, _ = run(capsys, "check", str(quote), "--fail-on", threshold, "--format", "json")
        assert code == (1 if verdict in FAILS[threshold] else 0), (quote.name, verdict)
    assert seen == {"conforme", "a_verifier", "non_conforme", "non_reconnu"}  # every case was exercised


def test_default_threshold_is_non_conforme(capsys: pytest.CaptureFixture[str]) -> None:
    a_verifier = CORPUS / "23_mdv_lgc_total_de_ligne_faux.txt"
    assert check_bytes(a_verifier.read_bytes(), today=TODAY_DATE).verdict == "a_verifier"
    assert run(capsys, "check", str(a_verifier))[0] == 0
    assert run(capsys, "check", str(a_verifier), "--fail-on", "a_verifier")[0] == 1


def test_github_annotations_point_at_the_lines_of_a_text_template(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", str(BAD), "--format", "github")
    assert code == 1
    lines = out.splitlines()
    assert all(re.fullmatch(r"::(error|warning|notice) [^:]+::.+", line) for line in lines), out
    p01 = next(line for line in lines if "(P01)" in line)
    props = dict(p.split("=", 1) for p in p01.split(" ", 1)[1].split("::")[0].split(","))
    assert props["file"] == str(BAD) and p01.startswith("::error ")
    text = BAD.read_text(encoding="utf-8")
    report = check_bytes(BAD.read_bytes(), filename=str(BAD), today=TODAY_DATE)
    finding = next(f for f in report.findings if f.code == "P01")
    assert finding.evidence is not None
    assert int(props["line"]) == text.count("\n", 0, finding.evidence.start) + 1
    # A missing mention has no line: the annotation names the file only.
    m01 = next(line for line in lines if "(M01)" in line)
    assert "line=" not in m01
    assert len(lines) == len(report.findings)


def test_github_annotations_escape_what_would_end_a_command(tmp_path: Path) -> None:
    from segur_devis.ci_formats import to_github

    quote = tmp_path / "a,b:c%.txt"
    quote.write_bytes(BAD.read_bytes())
    report = check_bytes(quote.read_bytes(), filename=str(quote), today=TODAY_DATE)
    out = to_github([report])
    assert "file=" + str(quote).replace("%", "%25").replace(":", "%3A").replace(",", "%2C") in out
    assert out.count("\n") == len(report.findings)  # one line each, whatever the messages hold


def test_pdf_annotations_name_the_file_without_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf = tmp_path / "modele.pdf"
    pdf.write_bytes(pdf_of(BAD))
    code, out, _ = run(capsys, "check", str(pdf), "--format", "github")
    assert code == 1 and "(P01)" in out
    assert "line=" not in out


def test_markdown_summary_lists_each_quote_and_its_findings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    summary = tmp_path / "summary.md"
    code, out, _ = run(capsys, "check", str(GOOD), str(BAD), "--format", "markdown", "--output", str(summary))
    assert code == 1 and out == ""
    md = summary.read_text(encoding="utf-8")
    assert md.startswith("## Ségur Devis : vérification des devis\n")
    assert f"segur-devis {PACKAGE} (règles {RULES}" in md
    assert "2 devis vérifiés : 1 conforme, 1 non conforme." in md
    rows = [line for line in md.splitlines() if line.startswith("| ") and "Devis" not in line]
    assert len(rows) == 2 and "| Conforme |" in rows[0] and "| Non conforme |" in rows[1]
    assert "- **P01** Non-conformité (ligne " in md


def test_markdown_summary_never_lets_a_quote_write_markup(tmp_path: Path) -> None:
    from segur_devis.ci_formats import to_markdown

    name = tmp_path / "x|<img src=x onerror=alert(1)>*_.txt"
    report = check_bytes(BAD.read_bytes(), filename=str(name), today=TODAY_DATE)
    md = to_markdown([report])
    assert "<img" not in md and "&lt;img" in md
    row = next(line for line in md.splitlines() if "Non conforme |" in line)
    assert row.count(" | ") == 3  # the pipe in the name is escaped: the table keeps four columns
    assert "x\\|" in row


def test_output_writes_the_report_to_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "segur.sarif"
    code, out, _ = run(capsys, "check", str(BAD), "--format", "sarif", "--output", str(target))
    assert code == 1 and out == ""
    assert json.loads(target.read_text(encoding="utf-8"))["runs"][0]["tool"]["driver"]["version"] == PACKAGE


def test_an_unwritable_output_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "check", str(GOOD), "--output", str(tmp_path / "absent" / "r.txt"))
    assert code == 2 and "impossible d’écrire le rapport" in err


@pytest.mark.parametrize("value", ["0", "-1", "deux"])
def test_jobs_must_be_a_positive_number(value: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["check", str(GOOD), "--jobs", value])
    assert exc.value.code == 2 and "nombre de processus invalide" in capsys.readouterr().err


def test_two_processes_give_the_same_reports_in_the_same_order(tmp_path: Path) -> None:
    folder = tmp_path / "modeles"
    folder.mkdir()
    for i, quote in enumerate(sorted(CORPUS.glob("*.txt"))):
        shutil.copy(quote, folder / f"{i:03d}_{quote.name}")
    (folder / "zz_illisible.pdf").write_text("pas un PDF")
    (folder / "notes.md").write_text("ignoré")

    def cli(*args: str) -> subprocess.CompletedProcess[bytes]:
        command = [sys.executable, "-m", "segur_devis", "check", str(folder), "--today", TODAY, *args]
        return subprocess.run(command, capture_output=True, check=False)

    for fmt in ("json", "text", "github"):
        one, two = cli("--format", fmt), cli("--format", fmt, "--jobs", "2")
        assert one.returncode == two.returncode == 2  # the fake PDF is unreadable
        assert one.stdout == two.stdout and one.stderr == two.stderr
    reports = json.loads(one.stdout if fmt == "json" else cli("--format", "json").stdout)
    assert len(reports) == len(list(CORPUS.glob("*.txt")))
    assert "zz_illisible.pdf" in one.stderr.decode()


def test_folders_include_office_templates(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "devis.docx").write_bytes(b"PK\x03\x04 not really a document")
    (tmp_path / "devis.odt").write_bytes(b"PK\x03\x04 not really a document")
    (tmp_path / "notes.md").write_text("ignoré")
    _, out, err = run(capsys, "check", str(tmp_path), "--format", "json")
    named = out + err
    assert "devis.docx" in named and "devis.odt" in named and "notes.md" not in named


def test_standard_input_with_the_new_options(tmp_path: Path) -> None:
    summary = tmp_path / "s.md"
    done = subprocess.run(
        [sys.executable, "-m", "segur_devis", "check", "-", "--format", "markdown", "-o", str(summary)],
        input=BAD.read_bytes(),
        capture_output=True,
        check=False,
    )
    assert done.returncode == 1
    assert "<entrée standard>" not in summary.read_text(encoding="utf-8")  # escaped, never HTML
    assert "&lt;entrée standard>" in summary.read_text(encoding="utf-8")


def test_the_summary_stays_under_the_size_github_accepts() -> None:
    from segur_devis.ci_formats import SUMMARY_BUDGET, to_markdown

    one = check_bytes(BAD.read_bytes(), filename="modeles/mauvais.txt", today=TODAY_DATE)
    reports = [one] * 1000
    md = to_markdown(reports)
    assert len(md.encode()) <= SUMMARY_BUDGET < 1024 * 1024
    assert "1000 devis vérifiés : 1000 non conformes." in md
    assert md.count("| modeles/mauvais.txt | Non conforme |") == 1000  # every row of the table fits
    shown = md.count("### modeles/mauvais.txt")
    assert 0 < shown < 1000
    assert (
        f"**Résumé interrompu** : il dépasserait la taille qu’accepte GitHub. Les constats de {1000 - shown} devis"
        in md
    )
    small = to_markdown(reports, budget=3000)
    assert len(small.encode()) <= 3000 and "Des lignes du tableau et les constats de" in small
