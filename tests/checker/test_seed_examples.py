"""The two example quotes of seed 002, as pasted from the ANS document."""

from datetime import date

from support.quotes import SEED_CONFORME, SEED_MAINTENANCE

from segur_devis import check_text


def test_conforming_hop_pfi_example_is_conforme():
    # Unsigned, so judged on the day of the check: a day when vague 1 hospital orders were still open.
    text = SEED_CONFORME.read_text(encoding="utf-8")
    report = check_text(text, today=date(2022, 6, 1))
    assert report.verdict == "conforme"
    assert report.codes == ["C02"]  # the order is conditional on referencing: the 120-day reminder
    assert report.facts["dsr"] == ["HOP-PFI-Va1"]
    assert report.facts["couloir"] == "hopital"


def test_non_conforming_pack_with_maintenance():
    text = SEED_MAINTENANCE.read_text(encoding="utf-8")
    report = check_text(text)
    assert report.verdict == "non_conforme"
    codes = set(report.codes)
    assert {"P01", "M01", "M02", "M03"} <= codes
    # The pack's feature list (LOINC, INS, MSSanté Pro et Citoyenne) describes the software, not billed items.
    assert not codes & {"P03", "P06", "A01", "A02"}
    p01 = next(f for f in report.findings if f.code == "P01")
    assert p01.evidence is not None
    assert "maintenance annuelle" in p01.evidence.text.lower()
    assert "3 650,00€" in p01.evidence.text
