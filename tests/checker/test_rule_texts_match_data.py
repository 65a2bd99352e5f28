"""A number or a DSR code written in a rule's text must be the data's (reference.json is the only source of a
domain fact): change the data, and a rule that still says the old figure fails here."""

from __future__ import annotations

import re

import pytest

from segur_devis import check_text
from segur_devis.dsr import find_dsr
from segur_devis.normalize import fold
from segur_devis.reference import load
from segur_devis.rules import RULES, Rule, get_rule

TEXTS = ("title", "why", "fix", "locator", "bad", "good")


def texts(rule: Rule) -> str:
    return "\n".join(getattr(rule, name) for name in TEXTS)


def wrong_years(text: str) -> list[str]:
    """The « N ans en vague V » of `text` that are not the data's corrective maintenance durations."""
    years = {y["vague"]: y["years"] for y in load()["corrective_maintenance_years"]}
    return [
        m.group()
        for m in re.finditer(r"(\d+) ans en vague (\d)", text)
        if int(m.group(1)) != years[int(m.group(2))]
    ]


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_maintenance_years_are_the_data(rule: Rule) -> None:
    assert wrong_years(texts(rule)) == [], rule.code


def test_a_wrong_figure_would_be_caught() -> None:
    years = {y["vague"]: y["years"] for y in load()["corrective_maintenance_years"]}
    assert wrong_years(f"maintenance ({years[1] + 1} ans en vague 1, {years[2]} ans en vague 2)") == [
        f"{years[1] + 1} ans en vague 1"
    ]


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_day_counts_are_the_data(rule: Rule) -> None:
    days = load()["conditional_order"]["days"]
    for m in re.finditer(r"(\d+) jours", "\n".join(getattr(rule, name) for name in ("title", "why", "fix"))):
        assert int(m.group(1)) == days, f"{rule.code}: « {m.group()} »"


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_dsr_codes_are_the_data(rule: Rule) -> None:
    families = {d["family"] for d in load()["dsr"]}
    for m in re.finditer(r"\b[A-Z]{2,4}(?:-[A-Z0-9]{2,4})+-[Vv][Aa]\d\b", texts(rule)):
        folded = fold(m.group()).text
        mentions = find_dsr(folded, lambda s, e: True)
        assert mentions and mentions[0].explicit, f"{rule.code}: {m.group()} is not recognised"
        assert mentions[0].family in families, f"{rule.code}: {m.group()} names no DSR family of the data"


def test_the_version_list_families_are_the_data() -> None:
    """M06 names the families whose quotes must list the versions, M07 says « hors » them: both are the data's."""
    required = sorted(f for c in load()["couloirs"] if c.get("version_list_required") for f in c["families"])
    named = sorted({f for code in ("M06", "M07") for f in re.findall(r"\b[A-Z]{3}\b", get_rule(code).title)})
    assert required == named == ["DUI", "LGO"]


@pytest.mark.parametrize("couloir", [c for c in load()["couloirs"]], ids=lambda c: c["id"])
def test_the_version_list_rule_follows_the_data(couloir: dict[str, object]) -> None:
    """A vague 2 quote without the list: M06 where the data requires it, M07 (announced only) elsewhere."""
    dsr = next(d["code"] for d in load()["dsr"] if d["couloir"] == couloir["id"] and d["vague"] == 2)
    codes = {f.code for f in check_text(f"Devis n° 78 — Prestation Ségur {dsr} : 24 000 € HT").findings}
    expected = "M06" if couloir.get("version_list_required") else "M07"
    assert expected in codes and ({"M06", "M07"} - {expected}).isdisjoint(codes), (dsr, codes)
