"""Fixtures shared across test folders. Keep this small: folder conftests hold the rest."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from site_builder.config import load_config
from tests.support.sites import REPO, make_site, run_cli


@dataclass(frozen=True)
class BuiltSite:
    site: Path        # the site folder (config.yaml, content/, theme/)
    output: Path      # its built output/
    site_url: str     # what it was built for


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The fixture site (tests/fixtures/site + the repo's theme), built once per session.

    Read-only for tests: copy `output` before changing anything in it.
    """
    site = make_site(tmp_path_factory.mktemp("fixture-built") / "site")
    result = run_cli("build", "--site", site)
    assert result.returncode == 0, result.stderr
    return BuiltSite(site=site, output=site / "output", site_url=load_config(site).site_url)


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The repository's own example site (config.yaml, content/digests, theme/), ingested and
    built in a copy so the test run leaves the work tree as it was."""
    site = tmp_path_factory.mktemp("example-built") / "site"
    site.mkdir()
    shutil.copy2(REPO / "config.yaml", site / "config.yaml")
    shutil.copytree(REPO / "content", site / "content")
    shutil.copytree(REPO / "theme", site / "theme")
    output = tmp_path_factory.mktemp("example-output") / "output"
    result = run_cli("build", "--site", site, "--output", output)
    assert result.returncode == 0, result.stderr
    return BuiltSite(site=site, output=output, site_url=load_config(site).site_url)
