"""Fixtures for building the hand-written fixture site through the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest

# Re-exported for test files written before the helpers moved to tests/support/sites.py.
from tests.support.sites import FIXTURE_SITE, REPO, Run, make_site, run_cli  # noqa: F401


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Run]:
    site = make_site(tmp_path_factory.mktemp("built") / "site")
    result = run_cli("build", "--site", site)
    assert result.returncode == 0, result.stderr
    return site, result
