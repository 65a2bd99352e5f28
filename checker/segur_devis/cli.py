"""The `segur-devis` command: check quotes, list and explain the rules.

Exit codes (CONTRACT.md), stable: 0 when no quote reaches the `--fail-on` threshold; 1 when one does (by default
`non_conforme`, which includes `non_reconnu`; with `--fail-on a_verifier`, `a_verifier` too); 2 on a usage error
or an unreadable file.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from functools import partial
from pathlib import Path

from segur_devis import __version__
from segur_devis.check import check_bytes
from segur_devis.ci_formats import to_github, to_markdown
from segur_devis.errors import InputError
from segur_devis.formats import rule_text, rules_table, to_json, to_sarif, to_text
from segur_devis.report import Report, Verdict
from segur_devis.rules import RULES, get_rule
from segur_devis.versions import version_line

QUOTE_SUFFIXES = {".txt", ".pdf", ".docx", ".odt"}
EXIT_OK, EXIT_NON_COMPLIANT, EXIT_USAGE = 0, 1, 2
# The verdicts that make `check` exit 1, for each `--fail-on` threshold, and what it means (its help).
FAILING: dict[str, tuple[set[Verdict], str]] = {
    "non_conforme": ({"non_conforme", "non_reconnu"}, "non conforme ou non reconnu"),
    "a_verifier": ({"non_conforme", "non_reconnu", "a_verifier"}, "aussi à vérifier"),
}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"segur-devis : erreur d’utilisation : {message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def _codes(value: str) -> list[str]:
    codes = [c.strip().upper() for c in value.split(",") if c.strip()]
    known = {r.code for r in RULES}
    for code in codes:
        if not any(k.startswith(code) for k in known):
            raise argparse.ArgumentTypeError(f"code de règle inconnu : {code}")
    return codes


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"date invalide : {value} (attendu : AAAA-MM-JJ)") from None


def _jobs(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"nombre de processus invalide : {value} (attendu : 1, 2, 3…)")
    return int(value)


def _choice(
    parser: argparse.ArgumentParser, flag: str, meanings: dict[str, str], default: str, what: str
) -> None:
    """An option taking one of `meanings`' names; its help lists each with what it means, from the same table."""
    listed = ", ".join(f"{name} ({meaning})" for name, meaning in meanings.items())
    parser.add_argument(
        flag, choices=tuple(meanings), default=default, help=f"{what} : {listed} ; par défaut : {default}"
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="segur-devis", description="Vérifie la conformité des devis Ségur numérique (SONS)."
    )
    parser.add_argument("--version", action="version", version=version_line())
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    check = commands.add_parser(
        "check", help="vérifier des devis (.txt, .pdf, .docx, .odt, dossier, ou - pour l’entrée standard)"
    )
    check.add_argument("paths", nargs="+", metavar="PATH")
    _choice(
        check, "--format", {name: what for name, (_, what) in FORMATS.items()}, "text", "format du rapport"
    )
    check.add_argument(
        "--output", "-o", metavar="FICHIER", help="écrire le rapport dans ce fichier plutôt qu’à l’écran"
    )
    _choice(
        check,
        "--fail-on",
        {name: what for name, (_, what) in FAILING.items()},
        "non_conforme",
        "verdict à partir duquel le code de sortie vaut 1",
    )
    check.add_argument(
        "--jobs", "-j", type=_jobs, default=1, metavar="N", help="vérifier avec N processus (par défaut : 1)"
    )
    check.add_argument("--select", type=_codes, help="codes ou préfixes des règles à appliquer (ex. M,P01)")
    check.add_argument("--ignore", type=_codes, help="codes ou préfixes des règles à ignorer (ex. A,K02)")
    check.add_argument(
        "--today",
        type=_day,
        metavar="AAAA-MM-JJ",
        help="juger le devis à cette date plutôt qu’aujourd’hui (calendrier ; rapports reproductibles)",
    )
    commands.add_parser("rules", help="lister les règles")
    explain = commands.add_parser("rule", help="expliquer une règle")
    explain.add_argument("code")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "rules":
        sys.stdout.write(rules_table())
        return EXIT_OK
    if args.command == "rule":
        try:
            get_rule(args.code)
        except KeyError:
            print(f"segur-devis : règle inconnue : {args.code}", file=sys.stderr)
            return EXIT_USAGE
        sys.stdout.write(rule_text(args.code))
        return EXIT_OK
    check = partial(check_bytes, select=args.select, ignore=args.ignore, today=args.today)
    reports, unreadable = _check_all(_sources(args.paths), check, args.jobs)
    render, _ = FORMATS[args.format]
    if not _write(render(reports), args.output):
        return EXIT_USAGE
    if unreadable:
        return EXIT_USAGE
    failing, _ = FAILING[args.fail_on]
    return EXIT_NON_COMPLIANT if any(r.verdict in failing for r in reports) else EXIT_OK


def _text(reports: list[Report]) -> str:
    out = "\n".join(to_text(r) for r in reports)
    return out + "\n" + _summary_table(reports) if len(reports) > 1 else out


# Each `--format`: how it renders the reports, and what it is for (its help).
FORMATS: dict[str, tuple[Callable[[list[Report]], str], str]] = {
    "text": (_text, "lisible"),
    "json": (lambda reports: to_json(reports) if reports else "", "pour les programmes"),
    "sarif": (lambda reports: to_sarif(reports, version=__version__), "revue de code"),
    "github": (to_github, "annotations GitHub Actions"),
    "markdown": (to_markdown, "résumé de travail"),
}


# What a worker is given: a file to read, standard input's content, or why there is nothing to check (a French
# message). Paths rather than contents cross to the workers, so memory holds one quote at a time per process.
Source = Path | bytes | str


def _check_all(
    sources: Iterator[tuple[str, Source]], check: Callable[..., Report], jobs: int
) -> tuple[list[Report], bool]:
    """The reports in the order of the inputs, whatever the number of processes, the French message of each
    unreadable input on stderr in that order too; True when there was one."""
    task = partial(_check_one, check)
    items: Iterable[tuple[str, Source]] = list(sources) if jobs > 1 else sources
    if isinstance(items, list) and len(items) > 1:
        # Chunks of several quotes: one quote takes about a millisecond, less than sending it to a process.
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            results = list(pool.map(task, items, chunksize=max(1, len(items) // (jobs * 8))))
    else:
        results = list(map(task, items))
    reports: list[Report] = []
    for name, result in results:
        if isinstance(result, Report):
            reports.append(result)
        else:
            print(f"segur-devis : {name} : {result}", file=sys.stderr)
    return reports, len(reports) < len(results)


def _check_one(check: Callable[..., Report], item: tuple[str, Source]) -> tuple[str, Report | str]:
    """The input's name and its report, or the French message saying why it cannot be checked (picklable)."""
    name, source = item
    if isinstance(source, str):
        return name, source
    try:
        data = source if isinstance(source, bytes) else source.read_bytes()
    except OSError as exc:
        return name, "fichier introuvable" if isinstance(exc, FileNotFoundError) else "fichier illisible"
    try:
        return name, check(data, filename=name)
    except InputError as exc:
        return name, str(exc)


def _write(output: str, path: str | None) -> bool:
    if path is None:
        sys.stdout.write(output)
        return True
    try:
        Path(path).write_text(output, encoding="utf-8")
    except OSError as exc:
        print(f"segur-devis : {path} : impossible d’écrire le rapport ({exc.strerror})", file=sys.stderr)
        return False
    return True


def _sources(paths: list[str]) -> Iterator[tuple[str, Source]]:
    """(name, source) for each quote; a folder gives its quote files (QUOTE_SUFFIXES), sorted."""
    for raw in paths:
        if raw == "-":
            yield "<entrée standard>", sys.stdin.buffer.read()
            continue
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in QUOTE_SUFFIXES)
            if not files:
                yield raw, "aucun devis (.txt, .pdf, .docx ou .odt) dans ce dossier"
            for file in files:
                yield str(file), file
        else:
            yield str(path), path


def _summary_table(reports: list[Report]) -> str:
    from segur_devis.report import VERDICT_LABELS

    width = max(len(r.source) for r in reports)
    lines = [f"{'Devis':<{width}}  {'Verdict':<13} Erreurs Avertissements"]
    for r in reports:
        errors = sum(f.severity == "error" for f in r.findings)
        warnings = sum(f.severity == "warning" for f in r.findings)
        lines.append(f"{r.source:<{width}}  {VERDICT_LABELS[r.verdict]:<13} {errors:>7} {warnings:>14}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
