"""Quote templates for the vendors' toolchain tests: a conforming one, a non-conforming one, and PDFs of them."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(
    0, str(REPO / "tests")
)  # `support`, also when the release workflow runs this file as a script
from support.pdf_makers import make_pdf  # noqa: E402
from support.quotes import SEED_CONFORME, SEED_MAINTENANCE  # noqa: E402

GOOD = SEED_CONFORME
BAD = SEED_MAINTENANCE
# GOOD is the seed's unsigned vague 1 example: judged on a day of its era (on 30/11/2026, vague 1 is closed and an
# unsigned quote « signé aujourd'hui » could no longer be financed: C01).
TODAY = "2022-06-01"
TODAY_DATE = date.fromisoformat(TODAY)
# A hook, an Action or a plain `segur-devis check` has no --today: the template is signed in its era, when vague 1
# orders were open.
SIGNED_GOOD = GOOD.read_text(encoding="utf-8") + "\nBon pour accord, signé le 01/06/2022\n"


def pdf_of(template: Path) -> bytes:
    return make_pdf(template.read_text(encoding="utf-8"))


def copy_of_repository(dest: Path) -> Path:
    """The repository as `actions/checkout` gives it (the files git knows, uncommitted changes included), with
    this venv as `.venv`: builds and installs run there without touching the work tree."""
    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=REPO, capture_output=True, check=True
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        if (REPO / name).is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, dest / name)
    (dest / ".venv").symlink_to(REPO / ".venv")
    return dest


if __name__ == "__main__":  # the release workflow's PDF template: templates.py TEMPLATE.txt OUT.pdf
    Path(sys.argv[2]).write_bytes(pdf_of(Path(sys.argv[1])))
