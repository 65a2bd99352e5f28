"""Pydantic models of the project's data files and of the JSON report, and their JSON Schemas.

Build and test time only (pydantic is a development dependency): it lives beside the site's hooks, outside the
run-time package, so it is not in the wheel that Pyodide installs (tests/checker/test_wheel.py).

    python site_hooks/data_schema.py OUTDIR   # writes OUTDIR/{reference,glossary,report}.schema.json

The models check more than types: every `source` id exists, dates are real ISO dates, DSR and deadlines point
at known couloirs, every date has a source, retained dates of one dispositif and step agree, an official order
deadline is retained, every unretained date says why, and the worked
example of the 120-day rule adds up.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, RootModel, ValidationInfo, model_validator

from segur_devis.report import Severity, Verdict, verdict_of


def _real_date(value: str) -> str:
    date.fromisoformat(value)  # raises ValueError on 2022-02-30
    return value


def _real_month_or_date(value: str) -> str:
    _real_date(value if len(value) == 10 else value + "-01")
    return value


IsoDate = Annotated[str, Field(pattern=r"^\d{4}-\d{2}-\d{2}$"), AfterValidator(_real_date)]
IsoMonthOrDate = Annotated[str, Field(pattern=r"^\d{4}-\d{2}(-\d{2})?$"), AfterValidator(_real_month_or_date)]
HttpsUrl = Annotated[str, Field(pattern=r"^https://[^\s]+$")]
Text = Annotated[str, Field(min_length=1)]
SourceId = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$")]
RuleCode = Annotated[str, Field(pattern=r"^[A-Z][0-9]{2}$")]
Vague = Annotated[int, Field(ge=1)]


class Strict(BaseModel):
    """Unknown keys are errors: a typo in a key name must not pass silently."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def _duplicates(values: Iterable[str]) -> list[str]:
    return sorted(v for v, n in Counter(values).items() if n > 1)


# --- reference.json ---------------------------------------------------------------------------------------


class Source(Strict):
    id: SourceId
    title: Text
    publisher: Text
    published: IsoMonthOrDate | None
    official: bool
    url: HttpsUrl | None
    note: Text | None


class MandatoryMention(Strict):
    text: Text
    source: SourceId
    locator: Text


# How a fact is known: seen at an official source, reported by the press or a third party, or inferred by us.
Confidence = Literal["verified", "press", "inferred"]


class Couloir(Strict):
    id: SourceId
    label: Text
    families: list[Text] = Field(min_length=1)
    prefixes: list[Text] = Field(min_length=1)
    source: SourceId
    vague_rules: list[Text] = Field(
        min_length=1, description="Which of the couloir's rules depend on the vague."
    )
    state_pays_hardware: bool = False
    version_list_required: bool = Field(
        default=False,
        description="Quotes must list the versions updated with no reste à charge, in every vague (rule M06).",
    )


class Dsr(Strict):
    code: Text
    family: Text
    couloir: SourceId
    vague: Vague
    label: Text
    confidence: Confidence
    source: SourceId
    spellings: list[Text] = Field(
        default_factory=list, description="Other spellings seen or expected in quotes."
    )
    state_pays_hardware: bool = False


class Dispositif(Strict):
    """One SONS financing window: a couloir, a vague and the software families it funds."""

    id: SourceId
    couloir: SourceId
    vague: Vague
    families: list[Text] = Field(min_length=1)
    label: Text
    audience: Text
    source: SourceId
    note: Text | None = None


class Deadline(Strict):
    couloir: SourceId
    vague: Vague
    dispositif: SourceId
    kind: Text
    date: IsoDate
    scope: Text | None
    source: SourceId | None = Field(description="Null only to be refused: every date needs its source.")
    confidence: Confidence
    retained: bool
    note: Text | None


class VagueInfo(Strict):
    vague: Vague
    label: Text
    summary: Text
    source: SourceId


class VagueFact(Strict):
    id: SourceId
    vague: Vague
    text: Text
    source: SourceId
    confidence: Confidence


class ConditionalOrder(Strict):
    days: int = Field(gt=0)
    example_signed: IsoDate
    example_due: IsoDate
    source: SourceId
    locator: Text

    @model_validator(mode="after")
    def example_adds_up(self) -> ConditionalOrder:
        due = date.fromisoformat(self.example_signed) + timedelta(days=self.days)
        if due.isoformat() != self.example_due:
            raise ValueError(f"{self.example_signed} + {self.days} days is {due}, not {self.example_due}")
        return self


class CorrectiveMaintenance(Strict):
    vague: Vague
    years: int = Field(gt=0)
    source: SourceId


class Service(Strict):
    id: SourceId
    label: Text
    keywords: list[Text] = Field(min_length=1)
    source: SourceId


class Services(Strict):
    included: list[Service] = Field(min_length=1)
    excluded: list[Service] = Field(min_length=1)


class Markers(Strict):
    """Vocabularies compiled by `normalize.phrases_pattern`: who pays a line, and what kind of service it is."""

    comment: Text
    client: list[Text] = Field(min_length=1)
    state: list[Text] = Field(min_length=1)
    optional: list[Text] = Field(min_length=1)
    other_scope: list[Text] = Field(min_length=1)
    generic_service: list[Text] = Field(min_length=1)


class FundingScheme(Strict):
    name: Text
    patterns: list[Text] = Field(min_length=1)
    source: SourceId


class Clause(Strict):
    rule: RuleCode
    example: Text
    comment: Text
    source: SourceId


class Reference(Strict):
    """checker/segur_devis/data/reference.json, the single source of truth of the checker and the site."""

    version: Text
    checked_on: IsoDate = Field(description="The day the sources were last read.")
    mandatory_mention: MandatoryMention
    sources: list[Source] = Field(min_length=1)
    vagues: list[VagueInfo] = Field(min_length=1)
    vague_facts: list[VagueFact]
    couloirs: list[Couloir] = Field(min_length=1)
    dsr: list[Dsr]
    dispositifs: list[Dispositif] = Field(min_length=1)
    deadlines: list[Deadline] = Field(min_length=1)
    deadline_kinds: dict[str, Text]
    conditional_order: ConditionalOrder
    corrective_maintenance_years: list[CorrectiveMaintenance]
    services: Services
    markers: Markers
    other_funding_schemes: list[FundingScheme]
    clauses: list[Clause]

    def cited_sources(self) -> Iterable[tuple[str, str]]:
        """(where, source id) for every citation in the file."""
        yield "mandatory_mention", self.mandatory_mention.source
        yield "conditional_order", self.conditional_order.source
        for c in self.couloirs:
            yield f"couloir {c.id}", c.source
        for d in self.dsr:
            yield f"dsr {d.code}", d.source
        for dl in self.deadlines:
            if dl.source is not None:
                yield f"deadline {dl.couloir}/{dl.vague}/{dl.kind}/{dl.date}", dl.source
        for v in self.vagues:
            yield f"vague {v.vague}", v.source
        for fact in self.vague_facts:
            yield f"vague fact {fact.id}", fact.source
        for dp in self.dispositifs:
            yield f"dispositif {dp.id}", dp.source
        for m in self.corrective_maintenance_years:
            yield f"corrective maintenance vague {m.vague}", m.source
        for s in (*self.services.included, *self.services.excluded):
            yield f"service {s.id}", s.source
        for f in self.other_funding_schemes:
            yield f"funding scheme {f.name}", f.source
        for k in self.clauses:
            yield f"clause {k.rule}", k.source

    @model_validator(mode="after")
    def consistent(self) -> Reference:
        problems: list[str] = []
        source_ids = {s.id for s in self.sources}
        couloirs = {c.id: c for c in self.couloirs}
        for label, ids in (
            ("source id", [s.id for s in self.sources]),
            ("couloir id", [c.id for c in self.couloirs]),
            ("DSR code", [d.code for d in self.dsr]),
            ("service id", [s.id for s in (*self.services.included, *self.services.excluded)]),
            ("clause rule", [k.rule for k in self.clauses]),
        ):
            problems += [f"duplicate {label}: {dup}" for dup in _duplicates(ids)]
        problems += [
            f"{where}: unknown source {sid!r}" for where, sid in self.cited_sources() if sid not in source_ids
        ]
        for d in self.dsr:
            if d.couloir not in couloirs:
                problems.append(f"dsr {d.code}: unknown couloir {d.couloir!r}")
            elif d.family not in couloirs[d.couloir].families:
                problems.append(f"dsr {d.code}: family {d.family!r} is not one of couloir {d.couloir!r}'s")
        dispositifs = {dp.id: dp for dp in self.dispositifs}
        problems += [
            f"duplicate dispositif id: {dup}" for dup in _duplicates(dp.id for dp in self.dispositifs)
        ]
        for dp in self.dispositifs:
            if dp.couloir not in couloirs:
                problems.append(f"dispositif {dp.id}: unknown couloir {dp.couloir!r}")
            elif set(dp.families) - set(couloirs[dp.couloir].families):
                problems.append(
                    f"dispositif {dp.id}: families {dp.families} not all of couloir {dp.couloir!r}'s"
                )
        groups: dict[tuple[str, str], list[Deadline]] = {}
        for dl in self.deadlines:
            where = f"deadline {dl.dispositif}/{dl.kind}/{dl.date}"
            if dl.couloir not in couloirs:
                problems.append(f"{where}: unknown couloir {dl.couloir!r}")
            if dl.kind not in self.deadline_kinds:
                problems.append(f"{where}: unknown kind {dl.kind!r}")
            if dl.source is None:
                problems.append(f"{where}: {'a retained' if dl.retained else 'a'} date has no source")
            owner = dispositifs.get(dl.dispositif)
            if owner is None:
                problems.append(f"{where}: unknown dispositif {dl.dispositif!r}")
            elif (owner.couloir, owner.vague) != (dl.couloir, dl.vague):
                problems.append(
                    f"{where}: dispositif {owner.id} is couloir {owner.couloir}, vague {owner.vague}"
                )
            groups.setdefault((dl.dispositif, dl.kind), []).append(dl)
        for (dispositif, kind), members in groups.items():
            retained = {m.date for m in members if m.retained}
            # The checker and the « today » component read one date per dispositif and step: two would be a guess.
            if len(retained) > 1:
                problems.append(
                    f"deadlines {dispositif}/{kind}: retained dates disagree ({', '.join(sorted(retained))})"
                )
            # A superseded date stays visible, unretained, with the reason; an official order deadline is never
            # dropped without a replacement (rules C01/C03 would then say « not published » wrongly).
            if kind == "commandes" and not retained and any(m.confidence == "verified" for m in members):
                problems.append(f"deadlines {dispositif}/commandes: none is retained")
            problems += [
                f"deadlines {dispositif}/{kind}: an unretained date must say why in its note"
                for m in members
                if not m.retained and not m.note
            ]
            problems += [
                f"deadlines {dispositif}/{kind}: a date from the press cannot be retained"
                for m in members
                if m.retained and m.confidence == "press"
            ]
        if problems:
            raise ValueError("; ".join(problems))
        return self


# --- glossary.json ----------------------------------------------------------------------------------------


class Term(Strict):
    term: Text
    expansion: Text | None = Field(description="What the abbreviation stands for; null for a plain term.")
    definition: Text = Field(description="A short definition in plain French.")
    source: SourceId | None = Field(description="A source id of reference.json, or null for common usage.")


class Glossary(Strict):
    """checker/segur_devis/data/glossary.json. Validate with context={"source_ids": ...} to check sources."""

    terms: list[Term] = Field(min_length=1)

    @model_validator(mode="after")
    def consistent(self, info: ValidationInfo) -> Glossary:
        problems = [f"duplicate term: {t}" for t in _duplicates(t.term.casefold() for t in self.terms)]
        known = (info.context or {}).get("source_ids")
        if known is not None:
            problems += [
                f"term {t.term}: unknown source {t.source!r}"
                for t in self.terms
                if t.source is not None and t.source not in known
            ]
        if problems:
            raise ValueError("; ".join(problems))
        return self


# --- the JSON report (CONTRACT.md) -----------------------------------------------------------------

# Severity, Verdict and the verdict rule are the report's own (segur_devis.report), imported above.


class Evidence(Strict):
    start: int = Field(ge=0, description="Character offset of the span in the extracted text.")
    end: int = Field(ge=0, description="Offset just after the span.")
    text: str

    @model_validator(mode="after")
    def ordered(self) -> Evidence:
        if self.end < self.start:
            raise ValueError("evidence end is before its start")
        return self


class Finding(Strict):
    code: RuleCode
    severity: Severity
    title: Text
    message: Text
    evidence: Evidence | None
    why: Text
    fix: Text
    source: Text
    url: Annotated[str, Field(pattern=r"^/regles/[A-Z][0-9]{2}/$")]

    @model_validator(mode="after")
    def url_matches_code(self) -> Finding:
        if self.url != f"/regles/{self.code}/":
            raise ValueError(f"url {self.url!r} does not point at rule {self.code}")
        return self


class Facts(BaseModel):
    """What the checker read in the quote; more keys may appear, these three are stable."""

    model_config = ConfigDict(extra="allow", frozen=True)

    dsr: list[Any] = Field(default_factory=list)
    couloir: Any = None
    date_signature: IsoDate | None = None


class Report(Strict):
    """One quote's report, as printed by `segur-devis check --format json`."""

    source: str
    verdict: Verdict
    summary: Text
    facts: Facts
    findings: list[Finding]
    not_checked: list[Text] = Field(
        default_factory=list, description="What the tool could not check for this quote (French sentences)."
    )

    @model_validator(mode="after")
    def verdict_follows_findings(self) -> Report:
        if self.verdict == "non_reconnu":
            return self
        expected = verdict_of(f.severity for f in self.findings)
        if self.verdict != expected:
            raise ValueError(f"verdict {self.verdict!r} but the findings give {expected!r}")
        return self


class ReportOutput(RootModel[Report | list[Report]]):
    """The CLI's JSON output: one report, or a list when several paths are given."""


# --- entry points -----------------------------------------------------------------------------------------


def _package_json(name: str) -> Any:
    return json.loads(resources.files("segur_devis").joinpath(f"data/{name}").read_text(encoding="utf-8"))


def validate_reference(data: Any | None = None) -> Reference:
    return Reference.model_validate(_package_json("reference.json") if data is None else data)


def validate_glossary(data: Any | None = None, reference: Reference | None = None) -> Glossary:
    reference = reference or validate_reference()
    context = {"source_ids": {s.id for s in reference.sources}}
    return Glossary.model_validate(_package_json("glossary.json") if data is None else data, context=context)


def validate_report(data: Any) -> ReportOutput:
    return ReportOutput.model_validate(data)


def json_schemas() -> dict[str, dict[str, Any]]:
    """The published JSON Schemas, by file stem."""
    return {
        "reference": Reference.model_json_schema(),
        "glossary": Glossary.model_json_schema(),
        "report": ReportOutput.model_json_schema(),
    }


def write_schemas(outdir: Path) -> list[Path]:
    outdir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, document in json_schemas().items():
        path = outdir / f"{name}.schema.json"
        path.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        written.append(path)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1 or args[0].startswith("-"):
        print("usage: python site_hooks/data_schema.py OUTDIR", file=sys.stderr)
        return 2
    validate_glossary()  # refuse to publish schemas next to data that does not follow them
    for path in write_schemas(Path(args[0])):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
