"""Fixtures shared across test folders. Keep this small: folder conftests hold the rest."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from site_builder.config import load_config
from tests.support.sites import REPO, make_site, run_cli


# What `-m "not slow"` leaves out (README, "Two commands"): node-id prefixes (a folder, a file or
# one test) -> why. Tests marked `browser` (headless Chromium) are slow as well. This table is the
# one place that says what is slow; the full run (`bash scripts/test.sh`) runs everything.
SLOW: dict[str, str] = {
    "tests/bench/": "builds a 100-article corpus with each tool",
    "tests/build/test_dates_aliases_corrections.py": "a dozen CLI builds, some of the example site",
    "tests/build/test_news_and_related.py": "CLI builds and rebuilds after edits",
    "tests/build/test_model_reuse.py": "CLI rebuilds after edits, each against a build from scratch",
    "tests/hostile/": "a CLI build per hostile input, builds killed mid-way, 1,000-example properties",
    "tests/ingest/test_cli.py": "ingest and build through the CLI, 16 runs",
    "tests/publish/test_output_folder.py": "CLI builds into other folders, one beside serve",
    "tests/publish/test_packaging.py::test_the_wheel_holds_the_package_and_its_data":
        "builds a wheel (pip fetches setuptools)",
    "tests/publish/test_pages_workflow.py::test_an_unchanged_site_has_the_same_fingerprint":
        "runs the Pages workflow's build steps three times",
    "tests/publish/test_pages_workflow.py::test_the_workflow_build_steps_publish_any_site":
        "runs the Pages workflow's build steps in a fresh checkout",
    "tests/reader/": "builds with Pagefind, then headless Chromium",
    "tests/serve/test_incremental.py::test_incremental_output_equals_a_clean_build":
        "hypothesis state machine: 25 runs of up to 6 builds each",
    "tests/serve/test_serve_beside_build.py": "starts `site-builder serve` beside CLI builds",
    "tests/serve/test_serve_rebuild.py": "starts `site-builder serve` and waits for rebuilds",
    "tests/serve/test_serve_search.py": "starts `site-builder serve` with search and waits for Pagefind",
    "tests/serve/test_server_hostile.py": "starts `site-builder serve` and sends it hostile requests",
    "tests/serve/test_server_security.py": "starts `site-builder serve`; malformed requests for seconds",
    "tests/serve/test_watch_and_server_units.py::test_new_folders_deletions_renames_and_config":
        "waits out the watcher's polling and debounce, several times",
    "tests/unit/test_smartquotes.py::test_prose_with_quotes_and_markup_renders_identically":
        "1,500 hypothesis examples",
    "tests/validity/test_output_validity.py": "every page through the Nu HTML Checker (Java)",
    "tests/validity/test_validators_selftest.py::test_vnu_": "starts the Nu HTML Checker (Java)",
}


def _check_a_full_run(config: pytest.Config, items: list[pytest.Item]) -> None:
    """A full run sees every test file (pytest's default norecursedirs once left out tests/build,
    and nothing said so), and every SLOW row names tests that exist (a renamed test would
    silently become fast)."""
    collected = {item.path for item in items}
    root = config.rootpath
    missing = [path.relative_to(root).as_posix() for path in sorted((root / "tests").rglob("test_*.py"))
               if path not in collected]
    if missing:
        raise pytest.UsageError(f"test files not collected by a full run: {', '.join(missing)}")
    unmatched = [prefix for prefix in SLOW if not any(item.nodeid.startswith(prefix) for item in items)]
    if unmatched:
        raise pytest.UsageError(f"tests/conftest.py SLOW names tests that do not exist: {unmatched}")


def _is_slow(item: pytest.Item) -> bool:
    return item.get_closest_marker("browser") is not None or item.nodeid.startswith(tuple(SLOW))


@pytest.hookimpl(tryfirst=True)   # before -m and -k deselect anything
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.args_source is pytest.Config.ArgsSource.TESTPATHS:
        _check_a_full_run(config, items)
    for item in items:
        if _is_slow(item):
            item.add_marker(pytest.mark.slow)


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
