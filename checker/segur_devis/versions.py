"""The versions a report names, so that a printed or filed report says which rules and which data judged it."""

from __future__ import annotations

from segur_devis.reference import load

# The package version: bumped at each release (CHANGELOG.md says which rules changed).
PACKAGE = "0.2.0"
# The rule catalogue's version: the release that last changed a rule's behaviour.
RULES = PACKAGE


def data_version() -> str:
    """The reference data's version (the date of its last review of the sources)."""
    return str(load()["version"])


def version_line() -> str:
    """What `segur-devis --version` and the CI reports print: the three versions, in French."""
    return f"segur-devis {PACKAGE} (règles {RULES}, données de référence {data_version()})"
