"""The wheel Pyodide installs holds the run-time checker only: no build- or test-time module, no pydantic.

It is built by the site's own hook (pyodide_bundle.build_checker_wheel), the very wheel the site ships."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from pyodide_bundle import build_checker_wheel

# Imports the browser cannot satisfy: the wheel must name none of them (pypdf is its one, lazy, dependency).
BUILD_TIME_IMPORT = re.compile(
    r"^\s*(?:from|import)\s+(pydantic|mkdocs|pytest|playwright|data_schema)\b", re.M
)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    outdir = tmp_path_factory.mktemp("wheel")
    build_checker_wheel(outdir)
    (built,) = outdir.glob("segur_devis-*.whl")
    return zipfile.ZipFile(built)


def test_the_wheel_holds_the_checker_without_its_schema(wheel: zipfile.ZipFile) -> None:
    names = wheel.namelist()
    assert "segur_devis/check.py" in names and "segur_devis/data/reference.json" in names
    assert not [n for n in names if Path(n).stem in {"schema", "data_schema"}]
    assert all(n.startswith(("segur_devis/", "segur_devis-")) for n in names), names


def test_no_module_of_the_wheel_imports_a_build_time_package(wheel: zipfile.ZipFile) -> None:
    offenders = {
        name: match.group(1)
        for name in wheel.namelist()
        if name.endswith(".py")
        for match in [BUILD_TIME_IMPORT.search(wheel.read(name).decode("utf-8"))]
        if match
    }
    assert offenders == {}
