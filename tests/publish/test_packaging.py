"""What pip installs is what the code needs: pyproject.toml's package data and dependencies
against the tree, and a wheel built from the checkout."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
import tomllib
import zipfile
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest
from packaging.requirements import Requirement

from tests.support.sites import REPO

PACKAGE = REPO / "site_builder"
PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
PACKAGE_DATA: list[str] = PYPROJECT["tool"]["setuptools"]["package-data"]["site_builder"]


def _data_files() -> list[Path]:
    """Files in the package that are not Python source or its bytecode."""
    return sorted(path for path in PACKAGE.rglob("*")
                  if path.is_file() and path.suffix not in (".py", ".pyc") and "__pycache__" not in path.parts)


def _imported_top_level_modules() -> set[str]:
    found: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_bytes(), filename=str(path))):
            if isinstance(node, ast.Import):
                found.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
    return found


@pytest.mark.parametrize("pattern", PACKAGE_DATA)
def test_every_package_data_pattern_names_files_that_exist(pattern: str) -> None:
    assert list(PACKAGE.glob(pattern)), f"package-data {pattern!r} matches nothing under site_builder/"


def test_every_data_file_in_the_package_is_in_package_data() -> None:
    shipped = {path for pattern in PACKAGE_DATA for path in PACKAGE.glob(pattern)}
    assert [p.relative_to(REPO).as_posix() for p in _data_files() if p not in shipped] == []


# Dependencies installed for a program they carry, not a module: the package finds their binary.
PROGRAM_DEPENDENCIES = {
    "pagefind": "its pagefind_bin wheel holds the binary pagefind_service.find_pagefind runs",
}


def test_every_runtime_dependency_is_imported_by_the_package() -> None:
    """A dependency nothing imports (nor runs) is a download (and a supply-chain risk) for nothing."""
    distribution_of: dict[str, set[str]] = {}
    for module, distributions in packages_distributions().items():
        for name in distributions:
            distribution_of.setdefault(name.lower().replace("_", "-"), set()).add(module)
    imported = _imported_top_level_modules()
    unused = []
    for spec in PYPROJECT["project"]["dependencies"]:
        name = Requirement(spec).name.lower().replace("_", "-")
        modules = distribution_of.get(name)
        assert modules, f"{name} is a dependency but is not installed in this environment"
        if not modules & imported and name not in PROGRAM_DEPENDENCIES:
            unused.append(name)
    assert unused == []


def test_the_wheel_holds_the_package_and_its_data(tmp_path: Path) -> None:
    # Built from a copy: an in-tree build leaves build/lib behind, and a module deleted since would
    # ride along into the next wheel from there.
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(REPO / name, source / name)
    shutil.copytree(PACKAGE, source / "site_builder", ignore=shutil.ignore_patterns("__pycache__"))
    # pip fetches the build backend pyproject.toml asks for (setuptools), as any install does.
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "-q",
                            "-w", str(tmp_path / "dist")], capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr
    (wheel,) = (tmp_path / "dist").glob("site_builder-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    wanted = [p.relative_to(REPO).as_posix() for p in [*PACKAGE.rglob("*.py"), *_data_files()]
              if "__pycache__" not in p.parts]
    assert [name for name in wanted if name not in names] == []
