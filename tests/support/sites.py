"""The fixture site and the CLI, as the tests use them: one copy of each helper.

- REPO, FIXTURE_SITE: the checkout and the hand-written fixture site (tests/fixtures/site).
- THEME: the theme the tests build with: the repository's, or SITE_BUILDER_TEST_THEME to try
  another one against the same tests.
- make_site: a copy of the fixture site with THEME, for a test to change and build.
- run_cli: `python -m site_builder ARGS`, the way a user runs `site-builder ARGS`.
- interruptible: a preexec_fn for a subprocess the test stops with Ctrl-C (SIGINT).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
FIXTURE_SITE = REPO / "tests" / "fixtures" / "site"
THEME = Path(os.environ.get("SITE_BUILDER_TEST_THEME", REPO / "theme"))


@dataclass(frozen=True)
class Run:
    returncode: int
    stdout: str
    stderr: str


def interruptible() -> None:
    """Give the child Ctrl-C back: a suite started as a background job of a non-interactive
    shell runs with SIGINT ignored, the child would inherit that (Python then installs no
    KeyboardInterrupt), and a test that stops `serve` with SIGINT would wait for it in vain."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def run_cli(*args: str | Path, cwd: Path | None = None) -> Run:
    """Run `python -m site_builder ARGS` the way a user runs `site-builder ARGS`; a traceback on
    stderr fails the test whatever the exit code."""
    proc = subprocess.run([sys.executable, "-m", "site_builder", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=600)
    assert "Traceback" not in proc.stderr, proc.stderr
    return Run(proc.returncode, proc.stdout, proc.stderr)


def make_site(destination: Path) -> Path:
    """A copy of the fixture site using THEME (the project's own theme unless overridden)."""
    shutil.copytree(FIXTURE_SITE, destination)
    shutil.copytree(THEME, destination / "theme")
    return destination
