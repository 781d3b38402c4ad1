"""The ingest quality scripts' command lines (their figures are the eval's, not tested here)."""

from __future__ import annotations

import importlib.util
import sys
import types
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"


def _load(name: str) -> types.ModuleType:
    spec = importlib.util.spec_from_file_location(f"_script_{name}", SCRIPTS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("argv", [["--table", "--folds", "6"], ["--folds", "6", "--table"],
                                  ["--table", "--folds=6"]])
def test_table_passes_its_options_to_ingest_eval(monkeypatch, argv: list[str]) -> None:
    # "--folds 6" once left the 6 to ingest_metrics' own DIR argument, and ingest_eval failed.
    seen: list[list[str]] = []
    fake = types.ModuleType("ingest_eval")
    fake.main = lambda: seen.append(list(sys.argv[1:])) or 0
    monkeypatch.setitem(sys.modules, "ingest_eval", fake)
    monkeypatch.setattr(sys, "argv", ["ingest_metrics.py", *argv])
    assert _load("ingest_metrics").main() == 0
    assert seen == [[a for a in argv if a != "--table"]]
