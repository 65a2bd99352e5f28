"""The guidance site's tests read the session's one strict build (`built_site`, tests/conftest.py) as `site`."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def site(built_site: Path) -> Path:
    return built_site
