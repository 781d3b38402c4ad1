"""Fixtures for building the hand-written fixture site through the CLI."""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
FIXTURE_SITE = REPO / "tests" / "fixtures" / "site"


@dataclass(frozen=True)
class Run:
    returncode: int
    stdout: str
    stderr: str


def run_cli(*args: str | Path, cwd: Path | None = None) -> Run:
    """Run `python -m site_builder ARGS` the way a user runs `site-builder ARGS`."""
    proc = subprocess.run([sys.executable, "-m", "site_builder", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=600)
    assert "Traceback" not in proc.stderr, proc.stderr
    return Run(proc.returncode, proc.stdout, proc.stderr)


def make_site(destination: Path) -> Path:
    """A copy of the fixture site using the project's own theme."""
    shutil.copytree(FIXTURE_SITE, destination)
    shutil.copytree(REPO / "theme", destination / "theme")
    return destination


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Run]:
    site = make_site(tmp_path_factory.mktemp("built") / "site")
    result = run_cli("build", "--site", site)
    assert result.returncode == 0, result.stderr
    return site, result
