"""The `segur-devis` command: check quotes, list and explain the rules.

Exit codes (CONTRACT.md): 0 when every quote is `conforme` or `a_verifier`; 1 when any is `non_conforme`
or `non_reconnu`; 2 on a usage error or an unreadable file.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path

from segur_devis import __version__
from segur_devis.check import check_bytes
from segur_devis.errors import InputError
from segur_devis.formats import rule_text, rules_table, to_json, to_sarif, to_text
from segur_devis.report import Report
from segur_devis.rules import RULES, get_rule

QUOTE_SUFFIXES = {".txt", ".pdf"}
EXIT_OK, EXIT_NON_COMPLIANT, EXIT_USAGE = 0, 1, 2


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


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="segur-devis", description="Vérifie la conformité des devis Ségur numérique (SONS)."
    )
    parser.add_argument("--version", action="version", version=f"segur-devis {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    check = commands.add_parser(
        "check", help="vérifier un ou plusieurs devis (.txt, .pdf, dossier, ou - pour l’entrée standard)"
    )
    check.add_argument("paths", nargs="+", metavar="PATH")
    check.add_argument("--format", choices=("text", "json", "sarif"), default="text")
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
    return _check(args.paths, args.format, args.select, args.ignore, args.today)


def _check(
    paths: list[str], fmt: str, select: list[str] | None, ignore: list[str] | None, today: date | None
) -> int:
    reports: list[Report] = []
    unreadable = False
    for name, data in _inputs(paths):
        if data is None:
            unreadable = True
            continue
        try:
            reports.append(check_bytes(data, filename=name, select=select, ignore=ignore, today=today))
        except InputError as exc:
            print(f"segur-devis : {name} : {exc}", file=sys.stderr)
            unreadable = True
    if fmt == "json" and reports:
        sys.stdout.write(to_json(reports))
    elif fmt == "sarif":
        sys.stdout.write(to_sarif(reports, version=__version__))
    elif fmt == "text":
        sys.stdout.write("\n".join(to_text(r) for r in reports))
        if len(reports) > 1:
            sys.stdout.write("\n" + _summary_table(reports))
    if unreadable:
        return EXIT_USAGE
    bad = any(r.verdict in ("non_conforme", "non_reconnu") for r in reports)
    return EXIT_NON_COMPLIANT if bad else EXIT_OK


def _inputs(paths: list[str]) -> Iterator[tuple[str, bytes | None]]:
    """(name, content) for each quote; a folder yields its .txt and .pdf files; None marks an unreadable path."""
    for raw in paths:
        if raw == "-":
            yield "<entrée standard>", sys.stdin.buffer.read()
            continue
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in QUOTE_SUFFIXES)
            if not files:
                print(f"segur-devis : {raw} : aucun devis (.txt ou .pdf) dans ce dossier", file=sys.stderr)
                yield raw, None
            for file in files:
                yield from _read(file)
        else:
            yield from _read(path)


def _read(path: Path) -> Iterator[tuple[str, bytes | None]]:
    try:
        yield str(path), path.read_bytes()
    except OSError as exc:
        reason = "fichier introuvable" if isinstance(exc, FileNotFoundError) else "fichier illisible"
        print(f"segur-devis : {path} : {reason}", file=sys.stderr)
        yield str(path), None


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
