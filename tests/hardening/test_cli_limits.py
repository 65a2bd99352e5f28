"""The CLI on hostile or broken files, as a vendor's CI would run it: exit code 2 and one French line on
stderr (never a traceback), within bounded time and memory; then it still works. The limits are documented in
the README (« Limites »)."""

from __future__ import annotations

import io
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pypdf import PdfWriter
from support.pdf_makers import make_pdf, raw_pdf
from support.quotes import SEED_CONFORME

from segur_devis.extract import MAX_PDF_PAGES, MAX_TEXT_CHARS, decode_text

REPO = Path(__file__).resolve().parents[2]
GOOD = SEED_CONFORME


def cli(*args: str, stdin: bytes | None = None) -> tuple[int, str, str, float]:
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "segur_devis", *args],
        input=stdin,
        capture_output=True,
        check=False,
        timeout=120,
    )
    return (
        done.returncode,
        done.stdout.decode("utf-8", "replace"),
        done.stderr.decode("utf-8", "replace"),
        time.monotonic() - started,
    )


def encrypted() -> bytes:
    writer = PdfWriter(clone_from=io.BytesIO(make_pdf(GOOD.read_text(encoding="utf-8"))))
    writer.encrypt(user_password="secret", owner_password="owner")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


CASES = {
    # name: (file name, content maker, what stderr says)
    "texte-50-mo": ("devis.txt", lambda: b"Devis Segur " * (50_000_000 // 12), "trop long"),
    "binaire": ("photo.txt", lambda: bytes(range(256)) * 1024, "ni un texte ni un PDF"),
    "faux-pdf": ("devis.pdf", lambda: b"Bonjour\n" * 100, "pas un PDF"),
    "pdf-tronque": ("devis.pdf", lambda: make_pdf(GOOD.read_text(encoding="utf-8"))[:700], "endommagé"),
    "pdf-chiffre": ("devis.pdf", encrypted, "mot de passe"),
    "pdf-bombe": (
        "devis.pdf",
        lambda: raw_pdf(b"BT /F1 12 Tf 72 720 Td (Devis) Tj ET\n" + b" " * 200_000_000),
        "anormalement volumineuses",
    ),
    "pdf-201-pages": (
        "devis.pdf",
        lambda: raw_pdf(b"BT /F1 12 Tf 72 720 Td (Devis) Tj ET\n", pages=MAX_PDF_PAGES + 1),
        f"{MAX_PDF_PAGES + 1} pages",
    ),
    "pdf-5000-pages": (
        "devis.pdf",
        lambda: raw_pdf(b"BT /F1 12 Tf 72 720 Td (Devis) Tj ET\n", pages=5000),
        "anormalement volumineuses",
    ),
    "pdf-sans-fin": ("devis.pdf", lambda: b"%PDF-1.7\n" + b"1 0 obj\n<< /Kids [" * 20000, "endommagé"),
}


@pytest.mark.parametrize("case", CASES)
def test_bad_file_exits_2_with_one_french_line(tmp_path: Path, case: str) -> None:
    name, make, expected = CASES[case]
    path = tmp_path / name
    path.write_bytes(make())
    code, out, err, seconds = cli("check", str(path))
    assert code == 2
    assert out == ""
    assert expected in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    assert seconds < 60
    # The same run goes on with the other files: one bad file does not hide the others' reports.
    # GOOD is the seed's unsigned vague 1 example: judged on a day of its era.
    code, out, err, _ = cli("check", str(path), str(GOOD), "--format", "json", "--today", "2022-06-01")
    assert code == 2 and '"verdict": "conforme"' in out


def test_memory_stays_bounded_on_the_largest_inputs(tmp_path: Path) -> None:
    big = tmp_path / "devis.txt"
    big.write_bytes(b"Devis Segur " * (50_000_000 // 12))
    bomb = tmp_path / "bombe.pdf"
    bomb.write_bytes(raw_pdf(b"BT (x) Tj ET\n" + b" " * 200_000_000))
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    for path in (big, bomb):
        assert cli("check", str(path))[0] == 2
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    assert peak_kib < 1_000_000, f"peak {peak_kib} KiB (was {before} KiB before)"  # under 1 GB


def test_binary_on_standard_input(tmp_path: Path) -> None:
    code, _, err, _ = cli("check", "-", stdin=b"\x00\x01\x02" * 1000)
    assert code == 2 and "ni un texte ni un PDF" in err and "Traceback" not in err


def test_empty_and_blank_files_are_not_recognised(tmp_path: Path) -> None:
    for content in (b"", b"   \n\t\r\n"):
        path = tmp_path / "vide.txt"
        path.write_bytes(content)
        code, out, err, _ = cli("check", str(path))
        assert code == 1 and "vide" in out and err == ""


def test_text_just_under_the_limit_is_checked(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_bytes(b"a" * (MAX_TEXT_CHARS - 1))
    code, out, _, seconds = cli("check", str(path), "--format", "json")
    assert code == 1 and '"verdict": "non_reconnu"' in out
    assert seconds < 60


def test_cp1252_file_with_an_undefined_byte_keeps_its_euro_signs() -> None:
    data = "Prestation Ségur 8 560 €\n".encode("cp1252") + b"\x81\n"
    assert "8 560 €" in decode_text(data)
