"""The seed's two example quotes, stored once: in the first corpus (`tests/corpus/`), whose oracle judges them too.

Every test that needs « a conforming quote » or « the pack with maintenance billed to the client » reads them here.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
CORPUS = TESTS / "corpus"
# Seed 002's conforming hospital PFI quote.
SEED_CONFORME = CORPUS / "01_seed002_devis_conforme_hop_pfi.txt"
# Seed 002's non-conforming pack: maintenance billed to the client (P01).
SEED_MAINTENANCE = CORPUS / "02_seed002_devis_non_conforme_bio_sgl.txt"
SEEDS = (SEED_CONFORME, SEED_MAINTENANCE)
# The seed's examples are unsigned vague 1 quotes, judged on the day of the check: the page (?aujourdhui=) and
# CPython judge them on a day of the seed's era, when vague 1 orders were open.
SEED_ERA = date(2022, 6, 1)


def fixture_text(path: Path) -> str:
    return path.read_text(encoding="utf-8")
