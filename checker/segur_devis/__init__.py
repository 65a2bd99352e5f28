"""Ségur Devis: checks that a Ségur numérique (SONS) quote respects the rules of State funding.

Standard library only at run time, so that it runs unchanged in the browser under Pyodide.

    >>> from segur_devis import check_text
    >>> report = check_text(open("devis.txt").read())
    >>> report.verdict, [f.code for f in report.findings]
"""

from segur_devis.check import check_bytes, check_pdf, check_text
from segur_devis.errors import InputError
from segur_devis.report import Evidence, Finding, Report, Severity, Verdict
from segur_devis.rules import RULES, Rule, get_rule
from segur_devis.versions import PACKAGE

__version__ = PACKAGE

__all__ = [
    "RULES",
    "Evidence",
    "Finding",
    "InputError",
    "Report",
    "Rule",
    "Severity",
    "Verdict",
    "check_bytes",
    "check_pdf",
    "check_text",
    "get_rule",
]
