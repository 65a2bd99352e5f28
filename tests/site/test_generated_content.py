"""The tables and rule pages the hooks generate say exactly what the data and the checker say."""

from __future__ import annotations

import html as html_lib
import json
import re
from pathlib import Path

import pytest
from support.site import page_text, squash
from data_schema import json_schemas

import segur_devis
from segur_devis import reference

SEVERITY_FR = {"error": "Non-conformité", "warning": "À vérifier", "info": "Information"}


def dmy(iso: str) -> str:
    y, m, d = iso.split("-")
    return f"{d}/{m}/{y}"


def test_calendar_shows_every_deadline_with_its_status(site: Path) -> None:
    text = page_text(site, "comprendre/calendrier")
    deadlines = reference.load()["deadlines"]
    for d in deadlines:
        status = "Retenue" if d["retained"] else "Non retenue"
        row = f"{dmy(d['date'])} {squash(d['scope'] or 'Tout le couloir')} {status}"
        assert row in text, d
    rows = re.findall(r"\d\d/\d\d/\d{4} [^/]*? (?:Non retenue|Retenue)", text)
    assert len(rows) == len(deadlines)


def test_calendar_has_the_worked_example_of_the_120_day_rule(site: Path) -> None:
    order = reference.load()["conditional_order"]
    text = page_text(site, "comprendre/calendrier")
    assert f"{order['days']} jours calendaires" in text
    assert dmy(order["example_signed"]) in text and dmy(order["example_due"]) in text


def test_perimeter_lists_every_included_and_excluded_service(site: Path) -> None:
    text = page_text(site, "comprendre/perimetre")
    services = reference.load()["services"]
    for service in services["included"] + services["excluded"]:
        assert squash(service["label"]) in text, service["id"]


def test_resources_list_every_source(site: Path) -> None:
    text = page_text(site, "ressources")
    for source in reference.load()["sources"]:
        assert squash(source["title"]) in text, source["id"]


def test_glossary_page_has_every_term(site: Path) -> None:
    text = page_text(site, "ressources/glossaire")
    raw = json.loads(
        (Path(segur_devis.__file__).parent / "data" / "glossary.json").read_text(encoding="utf-8")
    )
    for term in raw["terms"]:
        assert squash(term["term"]) in text and squash(term["definition"]) in text, term["term"]


def test_abbreviations_are_explained_on_hover_but_not_inside_code(site: Path) -> None:
    html = (site / "etablissements" / "exemples" / "index.html").read_text(encoding="utf-8")
    assert '<abbr title="Agence du numérique en santé">ANS</abbr>' in html
    for block in re.findall(r"<pre.*?</pre>", html, re.S):
        assert "<abbr" not in block
    assert "Gestion de l’INS" in html  # the example quote is rendered inside a code block, unchanged


def test_mandatory_mention_is_quoted_exactly(site: Path) -> None:
    mention = reference.load()["mandatory_mention"]["text"]
    assert mention in page_text(site, "etablissements/lire-un-devis")


@pytest.mark.parametrize("rule", segur_devis.RULES, ids=lambda r: r.code)
def test_every_rule_has_its_page(site: Path, rule: segur_devis.Rule) -> None:
    page = site / "regles" / rule.code / "index.html"
    assert page.exists(), f"no page at {rule.url}"
    assert rule.url == f"/regles/{rule.code}/"
    text = page_text(site, f"regles/{rule.code}")
    plain = re.compile(r"[`*_]")  # Markdown emphasis and code marks disappear once rendered
    for field in (rule.title, rule.why, rule.fix):
        assert squash(plain.sub("", field)) in plain.sub("", text)
    assert SEVERITY_FR[rule.severity] in text
    assert squash(rule.locator) in text
    html = page.read_text(encoding="utf-8")
    codes = [
        squash(html_lib.unescape(re.sub(r"<[^>]+>", "", c)))
        for c in re.findall(r"<code>(.*?)</code>", html, re.S)
    ]
    assert squash(rule.bad) in codes and squash(rule.good) in codes


def test_rule_catalogue_lists_every_rule_in_order(site: Path) -> None:
    text = page_text(site, "regles")
    positions = [
        text.index(f"{r.code} {SEVERITY_FR[r.severity]} {squash(r.title)}") for r in segur_devis.RULES
    ]
    assert positions == sorted(positions)


def test_published_schemas_and_data(site: Path) -> None:
    for name, schema in json_schemas().items():
        published = json.loads((site / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8"))
        assert published == schema
    published = json.loads((site / "donnees" / "reference.json").read_text(encoding="utf-8"))
    assert published == reference.load()
